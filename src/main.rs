//! The csv2dto binary: parse the command line, call the library, map the outcome to an exit code.

use std::io::ErrorKind;
use std::process::ExitCode as ProcessExit;
use std::sync::atomic::AtomicBool;

use clap::{CommandFactory, Parser};
use csv2dto::cli::{Cli, Command};
use csv2dto::exit::ExitCode;
use csv2dto::multi::{convert_all, MultiOptions};
use csv2dto::options::{source, ConvertOptions, ReadOptions};
use csv2dto::report::terminal_safe;
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
                        eprint!("{}", summary.human());
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
                    print!("{text}");
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
                        println!(
                            "{}",
                            serde_json::to_string_pretty(&failed).expect("serializes")
                        );
                    }
                    code
                }
            }
        }
        Command::Completions(args) => {
            let shell: clap_complete::Shell = args.shell.parse().expect("checked by clap");
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "csv2dto",
                &mut std::io::stdout(),
            );
            ExitCode::Success
        }
        Command::Fields => {
            print!("{}", csv2dto::fields::text());
            ExitCode::Success
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
    let code = ExitCode::for_error(&e);
    eprintln!("csv2dto: error: {}", terminal_safe(&e.to_string()));
    code
}
