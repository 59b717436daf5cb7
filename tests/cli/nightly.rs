//! Unattended runs: thresholds and exit 3, the summary's contents, progress logs.

use crate::harness::{code, stderr, Workdir};

const FMT: &[&str] = &["--phone-check", "format"];
const INPUT: &str = "number,name\n+14155550100,Ana\nbad,Bob\n+14155550101,Cy\nworse,Di\n";

fn summary(w: &Workdir) -> serde_json::Value {
    serde_json::from_str(&w.read("summary.json")).unwrap()
}

#[test]
fn max_rejects_exceeded_writes_everything_and_exits_3() {
    let w = Workdir::new();
    w.write("in.csv", INPUT);
    let o = w.convert(
        "in.csv",
        &[
            "--phone-check",
            "format",
            "--max-rejects",
            "1",
            "--summary-json",
            "summary.json",
        ],
    );
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 2);
    assert_eq!(w.csv_rows("rejects.csv").len(), 3);
    let s = summary(&w);
    assert_eq!(s["threshold_exceeded"], true);
    assert_eq!(s["thresholds"]["max_rejects"], 1);

    let o = w.convert(
        "in.csv",
        &[
            "--phone-check",
            "format",
            "--max-rejects",
            "2",
            "--summary-json",
            "summary.json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(summary(&w)["threshold_exceeded"], false);
}

#[test]
fn max_reject_rate_is_a_fraction_of_rows() {
    let w = Workdir::new();
    w.write("in.csv", INPUT);
    let mut args = FMT.to_vec();
    args.extend(["--max-reject-rate", "0.5"]);
    assert_eq!(code(&w.convert("in.csv", &args)), 0);
    args[3] = "0.49";
    let o = w.convert("in.csv", &args);
    assert_eq!(code(&o), 3);
    assert!(w.exists("out.jsonl") && w.exists("rejects.csv"));
    // Not a fraction: bad usage.
    args[3] = "2";
    assert_eq!(code(&w.convert("in.csv", &args)), 2);
}

#[test]
fn threshold_is_reported_on_stderr() {
    let w = Workdir::new();
    w.write("in.csv", INPUT);
    let o = w
        .cmd()
        .args(["convert", "in.csv", "-o", "out.jsonl", "--max-rejects", "0"])
        .args(FMT)
        .output()
        .unwrap();
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).contains("threshold exceeded"), "{}", stderr(&o));
}

#[test]
fn summary_holds_version_times_options_encoding_codes_and_sha256() {
    let w = Workdir::new();
    w.write("in.csv", INPUT);
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "summary.json"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s = summary(&w);
    assert_eq!(s["version"], env!("CARGO_PKG_VERSION"));
    for key in ["started_at", "finished_at"] {
        let t = s[key].as_str().unwrap();
        assert!(
            t.len() >= 20 && t.ends_with('Z') && t.contains('T'),
            "{key}: {t}"
        );
    }
    assert!(s["started_at"].as_str() <= s["finished_at"].as_str());
    assert_eq!(s["options"]["phone_check"], "format");
    assert_eq!(s["options"]["extra_columns"], "variables");
    assert_eq!(s["options"]["rejects_excel_safe"], false);
    assert_eq!(s["encoding"], "UTF-8");
    assert_eq!(s["delimiter"], ",");
    assert_eq!(s["reject_codes"]["number_has_letters"], 2);
    assert_eq!(s["reject_first_line"]["number_has_letters"], 3);
    assert!(s["warnings"].is_object(), "warnings object present");
    // sha256 of "number,name\n+14155550100,Ana\nbad,Bob\n+14155550101,Cy\nworse,Di\n"
    let expected = sha256_hex(INPUT.as_bytes());
    assert_eq!(s["input_sha256"], expected.as_str());
}

/// A tiny SHA-256 via the system's sha256sum, so the test does not trust our own code.
fn sha256_hex(bytes: &[u8]) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("sha256sum");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_string()
}

