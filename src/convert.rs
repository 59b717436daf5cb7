//! One conversion, start to finish: the library's entry point for `convert`.
//!
//! Opens the input, checks the header, opens every output under a temporary
//! name, runs the pipeline, and puts outputs in place only when everything
//! succeeded, the summary last, so its presence means "finished".

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Instant, SystemTime};

use crate::batch::BatchWriter;
use crate::error::{Error, Result};
use crate::input::{self, ByteCounter, InputMeta, Source};
use crate::mapping::Plan;
use crate::options::{ConvertOptions, ReadOptions};
use crate::output::{same_file, CommitLock, Dest, OutputFile, RejectsWriter, RowFormat};
use crate::pipeline::{self, Sink, Stop};
use crate::records::{Record, RecordIssue, RecordReader};
use crate::report::{Counts, Live, Progress, Summary};
use crate::signals;
use crate::validate::{RowError, Validator};

struct FileSink<'c> {
    jsonl: OutputFile,
    rejects: RejectsWriter,
    warnings: Option<RejectsWriter>,
    batches: Option<BatchWriter>,
    /// The run's cancel flag: batch files stop being made once it is up
    /// (thousands of them can come of one chunk of rows).
    cancel: &'c AtomicBool,
}

impl Sink for FileSink<'_> {
    fn valid_lines(&mut self, jsonl: &[u8]) -> Result<()> {
        if let Some(b) = &mut self.batches {
            b.push_jsonl(jsonl, self.cancel)?;
        }
        self.jsonl.write_run(jsonl)
    }
    fn warnings(&mut self, rec: &Record, warnings: &[RowError]) -> Result<()> {
        match &mut self.warnings {
            Some(w) => w.write(rec, warnings),
            None => Ok(()),
        }
    }
    fn reject(&mut self, rec: &Record, errors: &[RowError]) -> Result<()> {
        self.rejects.write(rec, errors)
    }
    fn row_format(&self) -> Option<RowFormat> {
        Some(self.rejects.format().clone())
    }
    fn rejects_formatted(&mut self, rows: &[u8]) -> Result<()> {
        self.rejects.write_formatted(rows)
    }
}

