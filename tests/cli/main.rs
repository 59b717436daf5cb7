//! Integration tests: the built binary on files in temporary folders.

mod conformance;
mod convert;
mod faults;
mod files;
mod fuzz;
mod harness;
mod invariants;
mod readme;
mod robust;
mod schema;
