//! Files as people really export them: duplicates, warnings (issue 3).

use crate::harness::{code, stderr, Workdir};

#[test]
fn dedupe_keeps_the_first_row_and_names_its_line() {
    let w = Workdir::new();
    w.write("in.csv", "number,email\n+14155550100,a@x.io\n+1 415 555 0100,b@x.io\n+14155550101,A@X.io\n+14155550102,a@x.io\n");
    let o = w.convert("in.csv", &["--phone-check", "format", "--dedupe", "number"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 3);
    let rows = w.csv_rows("rejects.csv");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "3");
    assert_eq!(
        rows[1][1],
        "number:duplicate: same number as line 2, which was kept"
    );
    // Email keys compare case-insensitively; composite keys need every field equal.
    let o = w.convert("in.csv", &["--phone-check", "format", "--dedupe", "email"]);
    assert_eq!(code(&o), 0);
    let lines: Vec<String> = w.csv_rows("rejects.csv")[1..]
        .iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(lines, vec!["4", "5"]);
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--dedupe", "number,email"],
    );
    assert_eq!(code(&o), 0);
    assert_eq!(w.csv_rows("rejects.csv").len(), 1, "no row repeats both");
    assert_eq!(code(&w.convert("in.csv", &["--dedupe", "phone"])), 2);
}

#[test]
fn without_dedupe_duplicates_pass_and_are_counted_as_warnings() {
    let w = Workdir::new();
    w.write("in.csv", "number,email,account tier\n+14155550100,ana@example.com,gold\n+14155550100,not-an-email,\n");
    let o = w.convert(
        "in.csv",
        &[
            "--phone-check",
            "format",
            "--summary-json",
            "s.json",
            "--warnings",
            "warn.csv",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 2);
    let s: serde_json::Value = serde_json::from_str(&w.read("s.json")).unwrap();
    assert_eq!(
        s["warnings"],
        serde_json::json!({"duplicate": 1, "email_syntax": 1, "variable_name_has_space": 1})
    );
    assert_eq!(s["warning_first_line"]["duplicate"], 3);
    assert_eq!(s["warning_first_line"]["variable_name_has_space"], 1);
    let rows = w.csv_rows("warn.csv");
    assert_eq!(
        rows[0],
        vec!["_line", "_warnings", "number", "email", "account tier"]
    );
    assert_eq!(rows.len(), 2);
    assert!(
        rows[1][1].contains("email:email_syntax:")
            && rows[1][1].contains("number+sipUri:duplicate: same number+sipUri as line 2"),
        "{}",
        rows[1][1]
    );
}

#[test]
fn a_warnings_file_feeds_back_in_like_a_rejects_file() {
    let w = Workdir::new();
    w.write("in.csv", "_line,_warnings,number\n3,x,+14155550100\n");
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "{\"number\":\"+14155550100\"}\n");
}
