//! `csv2dto convert`: the command-line contract of the core converter.

use std::fs;

use crate::harness::{code, copy_sample, stderr, Workdir};

const FMT: &[&str] = &["--phone-check", "format"];

#[test]
fn sample_converts_with_every_reject_reason_and_exit_0() {
    let w = Workdir::new();
    copy_sample(&w, "customers.csv");
    let o = w.convert("customers.csv", &["--summary-json", "summary.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let summary: serde_json::Value = serde_json::from_str(&w.read("summary.json")).unwrap();
    let rows = summary["rows"].as_u64().unwrap();
    let valid = summary["valid"].as_u64().unwrap();
    let rejected = summary["rejected"].as_u64().unwrap();
    assert_eq!(rows, valid + rejected);
    assert_eq!(valid as usize, w.jsonl("out.jsonl").len());
    assert_eq!(rejected as usize, w.csv_rows("rejects.csv").len() - 1);
    let codes = summary["reject_codes"].as_object().unwrap();
    for code in [
        "number_not_e164",
        "number_invalid",
        "number_excel_scientific",
        "number_has_letters",
        "extension_conflict",
        "invalid_region",
        "name_too_long",
        "email_too_long",
        "external_id_too_long",
        "extension_too_long",
        "invalid_sip_uri",
        "missing_destination",
        "invalid_boolean",
        "invalid_json",
        "overrides_not_object",
        "unknown_override_key",
        "invalid_override_value",
        "ragged_row",
    ] {
        assert!(codes.contains_key(code), "sample lacks {code}: {codes:?}");
    }
    for key in [
        "rows",
        "valid",
        "rejected",
        "reject_codes",
        "elapsed_ms",
        "input",
        "output",
        "rejects",
    ] {
        assert!(summary.get(key).is_some(), "summary lacks {key}");
    }
    assert_eq!(summary["blank_lines"], 1);
}

#[test]
fn human_summary_on_stderr_unless_quiet() {
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\n4155550101\n");
    let o = w
        .cmd()
        .args(["convert", "in.csv", "-o", "out.jsonl"])
        .args(FMT)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(err.contains("2 rows read, 1 valid, 1 rejected"), "{err}");
    assert!(
        err.contains("number_not_e164") && err.contains("rows/s"),
        "{err}"
    );
    let quiet = w.convert("in.csv", FMT);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn stdin_and_stdout() {
    let w = Workdir::new();
    let o = w
        .cmd()
        .args(["convert", "-", "--output", "-", "--quiet"])
        .args(FMT)
        .write_stdin("phone,name\n+14155550100,Ana\nnope,Bob\n")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "{\"number\":\"+14155550100\",\"name\":\"Ana\"}\n"
    );
    // Rejects of stdin-to-stdout go to the current folder.
    assert!(w.read("stdin.rejects.csv").contains("nope,Bob"));
}

#[test]
fn default_rejects_path_is_beside_the_output_or_the_input() {
    let w = Workdir::new();
    w.write("data/list.csv", "number\nbad\n");
    let o = w
        .cmd()
        .args(["convert", "data/list.csv", "-o", "out/cust.jsonl", "-q"])
        .args(FMT)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.read("out/cust.rejects.csv").contains("bad"));
    let o = w
        .cmd()
        .args(["convert", "data/list.csv", "-o", "-", "-q"])
        .args(FMT)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0);
    assert!(w.read("data/list.rejects.csv").contains("bad"));
}

#[test]
fn help_shows_examples_exit_codes_and_the_rejects_default() {
    let w = Workdir::new();
    let o = w.cmd().args(["convert", "--help"]).output().unwrap();
    let help = String::from_utf8(o.stdout.clone()).unwrap();
    assert_eq!(code(&o), 0);
    for needle in [
        "Examples:",
        "Exit codes:",
        "rejects.csv beside",
        "--jobs",
        "--chunk-size",
        "--map",
    ] {
        assert!(help.contains(needle), "help lacks {needle}");
    }
}

