//! Micro-benchmarks of the per-row hot steps, so a regression shows up per step.
//!
//! `cargo bench --bench hot` (criterion). The whole-process benchmark is
//! `benches/compare.sh`, which writes BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use csv2dto::mapping::{MappingOptions, Plan};
use csv2dto::phone::{self, PhoneCheck, Region};
use csv2dto::records::{Record, RecordReader};
use csv2dto::validate::{ValidateOptions, Validator};

const HEADER: [&str; 8] = [
    "phone",
    "name",
    "email",
    "external_id",
    "ext",
    "assistantOverrides",
    "plan",
    "account tier",
];

fn plan() -> Plan {
    let h: Vec<String> = HEADER.iter().map(|s| s.to_string()).collect();
    Plan::build(&h, &MappingOptions::default()).unwrap()
}

fn row(number: &str) -> Record {
    Record::from_fields(
        2,
        [
            number,
            "José Müller",
            "jose.mueller@example.com",
            "crm-00000001-0ef7-44aa",
            "",
            "",
            "pro",
            "gold",
        ],
    )
}

fn map_and_validate(c: &mut Criterion) {
    let plan = plan();
    for (name, check, number) in [
        ("map_row/format_e164", PhoneCheck::Format, "+14155550123"),
        ("map_row/valid_e164", PhoneCheck::Valid, "+14155550123"),
        (
            "map_row/valid_national_us",
            PhoneCheck::Valid,
            "(415) 555-0123",
        ),
    ] {
        let opts = ValidateOptions {
            phone_check: check,
            default_region: Some("US".parse().unwrap()),
            ..ValidateOptions::default()
        };
        let validator = Validator::new(&plan, &opts);
        let rec = row(number);
        c.bench_function(name, |b| {
            b.iter(|| validator.check(black_box(&rec)).is_ok())
        });
    }
}

fn validate_number(c: &mut Criterion) {
    let us: Region = "US".parse().unwrap();
    for (name, check, number) in [
        ("phone/format_e164", PhoneCheck::Format, "+14155550123"),
        ("phone/possible_e164", PhoneCheck::Possible, "+14155550123"),
        ("phone/valid_e164", PhoneCheck::Valid, "+14155550123"),
        // A +1 number outside the US: the regions sharing +1 are searched.
        ("phone/valid_e164_ca", PhoneCheck::Valid, "+14165550123"),
        // A code of its own region, with several number types.
        ("phone/valid_e164_gb", PhoneCheck::Valid, "+442079460958"),
        ("phone/valid_national", PhoneCheck::Valid, "(415) 555-0123"),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| phone::normalize(black_box(number), Some(us), check).is_ok())
        });
    }
}

fn serialize(c: &mut Criterion) {
    let plan = plan();
    let opts = ValidateOptions {
        phone_check: PhoneCheck::Format,
        ..ValidateOptions::default()
    };
    let validator = Validator::new(&plan, &opts);
    let rec = row("+14155550123");
    let checked = validator.check(&rec).unwrap();
    let mut out = Vec::with_capacity(256);
    c.bench_function("serialize_dto", |b| {
        b.iter(|| {
            out.clear();
            black_box(&checked.customer).write_jsonl(&mut out);
        })
    });
}

fn parse_records(c: &mut Criterion) {
    let mut data = String::from("phone,name,email\n");
    for i in 0..1000 {
        data += &format!("+1415555{i:04},\"Name, {i}\",n{i}@example.com\n");
    }
    c.bench_function("parse_1000_records", |b| {
        b.iter(|| {
            let mut reader = RecordReader::new(data.as_bytes(), b',', 1 << 20);
            let mut rec = Record::default();
            let mut n = 0;
            while reader.read(&mut rec).unwrap() {
                n += 1;
            }
            n
        })
    });
}

criterion_group!(
    hot,
    map_and_validate,
    validate_number,
    serialize,
    parse_records
);
criterion_main!(hot);
