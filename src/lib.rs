//! csv2dto: customer spreadsheets in, call-ready Vapi `CreateCustomerDTO` objects out.
//!
//! The binary is a thin shell over this library. Data flows one way:
//! `input` (open, decompress, decode, sniff) → `records` (CSV records with
//! exact lines) → `pipeline` (rayon workers: read a batch → check it → ordered writer)
//! → per row `mapping` (plan built once from the header) → `validate` (with
//! `phone`, whose `valid` check runs in `validity`, and `overrides`) → `dto`
//! (serde types) → `output` (atomic files) and `report` (counts, progress,
//! summary). `convert` runs one file end to end;
//! `multi` runs several, `check` validates without writing, `batch` writes
//! batch-call request bodies, `config` merges a TOML file under the flags,
//! `memory` sets the allocator up for the binary.
//! `swar` holds the byte searches that `records` and `output` share.
#![deny(missing_docs)]

pub mod batch;
pub mod check;
pub mod cli;
pub mod config;
pub mod convert;
pub mod dedupe;
pub mod dto;
pub mod error;
pub mod exit;
pub mod fields;
pub mod input;
pub mod mapping;
pub mod memory;
pub mod multi;
pub mod options;
pub mod output;
pub mod overrides;
pub mod phone;
pub mod pipeline;
pub mod records;
pub mod report;
pub mod schema;
pub mod signals;
pub mod swar;
pub mod thresholds;
pub mod validate;
pub mod validity;

#[cfg(test)]
mod test_support;

pub use error::{Error, Result};
