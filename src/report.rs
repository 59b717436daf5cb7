//! Counting what happened, showing progress, and telling the user at the end.
//!
//! Counts are per run; the invariant `rows = valid + rejected` is asserted
//! before any summary is written. Everything echoed to a terminal goes through
//! `terminal_safe`, because cell values and file names are untrusted.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::input::{ByteCounter, InputMeta};
use crate::thresholds::Thresholds;
use crate::validate::RowError;

/// Row counts of one run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Data rows read (blank lines excluded).
    pub rows: u64,
    /// Rows written to the JSONL output.
    pub valid: u64,
    /// Rows written to the rejects file.
    pub rejected: u64,
    /// Blank lines and rows of bare delimiters, skipped.
    pub blank_lines: u64,
    /// Occurrences of each reject code.
    pub reject_codes: BTreeMap<&'static str, u64>,
    /// The first line on which each reject code occurred.
    pub reject_first_line: BTreeMap<&'static str, u64>,
    /// Occurrences of each warning code (rows still valid).
    pub warnings: BTreeMap<&'static str, u64>,
    /// The first line on which each warning code occurred.
    pub warning_first_line: BTreeMap<&'static str, u64>,
    /// True when the duplicate-warning key set reached its size limit.
    pub duplicate_check_full: bool,
}

impl Counts {
    /// Records one rejected row.
    pub fn reject(&mut self, line: u64, errors: &[RowError]) {
        self.rows += 1;
        self.rejected += 1;
        for e in errors {
            *self.reject_codes.entry(e.code).or_default() += 1;
            self.reject_first_line.entry(e.code).or_insert(line);
        }
    }

    /// Adds codes tallied elsewhere (by a worker, for one batch, in input order).
    pub fn add_reject_codes(&mut self, tally: &CodeTally) {
        for &(code, n, first) in &tally.0 {
            *self.reject_codes.entry(code).or_default() += n;
            self.reject_first_line.entry(code).or_insert(first);
        }
    }

    /// Records the warnings of one row (or of the header).
    pub fn warn(&mut self, line: u64, warnings: &[RowError]) {
        for w in warnings {
            *self.warnings.entry(w.code).or_default() += 1;
            self.warning_first_line.entry(w.code).or_insert(line);
        }
    }

    /// Records one valid row.
    pub fn valid(&mut self) {
        self.rows += 1;
        self.valid += 1;
    }

    /// Panics if a row went missing: the tool's central promise.
    pub fn assert_balanced(&self) {
        assert_eq!(
            self.rows,
            self.valid + self.rejected,
            "internal error: rows read != valid + rejected; please report this"
        );
    }
}

