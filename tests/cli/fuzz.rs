//! Property: no input bytes crash csv2dto or lose a row.
//!
//! Arbitrary binary, CSV-ish token soup (quotes, delimiters, CR/LF, NULs,
//! invalid UTF-8, escape sequences, long runs over a small field limit) with
//! and without a usable header. Whenever a run succeeds, rows read = valid +
//! rejected, and every rejected record reads back from the rejects file with
//! its original bytes, checked against an independent parse of the input.
//!
//! CI runs 2,000 cases in-process (library API) plus 100 through the binary
//! (about half a minute in a debug build on two cores). A longer local campaign (release build, more cases):
//!
//! ```text
//! CSV2DTO_FUZZ_CASES=200000 cargo test --release --test cli fuzz -- --nocapture
//! ```

use std::sync::atomic::AtomicBool;

use csv2dto::convert::convert;
use csv2dto::input::Source;
use csv2dto::options::{ConvertOptions, ReadOptions};
use csv2dto::output::Dest;
use csv2dto::pipeline::PipelineConfig;
use csv2dto::records::{Record, RecordIssue, RecordReader};
use csv2dto::report::ProgressMode;
use csv2dto::Error;
use proptest::collection::vec;
use proptest::prelude::*;

use crate::harness::{code, stderr};

/// Cases per property: `CSV2DTO_FUZZ_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("CSV2DTO_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(vec![
            &b","[..], b"\"", b"\n", b"\r", b"\r\n", b"\"\"", b"\0", b"\xff\xfe", b"\xc3",
            b" ", b"\t", b";", b"+14155550100", b"4155550101", b"sip:a@b.c", b"=1+1",
            b"{\"firstMessage\":\"hi\"}", b"{\"x\":", b"[[[[", "é".as_bytes(), b"\x1b[31m",
            b"\xe2\x80\xae", b"_line", b"true",
        ])
        .prop_map(<[u8]>::to_vec),
        2 => "[a-zA-Z0-9@.+ -]{0,12}".prop_map(String::into_bytes),
        1 => (1usize..3000).prop_map(|n| vec![b'x'; n]),
    ]
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::select(vec![
        "number,name,assistantOverrides\n",
        "number,name,email,plan\r\n",
        "sipUri,externalId\n",
        "number\n",
    ]);
    let soup = || vec(token(), 0..160).prop_map(|t| t.concat());
    prop_oneof![
        1 => vec(any::<u8>(), 0..2048),
        1 => soup(),
        5 => (header, soup()).prop_map(|(h, body)| [h.as_bytes(), &body].concat()),
    ]
}

/// Records as the reader splits them, parsed independently of the run.
fn oracle(bytes: &[u8], max_field: usize) -> Vec<Record> {
    let mut reader = RecordReader::new(bytes, b',', max_field);
    let mut out = Vec::new();
    let mut rec = Record::default();
    while reader.read(&mut rec).expect("reading from memory") {
        out.push(rec.clone());
    }
    out
}

/// True when the input module may change the bytes (BOM, compression magic).
fn not_verbatim(bytes: &[u8]) -> bool {
    [
        &b"\xef\xbb\xbf"[..],
        b"\xff\xfe",
        b"\xfe\xff",
        b"\x1f\x8b",
        b"\x28\xb5\x2f\xfd",
    ]
    .iter()
    .any(|m| bytes.starts_with(m))
}

