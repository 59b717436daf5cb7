//! Integration tests: the built binary on files in temporary folders.

mod conformance;
mod convert;
mod faults;
mod fuzz;
mod harness;
mod invariants;
mod robust;
mod schema;