/// Occurrences and first line of each code in one batch: a handful of codes,
/// so a short list beats a map. Workers fill it; the writer merges it.
#[derive(Clone, Debug, Default)]
pub struct CodeTally(Vec<(&'static str, u64, u64)>);

impl CodeTally {
    /// Counts `errors` of a row on `line`.
    pub fn add(&mut self, line: u64, errors: &[RowError]) {
        for e in errors {
            match self.0.iter_mut().find(|(code, _, _)| *code == e.code) {
                Some((_, n, _)) => *n += 1,
                None => self.0.push((e.code, 1, line)),
            }
        }
    }

    /// Forgets everything, keeping the allocation.
    pub fn clear(&mut self) {
        self.0.clear();
    }
}

/// Everything the end-of-run summary says.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// csv2dto's version.
    pub version: &'static str,
    /// Input path (`-` for stdin).
    pub input: String,
    /// JSONL output path (`-` for stdout).
    pub output: String,
    /// Rejects file path.
    pub rejects: String,
    /// Encoding the input was read as.
    pub encoding: String,
    /// How the encoding was chosen: bom, rejects file, detected, assumed or option.
    pub encoding_source: String,
    /// Delimiter used, as text (`,`, `;`, `tab`, `|`).
    pub delimiter: String,
    /// How the delimiter was chosen: sniffed, extension, option, default or rejects file.
    pub delimiter_source: String,
    /// Compression of the input: none, gzip or zstd.
    pub compression: String,
    /// Rows, valid, rejected, blank lines, and the reject and warning codes
    /// with their first lines: the run's counts, as top-level keys.
    #[serde(flatten)]
    pub counts: Counts,
    /// Wall time in milliseconds.
    pub elapsed_ms: u64,
    /// Rows per second.
    pub rows_per_sec: u64,
    /// When the run started (RFC 3339, UTC).
    pub started_at: String,
    /// When the run finished, before the summary was written (RFC 3339, UTC).
    pub finished_at: String,
    /// The options in effect (after `--config`, with defaults).
    pub options: serde_json::Value,
    /// SHA-256 of the input bytes, hex.
    pub input_sha256: Option<String>,
    /// Rejected rows / rows read.
    pub reject_rate: f64,
    /// The thresholds applied.
    pub thresholds: Thresholds,
    /// True when a threshold was exceeded (exit code 3).
    pub threshold_exceeded: bool,
    /// Batch-call request bodies written, in order.
    pub batch_files: Vec<String>,
}

impl Summary {
    /// Builds a summary from counts and context.
    pub fn new(
        counts: &Counts,
        elapsed: Duration,
        input: String,
        output: String,
        rejects: String,
        meta: &InputMeta,
    ) -> Summary {
        counts.assert_balanced();
        let secs = elapsed.as_secs_f64();
        Summary {
            version: env!("CARGO_PKG_VERSION"),
            input,
            output,
            rejects,
            encoding: meta.encoding.to_string(),
            encoding_source: meta.encoding_source.to_string(),
            delimiter: delimiter_name(meta.delimiter),
            delimiter_source: meta.delimiter_source.to_string(),
            compression: meta.compression.to_string(),
            counts: counts.clone(),
            elapsed_ms: elapsed.as_millis() as u64,
            rows_per_sec: if secs > 0.0 {
                (counts.rows as f64 / secs) as u64
            } else {
                0
            },
            started_at: String::new(),
            finished_at: String::new(),
            options: serde_json::Value::Null,
            input_sha256: None,
            reject_rate: crate::thresholds::reject_rate(counts.rows, counts.rejected),
            thresholds: Thresholds::default(),
            threshold_exceeded: false,
            batch_files: Vec::new(),
        }
    }

    /// The short human summary printed on stderr.
    pub fn human(&self) -> String {
        let mut s = format!(
            "{}: {} rows read, {} valid, {} rejected",
            terminal_safe(&self.input),
            self.counts.rows,
            self.counts.valid,
            self.counts.rejected
        );
        if self.counts.blank_lines > 0 {
            s += &format!(", {} blank lines skipped", self.counts.blank_lines);
        }
        s += &format!(
            " in {:.2}s ({} rows/s)\n  read as {} ({}), delimiter {} ({}), compression {}\n",
            self.elapsed_ms as f64 / 1000.0,
            self.rows_per_sec,
            self.encoding,
            self.encoding_source,
            self.delimiter,
            self.delimiter_source,
            self.compression
        );
        if !self.counts.reject_codes.is_empty() {
            s += "  rejects by code:\n";
            for (code, n) in &self.counts.reject_codes {
                s += &format!(
                    "    {code:<26} {n:>9}  (first at line {})\n",
                    self.counts.reject_first_line[code]
                );
            }
        }
        if !self.counts.warnings.is_empty() {
            s += "  warnings (rows still valid):\n";
            for (code, n) in &self.counts.warnings {
                s += &format!(
                    "    {code:<26} {n:>9}  (first at line {})\n",
                    self.counts.warning_first_line[code]
                );
            }
        }
        if self.counts.duplicate_check_full {
            s += "  note: duplicate warnings stopped tracking new numbers after 900,000; use --dedupe for exact checks\n";
        }
        if !self.output.is_empty() {
            s += &format!("  valid rows -> {}\n", terminal_safe(&self.output));
        }
        if self.counts.rejected > 0 && !self.rejects.is_empty() {
            s += &format!("  rejects    -> {}\n", terminal_safe(&self.rejects));
        }
        if !self.batch_files.is_empty() {
            s += &format!("  batches    -> {} files\n", self.batch_files.len());
        }
        if self.threshold_exceeded {
            s += &format!(
                "  reject threshold exceeded ({} rejected, rate {:.4}): exit 3\n",
                self.counts.rejected, self.reject_rate
            );
        }
        s
    }
}

/// `eprint!` that never panics: a failed write to stderr (a full log disk, a
/// closed pipe to `logger`) loses the message instead of stopping the run.
/// Diagnostics must never fail a conversion, nor the files after it.
pub fn to_stderr(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_fmt(args);
}

/// A delimiter as people name it.
pub fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        b',' | b';' | b'|' => (d as char).to_string(),
        _ if d.is_ascii_graphic() => (d as char).to_string(),
        _ => format!("0x{d:02X}"),
    }
}

