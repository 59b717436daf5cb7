//! Exit codes: the contract with schedulers and scripts, documented in README and `--help`.

/// How a run ended, as the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ExitCode {
    /// Finished; rejects may exist.
    Success = 0,
    /// Fatal error: unreadable input, unusable header, I/O failure.
    Fatal = 1,
    /// Bad usage: unknown flag, bad value, conflicting options.
    Usage = 2,
    /// Finished, but rejects exceeded `--max-rejects`/`--max-reject-rate` (or `check` found rejects).
    Rejects = 3,
    /// Hung up: SIGHUP (the terminal closed, the ssh session dropped).
    HungUp = 129,
    /// Interrupted by SIGINT (Ctrl-C).
    Interrupted = 130,
    /// Terminated by SIGTERM.
    Terminated = 143,
}

impl ExitCode {
    /// The numeric status.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The exit code of a run stopped by `e`.
    pub fn for_error(e: &crate::Error) -> ExitCode {
        match e {
            crate::Error::Interrupted { signal, .. } if *signal == "SIGTERM" => {
                ExitCode::Terminated
            }
            crate::Error::Interrupted { signal, .. } if *signal == "SIGHUP" => ExitCode::HungUp,
            crate::Error::Interrupted { .. } => ExitCode::Interrupted,
            e if e.is_usage() => ExitCode::Usage,
            _ => ExitCode::Fatal,
        }
    }

    /// The worse of two outcomes, for runs over many files:
    /// interrupted > fatal (1) > usage (2) > threshold exceeded (3) > success (0).
    pub fn worst(self, other: ExitCode) -> ExitCode {
        let rank = |c: ExitCode| match c {
            ExitCode::Success => 0,
            ExitCode::Rejects => 1,
            ExitCode::Usage => 2,
            ExitCode::Fatal => 3,
            ExitCode::HungUp | ExitCode::Interrupted | ExitCode::Terminated => 4,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

/// The text shown in `--help` and README.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    finished (rejected rows may exist; see the rejects file and summary)
  1    fatal error: unreadable input, unusable header, I/O failure (no output put in place)
  2    bad usage: unknown flag, bad value, conflicting options
  3    finished but a --max-rejects/--max-reject-rate threshold was exceeded
       (`check`: rows were rejected)
  130  interrupted (SIGINT / Ctrl-C); 143 terminated (SIGTERM); 129 hung up (SIGHUP)
Several inputs (--out-dir): the worst outcome of any file, in the order
  130/143/129, then 1, then 2, then 3, then 0.";
