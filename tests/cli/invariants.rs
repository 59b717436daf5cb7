//! Property: every input row lands in exactly one output, in input order.

use std::sync::atomic::AtomicBool;

use csv2dto::convert::convert;
use csv2dto::input::Source;
use csv2dto::options::{ConvertOptions, ReadOptions};
use csv2dto::output::Dest;
use csv2dto::pipeline::PipelineConfig;
use proptest::prelude::*;

use crate::harness::Workdir;

#[derive(Clone, Debug)]
enum Row {
    Valid(u32),
    BadNumber(String),
    LongName,
    Short,
    Long,
    Blank,
    QuotedNewline,
    BadJson,
}

fn row() -> impl Strategy<Value = Row> {
    prop_oneof![
        4 => (0u32..10_000).prop_map(Row::Valid),
        1 => "[a-z0-9 ()+.-]{0,12}".prop_map(Row::BadNumber),
        1 => Just(Row::LongName),
        1 => Just(Row::Short),
        1 => Just(Row::Long),
        1 => Just(Row::Blank),
        1 => Just(Row::QuotedNewline),
        1 => Just(Row::BadJson),
    ]
}

fn render(rows: &[Row]) -> (String, Vec<String>) {
    let mut s = String::from("id,number,name,assistantOverrides\n");
    let mut ids = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let id = format!("r{i}");
        let line = match r {
            Row::Valid(n) => format!("{id},+1415555{n:04},Name {i},\n"),
            Row::BadNumber(b) => format!("{id},x{b},N,\n"),
            Row::LongName => format!("{id},+14155550100,{},\n", "n".repeat(41)),
            Row::Short => format!("{id},+14155550100\n"),
            Row::Long => format!("{id},+14155550100,a,,b\n"),
            Row::Blank => "\n".to_string(),
            Row::QuotedNewline => format!("{id},+14155550100,\"multi\nline, \"\"quoted\"\"\",\n"),
            Row::BadJson => format!("{id},+14155550100,J,\"{{\"\"firstMessage\"\": \"\n"),
        };
        if !matches!(r, Row::Blank) {
            ids.push(id);
        }
        s += &line;
    }
    (s, ids)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_row_lands_in_exactly_one_output_in_order(
        rows in prop::collection::vec(row(), 0..120),
        jobs in 1usize..4,
        batch in 1usize..50,
    ) {
        let w = Workdir::new();
        let (text, ids) = render(&rows);
        let input = w.write("in.csv", &text);
        let mut read = ReadOptions {
            pipeline: PipelineConfig { jobs, batch_size: batch },
            progress: csv2dto::report::ProgressMode::None,
            ..ReadOptions::default()
        };
        read.validate.phone_check = csv2dto::phone::PhoneCheck::Format;
        let opts = ConvertOptions {
            input: Source::Path(input),
            output: Dest::Path(w.path("out.jsonl")),
            rejects: w.path("rejects.csv"),
            summary_json: None,
            warnings: None,
            quiet: true,
            read,
            thresholds: Default::default(),
            batch: None,
            reads: Vec::new(),
        };
        let summary = convert(&opts, &AtomicBool::new(false)).unwrap();
        let valid: Vec<String> = w.jsonl("out.jsonl").iter().map(|v| v["externalId"].as_str().unwrap().to_string()).collect();
        let rejected: Vec<String> = w.csv_rows("rejects.csv")[1..].iter().map(|r| r[2].clone()).collect();
        prop_assert_eq!(summary.counts.rows, summary.counts.valid + summary.counts.rejected);
        prop_assert_eq!(summary.counts.rows as usize, ids.len());
        prop_assert_eq!(valid.len() + rejected.len(), ids.len());
        // Each output is in input order, and together they are exactly the input rows.
        let pos = |id: &String| ids.iter().position(|x| x == id).unwrap();
        prop_assert!(valid.windows(2).all(|p| pos(&p[0]) < pos(&p[1])));
        prop_assert!(rejected.windows(2).all(|p| pos(&p[0]) < pos(&p[1])));
        let mut all: Vec<usize> = valid.iter().chain(&rejected).map(pos).collect();
        all.sort_unstable();
        prop_assert_eq!(all, (0..ids.len()).collect::<Vec<_>>());
    }
}
