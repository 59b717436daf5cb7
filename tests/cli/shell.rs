//! `csv2dto completions` and `csv2dto fields`.

use crate::harness::{code, Workdir};

#[test]
fn completions_for_bash_zsh_and_fish() {
    let w = Workdir::new();
    for shell in ["bash", "zsh", "fish"] {
        let o = w.cmd().args(["completions", shell]).output().unwrap();
        assert_eq!(code(&o), 0, "{shell}");
        let text = String::from_utf8(o.stdout).unwrap();
        assert!(
            text.contains("csv2dto") && text.contains("max-reject-rate"),
            "{shell}"
        );
    }
    assert_eq!(
        code(&w.cmd().args(["completions", "tcsh"]).output().unwrap()),
        2
    );
}

#[test]
fn fields_lists_dto_fields_aliases_and_override_properties() {
    let w = Workdir::new();
    let o = w.cmd().arg("fields").output().unwrap();
    assert_eq!(code(&o), 0);
    let text = String::from_utf8(o.stdout).unwrap();
    for needle in [
        "numberE164CheckEnabled",
        "externalId",
        "phonenumber",
        "countrycode",
        "firstMessageMode",
        "maxDurationSeconds",
        "variableValues",
    ] {
        assert!(text.contains(needle), "fields lacks {needle}");
    }
}

#[test]
fn help_documents_exit_code_3_and_both_sizes() {
    let w = Workdir::new();
    let o = w.cmd().args(["convert", "--help"]).output().unwrap();
    let help = String::from_utf8(o.stdout).unwrap();
    for needle in [
        "--chunk-size",
        "--batch-size",
        "--out-dir",
        "--max-rejects",
        "  3 ",
    ] {
        assert!(help.contains(needle), "help lacks {needle}");
    }
}
