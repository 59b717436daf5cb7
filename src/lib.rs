//! csv2dto

pub mod input;