#[test]
fn exit_codes_usage_fatal_and_success() {
    let w = Workdir::new();
    assert_eq!(
        code(
            &w.cmd()
                .args(["convert", "x.csv", "--bogus"])
                .output()
                .unwrap()
        ),
        2
    );
    assert_eq!(
        code(
            &w.cmd()
                .args(["convert", "x.csv", "-o", "o.jsonl", "--jobs", "0"])
                .output()
                .unwrap()
        ),
        2
    );
    // Values that would hang, exhaust memory or overflow:
    // refused before anything is read, naming the range.
    w.write("x.csv", "number\n+14155550100\n");
    for (flag, value) in [
        ("--jobs", "100000"),
        ("--chunk-size", "10000000"),
        ("--chunk-size", "18446744073709551615"),
        ("--max-field-bytes", "18446744073709551615"),
    ] {
        let o = w.convert("x.csv", &[flag, value]);
        assert_eq!(code(&o), 2, "{flag} {value}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("{flag} {value}: use 1 to ")),
            "{}",
            stderr(&o)
        );
        assert!(!w.exists("out.jsonl"));
    }
    let missing = w.convert("missing.csv", &[]);
    assert_eq!(code(&missing), 1);
    assert!(
        stderr(&missing).contains("missing.csv"),
        "{}",
        stderr(&missing)
    );
    w.write("empty.csv", "");
    let empty = w.convert("empty.csv", &[]);
    assert_eq!(code(&empty), 1);
    assert!(stderr(&empty).contains("header"), "{}", stderr(&empty));
}

#[test]
fn header_without_destination_is_fatal_and_names_the_columns() {
    let w = Workdir::new();
    w.write("in.csv", "first,last\nAna,Souza\n");
    let o = w.convert("in.csv", &[]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains("in.csv") && err.contains("line 1"), "{err}");
    assert!(
        err.contains("`first`, `last`") && err.contains("--map"),
        "{err}"
    );
    assert!(!w.exists("out.jsonl") && !w.exists("rejects.csv"));
}

#[test]
fn a_nul_byte_in_a_header_name_is_fatal() {
    // Audit 8: `na\0me` became a JSON key of every row, exit 0.
    let w = Workdir::new();
    w.write("in.csv", b"phone,na\x00me\n+14155550100,Ana\n");
    let o = w.convert("in.csv", FMT);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("in.csv")
            && err.contains("line 1")
            && err.contains("header column 2 holds a NUL byte"),
        "{err}"
    );
    assert!(!w.exists("out.jsonl"));
}

#[test]
fn two_columns_for_one_field_is_fatal_and_map_resolves_it() {
    let w = Workdir::new();
    w.write("in.csv", "Phone,Mobile\n+14155550100,+14155550101\n");
    let o = w.convert("in.csv", FMT);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("`Phone`") && stderr(&o).contains("`Mobile`"),
        "{}",
        stderr(&o)
    );
    let o = w.convert(
        "in.csv",
        &["--phone-check", "format", "--map", "Phone=ignore"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "{\"number\":\"+14155550101\"}\n");
}

