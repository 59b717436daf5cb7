//! The command line's syntax (clap). Meaning is checked in `options`.
//!
//! This is the contract scripts call: flags are only ever added, never changed.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use crate::exit::EXIT_CODES_HELP;

const CONVERT_EXAMPLES: &str = "\
Examples:
  csv2dto convert customers.csv --output customers.jsonl --rejects rejects.csv
  csv2dto convert export.csv -o - --quiet | head
  csv2dto convert list.csv -o out.jsonl --map 'Kontakt Telefon=number' --extra-columns ignore
  cat list.csv | csv2dto convert - -o out.jsonl --summary-json summary.json
  csv2dto convert a.csv b.csv.gz --out-dir out/ --max-reject-rate 0.02
  csv2dto convert list.csv -o out.jsonl --batch-template call.json --batch-dir batches/

Rejected rows go to --rejects; without it, to <output stem>.rejects.csv beside
the output (beside the input when the output is stdout; in the current folder
for stdin to stdout). Fix them there and feed that file back in: the _line and
_errors columns are ignored on input.";

/// csv2dto: customer spreadsheets in, call-ready Vapi customers (JSONL) out.
#[derive(Debug, Parser)]
#[command(name = "csv2dto", version, about, long_about = None, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
// Parsed once per process: the size of the convert variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert a customer CSV to JSONL (valid rows) and a rejects CSV (everything else).
    #[command(after_help = format!("{CONVERT_EXAMPLES}\n\n{EXIT_CODES_HELP}"))]
    Convert(ConvertArgs),
    /// Validate a customer CSV without writing anything: summary and first rejects on stdout.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Print shell completions (bash, zsh or fish) to stdout.
    Completions(CompletionsArgs),
    /// List the DTO fields, header aliases and assistantOverrides properties csv2dto checks.
    Fields,
}

const CHECK_HELP: &str = "\
Exit codes:
  0    no row was rejected
  1    fatal error: unreadable input, unusable header
  2    bad usage
  3    at least one row was rejected";

/// `csv2dto convert`.
#[derive(Debug, Args, Clone)]
pub struct ConvertArgs {
    /// Input CSV file(s), or - for stdin. Several inputs need --out-dir.
    #[arg(value_name = "INPUT", required = true, num_args = 1..)]
    pub input: Vec<PathBuf>,

    /// JSONL output file (one customer per line), or - for stdout. Needed unless --out-dir.
    #[arg(short, long, value_name = "OUT.jsonl")]
    pub output: Option<PathBuf>,

    /// Rejects CSV (_line, _errors, then the original columns). Default: <output stem>.rejects.csv.
    #[arg(short, long, value_name = "REJECTS.csv")]
    pub rejects: Option<PathBuf>,

    /// Also write the summary as JSON (put in place last, atomically; `-` for stdout).
    #[arg(long, value_name = "SUMMARY.json")]
    pub summary_json: Option<PathBuf>,

    /// Also list valid rows that have warnings (e.g. email_syntax, duplicate) in a CSV:
    /// _line, _warnings, then the original columns. With --out-dir: DIR/<stem>.warnings.csv
    /// (give any name to switch it on).
    #[arg(long, value_name = "WARNINGS.csv")]
    pub warnings: Option<PathBuf>,

    /// No progress bar and no summary on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    /// Mapping, validation and performance flags.
    #[command(flatten)]
    pub common: CommonArgs,

    /// Nightly-job flags: output folder and reject thresholds.
    #[command(flatten)]
    pub nightly: NightlyArgs,

    /// Batch-call request bodies.
    #[command(flatten)]
    pub batch: BatchArgs,
}

/// Flags for unattended runs.
#[derive(Debug, Args, Clone, Default, Serialize)]
pub struct NightlyArgs {
    /// Write DIR/<stem>.jsonl, DIR/<stem>.rejects.csv and DIR/<stem>.summary.json per input,
    /// then DIR/summary.json for the whole run (or --summary-json). Needed for several inputs.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Exit 3 (outputs still written) when more than N rows are rejected.
    #[arg(long, value_name = "N")]
    pub max_rejects: Option<u64>,

    /// Exit 3 (outputs still written) when rejected/rows exceeds R, a fraction (0.02 = 2%).
    #[arg(long, value_name = "R")]
    pub max_reject_rate: Option<f64>,
}

/// Flags for writing Vapi batch-call request bodies.
#[derive(Debug, Args, Clone, Default, Serialize)]
pub struct BatchArgs {
    /// JSON object to copy into every batch file, which gets a `customers` array;
    /// in its `name`, the batch number replaces the characters `{`, `n`, `}` written
    /// together. Checked before any row is read.
    #[arg(long, value_name = "FILE.json", requires = "batch_dir")]
    pub batch_template: Option<PathBuf>,

