//! Input (placeholder until the encoding/compression-aware module lands).

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Where the CSV comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    Path(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Stdin => f.write_str("-"),
            Source::Path(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Input settings.
#[derive(Clone, Debug, Default)]
pub struct InputOptions {
    /// Forced encoding.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Forced delimiter.
    pub delimiter: Option<u8>,
    /// Hash the raw bytes.
    pub hash: bool,
}

/// Compression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// None.
    None,
}

/// Metadata.
#[derive(Clone, Debug)]
pub struct InputMeta {
    /// Encoding name.
    pub encoding: &'static str,
    /// Delimiter.
    pub delimiter: u8,
    /// Compression.
    pub compression: Compression,
    /// Size.
    pub size: Option<u64>,
}

/// Counter of raw bytes.
#[derive(Clone, Debug, Default)]
pub struct ByteCounter(Arc<AtomicU64>);

impl ByteCounter {
    /// Bytes read.
    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
    /// Digest.
    pub fn sha256_hex(&self) -> Option<String> {
        None
    }
}

struct Counting<R> {
    inner: R,
    counter: ByteCounter,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// An opened input.
pub struct Input {
    /// Bytes.
    pub reader: Box<dyn Read + Send>,
    /// Metadata.
    pub meta: InputMeta,
    /// Progress.
    pub progress: ByteCounter,
}

/// Input errors.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// Cannot open.
    #[error("{path}: cannot open: {source}")]
    Open {
        /// Path.
        path: String,
        /// Reason.
        source: io::Error,
    },
}

/// Opens the input.
pub fn open(source: &Source, opts: &InputOptions) -> Result<Input, InputError> {
    let counter = ByteCounter::default();
    let (inner, size): (Box<dyn Read + Send>, _) = match source {
        Source::Stdin => (Box::new(io::stdin()), None),
        Source::Path(p) => {
            let f = File::open(p).map_err(|e| InputError::Open {
                path: p.display().to_string(),
                source: e,
            })?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        }
    };
    Ok(Input {
        reader: Box::new(Counting {
            inner,
            counter: counter.clone(),
        }),
        meta: InputMeta {
            encoding: "UTF-8",
            delimiter: opts.delimiter.unwrap_or(b','),
            compression: Compression::None,
            size,
        },
        progress: counter,
    })
}
