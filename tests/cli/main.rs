//! Integration tests: the built binary on files in temporary folders.

mod conformance;
mod convert;
mod files;
mod harness;
mod invariants;
mod readme;
mod schema;