#[test]
fn map_points_any_header_at_a_field() {
    let w = Workdir::new();
    w.write("in.csv", "Kontakt Telefon,Kunde\n+14155550100,Ana\n");
    let o = w.convert(
        "in.csv",
        &[
            "--phone-check",
            "format",
            "--map",
            "Kontakt Telefon=number",
            "--map",
            "Kunde=name",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("out.jsonl"),
        "{\"number\":\"+14155550100\",\"name\":\"Ana\"}\n"
    );
    let bad = w.convert("in.csv", &["--map", "Kunde=shoe_size"]);
    assert_eq!(code(&bad), 2);
}

#[test]
fn extra_columns_become_variables_or_are_ignored_or_refused() {
    let w = Workdir::new();
    w.write("in.csv", "number,plan,account tier\n+14155550100,pro,\n");
    assert_eq!(code(&w.convert("in.csv", FMT)), 0);
    assert_eq!(
        w.read("out.jsonl"),
        "{\"assistantOverrides\":{\"variableValues\":{\"plan\":\"pro\"}},\"number\":\"+14155550100\"}\n"
    );
    assert_eq!(
        code(&w.convert(
            "in.csv",
            &["--phone-check", "format", "--extra-columns", "ignore"]
        )),
        0
    );
    assert_eq!(w.read("out.jsonl"), "{\"number\":\"+14155550100\"}\n");
    let o = w.convert("in.csv", &["--extra-columns", "error"]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("`plan`, `account tier`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn overrides_sample_merges_json_paths_and_variables() {
    let w = Workdir::new();
    copy_sample(&w, "overrides.csv");
    let o = w.convert("overrides.csv", FMT);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = w.jsonl("out.jsonl");
    assert_eq!(
        out[0]["assistantOverrides"],
        serde_json::json!({
            "firstMessage": "Hi Ana, this is Acme.",
            "voicemailMessage": "Please call us back.",
            "variableValues": {"plan": "pro", "account tier": "gold"},
            "maxDurationSeconds": 300,
            "metadata": {"crmId": "A-1"}
        })
    );
    // The dotted plan column wins over the JSON column's plan; other keys merge.
    assert_eq!(
        out[2]["assistantOverrides"]["variableValues"],
        serde_json::json!({"plan": "enterprise", "region": "west"})
    );
    let rejects = w.read("rejects.csv");
    assert!(
        rejects.contains("invalid_override_value"),
        "maxDurationSeconds 5: {rejects}"
    );
    assert!(
        rejects.contains("invalid_json"),
        "metadata 'not json': {rejects}"
    );
}

#[test]
fn rejects_keep_original_values_lines_and_every_reason() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,name,note\n\n\"+1 415 555 0100\",\"A name that is much too long for the API limit\",\"two\nlines\"\r\n\r\n  0049 89  ,Ok,\n",
    );
    let o = w.convert("in.csv", FMT);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows = w.csv_rows("rejects.csv");
    assert_eq!(rows[0], vec!["_line", "_errors", "number", "name", "note"]);
    assert_eq!(rows[1][0], "3");
    assert_eq!(
        rows[1][1],
        "name:name_too_long: has 46 characters; the API allows at most 40"
    );
    assert_eq!(rows[1][4], "two\nlines", "values are kept as read");
    assert_eq!(
        rows[2][0], "6",
        "physical line after a multi-line field and a CRLF blank line"
    );
    assert_eq!(
        rows[2][2], "  0049 89  ",
        "rejected values are not trimmed or normalized"
    );
}

#[test]
fn a_fixed_rejects_file_feeds_straight_back_in() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,name,plan\n+14155550100,Ana,pro\n4155550101,Bob,basic\n",
    );
    assert_eq!(code(&w.convert("in.csv", FMT)), 0);
    let fixed = w.read("rejects.csv").replace("4155550101", "+14155550101");
    w.write("fixed.csv", fixed);
    let o = w
        .cmd()
        .args([
            "convert",
            "fixed.csv",
            "-o",
            "fixed.jsonl",
            "-r",
            "fixed.rejects.csv",
            "-q",
        ])
        .args(FMT)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("fixed.jsonl"),
        "{\"assistantOverrides\":{\"variableValues\":{\"plan\":\"basic\"}},\"number\":\"+14155550101\",\"name\":\"Bob\"}\n"
    );
    assert_eq!(
        w.read("fixed.rejects.csv"),
        "_line,_errors,number,name,plan\n"
    );
}

#[test]
fn ragged_rows_are_rejects_not_fatal() {
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,name\n+14155550100\n+14155550101,Ana,extra\n+14155550102,Bo\n",
    );
    let o = w.convert("in.csv", FMT);
    assert_eq!(code(&o), 0);
    let rows = w.csv_rows("rejects.csv");
    assert_eq!(rows.len(), 3);
    assert!(rows[1][1].starts_with("row:ragged_row: has 1 field but"));
    assert_eq!(
        rows[2][2..],
        ["+14155550101", "Ana", "extra"],
        "every field kept"
    );
    assert_eq!(w.jsonl("out.jsonl").len(), 1);
}

#[test]
fn no_e164_check_flag_and_column() {
    let w = Workdir::new();
    w.write("in.csv", "number\n1234\nabc-1\n");
    let o = w.convert("in.csv", &["--no-e164-check"]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        w.read("out.jsonl"),
        "{\"numberE164CheckEnabled\":false,\"number\":\"1234\"}\n"
    );
    assert!(w.read("rejects.csv").contains("abc-1"));
}

