//! CSV-parse floor for `benches/compare.sh`: counts the records of a CSV file with the `csv`
//! crate that csv2dto reads with (flexible, so ragged rows count; one reused `ByteRecord`),
//! and does nothing else. No converter built on that crate can read a file
//! faster than this, so the ratio to it shows what the conversion itself costs.
//!
//! `xsv count` would be the familiar floor, but it stops at the first ragged row and the
//! benchmark files contain them on purpose.
//!
//! ```text
//! cargo run --release --example csvcount -- customers.csv
//! ```

use std::io::{self, BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args_os()
        .nth(1)
        .ok_or("usage: csvcount FILE.csv")?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let mut rows: u64 = 0;
    while reader.read_byte_record(&mut record)? {
        rows += 1;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "{rows}")?;
    Ok(())
}