/// Escapes control characters (terminal escape sequences among them) in untrusted text.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .flat_map(|c| {
                if c.is_control() {
                    c.escape_default().collect::<Vec<_>>()
                } else {
                    vec![c]
                }
            })
            .collect(),
    )
}

/// How progress is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProgressMode {
    /// A bar when stderr is a terminal, nothing otherwise.
    #[default]
    Auto,
    /// Always a bar.
    Bar,
    /// A plain line every few seconds, for job logs.
    Log,
    /// Nothing.
    None,
}

impl FromStr for ProgressMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(ProgressMode::Auto),
            "bar" => Ok(ProgressMode::Bar),
            "log" => Ok(ProgressMode::Log),
            "none" => Ok(ProgressMode::None),
            _ => Err(format!("`{s}`: expected auto, bar, log or none")),
        }
    }
}

/// Live counters the pipeline updates and the progress display reads.
#[derive(Clone, Debug, Default)]
pub struct Live {
    /// Rows finished (valid + rejected).
    pub rows: Arc<AtomicU64>,
    /// Rows rejected.
    pub rejected: Arc<AtomicU64>,
}

/// A running progress display; stops when finished or dropped.
pub struct Progress {
    stop: Arc<AtomicBool>,
    /// Set before `stop` when the rows were all read: the log's last line
    /// then says `done:`, and `stopped:` otherwise.
    completed: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts showing progress of `bytes` against `total` (file size) for `label`.
    pub fn start(
        mode: ProgressMode,
        label: &str,
        total: Option<u64>,
        bytes: ByteCounter,
        live: Live,
    ) -> Progress {
        let stop = Arc::new(AtomicBool::new(false));
        // `bar` asked for: drawn even where stderr is not a terminal.
        let forced = mode == ProgressMode::Bar;
        let mode = match mode {
            ProgressMode::Auto if std::io::stderr().is_terminal() => ProgressMode::Bar,
            ProgressMode::Auto => ProgressMode::None,
            m => m,
        };
        let label = terminal_safe(label).into_owned();
        let flag = stop.clone();
        let completed = Arc::new(AtomicBool::new(false));
        let done = completed.clone();
        // The run's start, not the thread's: a thread that starts late (a
        // small file done by then) made rates of a billion rows a second.
        let start = Instant::now();
        let handle = match mode {
            ProgressMode::Bar => Some(std::thread::spawn(move || {
                run_bar(&flag, &label, total, &bytes, &live, forced)
            })),
            ProgressMode::Log => Some(std::thread::spawn(move || {
                run_log(&flag, &done, start, &label, &bytes, &live)
            })),
            _ => None,
        };
        Progress {
            stop,
            completed,
            handle,
        }
    }

    /// Stops the display and clears the bar; `completed`: every row was read
    /// (not interrupted or failed).
    pub fn finish(mut self, completed: bool) {
        self.completed.store(completed, Ordering::Relaxed);
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.halt();
    }
}

fn sleep_unless_stopped(stop: &AtomicBool, total: Duration) -> bool {
    let step = Duration::from_millis(50);
    let start = Instant::now();
    while start.elapsed() < total {
        if stop.load(Ordering::Relaxed) {
            return false;
        }
        std::thread::sleep(step);
    }
    !stop.load(Ordering::Relaxed)
}

fn run_bar(
    stop: &AtomicBool,
    label: &str,
    total: Option<u64>,
    bytes: &ByteCounter,
    live: &Live,
    forced: bool,
) {
    // indicatif's stderr target hides itself where stderr is not a terminal.
    let target = || {
        if forced {
            ProgressDrawTarget::term_like_with_hz(Box::new(console::Term::stderr()), 20)
        } else {
            ProgressDrawTarget::stderr()
        }
    };
    let bar = match total {
        Some(t) if t > 0 => ProgressBar::with_draw_target(Some(t), target()).with_style(
            ProgressStyle::with_template("{prefix} [{bar:30}] {bytes}/{total_bytes} ({eta}) {msg}")
                .expect("progress template")
                .progress_chars("=> "),
        ),
        _ => ProgressBar::with_draw_target(None, target()).with_style(
            ProgressStyle::with_template("{prefix} {spinner} {bytes} {msg}")
                .expect("spinner template"),
        ),
    };
    bar.set_prefix(label.to_string());
    loop {
        let running = sleep_unless_stopped(stop, Duration::from_millis(150));
        bar.set_position(bytes.bytes());
        bar.set_message(format!(
            "{} rows, {} rejected",
            live.rows.load(Ordering::Relaxed),
            live.rejected.load(Ordering::Relaxed)
        ));
        if !running {
            break;
        }
    }
    bar.finish_and_clear();
}

