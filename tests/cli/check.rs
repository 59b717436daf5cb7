//! `csv2dto check`: validation without writing, a readable report, exit 0/3.

use crate::harness::{code, stderr, Workdir};

#[test]
fn check_reports_rejects_writes_nothing_and_exits_3() {
    let w = Workdir::new();
    w.write("in.csv", "number,name\n+14155550100,Ana\nbad,Bob\n");
    let o = w
        .cmd()
        .args(["check", "in.csv", "--phone-check", "format"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("2 rows read, 1 valid, 1 rejected"), "{out}");
    assert!(out.contains("LINE") && out.contains("CODES"), "{out}");
    let row = out
        .lines()
        .find(|l| l.contains("number_has_letters") && l.trim_start().starts_with('3'));
    assert!(row.is_some(), "a table row for line 3: {out}");
    assert_eq!(w.names(), vec!["in.csv"], "check writes no file");
}

#[test]
fn check_exits_0_when_nothing_is_rejected() {
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\n");
    let o = w
        .cmd()
        .args(["check", "in.csv", "--phone-check", "format"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(String::from_utf8(o.stdout)
        .unwrap()
        .contains("No rows rejected"));
}

#[test]
fn check_json_lists_the_first_20_rejects() {
    let w = Workdir::new();
    let mut data = String::from("number\n");
    for i in 0..30 {
        data += &format!("bad{i}\n");
    }
    w.write("in.csv", &data);
    let o = w
        .cmd()
        .args([
            "check",
            "in.csv",
            "--phone-check",
            "format",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&o), 3);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["summary"]["rejected"], 30);
    let first = v["first_rejects"].as_array().unwrap();
    assert_eq!(first.len(), 20);
    assert_eq!(first[0]["line"], 2);
    assert_eq!(first[0]["codes"][0], "number_has_letters");
    assert!(first[0]["messages"][0]
        .as_str()
        .unwrap()
        .starts_with("number: "));
}

#[test]
fn check_fatal_and_usage_errors() {
    let w = Workdir::new();
    assert_eq!(
        code(&w.cmd().args(["check", "missing.csv"]).output().unwrap()),
        1
    );
    assert_eq!(
        code(
            &w.cmd()
                .args(["check", "x.csv", "--format", "xml"])
                .output()
                .unwrap()
        ),
        2
    );
}

#[test]
fn check_json_says_why_on_stdout_when_the_file_cannot_be_checked() {
    // A script piping `check --format json` into a parser got nothing at all.
    let w = Workdir::new();
    let o = w
        .cmd()
        .args(["check", "missing.csv", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["exit_code"], 1);
    assert!(v["error"].as_str().unwrap().contains("missing.csv"), "{v}");
}
