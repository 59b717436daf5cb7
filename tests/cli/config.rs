//! `--config FILE.toml`: kept options, flags win, unknown keys named.

use crate::harness::{code, stderr, Workdir};

#[test]
fn config_supplies_options_and_flags_win() {
    let w = Workdir::new();
    w.write(
        "team.toml",
        "phone_check = \"format\"\nextra_columns = \"ignore\"\nmax_rejects = 0\n\n[map]\n\"Kontakt Telefon\" = \"number\"\n",
    );
    w.write("in.csv", "Kontakt Telefon,Notiz\n+14155550100,hi\nbad,x\n");
    let o = w.convert(
        "in.csv",
        &["--config", "team.toml", "--summary-json", "s.json"],
    );
    // max_rejects = 0 from the file: one reject exceeds it.
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert_eq!(
        w.read("out.jsonl"),
        "{\"number\":\"+14155550100\"}\n",
        "map and extra_columns from the file"
    );
    let s: serde_json::Value = serde_json::from_str(&w.read("s.json")).unwrap();
    assert_eq!(s["options"]["config"], "team.toml");
    // Flags win over the file.
    let o = w.convert(
        "in.csv",
        &[
            "--config",
            "team.toml",
            "--max-rejects",
            "5",
            "--extra-columns",
            "variables",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        w.read("out.jsonl").contains("\"Notiz\":\"hi\""),
        "{}",
        w.read("out.jsonl")
    );
}

#[test]
fn unknown_keys_are_a_usage_error_naming_the_key() {
    let w = Workdir::new();
    w.write("team.toml", "phone_chek = \"format\"\n");
    w.write("in.csv", "number\n+14155550100\n");
    let o = w.convert("in.csv", &["--config", "team.toml"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("phone_chek"), "{}", stderr(&o));
    assert!(!w.exists("out.jsonl"));
    let o = w
        .cmd()
        .args(["check", "in.csv", "--config", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
}

#[test]
fn check_uses_the_config_too() {
    let w = Workdir::new();
    w.write(
        "team.toml",
        "phone_check = \"format\"\n[map]\nTel = \"number\"\n",
    );
    w.write("in.csv", "Tel\n+14155550100\n");
    let o = w
        .cmd()
        .args(["check", "in.csv", "--config", "team.toml"])
        .output()
        .unwrap();
    assert_eq!(
        code(&o),
        0,
        "{}{}",
        stderr(&o),
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn readme_config_example_is_accepted() {
    let readme = std::fs::read_to_string(crate::harness::root().join("README.md")).unwrap();
    let start = readme.find("```toml\n").unwrap() + "```toml\n".len();
    let toml = &readme[start..start + readme[start..].find("```").unwrap()];
    let w = Workdir::new();
    w.write("team.toml", toml);
    w.write("in.csv", "Kontakt Telefon\n+14155550100\n");
    let o = w.convert(
        "in.csv",
        &["--config", "team.toml", "--phone-check", "format"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(w.jsonl("out.jsonl").len(), 1);
}

#[test]
fn a_map_entry_from_the_config_is_named_by_the_file_and_one_column_takes_one_entry() {
    let w = Workdir::new();
    w.write("in.csv", "Phone,Kontakt\n+14155550100,Ana\n");
    // An entry for a column the file lacks names the config file, not a flag.
    w.write("team.toml", "[map]\n\"Kontakt Telefon\" = \"number\"\n");
    let o = w.convert("in.csv", &["--config", "team.toml"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "--config team.toml: [map] \"Kontakt Telefon\" = \"number\": no column is named `Kontakt Telefon`"
        ),
        "{}",
        stderr(&o)
    );
    // Two spellings of one column: refused, not settled by the entries' order.
    w.write("two.toml", "[map]\nphone = \"number\"\nPhone = \"name\"\n");
    let o = w.convert("in.csv", &["--config", "two.toml"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("both name column `Phone`; keep one"),
        "{}",
        stderr(&o)
    );
    assert!(!w.exists("out.jsonl"));
    // A flag for the same column replaces the config's entry, as for any option.
    w.write("one.toml", "[map]\nphone = \"name\"\n");
    let o = w.convert(
        "in.csv",
        &[
            "--config",
            "one.toml",
            "--map",
            "Phone=number",
            "--map",
            "Kontakt=name",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        w.read("out.jsonl"),
        "{\"number\":\"+14155550100\",\"name\":\"Ana\"}\n"
    );
}
