//! Ctrl-C and SIGTERM: stop between batches, clean up, say what was done.
//!
//! The first SIGINT or SIGTERM only raises the cancel flag the pipeline polls
//! between batches and records which signal it was; the run then stops on its
//! own, its temporary outputs are dropped (so removed) and nothing is put in
//! place. A second signal exits at once with the same status: the escape
//! hatch when a read blocks (a terminal or a silent pipe on stdin). Its
//! temporary files, named `.NAME.csv2dto-tmp.PID.*`, are removed by the next
//! run that writes into the same folder.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use crate::exit::ExitCode;

/// The signal received first, 0 for none.
static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// A signal that interrupts a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// SIGTERM (`kill`, schedulers stopping a job).
    Terminate,
}

impl Signal {
    /// The conventional name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
        }
    }

    /// The exit status a shell expects after this signal (128 + number).
    pub fn exit_code(self) -> ExitCode {
        match self {
            Signal::Interrupt => ExitCode::Interrupted,
            Signal::Terminate => ExitCode::Terminated,
        }
    }

    /// The signal named `name` (as in `Error::Interrupted`), if it is one of ours.
    pub fn from_name(name: &str) -> Option<Signal> {
        [Signal::Interrupt, Signal::Terminate]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// The first interrupting signal received since `install`, if any.
pub fn received() -> Option<Signal> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        match RECEIVED.load(Ordering::SeqCst) {
            SIGINT => return Some(Signal::Interrupt),
            SIGTERM => return Some(Signal::Terminate),
            _ => {}
        }
    }
    None
}

/// Makes SIGINT and SIGTERM raise `cancel` (first time) or exit at once (second time).
///
/// Call once, early, from the binary. A library caller that handles signals
/// itself passes its own flag to `convert` and never calls this.
pub fn install(cancel: &'static AtomicBool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        for (signal, status) in [
            (SIGINT, ExitCode::Interrupted.code()),
            (SIGTERM, ExitCode::Terminated.code()),
        ] {
            let action = move || {
                if cancel.swap(true, Ordering::SeqCst) {
                    // Second signal: the user insists, or a read is blocked.
                    signal_hook::low_level::exit(i32::from(status));
                }
                let _ = RECEIVED.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
            };
            // SAFETY: the action only touches atomics and calls `_exit`, all
            // async-signal-safe; it neither allocates nor takes locks.
            unsafe { signal_hook::low_level::register(signal, action) }?;
        }
    }
    #[cfg(not(unix))]
    let _ = cancel;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_exit_codes_round_trip() {
        for s in [Signal::Interrupt, Signal::Terminate] {
            assert_eq!(Signal::from_name(s.name()), Some(s));
        }
        assert_eq!(Signal::Interrupt.exit_code().code(), 130);
        assert_eq!(Signal::Terminate.exit_code().code(), 143);
        assert_eq!(Signal::from_name("a signal"), None);
    }
}
