//! `csv2dto check`: validate a file without writing anything.
//!
//! The same reading, mapping and validation as `convert`, with valid rows
//! counted and dropped and only the first rejects kept, so memory stays flat.
//! The report goes to stdout, as a readable table or as JSON.

use std::fmt::Write as _;
use std::sync::atomic::AtomicBool;
use std::time::{Instant, SystemTime};

use serde::Serialize;

use crate::convert::{open, run_rows, timestamp, Opened};
use crate::error::Result;
use crate::input::InputOptions;
use crate::input::Source;
use crate::options::ReadOptions;
use crate::pipeline::Sink;
use crate::records::Record;
use crate::report::{terminal_safe, Summary};
use crate::validate::{RowError, Validator};

/// How many rejects the report shows.
pub const FIRST_REJECTS: usize = 20;

/// One rejected row in the report.
#[derive(Clone, Debug, Serialize)]
pub struct RejectLine {
    /// Line where the record starts.
    pub line: u64,
    /// Reject codes.
    pub codes: Vec<&'static str>,
    /// `field: message` for each code.
    pub messages: Vec<String>,
}

/// What `check` found.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// Counts, codes, encoding, delimiter, digest.
    pub summary: Summary,
    /// The first rejects, in input order.
    pub first_rejects: Vec<RejectLine>,
}

#[derive(Default)]
struct FirstRejects(Vec<RejectLine>);

impl Sink for FirstRejects {
    fn valid_lines(&mut self, _: &[u8]) -> Result<()> {
        Ok(())
    }
    fn warnings(&mut self, _: &Record, _: &[RowError]) -> Result<()> {
        Ok(())
    }
    fn reject(&mut self, rec: &Record, errors: &[RowError]) -> Result<()> {
        if self.0.len() < FIRST_REJECTS {
            self.0.push(RejectLine {
                line: rec.line,
                codes: errors.iter().map(|e| e.code).collect(),
                messages: errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect(),
            });
        }
        Ok(())
    }
    fn rejects_formatted(&mut self, _: &[u8]) -> Result<()> {
        unreachable!("without a row format, rejects come with their reasons")
    }
}

/// Checks `input` as `read` says.
pub fn check(input: &Source, read: &ReadOptions, cancel: &AtomicBool) -> Result<CheckReport> {
    let started_at = SystemTime::now();
    let start = Instant::now();
    let Opened {
        shown,
        records,
        header,
        plan,
        meta,
        progress,
    } = open(
        input,
        &ReadOptions {
            input: InputOptions {
                hash: true,
                ..read.input
            },
            ..read.clone()
        },
    )?;
    let validator = Validator::new(&plan, &read.validate).decoded_from(meta.decoded_from());
    let mut sink = FirstRejects::default();
    let counts = run_rows(
        records, &shown, &header, &plan, &meta, &progress, &validator, &mut sink, read, cancel,
    )?;
    let mut summary = Summary::new(
        &counts,
        start.elapsed(),
        shown.clone(),
        String::new(),
        String::new(),
        &meta,
    );
    summary.started_at = timestamp(started_at);
    summary.finished_at = timestamp(SystemTime::now());
    summary.options = read.used.clone();
    summary.input_sha256 = progress.sha256_hex();
    Ok(CheckReport {
        summary,
        first_rejects: sink.0,
    })
}

impl CheckReport {
    /// The readable report: the summary, then a table of the first rejects.
    pub fn table(&self) -> String {
        let mut s = self.summary.human();
        if self.first_rejects.is_empty() {
            s += "No rows rejected.\n";
            return s;
        }
        let shown = self.first_rejects.len();
        let _ = writeln!(
            s,
            "\nFirst {shown} of {} rejected rows:",
            self.summary.counts.rejected
        );
        let codes: Vec<String> = self
            .first_rejects
            .iter()
            .map(|r| r.codes.join(","))
            .collect();
        let width = codes.iter().map(String::len).max().unwrap_or(0).max(5);
        let _ = writeln!(s, "{:>8}  {:<width$}  MESSAGES", "LINE", "CODES");
        for (r, c) in self.first_rejects.iter().zip(&codes) {
            let messages = terminal_safe(&r.messages.join(" | ")).into_owned();
            let _ = writeln!(s, "{:>8}  {c:<width$}  {messages}", r.line);
        }
        s
    }
}
