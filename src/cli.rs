//! The command line's syntax (clap). Meaning is checked in `options`.
//!
//! This is the contract scripts call: flags are only ever added, never changed.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::exit::EXIT_CODES_HELP;

const CONVERT_EXAMPLES: &str = "\
Examples:
  csv2dto convert customers.csv --output customers.jsonl --rejects rejects.csv
  csv2dto convert export.csv -o - --quiet | head
  csv2dto convert list.csv -o out.jsonl --map 'Kontakt Telefon=number' --extra-columns ignore
  cat list.csv | csv2dto convert - -o out.jsonl --summary-json summary.json

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
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert a customer CSV to JSONL (valid rows) and a rejects CSV (everything else).
    #[command(after_help = format!("{CONVERT_EXAMPLES}\n\n{EXIT_CODES_HELP}"))]
    Convert(ConvertArgs),
}

/// `csv2dto convert`.
#[derive(Debug, Args, Clone)]
pub struct ConvertArgs {
    /// Input CSV file, or - for stdin.
    #[arg(value_name = "INPUT")]
    pub input: PathBuf,

    /// JSONL output file (one customer per line), or - for stdout.
    #[arg(short, long, value_name = "OUT.jsonl")]
    pub output: PathBuf,

    /// Rejects CSV (_line, _errors, then the original columns). Default: <output stem>.rejects.csv.
    #[arg(short, long, value_name = "REJECTS.csv")]
    pub rejects: Option<PathBuf>,

    /// Also write the summary as JSON (written last, atomically).
    #[arg(long, value_name = "SUMMARY.json")]
    pub summary_json: Option<PathBuf>,

    /// Also list valid rows that have warnings (e.g. email_syntax, duplicate) in a CSV:
    /// _line, _warnings, then the original columns.
    #[arg(long, value_name = "WARNINGS.csv")]
    pub warnings: Option<PathBuf>,

    /// No progress bar and no summary on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,

    /// Mapping, validation and performance flags.
    #[command(flatten)]
    pub common: CommonArgs,
}

/// Mapping, validation and performance flags shared by the subcommands that read CSV.
#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// Map a header to a field, overriding automatic matching (repeatable).
    /// FIELD is a DTO field (number, name, email, externalId, extension, sipUri,
    /// numberE164CheckEnabled, assistantOverrides, squadOverrides), region,
    /// a path like assistantOverrides.variableValues.plan, or ignore.
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,

    /// What to do with columns that map to no field.
    #[arg(long, value_name = "POLICY", value_parser = ["variables", "ignore", "error"], default_value = "variables")]
    pub extra_columns: String,

    /// Do not check numbers as E.164 (sets numberE164CheckEnabled=false on rows without a value).
    #[arg(long)]
    pub no_e164_check: bool,

    /// How strictly numbers are checked: valid for their region (libphonenumber),
    /// possible length only, or Vapi's E.164 syntax only.
    #[arg(long, value_name = "CHECK", value_parser = ["valid", "possible", "format"], default_value = "valid")]
    pub phone_check: String,

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

    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Rows per batch handed to a worker.
    #[arg(long, value_name = "N", default_value_t = 4096)]
    pub batch_size: usize,

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
}