/// Refuses outputs that would overwrite the input, a file the run reads
/// (`reads`: the config file, the batch template) or each other, and, with
/// batch files in `batch_dir`, an input or output that they would replace or
/// remove as stale (a `batch-NNNN.json` there).
pub fn check_paths(
    input: &Source,
    outputs: &[(&'static str, Option<&Path>)],
    reads: &[(&'static str, PathBuf)],
    batch_dir: Option<&Path>,
) -> Result<()> {
    let outputs: Vec<(&'static str, &Path)> = outputs
        .iter()
        .filter_map(|(w, p)| p.map(|p| (*w, p)))
        .collect();
    let in_batch_dir = |p: &Path| batch_dir.is_some_and(|dir| crate::batch::is_batch_file(dir, p));
    if let Source::Path(inp) = input {
        for (what, p) in &outputs {
            if same_file(inp, p) {
                return Err(Error::OutputIsInput {
                    path: p.to_path_buf(),
                    what,
                });
            }
        }
        if in_batch_dir(inp) {
            return Err(Error::OutputIsInput {
                path: inp.clone(),
                what: "batch files (--batch-dir)",
            });
        }
        // `-o - >> in.csv`: the run would read its own JSONL back as rows.
        for (what, stream) in [
            ("standard output (redirected to it)", "/dev/stdout"),
            ("standard error (redirected to it)", "/dev/stderr"),
        ] {
            let stream = Path::new(stream);
            if std::fs::metadata(stream).is_ok_and(|m| m.is_file()) && same_file(inp, stream) {
                return Err(Error::OutputIsInput {
                    path: inp.clone(),
                    what,
                });
            }
        }
    }
    // A file the run reads, named like a batch file in the batch folder,
    // would be removed as stale.
    for (read, r) in reads {
        if in_batch_dir(r) {
            return Err(Error::OutputClash {
                path: r.clone(),
                first: read,
                second: "batch files (--batch-dir)",
            });
        }
    }
    for (what, p) in &outputs {
        for (read, r) in reads {
            if same_file(p, r) {
                return Err(Error::OutputClash {
                    path: p.to_path_buf(),
                    first: what,
                    second: read,
                });
            }
        }
        if in_batch_dir(p) {
            return Err(Error::OutputClash {
                path: p.to_path_buf(),
                first: what,
                second: "batch files (--batch-dir)",
            });
        }
    }
    for (i, (first, a)) in outputs.iter().enumerate() {
        for (second, b) in &outputs[i + 1..] {
            if a == b || same_file(a, b) {
                return Err(Error::OutputClash {
                    path: a.to_path_buf(),
                    first,
                    second,
                });
            }
        }
    }
    Ok(())
}

/// An input opened and its header mapped, positioned at the first data row.
pub struct Opened {
    /// The input as shown in messages.
    pub shown: String,
    /// The records after the header.
    pub records: RecordReader<Box<dyn Read + Send>>,
    /// The header record (its line is where header warnings are counted).
    pub header: Record,
    /// The header's mapping.
    pub plan: Plan,
    /// Encoding, delimiter, size.
    pub meta: InputMeta,
    /// Raw bytes read so far, and their SHA-256 once the input is read to the end.
    pub progress: ByteCounter,
}

/// Opens `source` (hashing its raw bytes when `read.input.hash` says so)
/// and maps its header as `read` says.
pub fn open(source: &Source, read: &ReadOptions) -> Result<Opened> {
    let shown = source.to_string();
    let opened = input::open(source, &read.input)?;
    let meta = opened.meta.clone();
    let mut records = RecordReader::new(opened.reader, meta.delimiter, read.max_field_bytes);
    let mut header = Record::default();
    if meta.sep_line {
        // Excel's `sep=;` line: read past it, so the header is line 2.
        records.read(&mut header).map_err(|e| Error::Input {
            path: shown.clone(),
            source: e,
        })?;
    }
    let has_header = records.read(&mut header).map_err(|e| Error::Input {
        path: shown.clone(),
        source: e,
    })?;
    if !has_header {
        if matches!(source, Source::Stdin) && crate::output::stdin_was_closed() {
            return Err(Error::Input {
                path: shown,
                source: std::io::Error::other(
                    "standard input is closed, so there is nothing to read; pipe the file in, \
                     or name it instead of -",
                ),
            });
        }
        return Err(Error::EmptyInput { path: shown });
    }
    if let Some(issue) = &header.issue {
        return Err(header_issue(shown, &header, issue, read.max_field_bytes));
    }
    if let Some(col) = header.iter().position(|f| f.contains(&0)) {
        // It would be a JSON key (`na\u0000me`) on every row.
        return Err(Error::Header {
            path: shown,
            line: header.line,
            message: format!(
                "header column {} holds a NUL byte (file damage?); remove it from the name",
                col + 1
            ),
        });
    }
    let names: Vec<String> = header
        .iter()
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let plan = Plan::build(&names, &read.mapping).map_err(|e| Error::Header {
        path: shown.clone(),
        line: header.line,
        message: e.0,
    })?;
    if read.validate.excel_safe && plan.is_fed_back() {
        // A fed-back rejects file, guarded: a cell at the limit has its `'`.
        records.allow_guard_byte();
    }
    Ok(Opened {
        shown,
        records,
        header,
        plan,
        meta,
        progress: opened.progress,
    })
}

/// Runs every row of `records` through `validator` into `sink`, showing progress,
/// and counts the header's warnings.
// The parts of an `Opened` are passed apart because `validator` borrows its plan.
#[allow(clippy::too_many_arguments)]
pub fn run_rows(
    records: RecordReader<Box<dyn Read + Send>>,
    shown: &str,
    header: &Record,
    plan: &Plan,
    meta: &InputMeta,
    progress: &ByteCounter,
    validator: &Validator<'_>,
    sink: &mut dyn Sink,
    read: &ReadOptions,
    cancel: &AtomicBool,
) -> Result<Counts> {
    let live = Live::default();
    let display = Progress::start(
        read.progress,
        shown,
        meta.size,
        progress.clone(),
        live.clone(),
    );
    let result = pipeline::run(
        records,
        validator,
        sink,
        read.pipeline,
        &read.dedupe,
        cancel,
        &live,
    );
    display.finish(result.is_ok());
    let mut counts = match result {
        Ok(c) => c,
        Err(Stop::Read(e)) => {
            return Err(Error::Input {
                path: shown.to_string(),
                source: e,
            })
        }
        Err(Stop::Write(e)) => return Err(e),
        Err(Stop::Cancelled) => return Err(interrupted(&live)),
    };
    for (col, code, message) in &plan.warnings {
        let field = plan.headers[*col].clone();
        counts.warn(
            header.line,
            &[RowError {
                field,
                code,
                message: message.clone(),
            }],
        );
    }
    Ok(counts)
}

/// The current time as RFC 3339 UTC, to the millisecond.
pub fn timestamp(t: SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

/// Converts one file as `opts` says. `cancel` stops the run between batches.
pub fn convert(opts: &ConvertOptions, cancel: &AtomicBool) -> Result<Summary> {
    let started_at = SystemTime::now();
    let start = Instant::now();
    let output_path = match &opts.output {
        Dest::Path(p) => Some(p.as_path()),
        Dest::Stdout => None,
    };
    check_paths(
        &opts.input,
        &[
            ("JSONL output", output_path),
            ("rejects file", Some(opts.rejects.as_path())),
            (
                "summary JSON",
                opts.summary_json
                    .as_deref()
                    .filter(|p| *p != Path::new("-")),
            ),
            ("warnings file", opts.warnings.as_deref()),
        ],
        &opts.reads,
        opts.batch.as_ref().map(|b| b.dir.as_path()),
    )?;
    let read = &opts.read;
    let Opened {
        shown,
        records,
        header,
        plan,
        meta,
        progress,
    } = open(&opts.input, read)?;
    let validator = Validator::new(&plan, &read.validate).decoded_from(meta.decoded_from());

    let jsonl = OutputFile::create(&opts.output, "JSONL output")?;
    // Created with the others, so that a summary path that cannot be written
    // fails the run before any output is put in place, not after.
    let summary_file = match &opts.summary_json {
        // `-` is stdout, as for the JSONL output.
        Some(p) => Some(OutputFile::create(&Dest::from_arg(p), "summary JSON")?),
        None => None,
    };
    let rejects_file = OutputFile::create(&Dest::Path(opts.rejects.clone()), "rejects file")?;
    let kept: Vec<&str> = plan.kept_headers().collect();
    let rejects = RejectsWriter::new(
        rejects_file,
        &kept,
        plan.kept.clone(),
        plan.width,
        read.validate.excel_safe,
    )?;
    let warnings = match &opts.warnings {
        Some(p) => {
            let file = OutputFile::create(&Dest::Path(p.clone()), "warnings file")?;
            Some(RejectsWriter::warnings(
                file,
                &kept,
                plan.kept.clone(),
                plan.width,
                read.validate.excel_safe,
            )?)
        }
        None => None,
    };
    let mut sink = FileSink {
        jsonl,
        rejects,
        warnings,
        batches: opts.batch.clone().map(BatchWriter::new),
        cancel,
    };

    let counts = run_rows(
        records, &shown, &header, &plan, &meta, &progress, &validator, &mut sink, read, cancel,
    )?;
    if let Source::Path(p) = &opts.input {
        check_not_shrunk(p, meta.size, meta.file_id).map_err(|source| Error::Input {
            path: shown.clone(),
            source,
        })?;
    }
    // All outputs fully written before any is put in place, the summary
    // among them: a full disk on one must not leave another renamed over an
    // older run's file, with exit 1 saying nothing was put in place.
    sink.jsonl.finish()?;
    sink.rejects.finish()?;
    if let Some(w) = &mut sink.warnings {
        w.finish()?;
    }
    let batch_files = match &mut sink.batches {
        Some(b) => b.finish()?,
        None => Vec::new(),
    };
    let mut summary = Summary::new(
        &counts,
        start.elapsed(),
        shown,
        opts.output.display(),
        opts.rejects.display().to_string(),
        &meta,
    );
    summary.started_at = timestamp(started_at);
    summary.finished_at = timestamp(SystemTime::now());
    summary.options = read.used.clone();
    summary.input_sha256 = progress.sha256_hex();
    summary.thresholds = opts.thresholds;
    summary.threshold_exceeded = opts.thresholds.exceeded(counts.rows, counts.rejected);
    summary.batch_files = batch_files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let summary_file = match summary_file {
        Some(file) => Some(write_json(file, &summary)?),
        None => None,
    };
    let dirs = [sink.jsonl.commit_dir(), sink.rejects.commit_dir()]
        .into_iter()
        .flatten()
        .chain(sink.warnings.iter().filter_map(|w| w.commit_dir()))
        .chain(summary_file.iter().filter_map(OutputFile::commit_dir))
        .chain(sink.batches.iter().map(|b| b.dir().to_path_buf()));
    let _lock = CommitLock::acquire(dirs.collect::<Vec<_>>());
    sink.jsonl.commit()?;
    sink.rejects.commit()?;
    if let Some(w) = sink.warnings {
        w.commit()?;
    }
    if let Some(b) = sink.batches {
        b.commit()?;
    }
    if let Some(file) = summary_file {
        file.commit()?;
    }
    Ok(summary)
}

/// The error for a header row that could not be read as one.
fn header_issue(path: String, header: &Record, issue: &RecordIssue, max: usize) -> Error {
    let message = match issue {
        RecordIssue::FieldTooLarge(cuts) => {
            let (field, bytes) = cuts.first().map_or((0, 0), |c| (c.field, c.bytes));
            format!(
                "header column {} has {bytes} bytes, over the --max-field-bytes limit of {max}; \
                 is this a CSV file with a header row (a binary file, or one without line breaks)?",
                field + 1
            )
        }
        RecordIssue::StrayQuote => format!(
            "a quoted header has a closing quote followed by text, so its quotes do not pair up \
             (the header ran over {} lines); write a quote inside a quoted name twice (\"\")",
            header.lines
        ),
        RecordIssue::UnterminatedQuote => format!(
            "a quoted header opened here is never closed (the file's {} lines were read as the header); \
             add the closing quote",
            header.lines
        ),
    };
    Error::Header {
        path,
        line: header.line,
        message,
    }
}

/// What an interrupted run had done, for the message.
fn interrupted(live: &Live) -> Error {
    let rows = live.rows.load(Ordering::Relaxed);
    let rejected = live.rejected.load(Ordering::Relaxed);
    Error::Interrupted {
        signal: signals::received().map_or("cancellation", |s| s.name()),
        rows,
        valid: rows - rejected,
        rejected,
    }
}

/// Fails when a regular input file is now shorter than when it was opened:
/// another program truncated or rewrote it under us, so what was read is not
/// the file the user meant, even though every read succeeded. A file
/// replaced by a new one under its name (`mv`, `rsync`: another inode) is
/// not this: the open handle read the old one whole.
pub fn check_not_shrunk(
    path: &Path,
    size_at_open: Option<u64>,
    id_at_open: Option<(u64, u64)>,
) -> std::io::Result<()> {
    let Some(before) = size_at_open else {
        return Ok(());
    };
    match std::fs::metadata(path) {
        Ok(m) if id_at_open.is_some() && input::file_id(&m) != id_at_open => Ok(()),
        Ok(m) if m.is_file() && m.len() < before => Err(std::io::Error::other(format!(
            "the file shrank from {before} to {} bytes while it was being read \
             (truncated or rewritten by another program); nothing was put in place, run again once it is complete",
            m.len()
        ))),
        // Deleted under us is fine: the open handle read the whole file.
        _ => Ok(()),
    }
}

/// Writes `value` as pretty JSON into `out`, created earlier, and puts it in place.
pub fn put_json<T: serde::Serialize>(out: OutputFile, value: &T) -> Result<()> {
    write_json(out, value)?.commit()
}

/// Writes `value` as pretty JSON into `out` and flushes it, to be put in place later.
fn write_json<T: serde::Serialize>(mut out: OutputFile, value: &T) -> Result<OutputFile> {
    let mut text = serde_json::to_vec_pretty(value).expect("summary serializes");
    text.push(b'\n');
    out.write_bytes(&text)?;
    out.finish()?;
    Ok(out)
}
