//! CSV parsing conformance: `shared/conformance` cases written outside this project.

use std::collections::BTreeMap;
use std::fs;

use csv2dto::records::{Record, RecordReader};

use crate::harness::shared;

/// A file read as "list of records with header keys" (values as decoded, no trimming).
fn records_with_header_keys(bytes: &[u8]) -> Vec<BTreeMap<String, String>> {
    let mut reader = RecordReader::new(bytes, b',', 1 << 20);
    let mut rec = Record::default();
    assert!(reader.read(&mut rec).unwrap(), "a header");
    let header: Vec<String> = rec
        .iter()
        .map(|f| String::from_utf8(f.to_vec()).unwrap())
        .collect();
    let mut out = Vec::new();
    while reader.read(&mut rec).unwrap() {
        assert!(rec.issue.is_none(), "{:?}", rec.issue);
        out.push(
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(|f| String::from_utf8(f.to_vec()).unwrap()))
                .collect(),
        );
    }
    out
}

#[test]
fn csv_spectrum_cases_parse_to_their_expected_records() {
    let Some(dir) = shared("conformance/csv-spectrum") else {
        return;
    };
    let mut checked = 0;
    for entry in fs::read_dir(dir.join("csvs")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let got = records_with_header_keys(&fs::read(&path).unwrap());
        let mut expected: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(dir.join("json").join(format!("{name}.json"))).unwrap(),
        )
        .unwrap();
        if name == "location_coordinates" {
            // Upstream defect (see shared/conformance/README.md): a single object, and a
            // phone number that is not the one in the CSV.
            expected["Contact Phone Number"] = "2095257564".into();
            expected = serde_json::Value::Array(vec![expected]);
        }
        let expected: Vec<BTreeMap<String, String>> = serde_json::from_value(expected).unwrap();
        assert_eq!(got, expected, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 12);
}

#[test]
fn apache_commons_bom_file_is_read_with_a_clean_first_header_through_the_tool() {
    let Some(path) = shared("conformance/apache-commons-csv-fileparser/bom.csv") else {
        return;
    };
    let w = crate::harness::Workdir::new();
    w.write("bom.csv", fs::read(path).unwrap());
    // No number column: the header error lists the columns as the tool sees them.
    let o = w.convert("bom.csv", &[]);
    let err = crate::harness::stderr(&o);
    assert!(err.contains("(columns seen: `Date`, `Open`"), "{err}");
}
