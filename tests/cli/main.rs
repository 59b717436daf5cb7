//! Integration tests: the built binary on files in temporary folders.

mod conformance;
mod convert;
mod fuzz;
mod harness;
mod invariants;
mod schema;
