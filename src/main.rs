//! The csv2dto binary: parse the command line, call the library, map the outcome to an exit code.

use std::io::{ErrorKind, Write};
use std::process::ExitCode as ProcessExit;
use std::sync::atomic::AtomicBool;

use clap::{CommandFactory, Parser};
use csv2dto::cli::{Cli, Command};
use csv2dto::exit::ExitCode;
use csv2dto::multi::{convert_all, MultiOptions};
use csv2dto::options::{source, ConvertOptions, ReadOptions};
use csv2dto::report::{terminal_safe, to_stderr};
use csv2dto::Error;

static CANCEL: AtomicBool = AtomicBool::new(false);

fn main() -> ProcessExit {
    csv2dto::memory::return_large_blocks();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let printed = e.print();
            return ProcessExit::from(if e.use_stderr() {
                ExitCode::Usage.code()
            } else if printed.is_err_and(|e| e.kind() != ErrorKind::BrokenPipe)
                || csv2dto::output::stdout_was_closed()
            {
                // --help or --version that nobody could read (`| head` did).
                ExitCode::Fatal.code()
            } else {
                0
            });
        }
    };
    if let Err(e) = csv2dto::signals::install(&CANCEL) {
        to_stderr(format_args!(
            "csv2dto: warning: Ctrl-C will not clean up: {e}\n"
        ));
    }
    ProcessExit::from(run(cli).code())
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Convert(mut args) => {
            let result = csv2dto::config::apply(&mut args.common, Some(&mut args.nightly))
                .and_then(|()| {
                    if args.nightly.out_dir.is_some() || args.input.len() > 1 {
                        let multi = MultiOptions::from_args(&args)?;
                        return convert_all(&multi, &CANCEL);
                    }
                    let opts = ConvertOptions::from_args(&args)?;
                    let summary = csv2dto::convert::convert(&opts, &CANCEL)?;
                    if !opts.quiet {
                        to_stderr(format_args!("{}", summary.human()));
                    }
                    Ok(if summary.threshold_exceeded {
                        ExitCode::Rejects
                    } else {
                        ExitCode::Success
                    })
                });
            result.unwrap_or_else(report)
        }
        Command::Check(mut args) => {
            let result = csv2dto::config::apply(&mut args.common, None)
                .and_then(|()| ReadOptions::from_args(&args.common))
                .and_then(|mut read| {
                    if args.common.progress == "auto" {
                        read.progress = csv2dto::report::ProgressMode::None;
                    }
                    csv2dto::check::check(&source(&args.input), &read, &CANCEL)
                });
            match result {
                Ok(report) => {
                    let text = if args.format == "json" {
                        serde_json::to_string_pretty(&report).expect("report serializes") + "\n"
                    } else {
                        report.table()
                    };
                    let printed = print_or_report(&text, "check report");
                    if printed != ExitCode::Success {
                        return printed;
                    }
                    if report.summary.counts.rejected > 0 {
                        ExitCode::Rejects
                    } else {
                        ExitCode::Success
                    }
                }
                Err(e) => {
                    let error = e.to_string();
                    let code = report(e);
                    if args.format == "json" {
                        // A script reading stdout gets the reason, not an empty parse error.
                        let failed =
                            serde_json::json!({ "error": error, "exit_code": code.code() });
                        let text = serde_json::to_string_pretty(&failed).expect("serializes");
                        // The error is on stderr already; stdout may be what failed.
                        let _ = to_stdout(&(text + "\n"));
                    }
                    code
                }
            }
        }
        Command::Completions(args) => {
            let shell: clap_complete::Shell = args.shell.parse().expect("checked by clap");
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "csv2dto", &mut script);
            print_or_report(&String::from_utf8_lossy(&script), "completion script")
        }
        Command::Fields => print_or_report(&csv2dto::fields::text(), "field list"),
    }
}

/// Writes `text` to stdout; an error instead of `print!`'s panic. A reader
/// that went away (`| head`) is `report`'s to forgive.
fn to_stdout(text: &str) -> std::io::Result<()> {
    if csv2dto::output::stdout_was_closed() {
        return Err(std::io::Error::other(
            "standard output is closed, so the text would be lost; start csv2dto with its output open",
        ));
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Prints `text` (`what`) to stdout: success, or the error's exit code.
fn print_or_report(text: &str, what: &'static str) -> ExitCode {
    match to_stdout(text) {
        Ok(()) => ExitCode::Success,
        Err(source) => report(Error::Output {
            path: "-".into(),
            what,
            source,
        }),
    }
}

fn report(e: Error) -> ExitCode {
    if let Error::Output { source, .. } = &e {
        if source.kind() == ErrorKind::BrokenPipe {
            // The reader of our stdout went away (e.g. `| head`): not an error.
            return ExitCode::Success;
        }
    }
    let code = ExitCode::for_error(&e);
    to_stderr(format_args!(
        "csv2dto: error: {}\n",
        terminal_safe(&e.to_string())
    ));
    code
}
