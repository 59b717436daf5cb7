//! Integration tests: the built binary on files in temporary folders.

mod batches;
mod check;
mod config;
mod conformance;
mod convert;
mod faults;
mod files;
mod fuzz;
mod harness;
mod invariants;
mod many;
mod nightly;
mod readme;
mod robust;
mod schema;
mod shell;
