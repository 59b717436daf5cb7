//! README's promises: its set-up commands are the ones that work and that CI runs.

use std::fs;

use crate::harness::{code, copy_sample, root, stderr, Workdir};

/// The shell commands in the code blocks of README's "Set up" section.
fn setup_commands() -> Vec<String> {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.split("## Set up").nth(1).expect("a Set up section");
    let section = section.split("\n## ").next().unwrap();
    section
        .split("```sh\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().trim().to_string())
        .collect()
}

#[test]
fn setup_has_exactly_two_commands_and_ci_runs_the_second() {
    let cmds = setup_commands();
    assert_eq!(cmds.len(), 2, "{cmds:?}");
    assert!(
        cmds[0].starts_with("cargo run --release -- convert samples/"),
        "{}",
        cmds[0]
    );
    let ci = fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == cmds[1]),
        ".ci/run must run `{}`",
        cmds[1]
    );
}

#[test]
fn the_setup_convert_command_works_on_the_shipped_sample() {
    let cmds = setup_commands();
    let args: Vec<&str> = cmds[0]
        .split(" -- ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    let w = Workdir::new();
    let sample = args[1].strip_prefix("samples/").unwrap();
    fs::create_dir_all(w.path("samples")).unwrap();
    let copied = copy_sample(&w, sample);
    fs::rename(&copied, w.path(args[1])).unwrap();
    let o = w.cmd().args(&args).output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!w.read("out/customers.jsonl").is_empty());
    assert!(w.read("out/rejects.csv").starts_with("_line,_errors,"));
}
