//! A temporary folder, files in it, and the built binary run there.

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use assert_cmd::Command;

/// A temporary working folder for one test.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&p, contents).unwrap();
        p
    }

    pub fn read(&self, name: &str) -> String {
        fs::read_to_string(self.path(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
    }

    pub fn exists(&self, name: &str) -> bool {
        self.path(name).exists()
    }

    /// File names in the folder, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    /// `csv2dto ARGS...`, run in this folder.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("csv2dto").unwrap();
        c.current_dir(self.dir.path());
        c
    }

    /// `csv2dto convert INPUT -o out.jsonl -r rejects.csv --quiet EXTRA...`.
    pub fn convert(&self, input: &str, extra: &[&str]) -> Output {
        self.cmd()
            .args([
                "convert",
                input,
                "-o",
                "out.jsonl",
                "-r",
                "rejects.csv",
                "--quiet",
            ])
            .args(extra)
            .output()
            .unwrap()
    }

    /// JSONL lines parsed.
    pub fn jsonl(&self, name: &str) -> Vec<serde_json::Value> {
        self.read(name)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Rejects file records (header first), parsed as CSV.
    pub fn csv_rows(&self, name: &str) -> Vec<Vec<String>> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(self.path(name))
            .unwrap();
        r.records()
            .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
            .collect()
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally")
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `../shared`, or None (with a note) when it is absent outside CI.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = root().join("../shared").join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{} is missing: CI must have ../shared beside the checkout",
            p.display()
        );
    }
    eprintln!("note: skipping, {} is missing", p.display());
    None
}

pub fn copy_sample(w: &Workdir, name: &str) -> PathBuf {
    let src = root().join("samples").join(name);
    let bytes = fs::read(&src).unwrap();
    w.write(name, bytes)
}
