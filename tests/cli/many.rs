//! Many inputs in one call with --out-dir: per-file outputs, combined summary, worst exit.

use crate::harness::{code, stderr, Workdir};

fn many(w: &Workdir, inputs: &[&str], extra: &[&str]) -> std::process::Output {
    w.cmd()
        .arg("convert")
        .args(inputs)
        .args(["--out-dir", "out", "--quiet", "--phone-check", "format"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn each_file_gets_its_outputs_and_summary_plus_a_combined_one() {
    let w = Workdir::new();
    w.write("a.csv", "number\n+14155550100\nbad\n");
    w.write("data/b.csv", "number\n+14155550101\n+14155550102\n");
    let o = many(&w, &["a.csv", "data/b.csv"], &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for f in [
        "a.jsonl",
        "a.rejects.csv",
        "a.summary.json",
        "b.jsonl",
        "b.rejects.csv",
        "b.summary.json",
        "summary.json",
    ] {
        assert!(w.exists(&format!("out/{f}")), "{f}");
    }
    assert_eq!(w.jsonl("out/b.jsonl").len(), 2);
    let a: serde_json::Value = serde_json::from_str(&w.read("out/a.summary.json")).unwrap();
    assert_eq!(a["rejected"], 1);
    let all: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(all["rows"], 4);
    assert_eq!(all["valid"], 3);
    assert_eq!(all["files"].as_array().unwrap().len(), 2);
    assert_eq!(all["files"][0]["status"], "ok");
    assert_eq!(all["exit_code"], 0);
}

#[test]
fn a_bad_file_does_not_stop_the_others_and_the_worst_exit_wins() {
    let w = Workdir::new();
    w.write("a.csv", "number\nbad\nbad2\n");
    w.write("c.csv", "number\n+14155550100\n");
    // A threshold exceeded in one file: exit 3.
    let o = many(&w, &["a.csv", "c.csv"], &["--max-rejects", "1"]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let all: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(all["files"][0]["status"], "threshold_exceeded");
    assert_eq!(all["threshold_exceeded"], true);
    assert_eq!(all["thresholds"]["max_rejects"], 1, "{all}");
    // Per file, as documented: two files with one reject each stay under 1.
    w.write(
        "b.csv",
        "number
bad
+14155550101
",
    );
    w.write(
        "d.csv",
        "number
bad
+14155550102
",
    );
    let o = many(&w, &["b.csv", "d.csv"], &["--max-rejects", "1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // A missing file as well: exit 1, and the good file is still converted.
    std::fs::remove_dir_all(w.path("out")).unwrap();
    let o = many(
        &w,
        &["a.csv", "missing.csv", "c.csv"],
        &["--max-rejects", "1"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("missing.csv"));
    assert!(w.exists("out/c.jsonl") && w.exists("out/a.jsonl"));
    assert!(!w.exists("out/missing.jsonl"));
    let all: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(all["files"][1]["status"], "failed");
    assert_eq!(all["failed"], 1);
    assert_eq!(all["exit_code"], 1);
}

#[test]
fn usage_errors_for_many_inputs() {
    let w = Workdir::new();
    w.write("x/a.csv", "number\n+14155550100\n");
    w.write("y/a.csv.gz", "number\n+14155550100\n");
    w.write("b.csv", "number\n+14155550100\n");
    // Several inputs need --out-dir.
    let o = w
        .cmd()
        .args(["convert", "x/a.csv", "b.csv", "-o", "o.jsonl"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    // --out-dir and --output together.
    let o = many(&w, &["b.csv"], &["-o", "o.jsonl"]);
    assert_eq!(code(&o), 2);
    // One input needs --output or --out-dir.
    let o = w.cmd().args(["convert", "b.csv"]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(!w.exists("out"));
}

#[test]
fn two_inputs_with_one_stem_fail_alone_and_the_others_run() {
    // Audit 9: `b.csv` beside `b.csv.gz` (yesterday's file left next to
    // today's) refused the whole night with exit 2, nothing converted.
    let w = Workdir::new();
    w.write("in/a.csv", "number\n+14155550100\n");
    w.write("in/b.csv", "number\n+14155550101\n");
    w.write("in/b.csv.gz", "number\n+14155550102\n");
    w.write("out/b.jsonl", "yesterday\n");
    let o = many(&w, &["in/a.csv", "in/b.csv", "in/b.csv.gz"], &[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in/b.csv and in/b.csv.gz have the stem `b`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(w.jsonl("out/a.jsonl").len(), 1, "the others run");
    assert!(
        !w.exists("out/b.jsonl"),
        "a failed file keeps no earlier output"
    );
    let all: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    let status: Vec<&str> = all["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["ok", "failed", "failed"]);
    assert_eq!(all["exit_code"], 1);
}

#[test]
fn messages_for_a_file_as_out_dir_and_null_paths_for_failed_files() {
    // Audit 9: `--out-dir afile` said "File exists (os error 17)", and the
    // run summary listed outputs a failed file does not have.
    let w = Workdir::new();
    w.write("a.csv", "number\n+14155550100\n");
    w.write("afile", "not a folder\n");
    let o = many(&w, &["a.csv"], &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = w
        .cmd()
        .args(["convert", "a.csv", "--out-dir", "afile", "-q"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("afile is a file, not a folder"),
        "{}",
        stderr(&o)
    );
    w.write("e.csv", "");
    let o = many(&w, &["a.csv", "e.csv"], &[]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let all: serde_json::Value = serde_json::from_str(&w.read("out/summary.json")).unwrap();
    assert_eq!(all["files"][0]["output"], "out/a.jsonl");
    assert_eq!(all["files"][1]["status"], "failed");
    assert!(all["files"][1]["output"].is_null() && all["files"][1]["rejects"].is_null());
}

#[test]
fn the_run_summary_may_not_replace_an_input_the_config_or_a_files_output() {
    // Checked only in single-file mode before: --out-dir runs overwrote (and,
    // removing an earlier summary first, deleted) these with exit 0 or 1.
    let w = Workdir::new();
    w.write("a.csv", "number\n+14155550100\n");
    w.write("b.csv", "number\n+14155550101\n");
    w.write("team.toml", "phone_check = \"format\"\n");
    for (summary, clash) in [
        ("a.csv", "input file"),
        ("team.toml", "--config file"),
        ("out/b.jsonl", "JSONL output"),
    ] {
        let o = many(
            &w,
            &["a.csv", "b.csv"],
            &["--config", "team.toml", "--summary-json", summary],
        );
        assert_eq!(code(&o), 2, "{summary}: {}", stderr(&o));
        assert!(stderr(&o).contains(clash), "{summary}: {}", stderr(&o));
    }
    assert_eq!(w.read("a.csv"), "number\n+14155550100\n");
    assert_eq!(w.read("team.toml"), "phone_check = \"format\"\n");
    assert!(
        !w.path("od/a.jsonl").exists(),
        "refused before any file ran"
    );
}

#[test]
fn a_file_that_fails_on_a_rerun_keeps_no_outputs_of_the_earlier_run() {
    // The earlier run's x.jsonl and an x.summary.json saying
    // it finished stayed beside this run's outputs, as if current.
    let w = Workdir::new();
    w.write("a.csv", "number\n+14155550100\n");
    w.write("x.csv", "number\n+14155550101\nbad\n");
    let o = many(&w, &["a.csv", "x.csv"], &["--summary-json", "run.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for f in ["x.jsonl", "x.rejects.csv", "x.summary.json"] {
        assert!(w.exists(&format!("out/{f}")), "{f}");
    }
    w.write("x.csv", "");
    let o = many(&w, &["a.csv", "x.csv"], &["--summary-json", "run.json"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    for f in ["x.jsonl", "x.rejects.csv", "x.summary.json"] {
        assert!(!w.exists(&format!("out/{f}")), "{f} is the earlier run's");
    }
    assert!(stderr(&o).contains("removed the earlier run's outputs of the failed file"));
    assert_eq!(w.read("out/a.jsonl"), "{\"number\":\"+14155550100\"}\n");
    let s: serde_json::Value = serde_json::from_str(&w.read("run.json")).unwrap();
    assert_eq!(s["files"][1]["status"], "failed");
    // Fixed, the file has its outputs again.
    w.write("x.csv", "number\n+14155550101\n");
    let o = many(&w, &["a.csv", "x.csv"], &["--summary-json", "run.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.exists("out/x.jsonl"));
}

#[test]
fn an_input_that_is_another_inputs_output_is_refused_before_anything_is_touched() {
    // The fixed rejects file fed back beside the fresh
    // export was overwritten by the export's new rejects (or removed as
    // stale when the export failed).
    let w = Workdir::new();
    w.write("x.csv", "number,name\n+14155550100,a\nbad,b\n");
    assert_eq!(code(&many(&w, &["x.csv"], &[])), 0);
    let fixed = w
        .read("out/x.rejects.csv")
        .replace(",bad,", ",+14155550101,");
    w.write("out/x.rejects.csv", &fixed);
    for inputs in [
        ["x.csv", "out/x.rejects.csv"],
        ["out/x.rejects.csv", "x.csv"],
    ] {
        let o = many(&w, &inputs, &[]);
        assert_eq!(code(&o), 2, "{inputs:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("this input is the rejects file of x.csv in --out-dir"),
            "{}",
            stderr(&o)
        );
        assert_eq!(w.read("out/x.rejects.csv"), fixed, "untouched");
    }
    // Emptied, x.csv would fail: still refused first, nothing removed.
    w.write("x.csv", "");
    assert_eq!(code(&many(&w, &["x.csv", "out/x.rejects.csv"], &[])), 2);
    assert_eq!(w.read("out/x.rejects.csv"), fixed);
    // On its own the fixed file converts, into outputs of its own stem.
    let o = many(&w, &["out/x.rejects.csv"], &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.read("out/x.rejects.jsonl").contains("+14155550101"));
}

#[test]
fn a_rerun_without_warnings_removes_the_earlier_runs_warnings_file() {
    // The x.warnings.csv of a run with --warnings stayed beside
    // the outputs of a later run without it, listing rows of an older file.
    let w = Workdir::new();
    w.write("x.csv", "number\n+14155550100\n+14155550100\n");
    let o = many(&w, &["x.csv"], &["--warnings", "ignored.csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.read("out/x.warnings.csv").contains("duplicate"));
    // Fed back on its own, the old list would be removed by its own run: refused.
    let o = many(&w, &["x.csv", "out/x.warnings.csv"], &[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("this input is the warnings file of x.csv"),
        "{}",
        stderr(&o)
    );
    assert!(w.exists("out/x.warnings.csv"));
    let o = many(&w, &["x.csv"], &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!w.exists("out/x.warnings.csv"), "the earlier run's list");
    assert!(
        stderr(&o).contains("an earlier run's warnings file (this run has no --warnings)"),
        "{}",
        stderr(&o)
    );
    // A failed file loses it too, with its other outputs.
    let o = many(&w, &["x.csv"], &["--warnings", "w.csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    w.write("x.csv", "");
    assert_eq!(code(&many(&w, &["x.csv"], &[])), 1);
    assert!(!w.exists("out/x.warnings.csv"));
}
