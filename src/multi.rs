//! Many inputs in one call: `convert a.csv b.csv.gz --out-dir DIR`.
//!
//! Each input is converted on its own, exactly as a single-file run would,
//! to `DIR/<stem>.jsonl`, `DIR/<stem>.rejects.csv` and `DIR/<stem>.summary.json`.
//! A file that fails does not stop the others. The combined summary
//! (`DIR/summary.json`, or `--summary-json`) is written last, after every
//! file's outputs, and the exit code is the worst outcome (see `exit`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::SystemTime;

use serde::Serialize;

use crate::cli::ConvertArgs;
use crate::convert::{check_paths, convert, put_json, timestamp};
use crate::error::{Error, Result};
use crate::exit::ExitCode;
use crate::input::Source;
use crate::options::{stem, ConvertOptions};
use crate::output::{Dest, OutputFile};
use crate::report::{terminal_safe, to_stderr};
use crate::thresholds::Thresholds;

/// A checked many-files run.
#[derive(Clone, Debug)]
pub struct MultiOptions {
    /// One run per input, in command-line order.
    pub files: Vec<FileRun>,
    /// Where the combined summary goes.
    pub combined: PathBuf,
    /// No summaries on stderr.
    pub quiet: bool,
}

/// One input of a many-files run.
#[derive(Clone, Debug)]
pub struct FileRun {
    /// Its single-file run.
    pub opts: ConvertOptions,
    /// Without `--warnings`: the `DIR/<stem>.warnings.csv` an earlier run
    /// with it may have left, removed when the file's outputs are put in
    /// place, so that an old list is not read as this run's.
    pub stale_warnings: Option<PathBuf>,
    /// Why it is not converted at all (two inputs with one stem, `b.csv`
    /// beside `b.csv.gz`). A data condition of the night, not a bad command
    /// line: such files fail (exit 1), the others run.
    pub refused: Option<String>,
}

