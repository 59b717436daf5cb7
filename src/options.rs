//! The checked meaning of the command line: all the library ever sees.
//!
//! `cli` holds syntax; this module turns it into immutable, validated options,
//! so a bad value is a usage error (exit 2) before any file is opened.

use std::path::{Path, PathBuf};

use crate::batch::BatchOptions;
use crate::cli::{CommonArgs, ConvertArgs};
use crate::dedupe::parse_keys;
use crate::error::{Error, Result};
use crate::input::{parse_delimiter, parse_encoding_label, InputOptions, Source};
use crate::mapping::{MapEntry, MappingOptions, Target};
use crate::output::Dest;
use crate::phone::{PhoneCheck, Region};
use crate::pipeline::{Dedupe, PipelineConfig};
use crate::report::ProgressMode;
use crate::thresholds::Thresholds;
use crate::validate::ValidateOptions;

/// Everything that shapes reading, mapping and validating rows.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Encoding and delimiter overrides.
    pub input: InputOptions,
    /// Header mapping.
    pub mapping: MappingOptions,
    /// Row validation.
    pub validate: ValidateOptions,
    /// Worker threads and batch size.
    pub pipeline: PipelineConfig,
    /// Largest accepted field in bytes.
    pub max_field_bytes: usize,
    /// Progress display.
    pub progress: ProgressMode,
    /// Duplicate handling.
    pub dedupe: Dedupe,
    /// The options in effect (after `--config`, defaults filled in), for the summary.
    pub used: serde_json::Value,
}

/// A checked `convert` invocation.
#[derive(Clone, Debug)]
pub struct ConvertOptions {
    /// The CSV to read.
    pub input: Source,
    /// Where valid rows go.
    pub output: Dest,
    /// Where rejected rows go.
    pub rejects: PathBuf,
    /// Where the JSON summary goes, if anywhere.
    pub summary_json: Option<PathBuf>,
    /// Where rows with warnings are listed, if anywhere.
    pub warnings: Option<PathBuf>,
    /// No progress and no summary on stderr.
    pub quiet: bool,
    /// Reading, mapping and validation.
    pub read: ReadOptions,
    /// `--max-rejects` / `--max-reject-rate`.
    pub thresholds: Thresholds,
    /// Batch-call request bodies, if asked for.
    pub batch: Option<BatchOptions>,
    /// Files besides the input that the run reads, which no output may
    /// replace: the `--config` file and the `--batch-template`.
    pub reads: Vec<(&'static str, PathBuf)>,
}

/// The default largest field: 1 MiB.
pub const DEFAULT_MAX_FIELD_BYTES: usize = 1 << 20;

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            input: InputOptions::default(),
            mapping: MappingOptions::default(),
            validate: ValidateOptions::default(),
            pipeline: PipelineConfig::default(),
            max_field_bytes: DEFAULT_MAX_FIELD_BYTES,
            progress: ProgressMode::Auto,
            dedupe: Dedupe::Warn,
            used: serde_json::Value::Null,
        }
    }
}

/// Most worker threads `--jobs` takes.
pub const MAX_JOBS: usize = 256;
/// Most records a batch takes (`--chunk-size`); batches also end at a byte budget.
pub const MAX_CHUNK_SIZE: usize = 65_536;
/// Largest `--max-field-bytes`: 1 GiB.
pub const MAX_FIELD_BYTES: usize = 1 << 30;

fn usage(msg: impl Into<String>) -> Error {
    Error::Usage(msg.into())
}

