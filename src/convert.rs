//! One conversion, start to finish: the library's entry point for `convert`.
//!
//! Opens the input, checks the header, opens every output under a temporary
//! name, runs the pipeline, and puts outputs in place only when everything
//! succeeded, the summary last, so its presence means "finished".

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::input::{self, Source};
use crate::mapping::Plan;
use crate::options::ConvertOptions;
use crate::output::{same_file, Dest, OutputFile, RejectsWriter};
use crate::pipeline::{self, Sink, Stop};
use crate::records::{Record, RecordReader};
use crate::report::{Live, Progress, Summary};
use crate::validate::{RowError, Validator};

struct FileSink {
    jsonl: OutputFile,
    rejects: RejectsWriter,
    warnings: Option<RejectsWriter>,
}

impl Sink for FileSink {
    fn valid(&mut self, rec: &Record, json: &[u8], warnings: &[RowError]) -> Result<()> {
        if let (Some(w), false) = (&mut self.warnings, warnings.is_empty()) {
            w.write(rec, warnings)?;
        }
        self.jsonl.write_bytes(json)
    }
    fn reject(&mut self, rec: &Record, errors: &[RowError]) -> Result<()> {
        self.rejects.write(rec, errors)
    }
}

/// Refuses outputs that would overwrite the input or each other.
pub fn check_paths(input: &Source, outputs: &[(&'static str, Option<&Path>)]) -> Result<()> {
    let outputs: Vec<(&'static str, &Path)> = outputs
        .iter()
        .filter_map(|(w, p)| p.map(|p| (*w, p)))
        .collect();
    if let Source::Path(inp) = input {
        for (what, p) in &outputs {
            if same_file(inp, p) {
                return Err(Error::OutputIsInput {
                    path: p.to_path_buf(),
                    what,
                });
            }
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

/// Converts one file as `opts` says. `cancel` stops the run between batches.
pub fn convert(opts: &ConvertOptions, cancel: &AtomicBool) -> Result<Summary> {
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
            ("summary JSON", opts.summary_json.as_deref()),
            ("warnings file", opts.warnings.as_deref()),
        ],
    )?;
    let shown = opts.input.to_string();
    let read = &opts.read;
    let opened = input::open(&opts.input, &read.input)?;
    let meta = opened.meta.clone();
    let mut records = RecordReader::new(opened.reader, meta.delimiter, read.max_field_bytes);
    let mut header = Record::default();
    let has_header = records.read(&mut header).map_err(|e| Error::Input {
        path: shown.clone(),
        source: e,
    })?;
    if !has_header {
        return Err(Error::EmptyInput { path: shown });
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
    let validator = Validator::new(&plan, &read.validate);

    let jsonl = OutputFile::create(&opts.output, "JSONL output")?;
    let rejects_file = OutputFile::create(&Dest::Path(opts.rejects.clone()), "rejects file")?;
    let kept: Vec<&str> = plan.kept_headers().collect();
    let rejects = RejectsWriter::new(rejects_file, &kept, plan.kept.clone(), plan.width, false)?;
    let warnings = match &opts.warnings {
        Some(p) => {
            let file = OutputFile::create(&Dest::Path(p.clone()), "warnings file")?;
            Some(RejectsWriter::warnings(
                file,
                &kept,
                plan.kept.clone(),
                plan.width,
                false,
            )?)
        }
        None => None,
    };
    let mut sink = FileSink {
        jsonl,
        rejects,
        warnings,
    };

    let live = Live::default();
    let progress = Progress::start(
        read.progress,
        &shown,
        meta.size,
        opened.progress.clone(),
        live.clone(),
    );
    let result = pipeline::run(
        records,
        &validator,
        &mut sink,
        read.pipeline,
        &read.dedupe,
        cancel,
        &live,
    );
    progress.finish();
    let mut counts = match result {
        Ok(c) => c,
        Err(Stop::Read(e)) => {
            return Err(Error::Input {
                path: shown,
                source: e,
            })
        }
        Err(Stop::Write(e)) => return Err(e),
        Err(Stop::Cancelled) => return Err(Error::Interrupted { signal: "a signal" }),
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
    sink.jsonl.commit()?;
    sink.rejects.commit()?;
    if let Some(w) = sink.warnings {
        w.commit()?;
    }
    let summary = Summary::new(
        &counts,
        start.elapsed(),
        shown,
        opts.output.display(),
        opts.rejects.display().to_string(),
        &meta,
    );
    if let Some(path) = &opts.summary_json {
        write_json(path, &summary)?;
    }
    Ok(summary)
}

/// Writes `value` as pretty JSON to `path`, atomically.
pub fn write_json<T: serde::Serialize>(path: &PathBuf, value: &T) -> Result<()> {
    let mut out = OutputFile::create(&Dest::Path(path.clone()), "summary JSON")?;
    let mut text = serde_json::to_vec_pretty(value).expect("summary serializes");
    text.push(b'\n');
    out.write_bytes(&text)?;
    out.commit()
}