/// Refuses a run in which one input is another input's output in `dir`:
/// `convert x.csv out/x.rejects.csv --out-dir out` (the fix-and-feed-back
/// loop run beside the fresh export) would overwrite the user's fixed
/// rejects file, or remove it as stale when x.csv fails. Each file's own
/// input is checked with its outputs by `check_paths`; this is the cross
/// check, by canonical path, in one pass.
fn other_inputs_are_not_outputs(dir: &std::path::Path, files: &[FileRun]) -> Result<()> {
    // A folder that does not exist yet holds no input.
    let Ok(real_dir) = std::fs::canonicalize(dir) else {
        return Ok(());
    };
    let mut outputs = std::collections::HashMap::new();
    for FileRun {
        opts: f,
        stale_warnings: stale,
        ..
    } in files
    {
        let output = match &f.output {
            Dest::Path(p) => Some(p.as_path()),
            Dest::Stdout => None,
        };
        let named = [
            ("JSONL output", output),
            ("rejects file", Some(f.rejects.as_path())),
            ("summary JSON", f.summary_json.as_deref()),
            ("warnings file", f.warnings.as_deref().or(stale.as_deref())),
        ];
        for (what, path) in named {
            if let Some(name) = path.and_then(|p| p.file_name()) {
                outputs.insert(real_dir.join(name), (what, f.input.to_string()));
            }
        }
    }
    for f in files.iter().map(|f| &f.opts) {
        let Source::Path(input) = &f.input else {
            continue;
        };
        let Ok(real) = std::fs::canonicalize(input) else {
            continue; // Missing: that file fails on its own.
        };
        if let Some((what, of)) = outputs.get(&real) {
            return Err(Error::Usage(format!(
                "{}: this input is the {what} of {of} in --out-dir, which the run would replace; \
                 move it out of {} first, or convert it in a run of its own",
                input.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

impl MultiOptions {
    /// Checks a `convert ... --out-dir DIR` command line.
    pub fn from_args(a: &ConvertArgs) -> Result<MultiOptions> {
        let usage = |m: &str| Error::Usage(m.to_string());
        let dir = a
            .nightly
            .out_dir
            .clone()
            .ok_or_else(|| usage("several inputs need --out-dir DIR"))?;
        if a.output.is_some() || a.rejects.is_some() {
            return Err(usage(
                "--out-dir names every output (DIR/<stem>.jsonl, DIR/<stem>.rejects.csv); \
                 drop --output/--rejects",
            ));
        }
        if a.input.len() > 1 && a.batch.batch_template.is_some() {
            return Err(usage(
                "--batch-template takes one input: run csv2dto once per file for batch files",
            ));
        }
        let stem_of = |input: &std::path::Path| {
            if input.as_os_str() == "-" {
                "stdin".to_string()
            } else {
                stem(input)
            }
        };
        let mut stems: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for input in &a.input {
            stems
                .entry(stem_of(input))
                .or_default()
                .push(input.display().to_string());
        }
        let mut files = Vec::new();
        for input in &a.input {
            let s = stem_of(input);
            let same = &stems[&s];
            let refused = (same.len() > 1).then(|| {
                format!(
                    "{} have the stem `{s}` and would write the same {s}.jsonl in --out-dir, \
                     so neither is converted; rename one, or move the older one away",
                    same.join(" and ")
                )
            });
            let mut file = ConvertOptions::for_file(
                a,
                input,
                Dest::Path(dir.join(format!("{s}.jsonl"))),
                Some(dir.join(format!("{s}.rejects.csv"))),
                Some(dir.join(format!("{s}.summary.json"))),
            )?;
            // One warnings file per input, beside its other outputs.
            let warnings = dir.join(format!("{s}.warnings.csv"));
            let stale_warnings = if file.warnings.is_some() {
                file.warnings = Some(warnings);
                None
            } else {
                Some(warnings)
            };
            files.push(FileRun {
                opts: file,
                stale_warnings,
                refused,
            });
        }
        other_inputs_are_not_outputs(&dir, &files)?;
        let combined = a
            .summary_json
            .clone()
            .unwrap_or_else(|| dir.join("summary.json"));
        // The run summary against each file's input, outputs and read files,
        // as each file's own outputs are checked: before anything is removed.
        if combined.as_os_str() != "-" {
            for f in files.iter().map(|f| &f.opts) {
                let output = match &f.output {
                    Dest::Path(p) => Some(p.as_path()),
                    Dest::Stdout => None,
                };
                check_paths(
                    &f.input,
                    &[
                        ("run summary JSON", Some(combined.as_path())),
                        ("JSONL output", output),
                        ("rejects file", Some(f.rejects.as_path())),
                        ("summary JSON", f.summary_json.as_deref()),
                        ("warnings file", f.warnings.as_deref()),
                    ],
                    &f.reads,
                    f.batch.as_ref().map(|b| b.dir.as_path()),
                )?;
            }
        }
        Ok(MultiOptions {
            files,
            combined,
            quiet: a.quiet,
        })
    }
}

/// One input's line in the combined summary.
#[derive(Clone, Debug, Serialize)]
pub struct FileOutcome {
    /// The input.
    pub input: String,
    /// `ok`, `threshold_exceeded` or `failed`.
    pub status: &'static str,
    /// This file's exit code on its own.
    pub exit_code: u8,
    /// Its summary JSON (absent when it failed).
    pub summary: Option<String>,
    /// Its JSONL output (absent when it failed: it has none).
    pub output: Option<String>,
    /// Its rejects file (absent when it failed).
    pub rejects: Option<String>,
    /// Rows read.
    pub rows: u64,
    /// Valid rows.
    pub valid: u64,
    /// Rejected rows.
    pub rejected: u64,
    /// Why it failed.
    pub error: Option<String>,
}

/// The combined summary of a many-files run.
#[derive(Clone, Debug, Serialize)]
pub struct Combined {
    /// csv2dto's version.
    pub version: &'static str,
    /// RFC 3339 UTC.
    pub started_at: String,
    /// RFC 3339 UTC.
    pub finished_at: String,
    /// Per input, in command-line order.
    pub files: Vec<FileOutcome>,
    /// Rows read over all files.
    pub rows: u64,
    /// Valid rows over all files.
    pub valid: u64,
    /// Rejected rows over all files.
    pub rejected: u64,
    /// Files that failed.
    pub failed: u64,
    /// `--max-rejects` / `--max-reject-rate`, applied to each file on its
    /// own: one broken export among many is caught, not averaged away.
    pub thresholds: Thresholds,
    /// True when any file exceeded a threshold (`files[].status` says which).
    pub threshold_exceeded: bool,
    /// The worst outcome: the process exit code.
    pub exit_code: u8,
}

/// Removes an earlier run's outputs of a file that failed in this one: left
/// in place, a complete-looking older `X.jsonl` and an `X.summary.json` that
/// says it finished would be taken for this run's (a loader globbing
/// `DIR/*.jsonl`). A failed file has no outputs, as the README says.
/// (Usage errors and signals are not this: nothing of the file was tried,
/// or the run stops there and says so.)
fn remove_stale_outputs(opts: &ConvertOptions, stale_warnings: Option<&std::path::Path>) {
    let output = match &opts.output {
        Dest::Path(p) => Some(p.as_path()),
        Dest::Stdout => None,
    };
    let paths = [
        output,
        Some(opts.rejects.as_path()),
        opts.summary_json.as_deref(),
        opts.warnings.as_deref().or(stale_warnings),
    ];
    let removed: Vec<String> = paths
        .into_iter()
        .flatten()
        .filter(|path| remove_earlier(path))
        .map(|path| path.display().to_string())
        .collect();
    if !removed.is_empty() {
        to_stderr(format_args!(
            "csv2dto: removed the earlier run's outputs of the failed file: {}\n",
            terminal_safe(&removed.join(", "))
        ));
    }
}

/// Removes `path`, a warnings file an earlier run with `--warnings` left
/// beside the outputs this run has just put in place without it.
fn remove_stale_warnings(path: &std::path::Path) {
    if remove_earlier(path) {
        to_stderr(format_args!(
            "csv2dto: removed {}, an earlier run's warnings file (this run has no --warnings)\n",
            terminal_safe(&path.display().to_string())
        ));
    }
}

/// Removes an earlier run's output at `path`: true if it was there and is
/// gone; a failure is a warning, never the run's error.
fn remove_earlier(path: &std::path::Path) -> bool {
    match std::fs::remove_file(path) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => {
            to_stderr(format_args!(
                "csv2dto: warning: {}: cannot remove the earlier run's output: {e}\n",
                terminal_safe(&path.display().to_string())
            ));
            false
        }
    }
}

/// Converts every file; returns the worst exit code. Usage errors come back as `Err`.
pub fn convert_all(m: &MultiOptions, cancel: &AtomicBool) -> Result<ExitCode> {
    let started_at = SystemTime::now();
    // Created first, so that a path that cannot be written fails the run
    // before any file's outputs are put in place.
    let combined_dest = Dest::from_arg(&m.combined);
    let combined_file = OutputFile::create(&combined_dest, "summary JSON")?;
    // An earlier run's summary says "finished" about the outputs this run is
    // about to replace: it goes now, and this run's takes its place at the end.
    let removed = match combined_dest {
        Dest::Stdout => Ok(()),
        Dest::Path(_) => std::fs::remove_file(&m.combined),
    };
    match removed {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::Output {
                path: m.combined.clone(),
                what: "summary JSON",
                source: e,
            })
        }
        _ => {}
    }
    let mut worst = ExitCode::Success;
    let mut files = Vec::new();
    for FileRun {
        opts,
        stale_warnings: stale,
        refused,
    } in &m.files
    {
        let mut outcome = FileOutcome {
            input: opts.input.to_string(),
            status: "ok",
            exit_code: 0,
            summary: None,
            output: Some(opts.output.display()),
            rejects: Some(opts.rejects.display().to_string()),
            rows: 0,
            valid: 0,
            rejected: 0,
            error: None,
        };
        let result = match refused {
            Some(why) => Err(Error::NotConverted(why.clone())),
            None => convert(opts, cancel),
        };
        let code = match result {
            Ok(summary) => {
                if let Some(stale) = stale {
                    remove_stale_warnings(stale);
                }
                if !m.quiet {
                    to_stderr(format_args!("{}", summary.human()));
                }
                outcome.summary = opts.summary_json.as_ref().map(|p| p.display().to_string());
                outcome.rows = summary.counts.rows;
                outcome.valid = summary.counts.valid;
                outcome.rejected = summary.counts.rejected;
                if summary.threshold_exceeded {
                    outcome.status = "threshold_exceeded";
                    ExitCode::Rejects
                } else {
                    ExitCode::Success
                }
            }
            Err(e) => {
                to_stderr(format_args!(
                    "csv2dto: error: {}\n",
                    terminal_safe(&e.to_string())
                ));
                outcome.status = "failed";
                outcome.error = Some(e.to_string());
                (outcome.output, outcome.rejects) = (None, None);
                let code = ExitCode::for_error(&e);
                if code == ExitCode::Fatal {
                    remove_stale_outputs(opts, stale.as_deref());
                }
                code
            }
        };
        outcome.exit_code = code.code();
        worst = worst.worst(code);
        files.push(outcome);
        if matches!(
            worst,
            ExitCode::HungUp | ExitCode::Interrupted | ExitCode::Terminated
        ) {
            // The interrupted file's message says nothing of it was put in
            // place; the files before it were finished, and are.
            let done: Vec<&str> = files
                .iter()
                .filter(|f| f.status != "failed")
                .filter_map(|f| f.output.as_deref())
                .collect();
            to_stderr(format_args!(
                "csv2dto: {} was interrupted; {}; no run summary was written\n",
                terminal_safe(&opts.input.to_string()),
                if done.is_empty() {
                    "no earlier file had finished".to_owned()
                } else {
                    terminal_safe(&format!(
                        "the files finished before it have their outputs in place ({})",
                        done.join(", ")
                    ))
                    .into_owned()
                }
            ));
            break;
        }
    }
    let combined = Combined {
        version: env!("CARGO_PKG_VERSION"),
        started_at: timestamp(started_at),
        finished_at: timestamp(SystemTime::now()),
        rows: files.iter().map(|f| f.rows).sum(),
        valid: files.iter().map(|f| f.valid).sum(),
        rejected: files.iter().map(|f| f.rejected).sum(),
        failed: files.iter().filter(|f| f.status == "failed").count() as u64,
        thresholds: m
            .files
            .first()
            .map(|f| f.opts.thresholds)
            .unwrap_or_default(),
        threshold_exceeded: files.iter().any(|f| f.status == "threshold_exceeded"),
        exit_code: worst.code(),
        files,
    };
    if !matches!(
        worst,
        ExitCode::HungUp | ExitCode::Interrupted | ExitCode::Terminated
    ) {
        put_json(combined_file, &combined)?;
    }
    Ok(worst)
}
