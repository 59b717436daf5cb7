//! Vapi batch-call request bodies: `POST /call` and `POST /campaign` take a `customers` array.
//!
//! `--batch-template` is a JSON object checked before any row is read (a bad
//! template is a usage error, exit 2). Each batch file is that object with a
//! `customers` array of up to `--batch-size` valid customers, in input order.
//! The customers are the JSONL lines themselves, copied byte for byte, never
//! re-serialized, so a batch says exactly what the JSONL says. Batch files are
//! written under temporary names and put in place together after the run
//! succeeded, before the summary; `batch-NNNN.json` files left in the folder
//! by an earlier, longer run are removed then, so the folder holds one run.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::cli::BatchArgs;
use crate::error::{Error, Result};
use crate::output::{Closed, Dest, OutputFile};

/// Most customers Vapi accepts in one campaign.
pub const CAMPAIGN_MAX_CUSTOMERS: usize = 10_000;
/// Customers per batch file when `--batch-size` is not given.
pub const DEFAULT_BATCH_SIZE: usize = 1000;

/// Which request the batch files are bodies of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BatchKind {
    /// `POST /call` with `customers`.
    Call,
    /// `POST /campaign`.
    Campaign,
}

/// Checked batch options.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// The template object (without `customers`).
    pub template: Map<String, Value>,
    /// Customers per file.
    pub size: usize,
    /// Folder of the batch files.
    pub dir: PathBuf,
    /// Request kind.
    pub kind: BatchKind,
}

fn usage(msg: String) -> Error {
    Error::Usage(msg)
}

impl BatchOptions {
    /// Reads and checks the template; `None` without `--batch-template`.
    pub fn from_args(a: &BatchArgs) -> Result<Option<BatchOptions>> {
        let Some(path) = &a.batch_template else {
            return Ok(None);
        };
        let dir = a
            .batch_dir
            .clone()
            .ok_or_else(|| usage("--batch-template needs --batch-dir".into()))?;
        let kind = match a.batch_kind.as_deref() {
            None | Some("call") => BatchKind::Call,
            Some("campaign") => BatchKind::Campaign,
            Some(k) => {
                return Err(usage(format!(
                    "--batch-kind {k}: expected call or campaign"
                )))
            }
        };
        // The folder, or the nearest part of its path that exists, must be a
        // folder: else creating it fails only after the whole input is read.
        if let Some(file) = dir.ancestors().find(|p| p.exists()).filter(|p| !p.is_dir()) {
            let what = if file == dir {
                "is a file, not a folder".to_string()
            } else {
                format!("cannot be created: {} is a file", file.display())
            };
            return Err(usage(format!(
                "--batch-dir {}: {what}; name a folder (it is created if missing)",
                dir.display()
            )));
        }
        let size = a.batch_size.unwrap_or(DEFAULT_BATCH_SIZE);
        if size == 0 {
            return Err(usage("--batch-size must be at least 1".into()));
        }
        if kind == BatchKind::Campaign && size > CAMPAIGN_MAX_CUSTOMERS {
            return Err(usage(format!(
                "--batch-size {size}: a campaign takes at most {CAMPAIGN_MAX_CUSTOMERS} customers"
            )));
        }
        let shown = path.display();
        let text = std::fs::read_to_string(path)
            .map_err(|e| usage(format!("--batch-template {shown}: cannot read: {e}")))?;
        let value: Value = serde_json::from_str(&text)
            .map_err(|e| usage(format!("--batch-template {shown}: not valid JSON: {e}")))?;
        let Value::Object(template) = value else {
            return Err(usage(format!(
                "--batch-template {shown}: expected a JSON object, e.g. {{\"assistantId\": \"...\", \"phoneNumberId\": \"...\"}}"
            )));
        };
        check_template(&template, kind)
            .map_err(|e| usage(format!("--batch-template {shown}: {e}")))?;
        Ok(Some(BatchOptions {
            template,
            size,
            dir,
            kind,
        }))
    }
}

