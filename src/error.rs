//! Errors that stop a run, as opposed to bad rows, which are data (see `validate`).
//!
//! Every variant names the file it concerns and, where it applies, the line or
//! column and what the user can do about it.

use std::io;
use std::path::PathBuf;

/// What can stop a conversion.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be opened or read.
    #[error("{path}: cannot read input: {source}")]
    Input {
        /// The input as given (`-` for stdin).
        path: String,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// The input could not be opened or its start could not be decoded.
    #[error(transparent)]
    Open(#[from] crate::input::InputError),
    /// The input has no header row.
    #[error(
        "{path}: the file is empty: expected a header row naming the columns (e.g. `number,name`)"
    )]
    EmptyInput {
        /// The input as given.
        path: String,
    },
    /// The header cannot be mapped onto the DTO.
    #[error("{path}: line {line}: {message}")]
    Header {
        /// The input as given.
        path: String,
        /// Line of the header.
        line: u64,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// An output could not be created, written or put in place.
    #[error("{path}: cannot write {what}: {source}")]
    Output {
        /// The output path.
        path: PathBuf,
        /// Which output ("JSONL output", "rejects file", ...).
        what: &'static str,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// A file of a many-files run that is not converted, and why (two
    /// inputs with one stem): it fails alone, the others run.
    #[error("{0}")]
    NotConverted(String),
    /// An output path names the input file.
    #[error("{path}: refusing to write the {what} over the input file; choose another path")]
    OutputIsInput {
        /// The output path.
        path: PathBuf,
        /// Which output.
        what: &'static str,
    },
    /// Two outputs name the same file.
    #[error("{path}: the {first} and the {second} would be the same file; choose different paths")]
    OutputClash {
        /// The shared path.
        path: PathBuf,
        /// One output.
        first: &'static str,
        /// The other.
        second: &'static str,
    },
    /// Options that cannot work together or cannot be understood.
    #[error("{0}")]
    Usage(String),
    /// The run was interrupted by a signal.
    #[error(
        "interrupted by {signal} after {rows} rows ({valid} valid, {rejected} rejected); \
         stopped early: no output file was put in place and temporary files were removed"
    )]
    Interrupted {
        /// Signal name (`SIGINT`, `SIGTERM`), or `cancellation` when no signal was seen.
        signal: &'static str,
        /// Rows finished before the run stopped.
        rows: u64,
        /// Of those, valid.
        valid: u64,
        /// Of those, rejected.
        rejected: u64,
    },
}

impl Error {
    /// True for errors that come from how the tool was called (exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::Usage(_) | Error::OutputIsInput { .. } | Error::OutputClash { .. }
        )
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
