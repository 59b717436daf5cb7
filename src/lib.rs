//! csv2dto
