//! Batch-call request bodies: template checks, file split, byte-identical customers.

use crate::harness::{code, stderr, Workdir};

const CALL: &str = r#"{"name": "Nightly {n}", "assistantId": "asst-1", "phoneNumberId": "pn-1"}"#;

fn input(valid: usize) -> String {
    let mut s = String::from("number,name,plan\n");
    for i in 0..valid {
        s += &format!("+1415555{i:04},\"Name, {i}\",p{i}\n");
        if i == 2 {
            s += "bad,Bad,x\n";
        }
    }
    s
}

fn run(w: &Workdir, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "--phone-check",
        "format",
        "--batch-template",
        "tpl.json",
        "--batch-dir",
        "batches",
    ];
    args.extend_from_slice(extra);
    w.convert("in.csv", &args)
}

/// The raw customer texts of a batch file, as written.
fn raw_customers(text: &str) -> Vec<String> {
    let start = text.find("\"customers\":[\n").unwrap() + "\"customers\":[\n".len();
    let end = text.rfind("\n]}").unwrap();
    text[start..end].split(",\n").map(str::to_string).collect()
}

#[test]
fn batches_hold_the_template_and_exactly_the_jsonl_lines_in_order() {
    let w = Workdir::new();
    w.write("in.csv", input(5));
    w.write("tpl.json", CALL);
    let o = run(&w, &["--batch-size", "2", "--summary-json", "summary.json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let jsonl = w.read("out.jsonl");
    let lines: Vec<&str> = jsonl.lines().collect();
    assert_eq!(lines.len(), 5);
    let mut seen = Vec::new();
    for n in 1..=3 {
        let name = format!("batches/batch-{n:04}.json");
        let text = w.read(&name);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["name"], format!("Nightly {n}"));
        assert_eq!(v["assistantId"], "asst-1");
        assert_eq!(v["phoneNumberId"], "pn-1");
        assert_eq!(
            v["customers"].as_array().unwrap().len(),
            if n < 3 { 2 } else { 1 }
        );
        seen.extend(raw_customers(&text));
    }
    assert_eq!(
        seen, lines,
        "customers are byte-identical to the JSONL lines"
    );
    assert!(!w.exists("batches/batch-0004.json"));
    let names: Vec<_> = std::fs::read_dir(w.path("batches")).unwrap().collect();
    assert_eq!(names.len(), 3, "no temporary files left");
    let s: serde_json::Value = serde_json::from_str(&w.read("summary.json")).unwrap();
    assert_eq!(s["batch_files"].as_array().unwrap().len(), 3);

    // A shorter later run leaves no stale batch of the earlier one.
    w.write("in.csv", input(1));
    let o = run(&w, &["--batch-size", "2"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(w.exists("batches/batch-0001.json"));
    assert!(!w.exists("batches/batch-0002.json") && !w.exists("batches/batch-0003.json"));
}

#[test]
fn campaign_template_rules_are_usage_errors_before_any_row() {
    let w = Workdir::new();
    w.write("in.csv", input(3));
    let cases = [
        // Missing name.
        (
            r#"{"phoneNumberId": "p", "assistantId": "a"}"#,
            vec![],
            "name",
        ),
        // Both assistantId and squadId.
        (
            r#"{"name": "c", "phoneNumberId": "p", "assistantId": "a", "squadId": "s"}"#,
            vec![],
            "exactly one",
        ),
        // Over the 10,000 limit.
        (
            r#"{"name": "c", "phoneNumberId": "p", "assistantId": "a"}"#,
            vec!["--batch-size", "10001"],
            "10000",
        ),
    ];
    for (tpl, extra, needle) in cases {
        w.write("tpl.json", tpl);
        let mut args = vec!["--batch-kind", "campaign"];
        args.extend(extra);
        let o = run(&w, &args);
        assert_eq!(code(&o), 2, "{tpl}: {}", stderr(&o));
        assert!(stderr(&o).contains(needle), "{needle}: {}", stderr(&o));
        assert!(
            !w.exists("out.jsonl") && !w.exists("batches"),
            "nothing written"
        );
    }
    w.write(
        "tpl.json",
        r#"{"name": "c", "phoneNumberId": "p", "squadId": "s"}"#,
    );
    let o = run(&w, &["--batch-kind", "campaign", "--batch-size", "10000"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&w.read("batches/batch-0001.json")).unwrap();
    assert_eq!(v["customers"].as_array().unwrap().len(), 3);
}

#[test]
fn call_template_rules() {
    let w = Workdir::new();
    w.write("in.csv", input(1));
    for (tpl, ok) in [
        (r#"{"assistantId": "a"}"#, false),
        (r#"{"phoneNumberId": "p"}"#, false),
        (r#"{"squad": {}, "phoneNumber": {}}"#, true),
        (
            r#"{"assistantId": "a", "phoneNumberId": "p", "schedulePlan": {}}"#,
            false,
        ),
        (
            r#"{"assistantId": "a", "phoneNumberId": "p", "schedulePlan": {"earliestAt": "2030-01-01T09:00:00Z"}}"#,
            true,
        ),
        (
            r#"{"assistantId": "a", "phoneNumberId": "p", "customers": []}"#,
            false,
        ),
        (r#"["not", "an", "object"]"#, false),
        ("{not json", false),
    ] {
        w.write("tpl.json", tpl);
        let o = run(&w, &[]);
        assert_eq!(code(&o), if ok { 0 } else { 2 }, "{tpl}: {}", stderr(&o));
    }
}

#[test]
fn batch_flags_need_each_other() {
    let w = Workdir::new();
    w.write("in.csv", input(1));
    w.write("tpl.json", CALL);
    let o = w.convert("in.csv", &["--batch-template", "tpl.json"]);
    assert_eq!(code(&o), 2);
    let o = w.convert("in.csv", &["--batch-size", "5"]);
    assert_eq!(code(&o), 2);
}

#[test]
fn readme_batch_example_runs() {
    let readme = std::fs::read_to_string(crate::harness::root().join("README.md")).unwrap();
    let section = &readme[readme.find("## Batch calls").unwrap()..];
    let block = |from: &str, fence: &str| -> String {
        let start = from.find(fence).unwrap() + fence.len();
        from[start..start + from[start..].find("```").unwrap()].to_string()
    };
    let template = block(section, "```json\n");
    let w = Workdir::new();
    w.write("call.json", &template);
    w.write(
        "renewals.csv",
        "number,name\n+14155550100,Ana Ruiz\n+14155550101,Bo Chen\n",
    );
    let o = w
        .cmd()
        .args([
            "convert",
            "renewals.csv",
            "-o",
            "renewals.jsonl",
            "--batch-template",
            "call.json",
            "--batch-size",
            "500",
            "--batch-dir",
            "batches/",
            "--batch-kind",
            "call",
            "--quiet",
            "--phone-check",
            "format",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let after = &section[section.find("writes `batches/").unwrap()..];
    let expected = block(after, "```json\n");
    assert_eq!(w.read("batches/batch-0001.json"), expected);
}

#[test]
fn no_output_may_replace_the_input_config_template_or_a_batch_file() {
    // Each of these once destroyed a file and exited 0.
    let w = Workdir::new();
    w.write("in.csv", input(3));
    w.write("tpl.json", CALL);
    w.write("team.toml", "phone_check = \"format\"\n");
    let batches = ["--batch-template", "tpl.json", "--batch-dir", "batches"];
    let cases: [(&str, &[&str]); 5] = [
        // The stale-batch clean-up would delete the JSONL and the rejects file.
        (
            "batch files",
            &[
                "-o",
                "batches/batch-0009.json",
                "-r",
                "batches/batch-0008.json",
            ],
        ),
        // A batch file of this run over the summary.
        (
            "batch files",
            &[
                "-o",
                "out.jsonl",
                "--summary-json",
                "batches/batch-0001.json",
            ],
        ),
        // A typo: the summary over the team's config file.
        (
            "--config file",
            &[
                "-o",
                "out.jsonl",
                "--config",
                "team.toml",
                "--summary-json",
                "team.toml",
            ],
        ),
        // The rejects file over the template.
        ("--batch-template", &["-o", "out.jsonl", "-r", "tpl.json"]),
        // An input named like a batch file in the batch folder: deleted as stale.
        ("batch files", &["-o", "out.jsonl"]),
    ];
    w.write("batches/batch-0005.json", input(3));
    for (i, (clash, extra)) in cases.iter().enumerate() {
        let input = if i == 4 {
            "batches/batch-0005.json"
        } else {
            "in.csv"
        };
        let o = w
            .cmd()
            .args(["convert", input, "--phone-check", "format", "-q"])
            .args(batches)
            .args(*extra)
            .output()
            .unwrap();
        assert_eq!(code(&o), 2, "{extra:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(clash), "{extra:?}: {}", stderr(&o));
    }
    assert_eq!(w.read("team.toml"), "phone_check = \"format\"\n");
    assert_eq!(w.read("tpl.json"), CALL);
    assert_eq!(w.read("batches/batch-0005.json"), input(3));
}

#[test]
fn a_template_named_like_a_batch_file_in_the_batch_folder_is_refused() {
    // The stale-batch clean-up would delete it.
    let w = Workdir::new();
    w.write("in.csv", input(3));
    w.write("batches/batch-0003.json", CALL);
    let o = w.convert(
        "in.csv",
        &[
            "--phone-check",
            "format",
            "--batch-template",
            "batches/batch-0003.json",
            "--batch-dir",
            "batches",
        ],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("batch files"), "{}", stderr(&o));
    assert_eq!(w.read("batches/batch-0003.json"), CALL);
}