impl ReadOptions {
    /// Checks the shared flags.
    pub fn from_args(a: &CommonArgs) -> Result<ReadOptions> {
        let mut mapping = MappingOptions {
            extra: a
                .extra_columns
                .as_deref()
                .unwrap_or("variables")
                .parse()
                .map_err(|e| usage(format!("--extra-columns {e}")))?,
            ..MappingOptions::default()
        };
        // `config::Config::check` has checked the config's fields.
        if let Some(path) = &a.config {
            for (header, field) in &a.config_map {
                if let Ok(target) = field.parse() {
                    mapping.explicit.push(MapEntry {
                        header: header.trim().to_string(),
                        target,
                        from: format!("--config {}: [map] {header:?} = {field:?}", path.display()),
                        from_config: true,
                    });
                }
            }
        }
        for entry in &a.map {
            let (header, field) = entry.rsplit_once('=').ok_or_else(|| {
                usage(format!(
                    "--map '{entry}': expected 'Header=field', e.g. --map 'Mobile Phone=number'"
                ))
            })?;
            let target: Target = field
                .parse()
                .map_err(|e| usage(format!("--map '{entry}': {e}")))?;
            mapping.explicit.push(MapEntry::flag(header, target, entry));
        }
        let validate = ValidateOptions {
            dedupe: a.dedupe.is_some(),
            max_field_bytes: a.max_field_bytes,
            e164_default: !a.no_e164_check,
            phone_check: a
                .phone_check
                .as_deref()
                .unwrap_or("valid")
                .parse::<PhoneCheck>()
                .map_err(|e| usage(format!("--phone-check: {}", e.message())))?,
            default_region: match &a.default_region {
                Some(r) => Some(
                    r.parse::<Region>()
                        .map_err(|e| usage(format!("--default-region: {}", e.message())))?,
                ),
                None => None,
            },
            excel_safe: a.rejects_excel_safe,
        };
        let mut pipeline = PipelineConfig::default();
        if let Some(j) = a.jobs {
            if !(1..=MAX_JOBS).contains(&j) {
                return Err(usage(format!(
                    "--jobs {j}: use 1 to {MAX_JOBS} (threads beyond the cores only cost memory)"
                )));
            }
            pipeline.jobs = j;
        }
        if !(1..=MAX_CHUNK_SIZE).contains(&a.chunk_size) {
            return Err(usage(format!(
                "--chunk-size {}: use 1 to {MAX_CHUNK_SIZE} (larger batches only cost memory)",
                a.chunk_size
            )));
        }
        pipeline.batch_size = a.chunk_size;
        if !(1..=MAX_FIELD_BYTES).contains(&a.max_field_bytes) {
            return Err(usage(format!(
                "--max-field-bytes {}: use 1 to {MAX_FIELD_BYTES} (1 GiB; a field is held in memory whole)",
                a.max_field_bytes
            )));
        }
        let input = InputOptions {
            encoding: match &a.encoding {
                Some(label) => Some(
                    parse_encoding_label(label).map_err(|e| usage(format!("--encoding: {e}")))?,
                ),
                None => None,
            },
            delimiter: match &a.delimiter {
                Some(d) => {
                    Some(parse_delimiter(d).map_err(|e| usage(format!("--delimiter: {e}")))?)
                }
                None => None,
            },
            hash: false,
        };
        Ok(ReadOptions {
            input,
            mapping,
            validate,
            pipeline,
            max_field_bytes: a.max_field_bytes,
            progress: a
                .progress
                .parse()
                .map_err(|e| usage(format!("--progress {e}")))?,
            dedupe: match &a.dedupe {
                Some(keys) => {
                    Dedupe::Reject(parse_keys(keys).map_err(|e| usage(format!("--dedupe {e}")))?)
                }
                None => Dedupe::Warn,
            },
            used: serde_json::json!({
                "map": a.config_map.iter().map(|(h, f)| format!("{h}={f}")).chain(a.map.iter().cloned()).collect::<Vec<_>>(),
                "extra_columns": a.extra_columns.as_deref().unwrap_or("variables"),
                "phone_check": a.phone_check.as_deref().unwrap_or("valid"),
                "e164_check": !a.no_e164_check,
                "default_region": a.default_region,
                "jobs": pipeline.jobs,
                "chunk_size": pipeline.batch_size,
                "max_field_bytes": a.max_field_bytes,
                "progress": a.progress,
                "config": a.config,
                "encoding": a.encoding,
                "delimiter": a.delimiter,
                "dedupe": a.dedupe,
                "rejects_excel_safe": a.rejects_excel_safe,
            }),
        })
    }
}

impl ConvertOptions {
    /// Checks a single-file `convert` command line (one INPUT, --output, no --out-dir).
    pub fn from_args(a: &ConvertArgs) -> Result<ConvertOptions> {
        let [input] = a.input.as_slice() else {
            return Err(usage(
                "several inputs need --out-dir DIR (and no --output/--rejects)",
            ));
        };
        let output = a.output.as_deref().ok_or_else(|| {
            usage("--output is required (or --out-dir DIR to write DIR/<stem>.jsonl)")
        })?;
        ConvertOptions::for_file(
            a,
            input,
            Dest::from_arg(output),
            a.rejects.clone(),
            a.summary_json.clone(),
        )
    }

