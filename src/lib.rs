//! csv2dto

pub mod phone;
