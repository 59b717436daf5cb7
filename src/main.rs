//! The csv2dto binary: parse the command line, call the library, map the outcome to an exit code.

use std::io::ErrorKind;
use std::process::ExitCode as ProcessExit;
use std::sync::atomic::AtomicBool;

use clap::Parser;
use csv2dto::cli::{Cli, Command};
use csv2dto::exit::ExitCode;
use csv2dto::options::ConvertOptions;
use csv2dto::report::terminal_safe;
use csv2dto::signals::Signal;
use csv2dto::Error;

static CANCEL: AtomicBool = AtomicBool::new(false);

fn main() -> ProcessExit {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ProcessExit::from(if e.use_stderr() {
                ExitCode::Usage.code()
            } else {
                0
            });
        }
    };
    if let Err(e) = csv2dto::signals::install(&CANCEL) {
        eprintln!("csv2dto: warning: Ctrl-C will not clean up: {e}");
    }
    ProcessExit::from(run(cli).code())
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Convert(args) => {
            let result = ConvertOptions::from_args(&args).and_then(|opts| {
                let summary = csv2dto::convert::convert(&opts, &CANCEL)?;
                if !opts.quiet {
                    eprint!("{}", summary.human());
                }
                Ok(())
            });
            match result {
                Ok(()) => ExitCode::Success,
                Err(e) => report(e),
            }
        }
    }
}

fn report(e: Error) -> ExitCode {
    if let Error::Output { source, .. } = &e {
        if source.kind() == ErrorKind::BrokenPipe {
            // The reader of our stdout went away (e.g. `| head`): not an error.
            return ExitCode::Success;
        }
    }
    let code = if let Error::Interrupted { signal, .. } = &e {
        Signal::from_name(signal).map_or(ExitCode::Interrupted, Signal::exit_code)
    } else if e.is_usage() {
        ExitCode::Usage
    } else {
        ExitCode::Fatal
    };
    eprintln!("csv2dto: error: {}", terminal_safe(&e.to_string()));
    code
}
