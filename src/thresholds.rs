//! Reject thresholds for unattended runs: when to exit 3.
//!
//! A threshold never stops a run or withholds an output: the scheduler gets
//! every file and a summary saying `threshold_exceeded: true`, and decides.

use serde::Serialize;

use crate::cli::NightlyArgs;
use crate::error::{Error, Result};

/// `--max-rejects` and `--max-reject-rate`, checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Thresholds {
    /// Most rejected rows allowed.
    pub max_rejects: Option<u64>,
    /// Largest allowed share of rejected rows among the rows read, from 0 to 1.
    pub max_reject_rate: Option<f64>,
}

impl Thresholds {
    /// Checks the flags: a rate is a fraction from 0 to 1.
    pub fn from_args(a: &NightlyArgs) -> Result<Thresholds> {
        if let Some(r) = a.max_reject_rate {
            if !(0.0..=1.0).contains(&r) {
                return Err(Error::Usage(format!(
                    "--max-reject-rate {r}: expected a fraction from 0 to 1 (0.02 means 2%)"
                )));
            }
        }
        Ok(Thresholds {
            max_rejects: a.max_rejects,
            max_reject_rate: a.max_reject_rate,
        })
    }

    /// True when `rejected` of `rows` is more than allowed.
    pub fn exceeded(&self, rows: u64, rejected: u64) -> bool {
        let by_count = self.max_rejects.is_some_and(|n| rejected > n);
        let by_rate = self
            .max_reject_rate
            .is_some_and(|r| rows > 0 && reject_rate(rows, rejected) > r);
        by_count || by_rate
    }
}

/// Rejected rows as a fraction of rows read (0 for an empty file).
pub fn reject_rate(rows: u64, rejected: u64) -> f64 {
    if rows == 0 {
        0.0
    } else {
        rejected as f64 / rows as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_exclusive() {
        let t = Thresholds {
            max_rejects: Some(2),
            max_reject_rate: None,
        };
        assert!(!t.exceeded(10, 2));
        assert!(t.exceeded(10, 3));
        let t = Thresholds {
            max_rejects: None,
            max_reject_rate: Some(0.1),
        };
        assert!(!t.exceeded(10, 1));
        assert!(t.exceeded(10, 2));
        assert!(!t.exceeded(0, 0));
        assert!(!Thresholds::default().exceeded(1, 1));
    }

    #[test]
    fn a_rate_outside_0_to_1_is_a_usage_error() {
        let a = NightlyArgs {
            max_reject_rate: Some(2.0),
            ..NightlyArgs::default()
        };
        assert!(Thresholds::from_args(&a).unwrap_err().is_usage());
    }
}