/// The request-level rules Vapi documents for each kind.
pub fn check_template(t: &Map<String, Value>, kind: BatchKind) -> Result<(), String> {
    let has = |k: &str| t.get(k).is_some_and(|v| !v.is_null());
    if t.contains_key("customers") {
        return Err("has `customers`: leave it out, csv2dto fills it in".into());
    }
    // Names and ids are strings with something in them; an object-valued
    // `assistant`, `squad` or `phoneNumber` is for the API to check.
    for key in ["name", "assistantId", "squadId", "phoneNumberId"] {
        if let Some(v) = t.get(key).filter(|v| !v.is_null()) {
            if v.as_str().is_none_or(|s| s.trim().is_empty()) {
                return Err(format!("`{key}` must be a non-empty string, not {v}"));
            }
        }
    }
    if let Some(plan) = t.get("schedulePlan") {
        if plan.get("earliestAt").is_none_or(|v| v.is_null()) {
            return Err("`schedulePlan` needs `earliestAt`".into());
        }
    }
    match kind {
        BatchKind::Campaign => {
            if !t.get("name").is_some_and(Value::is_string) {
                return Err("a campaign needs `name` (a string)".into());
            }
            if !has("phoneNumberId") {
                return Err("a campaign needs `phoneNumberId`".into());
            }
            if has("assistantId") == has("squadId") {
                return Err("a campaign needs exactly one of `assistantId` and `squadId`".into());
            }
        }
        BatchKind::Call => {
            if !["assistantId", "assistant", "squadId", "squad"]
                .iter()
                .any(|k| has(k))
            {
                return Err(
                    "a call needs one of `assistantId`, `assistant`, `squadId` or `squad`".into(),
                );
            }
            if ["assistantId", "assistant", "squadId", "squad"]
                .iter()
                .filter(|k| has(k))
                .count()
                > 1
            {
                return Err(
                    "a call takes exactly one of `assistantId`, `assistant`, `squadId` and `squad`"
                        .into(),
                );
            }
            if !has("phoneNumberId") && !has("phoneNumber") {
                return Err("a call needs `phoneNumberId` or `phoneNumber`".into());
            }
        }
    }
    Ok(())
}

/// The name of batch file number `n` (from 1).
pub fn file_name(n: usize) -> String {
    format!("batch-{n:04}.json")
}

/// Splits the JSONL stream into batch files.
pub struct BatchWriter {
    opts: BatchOptions,
    current: Option<OutputFile>,
    in_current: usize,
    number: usize,
    closed: Vec<Closed>,
    paths: Vec<PathBuf>,
}

impl BatchWriter {
    /// Starts writing batches as `opts` says; nothing is created before the first customer.
    pub fn new(opts: BatchOptions) -> BatchWriter {
        BatchWriter {
            opts,
            current: None,
            in_current: 0,
            number: 0,
            closed: Vec::new(),
            paths: Vec::new(),
        }
    }

    fn open(&mut self) -> Result<()> {
        self.number += 1;
        let mut template = self.opts.template.clone();
        if let Some(Value::String(name)) = template.get_mut("name") {
            *name = name.replace("{n}", &self.number.to_string());
        }
        let path = self.opts.dir.join(file_name(self.number));
        let mut out = OutputFile::create(&Dest::Path(path.clone()), "batch file")?;
        let mut head = serde_json::to_string(&Value::Object(template)).expect("JSON serializes");
        head.pop(); // the closing brace
        if head.len() > 1 {
            head.push(',');
        }
        head.push_str("\"customers\":[\n");
        out.write_bytes(head.as_bytes())?;
        self.current = Some(out);
        self.in_current = 0;
        self.paths.push(path);
        Ok(())
    }

    fn close_current(&mut self) -> Result<()> {
        if let Some(mut out) = self.current.take() {
            out.write_bytes(b"\n]}\n")?;
            self.closed.push(out.close()?);
        }
        Ok(())
    }

    /// Adds the customers of a chunk of JSONL (one object per line). Stops
    /// once `cancel` is up: the run is ending and its files will be removed.
    pub fn push_jsonl(&mut self, jsonl: &[u8], cancel: &AtomicBool) -> Result<()> {
        for line in jsonl.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            if self.current.is_none() {
                if cancel.load(Ordering::Relaxed) {
                    return Ok(());
                }
                self.open()?;
            }
            let out = self.current.as_mut().expect("opened above");
            if self.in_current > 0 {
                out.write_bytes(b",\n")?;
            }
            out.write_bytes(line)?;
            self.in_current += 1;
            if self.in_current == self.opts.size {
                self.close_current()?;
            }
        }
        Ok(())
    }

    /// The folder the batch files go to.
    pub fn dir(&self) -> &Path {
        &self.opts.dir
    }

    /// Closes the last batch file: every file is then written whole, none
    /// in place yet. Returns the paths they will have.
    pub fn finish(&mut self) -> Result<Vec<PathBuf>> {
        self.close_current()?;
        Ok(self.paths.clone())
    }

    /// Puts every batch file in place and removes older `batch-NNNN.json` beyond them.
    pub fn commit(mut self) -> Result<Vec<PathBuf>> {
        self.close_current()?;
        for closed in self.closed.drain(..) {
            closed.commit()?;
        }
        remove_stale(&self.opts.dir, self.number);
        Ok(std::mem::take(&mut self.paths))
    }
}

