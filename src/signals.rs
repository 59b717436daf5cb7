//! Ctrl-C, SIGTERM and SIGHUP: stop between batches, clean up, say what was done.
//!
//! The first SIGINT or SIGTERM only raises the cancel flag the pipeline polls
//! between batches and records which signal it was; the run then stops on its
//! own, its temporary outputs are dropped (so removed) and nothing is put in
//! place. When a read blocks (a terminal or a silent pipe on stdin) the run
//! cannot reach its next batch: a watchdog then removes this process's
//! temporary files and exits with the signal's status after `GRACE`. A second
//! signal exits at once; any temporary file it leaves, named
//! `.NAME.csv2dto-tmp.PID.*`, is removed by the next run in that folder.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::Duration;

use crate::exit::ExitCode;

/// How long a cancelled run may take to stop on its own before the watchdog ends it.
pub const GRACE: Duration = Duration::from_secs(2);

/// The signal received first, 0 for none.
static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// A signal that interrupts a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    /// SIGINT (Ctrl-C).
    Interrupt,
    /// SIGTERM (`kill`, schedulers stopping a job).
    Terminate,
    /// SIGHUP (the terminal closed, an ssh session dropped).
    Hangup,
}

impl Signal {
    /// The conventional name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
            Signal::Hangup => "SIGHUP",
        }
    }

    /// The exit status a shell expects after this signal (128 + number).
    pub fn exit_code(self) -> ExitCode {
        match self {
            Signal::Interrupt => ExitCode::Interrupted,
            Signal::Terminate => ExitCode::Terminated,
            Signal::Hangup => ExitCode::HungUp,
        }
    }

    /// The signal named `name` (as in `Error::Interrupted`), if it is one of ours.
    pub fn from_name(name: &str) -> Option<Signal> {
        [Signal::Interrupt, Signal::Terminate, Signal::Hangup]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// The first interrupting signal received since `install`, if any.
pub fn received() -> Option<Signal> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        match RECEIVED.load(Ordering::SeqCst) {
            SIGINT => return Some(Signal::Interrupt),
            SIGTERM => return Some(Signal::Terminate),
            SIGHUP => return Some(Signal::Hangup),
            _ => {}
        }
    }
    None
}

/// Makes SIGINT, SIGTERM and SIGHUP raise `cancel` (first time) or exit at once (second time).
///
/// Call once, early, from the binary. A library caller that handles signals
/// itself passes its own flag to `convert` and never calls this.
pub fn install(cancel: &'static AtomicBool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        for (signal, status) in [
            (SIGINT, ExitCode::Interrupted.code()),
            (SIGTERM, ExitCode::Terminated.code()),
            // A closed terminal or a dropped ssh session: clean up as for the others.
            (SIGHUP, ExitCode::HungUp.code()),
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
        std::thread::Builder::new()
            .name("csv2dto-signals".into())
            .spawn(move || watchdog(cancel))?;
    }
    #[cfg(not(unix))]
    let _ = cancel;
    Ok(())
}

/// Waits for `cancel`; if the process is still running `GRACE` later, ends it cleanly.
fn watchdog(cancel: &AtomicBool) {
    while !cancel.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(GRACE);
    // Holding the registry's lock: nothing can be put in place any more.
    let _live = crate::output::remove_live_temporaries();
    let signal = received().unwrap_or(Signal::Interrupt);
    crate::report::to_stderr(format_args!(
        "csv2dto: {}: the run did not stop within {} s (a read is blocked?); temporary files removed, no output put in place\n",
        signal.name(),
        GRACE.as_secs()
    ));
    std::process::exit(i32::from(signal.exit_code().code()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_exit_codes_round_trip() {
        for s in [Signal::Interrupt, Signal::Terminate, Signal::Hangup] {
            assert_eq!(Signal::from_name(s.name()), Some(s));
        }
        assert_eq!(Signal::Interrupt.exit_code().code(), 130);
        assert_eq!(Signal::Terminate.exit_code().code(), 143);
        assert_eq!(Signal::Hangup.exit_code().code(), 129);
        assert_eq!(Signal::from_name("a signal"), None);
    }
}
