//! Ctrl-C, SIGTERM and SIGHUP: stop between batches, clean up, say what was done.
//!
//! The first SIGINT or SIGTERM only raises the cancel flag the pipeline polls
//! between batches and records which signal it was; the run then stops on its
//! own, its temporary outputs are dropped (so removed) and nothing is put in
//! place. When a read blocks (a terminal or a silent pipe on stdin) the run
//! cannot reach its next batch: a watchdog then removes this process's
//! temporary files and exits with the signal's status after `GRACE`. A second
//! signal cuts that wait short: the watchdog removes the temporaries and exits
//! at once. A signal within `ECHO` of the first is the same request, not a
//! second one: `timeout(1)` sends SIGTERM to the process and then to its group.
//! A third signal exits on the spot; any temporary file it leaves, named
//! `.NAME.csv2dto-tmp.PID.*`, is removed by the next run in that folder.
//! A signal ignored when the process started (`nohup`, `cmd &` in a script)
//! stays ignored.

use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU32, AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use crate::exit::ExitCode;

/// How long a cancelled run may take to stop on its own before the watchdog ends it.
pub const GRACE: Duration = Duration::from_secs(2);

/// A repeat of the first signal this soon after it is the same request.
pub const ECHO: Duration = Duration::from_millis(500);

/// The signal received first, 0 for none.
static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// Signals counted as requests (echoes left out).
static REQUESTS: AtomicU32 = AtomicU32::new(0);

/// When the first signal came, in nanoseconds after `EPOCH`.
static FIRST_AT: AtomicU64 = AtomicU64::new(0);

/// The clock's origin, set before any handler is installed. The first
/// signal's time (`FIRST_AT`) is written before its kind (`RECEIVED`), by
/// one compare-exchange, so that two signals at once cannot both be first.
static EPOCH: OnceLock<Instant> = OnceLock::new();

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

/// Makes SIGINT, SIGTERM and SIGHUP raise `cancel`; a second request ends
/// the run through the watchdog at once, a third exits on the spot. A
/// signal within `ECHO` of the first, of any of the three, is that request
/// again; a signal ignored at start is left ignored.
///
/// Call once, early, from the binary. A library caller that handles signals
/// itself passes its own flag to `convert` and never calls this.
pub fn install(cancel: &'static AtomicBool) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let epoch = *EPOCH.get_or_init(Instant::now);
        for (signal, status) in [
            (SIGINT, ExitCode::Interrupted.code()),
            (SIGTERM, ExitCode::Terminated.code()),
            // A closed terminal or a dropped ssh session: clean up as for the others.
            (SIGHUP, ExitCode::HungUp.code()),
        ] {
            if ignored_at_start(signal) {
                continue;
            }
            let action = move || {
                // Never 0, so that 0 can mean "no signal yet".
                let now = epoch.elapsed().as_nanos() as u64 | 1;
                match FIRST_AT.compare_exchange(0, now, Ordering::SeqCst, Ordering::SeqCst) {
                    Ok(_) => RECEIVED.store(signal, Ordering::SeqCst),
                    // The same request, sent twice (`timeout` signals the
                    // process, then its group): the first one decides.
                    Err(first) if now.saturating_sub(first) < ECHO.as_nanos() as u64 => return,
                    Err(_) => {}
                }
                cancel.store(true, Ordering::SeqCst);
                if REQUESTS.fetch_add(1, Ordering::SeqCst) >= 2 {
                    // A third request: the watchdog could not end the run.
                    signal_hook::low_level::exit(i32::from(status));
                }
            };
            // SAFETY: the action only touches atomics, reads the monotonic
            // clock and calls `_exit`, all async-signal-safe; it neither
            // allocates nor takes locks.
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

/// Whether `signal` was ignored when the process started: `nohup` and
/// background jobs of scripts hand it on ignored, meaning "keep running".
#[cfg(unix)]
fn ignored_at_start(signal: i32) -> bool {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: a query only (no new action); `old` is written by the call.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(signal, std::ptr::null(), &mut old) == 0
                && old.sa_sigaction == libc::SIG_IGN
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = signal;
        false
    }
}

/// Waits for `cancel`; if the process is still running `GRACE` later, or a
/// second request comes first, removes its temporaries and ends it.
fn watchdog(cancel: &AtomicBool) {
    while !cancel.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let started = Instant::now();
    let insisted = loop {
        if REQUESTS.load(Ordering::SeqCst) >= 2 {
            break true;
        }
        if started.elapsed() >= GRACE {
            break false;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    // Holding the registry's lock: nothing can be put in place any more.
    let _live = crate::output::remove_live_temporaries();
    let signal = received().unwrap_or(Signal::Interrupt);
    if insisted {
        crate::report::to_stderr(format_args!(
            "csv2dto: {}: stopped at a second signal; temporary files removed, no output put in place\n",
            signal.name(),
        ));
    } else {
        crate::report::to_stderr(format_args!(
            "csv2dto: {}: the run did not stop within {} s; temporary files removed, no output put in place\n",
            signal.name(),
            GRACE.as_secs()
        ));
    }
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