#[test]
fn failed_run_leaves_no_partial_output_and_keeps_old_files() {
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\n");
    w.write("out.jsonl", "old\n");
    w.write("blocker", "a file where a folder should be");
    let o = w
        .cmd()
        .args([
            "convert",
            "in.csv",
            "-o",
            "out.jsonl",
            "-r",
            "blocker/r.csv",
            "-q",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("blocker/r.csv"), "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "old\n");
    assert_eq!(
        w.names(),
        vec!["blocker", "in.csv", "out.jsonl"],
        "no temporary files left"
    );
}

#[test]
fn output_over_the_input_is_refused_before_anything_is_written() {
    let w = Workdir::new();
    let original = "number\n+14155550100\n";
    w.write("in.csv", original);
    for out in ["in.csv", "./in.csv", "sub/../in.csv"] {
        fs::create_dir_all(w.path("sub")).unwrap();
        let o = w
            .cmd()
            .args(["convert", "in.csv", "-o", out, "-q"])
            .output()
            .unwrap();
        assert_eq!(code(&o), 2, "{out}: {}", stderr(&o));
        assert!(stderr(&o).contains("input"), "{}", stderr(&o));
    }
    let o = w
        .cmd()
        .args(["convert", "in.csv", "-o", "x.jsonl", "-r", "./in.csv", "-q"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(w.path("in.csv"), w.path("link.jsonl")).unwrap();
        let o = w
            .cmd()
            .args(["convert", "in.csv", "-o", "link.jsonl", "-q"])
            .output()
            .unwrap();
        assert_eq!(code(&o), 2);
    }
    assert_eq!(w.read("in.csv"), original);
}

#[test]
fn jobs_and_chunk_size_do_not_change_the_output() {
    let w = Workdir::new();
    let mut data = String::from("number,name,plan\n");
    for i in 0..3000 {
        match i % 5 {
            0 => data += &format!("bad{i},n{i},p\n"),
            1 => data += "\n",
            _ => data += &format!("+1415555{:04},\"Name, {i}\",plan{}\n", i, i % 3),
        }
    }
    w.write("in.csv", &data);
    let mut outputs = Vec::new();
    for (jobs, batch) in [("1", "4096"), ("2", "1"), ("2", "64"), ("8", "333")] {
        let o = w.convert(
            "in.csv",
            &[
                "--phone-check",
                "format",
                "--jobs",
                jobs,
                "--chunk-size",
                batch,
            ],
        );
        assert_eq!(code(&o), 0);
        outputs.push((w.read("out.jsonl"), w.read("rejects.csv")));
    }
    assert!(outputs.windows(2).all(|p| p[0] == p[1]));
    assert_eq!(outputs[0].0.lines().count(), 1800);
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let w = Workdir::new();
    w.write("in.csv", "number\n+14155550100\n");
    let o = w
        .cmd()
        .args(["convert", "in.csv", "-o", "out.jsonl"])
        .args(FMT)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(
        !err.contains('\u{1b}') && !err.contains('['),
        "no bar drawing: {err:?}"
    );
}

/// Runs `csv2dto ARGS` under a pseudo-terminal (util-linux `script`), returning what it drew.
fn under_a_terminal(w: &Workdir, args: &str) -> Option<String> {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("note: skipping, `script` (util-linux) is not installed");
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("csv2dto");
    let o = std::process::Command::new("script")
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .current_dir(w.path(""))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn a_progress_bar_is_drawn_on_a_terminal_unless_quiet() {
    let w = Workdir::new();
    let mut data = String::from("number\n");
    for i in 0..200_000 {
        data += &format!("+1415555{:04}\n", i % 10_000);
    }
    w.write("in.csv", &data);
    let Some(drawn) = under_a_terminal(
        &w,
        "convert in.csv -o out.jsonl --phone-check format --jobs 1",
    ) else {
        return;
    };
    assert!(
        drawn.contains("rows, 0 rejected") || drawn.contains('='),
        "a bar: {drawn:?}"
    );
    assert!(
        drawn.contains("200000 rows read"),
        "then the summary: {drawn:?}"
    );
    let quiet = under_a_terminal(
        &w,
        "convert in.csv -o out.jsonl --phone-check format --quiet",
    )
    .unwrap();
    assert_eq!(quiet.trim(), "", "--quiet draws nothing");
}

#[test]
fn no_column_value_is_dropped_by_another_columns_value() {
    // A variable column and a dotted column for one
    // variable kept one value silently; a double-encoded variableValues was
    // replaced by the variable columns' object whenever one had a value.
    let w = Workdir::new();
    w.write(
        "in.csv",
        "number,plan,assistantOverrides.variableValues.plan\n+14155550100,a,b\n",
    );
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("both map to `assistantOverrides.variableValues.plan`"),
        "{}",
        stderr(&o)
    );
    w.write(
        "in.csv",
        "number,assistantOverrides,plan\n\
         +14155550100,\"{\"\"variableValues\"\":\"\"{\\\"\"tier\\\"\":\\\"\"gold\\\"\"}\"\"}\",basic\n",
    );
    let o = w.convert("in.csv", &["--phone-check", "format"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.read("out.jsonl"), "");
    let rows = w.csv_rows("rejects.csv");
    assert!(
        rows[1][1].starts_with("assistantOverrides:invalid_override_value:"),
        "{rows:?}"
    );
}