/// The number of a batch file's name (`batch-0007.json`: 7), or None for any other name.
pub fn batch_number(name: &str) -> Option<usize> {
    name.strip_prefix("batch-")
        .and_then(|r| r.strip_suffix(".json"))
        .filter(|d| d.len() >= 4 && d.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|d| d.parse::<usize>().ok())
}

/// Whether `path` is a file this run's batch files may write or remove: a
/// `batch-NNNN.json` in `dir`.
pub fn is_batch_file(dir: &Path, path: &Path) -> bool {
    let named = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(batch_number)
        .is_some();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    named && crate::output::same_file(parent, dir)
}

/// Removes `batch-NNNN.json` with a number above `last` (left by an earlier run).
fn remove_stale(dir: &Path, last: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(n) = batch_number(name) else {
            continue;
        };
        if n > last && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn campaign_rules() {
        let ok = obj(json!({"name": "n", "phoneNumberId": "p", "assistantId": "a"}));
        assert!(check_template(&ok, BatchKind::Campaign).is_ok());
        let both =
            obj(json!({"name": "n", "phoneNumberId": "p", "assistantId": "a", "squadId": "s"}));
        assert!(check_template(&both, BatchKind::Campaign).is_err());
        let no_name = obj(json!({"phoneNumberId": "p", "squadId": "s"}));
        assert!(check_template(&no_name, BatchKind::Campaign).is_err());
    }

    #[test]
    fn call_rules() {
        let ok = obj(json!({"assistant": {}, "phoneNumber": {}}));
        assert!(check_template(&ok, BatchKind::Call).is_ok());
        let plan = obj(json!({"squadId": "s", "phoneNumberId": "p", "schedulePlan": {}}));
        assert!(check_template(&plan, BatchKind::Call)
            .unwrap_err()
            .contains("earliestAt"));
        let no_phone = obj(json!({"squadId": "s"}));
        assert!(check_template(&no_phone, BatchKind::Call).is_err());
        let customers = obj(json!({"squadId": "s", "phoneNumberId": "p", "customers": []}));
        assert!(check_template(&customers, BatchKind::Call).is_err());
        let two = obj(json!({"assistantId": "a", "assistant": {}, "phoneNumberId": "p"}));
        assert!(check_template(&two, BatchKind::Call)
            .unwrap_err()
            .contains("exactly one"));
    }

    #[test]
    fn rules_for_both_kinds_types_and_the_schedule() {
        for kind in [BatchKind::Call, BatchKind::Campaign] {
            for (bad, why) in [
                (
                    json!({"name": 5, "assistantId": "a", "phoneNumberId": "p"}),
                    "`name` must be a non-empty string",
                ),
                (
                    json!({"name": "n", "assistantId": "", "phoneNumberId": "p"}),
                    "`assistantId` must be a non-empty string",
                ),
                (
                    json!({"name": "n", "assistantId": 1, "phoneNumberId": "p"}),
                    "`assistantId` must be a non-empty string, not 1",
                ),
                (
                    json!({"name": "n", "assistantId": "a", "phoneNumberId": "p", "schedulePlan": {}}),
                    "`schedulePlan` needs `earliestAt`",
                ),
            ] {
                let e = check_template(&obj(bad), kind).unwrap_err();
                assert!(e.starts_with(why), "{kind:?}: {e}");
            }
        }
    }

    #[test]
    fn a_batch_dir_that_is_a_file_is_refused_before_any_row_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let (tpl, file) = (dir.path().join("t.json"), dir.path().join("notadir"));
        std::fs::write(&tpl, r#"{"assistantId":"a","phoneNumberId":"p"}"#).unwrap();
        std::fs::write(&file, "x").unwrap();
        let args = BatchArgs {
            batch_template: Some(tpl),
            batch_dir: Some(file),
            ..BatchArgs::default()
        };
        let e = BatchOptions::from_args(&args).err().unwrap().to_string();
        assert!(e.contains("is a file, not a folder"), "{e}");
        // A folder inside that file: refused too, naming the file.
        let args = BatchArgs {
            batch_dir: Some(dir.path().join("notadir/sub/deeper")),
            ..args
        };
        let e = BatchOptions::from_args(&args).err().unwrap().to_string();
        assert!(
            e.contains("sub/deeper: cannot be created: ") && e.contains("notadir is a file;"),
            "{e}"
        );
    }
}