    /// Folder for batch-0001.json, batch-0002.json, ... (written atomically, after the run).
    #[arg(long, value_name = "DIR", requires = "batch_template")]
    pub batch_dir: Option<PathBuf>,

    /// Valid customers per batch file [default: 1000; at most 10000 for campaign].
    #[arg(long, value_name = "N", requires = "batch_template")]
    pub batch_size: Option<usize>,

    /// Which request the template is for: POST /call or POST /campaign [default: call].
    #[arg(long, value_name = "KIND", value_parser = ["call", "campaign"], requires = "batch_template")]
    pub batch_kind: Option<String>,
}

/// `csv2dto check`.
#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Input CSV file, or - for stdin.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,

    /// Output format on stdout: a readable table or JSON.
    #[arg(long, value_name = "FORMAT", value_parser = ["table", "json"], default_value = "table")]
    pub format: String,

    /// Mapping, validation and performance flags.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// `csv2dto completions`.
#[derive(Debug, Args, Clone)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_name = "SHELL", value_parser = ["bash", "zsh", "fish"])]
    pub shell: String,
}

/// Mapping, validation and performance flags shared by the subcommands that read CSV.
#[derive(Debug, Args, Clone, Serialize)]
pub struct CommonArgs {
    /// Map a header to a field, overriding automatic matching (repeatable).
    /// FIELD is a DTO field (number, name, email, externalId, extension, sipUri,
    /// numberE164CheckEnabled, assistantOverrides, squadOverrides), region,
    /// a path like assistantOverrides.variableValues.plan, or ignore.
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,

    /// The `[map]` entries of `--config` (header, field) that no `--map`
    /// replaces, set by `config::apply`.
    #[arg(skip)]
    pub config_map: Vec<(String, String)>,

    /// What to do with columns that map to no field [default: variables].
    #[arg(long, value_name = "POLICY", value_parser = ["variables", "ignore", "error"])]
    pub extra_columns: Option<String>,

    /// Do not check numbers as E.164 (sets numberE164CheckEnabled=false on rows without a value).
    #[arg(long)]
    pub no_e164_check: bool,

    /// How strictly numbers are checked: valid for their region (libphonenumber),
    /// possible length only, or Vapi's E.164 syntax only [default: valid].
    #[arg(long, value_name = "CHECK", value_parser = ["valid", "possible", "format"])]
    pub phone_check: Option<String>,

    /// Region (ISO 3166-1 alpha-2, e.g. US, DE) for numbers written without a country code.
    /// A per-row region column (country, region, country_code) wins over it.
    #[arg(long, value_name = "CC")]
    pub default_region: Option<String>,

    /// Read the input in this encoding (e.g. utf-8, utf-16le, windows-1252, latin1)
    /// instead of detecting it from a BOM or the bytes.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Field delimiter (`,` `;` `|` `tab` or any ASCII character) instead of sniffing it.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Reject later rows whose KEYs all equal an earlier row's (keys: number, sipUri,
    /// externalId, email; number compares the normalized E.164). Without it,
    /// duplicate numbers pass and are counted as warnings.
    #[arg(long, value_name = "KEY[,KEY...]")]
    pub dedupe: Option<String>,

    /// Worker threads, each reading, checking and writing its own chunks;
    /// 1 runs on one thread (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Rows per chunk handed to a worker thread (a performance knob; not --batch-size).
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub chunk_size: usize,

    /// Largest field accepted, in bytes; a larger one rejects its row (field_too_large).
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    pub max_field_bytes: usize,

    /// Guard rejects-file cells that a spreadsheet would run as a formula (starting
    /// with = + - @ tab or CR) with a leading ' (OWASP CSV-injection advice).
    /// Off by default because it changes values; when a rejects file written this
    /// way is fed back in with this flag, the ' is taken off again.
    #[arg(long)]
    pub rejects_excel_safe: bool,

    /// Progress display on stderr: a bar on a terminal (auto), always a bar, a log line every few seconds, or none.
    #[arg(long, value_name = "MODE", value_parser = ["auto", "bar", "log", "none"], default_value = "auto")]
    pub progress: String,

    /// TOML file of options to keep (map, extra_columns, default_region, phone_check,
    /// e164_check, dedupe, max_rejects, max_reject_rate); flags on the command line win.
    #[arg(long, value_name = "FILE.toml")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
}