fn run_log(
    stop: &AtomicBool,
    completed: &AtomicBool,
    start: Instant,
    label: &str,
    bytes: &ByteCounter,
    live: &Live,
) {
    let line = |state: &str| {
        let rows = live.rows.load(Ordering::Relaxed);
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        to_stderr(format_args!(
            "csv2dto: {label}: {state}{} bytes read, {rows} rows, {:.0} rows/s, {} rejected\n",
            bytes.bytes(),
            rows as f64 / secs,
            live.rejected.load(Ordering::Relaxed)
        ));
    };
    while sleep_unless_stopped(stop, Duration::from_secs(5)) {
        line("");
    }
    // A last line, so even a short run leaves its totals in the job log;
    // `done:` only for a run that read every row.
    line(if completed.load(Ordering::Relaxed) {
        "done: "
    } else {
        "stopped: "
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_code_and_first_line() {
        let mut c = Counts::default();
        let e = |code| RowError {
            field: "f".into(),
            code,
            message: String::new(),
        };
        c.reject(5, &[e("a"), e("b")]);
        c.valid();
        c.reject(9, &[e("a")]);
        assert_eq!((c.rows, c.valid, c.rejected), (3, 1, 2));
        assert_eq!(c.reject_codes["a"], 2);
        assert_eq!(c.reject_first_line["a"], 5);
        c.assert_balanced();
    }

    #[test]
    fn a_tally_merges_like_row_by_row_counting() {
        let e = |code| RowError {
            field: "f".into(),
            code,
            message: String::new(),
        };
        let rows: [(u64, Vec<RowError>); 3] = [
            (4, vec![e("a"), e("b")]),
            (6, vec![e("a")]),
            (9, vec![e("c")]),
        ];
        let mut direct = Counts::default();
        let mut tallied = Counts::default();
        let mut tally = CodeTally::default();
        for (line, errors) in &rows {
            direct.reject(*line, errors);
            tally.add(*line, errors);
        }
        tallied.add_reject_codes(&tally);
        assert_eq!(tallied.reject_codes, direct.reject_codes);
        assert_eq!(tallied.reject_first_line, direct.reject_first_line);
    }

    #[test]
    #[should_panic(expected = "rows read != valid + rejected")]
    fn an_unbalanced_count_is_caught() {
        let c = Counts {
            rows: 2,
            valid: 1,
            ..Counts::default()
        };
        c.assert_balanced();
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(terminal_safe("plain é"), "plain é");
        assert_eq!(terminal_safe("a\u{1b}[31mred\n"), "a\\u{1b}[31mred\\n");
    }

    #[test]
    fn human_summary_lists_codes() {
        let mut c = Counts::default();
        c.reject(
            3,
            &[RowError {
                field: "number".into(),
                code: "number_not_e164",
                message: String::new(),
            }],
        );
        let s = Summary::new(
            &c,
            Duration::from_millis(10),
            "in.csv".into(),
            "o.jsonl".into(),
            "r.csv".into(),
            &InputMeta {
                encoding: "UTF-8",
                encoding_source: crate::input::EncodingSource::Bom,
                delimiter: b';',
                delimiter_source: crate::input::DelimiterSource::Sniffed,
                compression: crate::input::Compression::Gzip,
                size: None,
                sep_line: false,
                file_id: None,
            },
        );
        let h = s.human();
        assert!(h.contains("1 rows read, 0 valid, 1 rejected"), "{h}");
        assert!(
            h.contains("number_not_e164") && h.contains("first at line 3"),
            "{h}"
        );
        assert!(
            h.contains("UTF-8 (bom), delimiter ; (sniffed), compression gzip"),
            "{h}"
        );
    }
}