#[test]
fn summary_is_written_last_and_only_when_finished() {
    let w = Workdir::new();
    w.write("in.csv", INPUT);
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "summary.json"],
    );
    assert_eq!(code(&o), 0);
    let modified = |n: &str| std::fs::metadata(w.path(n)).unwrap().modified().unwrap();
    assert!(modified("summary.json") >= modified("out.jsonl"));
    assert!(modified("summary.json") >= modified("rejects.csv"));
    // A run that fails (unmappable header) leaves no summary.
    std::fs::remove_file(w.path("summary.json")).unwrap();
    w.write("bad.csv", "foo\n1\n");
    let o = w.convert(
        "bad.csv",
        &["--extra-columns", "error", "--summary-json", "summary.json"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(!w.exists("summary.json"));
}

#[test]
fn progress_log_prints_plain_lines_to_stderr() {
    let w = Workdir::new();
    w.write("in.csv", INPUT);
    let o = w
        .cmd()
        .args([
            "convert",
            "in.csv",
            "-o",
            "out.jsonl",
            "--quiet",
            "--progress",
            "log",
        ])
        .args(FMT)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    let err = stderr(&o);
    let line = err
        .lines()
        .find(|l| l.contains("rows/s"))
        .unwrap_or_else(|| panic!("no progress line: {err:?}"));
    assert!(
        line.contains("bytes read") && line.contains("4 rows") && line.contains("2 rejected"),
        "{line}"
    );
    assert!(
        line.contains(": done: "),
        "the last line of a finished run: {line}"
    );
    assert!(
        !err.contains('\u{1b}') && !err.contains('\r'),
        "plain text: {err:?}"
    );
}

#[test]
fn jsonl_to_a_closed_stdout_fails_instead_of_losing_every_row() {
    // A job started with stdout closed: the runtime puts /dev/null there and
    // every write "succeeds". Exit 1, nothing put in place; a redirection to
    // /dev/null is meant and still works.
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\nbad\n");
    let bin = assert_cmd::cargo::cargo_bin("csv2dto");
    let run = |redirect: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "exec \"$0\" convert in.csv -o - -r rejects.csv --phone-check format {redirect}"
            ))
            .arg(&bin)
            .current_dir(w.path(""))
            .output()
            .unwrap()
    };
    for redirect in [">&-", "1</dev/null"] {
        let o = run(redirect);
        assert_eq!(code(&o), 1, "{redirect}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("standard output is closed"),
            "{}",
            stderr(&o)
        );
        assert!(!w.path("rejects.csv").exists(), "no output put in place");
    }
    // Named as a path, stdout is checked the same way.
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" convert in.csv -o /dev/stdout -r rejects.csv --phone-check format >&-")
        .arg(&bin)
        .current_dir(w.path(""))
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/stdout"), "{}", stderr(&o));
    let o = run(">/dev/null");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.path("rejects.csv").exists());
    // A closed stdin is said to be closed, not "the file is empty" (audit 9).
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" convert - -o o.jsonl <&-")
        .arg(&bin)
        .current_dir(w.path(""))
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("standard input is closed"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn summary_json_dash_is_stdout_unless_the_jsonl_is_there() {
    // `-` was taken as a file named `-`.
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\nbad\n");
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--summary-json", "-"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (s["valid"].as_u64(), s["rejected"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(!w.path("-").exists());
    let o = w
        .cmd()
        .args(["convert", "in.csv", "-o", "-", "--summary-json", "-"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("both write to stdout"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn progress_bar_is_drawn_where_stderr_is_not_a_terminal_and_auto_is_not() {
    // `bar` is "always a bar"; `auto` draws one only on a terminal (stderr
    // is a pipe here). The bar shows bytes read against the file size.
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\n+14155550101\n");
    let run = |mode: &str| {
        w.cmd()
            .args([
                "convert",
                "in.csv",
                "-o",
                "out.jsonl",
                "--phone-check",
                "format",
            ])
            .args(["--progress", mode])
            .output()
            .unwrap()
    };
    let o = run("bar");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in.csv [") && stderr(&o).contains(" B/"),
        "{}",
        stderr(&o)
    );
    let o = run("auto");
    assert!(!stderr(&o).contains(" B/"), "{}", stderr(&o));
}