/// A scratch folder in memory when the machine has one: committing an output
/// syncs it to disk, which would otherwise dominate thousands of tiny runs.
fn scratch() -> tempfile::TempDir {
    let shm = std::path::Path::new("/dev/shm");
    if shm.is_dir() {
        if let Ok(d) = tempfile::tempdir_in(shm) {
            return d;
        }
    }
    tempfile::tempdir().unwrap()
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

fn check_run(bytes: &[u8], jobs: usize, batch: usize, max_field: usize, strict_phone: bool) {
    let dir = scratch();
    let path = |name: &str| dir.path().join(name);
    let input = path("in.csv");
    std::fs::write(&input, bytes).unwrap();
    let mut read = ReadOptions::default();
    read.input.encoding = Some(encoding_rs::UTF_8);
    read.input.delimiter = Some(b',');
    read.pipeline = PipelineConfig {
        jobs,
        batch_size: batch,
    };
    read.max_field_bytes = max_field;
    read.progress = ProgressMode::None;
    if !strict_phone {
        read.validate.phone_check = csv2dto::phone::PhoneCheck::Format;
    }
    let opts = ConvertOptions {
        input: Source::Path(input),
        output: Dest::Path(path("out.jsonl")),
        rejects: path("rejects.csv"),
        summary_json: None,
        warnings: None,
        quiet: true,
        read,
        thresholds: Default::default(),
        batch: None,
        reads: Vec::new(),
    };
    let summary = match convert(&opts, &AtomicBool::new(false)) {
        Ok(s) => s,
        Err(Error::EmptyInput { .. } | Error::Header { .. } | Error::Input { .. }) => {
            assert_eq!(names(dir.path()), vec!["in.csv"], "a failed run left files");
            return;
        }
        Err(e) => panic!("unexpected error kind: {e}"),
    };
    assert_eq!(
        names(dir.path()),
        vec!["in.csv", "out.jsonl", "rejects.csv"]
    );
    assert_eq!(
        summary.counts.rows,
        summary.counts.valid + summary.counts.rejected
    );

    let jsonl = std::fs::read(path("out.jsonl")).unwrap();
    let lines: Vec<&[u8]> = jsonl
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len() as u64, summary.counts.valid);
    for l in &lines {
        let v: serde_json::Value = serde_json::from_slice(l).expect("JSONL line is JSON");
        assert!(v.is_object());
    }

    let mut rejects = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path("rejects.csv"))
        .unwrap();
    let rows: Vec<csv::ByteRecord> = rejects.byte_records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len() as u64,
        summary.counts.rejected + 1,
        "header + one row per reject"
    );

    if not_verbatim(bytes) {
        return;
    }
    let records = oracle(bytes, max_field);
    let (header, data) = records
        .split_first()
        .expect("a run that succeeded had a header");
    let data_rows = data
        .iter()
        .filter(|r| r.issue.is_some() || !r.is_blank())
        .count();
    assert_eq!(
        summary.counts.rows as usize, data_rows,
        "rows read = non-blank records"
    );
    if header.iter().any(|h| {
        String::from_utf8_lossy(h).contains("_line")
            || String::from_utf8_lossy(h).contains("_errors")
    }) {
        return; // Control columns are dropped from the rejects file: not a plain copy.
    }
    let mut last_line = 0;
    for row in &rows[1..] {
        let line: u64 = std::str::from_utf8(&row[0]).unwrap().parse().unwrap();
        assert!(line > last_line, "rejects are in input order");
        last_line = line;
        let rec = data
            .iter()
            .find(|r| r.line == line)
            .unwrap_or_else(|| panic!("rejected line {line} is not a record start"));
        let written: Vec<&[u8]> = row.iter().skip(2).collect();
        let original: Vec<&[u8]> = rec.iter().collect();
        if let Some(RecordIssue::FieldTooLarge(cuts)) = &rec.issue {
            // The reader kept the first --max-field-bytes of each oversized
            // field; exactly those cells, and no other, end in the cut mark.
            let marked: Vec<Vec<u8>> = original
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let mut cell = f.to_vec();
                    if let Some(cut) = cuts.iter().find(|c| c.field == i) {
                        // Marked until over the limit, so it is rejected again.
                        cell.extend_from_slice("…".as_bytes());
                        if cell.len() <= cut.limit {
                            cell.extend_from_slice("…".as_bytes());
                        }
                        assert!(cell.len() > cut.limit);
                    }
                    cell
                })
                .collect();
            assert_eq!(
                written, marked,
                "line {line}: cut cells marked, others as read"
            );
        } else if written != original {
            panic!(
                "line {line} does not read back byte for byte: {} fields written, {} read; issue {:?}; field lengths {:?} vs {:?}",
                written.len(),
                original.len(),
                rec.issue,
                written.iter().map(|f| f.len()).collect::<Vec<_>>(),
                original.iter().map(|f| f.len()).collect::<Vec<_>>(),
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(2000),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn fuzz_arbitrary_input_never_panics_and_loses_no_row(
        bytes in input(),
        jobs in 1usize..3,
        batch in prop::sample::select(vec![1usize, 3, 64, 4096]),
        max_field in prop::sample::select(vec![16usize, 1000, 1 << 20]),
        strict_phone in any::<bool>(),
    ) {
        check_run(&bytes, jobs, batch, max_field, strict_phone);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(2000) / 20,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The binary itself: exit 0 or 1 with a message, never a panic, nothing raw on the terminal.
    #[test]
    fn fuzz_binary_exits_0_or_1_with_a_message(bytes in input()) {
        let dir = scratch();
        std::fs::write(dir.path().join("in.csv"), &bytes).unwrap();
        let o = assert_cmd::Command::cargo_bin("csv2dto").unwrap().current_dir(dir.path())
            .args(["convert", "in.csv", "-o", "out.jsonl", "-r", "rejects.csv"]).output().unwrap();
        let exists = |n: &str| dir.path().join(n).exists();
        let err = stderr(&o);
        prop_assert!(!err.contains("panicked"), "{}", err);
        match code(&o) {
            0 => {
                prop_assert!(exists("out.jsonl") && exists("rejects.csv"));
                prop_assert!(err.contains("rows read"), "{}", err);
            }
            1 => {
                prop_assert!(err.starts_with("csv2dto: error: "), "{}", err);
                prop_assert!(!exists("out.jsonl") && !exists("rejects.csv"));
            }
            other => prop_assert!(false, "exit {}: {}", other, err),
        }
        prop_assert!(
            !o.stderr.iter().any(|&b| b < 0x20 && b != b'\n'),
            "control bytes reached the terminal: {:?}", err
        );
    }
}
