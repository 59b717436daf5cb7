//! Integration tests: the built binary on files in temporary folders.

mod batches;
mod check;
mod config;
mod conformance;
mod convert;
mod files;
mod harness;
mod invariants;
mod many;
mod nightly;
mod readme;
mod schema;
mod shell;