    /// Checks a `convert` of one `input` to the given outputs, with `a`'s other flags.
    pub fn for_file(
        a: &ConvertArgs,
        input: &Path,
        output: Dest,
        rejects: Option<PathBuf>,
        summary_json: Option<PathBuf>,
    ) -> Result<ConvertOptions> {
        let input = source(input);
        let rejects = rejects.unwrap_or_else(|| default_rejects(&input, &output));
        if rejects.as_os_str() == "-" {
            return Err(usage(
                "--rejects cannot be stdout (-): stdout is for the JSONL output (-o -) and summaries; name a file",
            ));
        }
        if output == Dest::Stdout && summary_json.as_deref() == Some(Path::new("-")) {
            return Err(usage(
                "--summary-json - and -o - would both write to stdout; name a file for one of them",
            ));
        }
        let mut read = ReadOptions::from_args(&a.common)?;
        if a.quiet && a.common.progress == "auto" {
            read.progress = ProgressMode::None;
        }
        // Hashing costs the reader time: only when a summary will show it.
        read.input.hash = summary_json.is_some();
        let thresholds = Thresholds::from_args(&a.nightly)?;
        let batch = BatchOptions::from_args(&a.batch)?;
        if let serde_json::Value::Object(used) = &mut read.used {
            used.insert("max_rejects".into(), thresholds.max_rejects.into());
            used.insert("max_reject_rate".into(), thresholds.max_reject_rate.into());
            used.insert("out_dir".into(), serde_json::json!(a.nightly.out_dir));
            used.insert("warnings".into(), serde_json::json!(a.warnings));
            if let Some(b) = &batch {
                used.insert(
                    "batch".into(),
                    serde_json::json!({
                        "template": a.batch.batch_template,
                        "dir": b.dir,
                        "size": b.size,
                        "kind": b.kind,
                    }),
                );
            }
        }
        Ok(ConvertOptions {
            input,
            output,
            rejects,
            summary_json,
            warnings: a.warnings.clone(),
            quiet: a.quiet,
            read,
            thresholds,
            batch,
            reads: [
                ("--config file", a.common.config.clone()),
                ("--batch-template", a.batch.batch_template.clone()),
            ]
            .into_iter()
            .filter_map(|(what, p)| p.map(|p| (what, p)))
            .collect(),
        })
    }
}

/// `-` is stdin.
pub fn source(p: &Path) -> Source {
    if p.as_os_str() == "-" {
        Source::Stdin
    } else {
        Source::Path(p.to_path_buf())
    }
}

/// A file name without its compression and data extensions: `a.csv.gz` → `a`.
pub fn stem(p: &Path) -> String {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut s = name.as_str();
    for ext in [".gz", ".zst", ".zstd"] {
        if let Some(t) = s.strip_suffix(ext) {
            s = t;
            break;
        }
    }
    let s = match s.rfind('.') {
        Some(i) if i > 0 => &s[..i],
        _ => s,
    };
    if s.is_empty() {
        "output".into()
    } else {
        s.to_string()
    }
}

/// `<output stem>.rejects.csv` beside the output, or beside the input when the output is stdout.
pub fn default_rejects(input: &Source, output: &Dest) -> PathBuf {
    let beside = |p: &Path| -> PathBuf {
        let file = format!("{}.rejects.csv", stem(p));
        match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.join(file),
            _ => PathBuf::from(file),
        }
    };
    // An output that is a device or a pipe (`/dev/null`, `/dev/stdout`) has
    // no folder of its own to put the rejects beside: treated as stdout.
    let device = |p: &Path| {
        crate::output::is_descriptor_path(p)
            || std::fs::metadata(p).is_ok_and(|m| !m.is_file() && !m.is_dir())
    };
    match (output, input) {
        (Dest::Path(p), _) if !device(p) => beside(p),
        (_, Source::Path(p)) => beside(p),
        (_, Source::Stdin) => PathBuf::from("stdin.rejects.csv"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_rejects_paths() {
        let out = Dest::Path("out/customers.jsonl".into());
        assert_eq!(
            default_rejects(&Source::Stdin, &out),
            PathBuf::from("out/customers.rejects.csv")
        );
        let inp = Source::Path("data/list.csv.gz".into());
        assert_eq!(
            default_rejects(&inp, &Dest::Stdout),
            PathBuf::from("data/list.rejects.csv")
        );
        assert_eq!(
            default_rejects(&Source::Stdin, &Dest::Stdout),
            PathBuf::from("stdin.rejects.csv")
        );
        assert_eq!(
            default_rejects(&Source::Stdin, &Dest::Path("x.jsonl".into())),
            PathBuf::from("x.rejects.csv")
        );
        // Not /dev/null.rejects.csv: beside the input, as for stdout.
        assert_eq!(
            default_rejects(&inp, &Dest::Path("/dev/null".into())),
            PathBuf::from("data/list.rejects.csv")
        );
    }

    #[test]
    fn stems_drop_compression_and_extension() {
        assert_eq!(stem(Path::new("a/b.csv.gz")), "b");
        assert_eq!(stem(Path::new("b.tsv")), "b");
        assert_eq!(stem(Path::new(".hidden")), ".hidden");
        assert_eq!(stem(Path::new("plain")), "plain");
    }
}
