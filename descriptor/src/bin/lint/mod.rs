//! `citypanel-lint`: checks descriptor files and reports like a compiler.

pub mod args;
pub mod check;
pub mod files;
pub mod hints;
pub mod report;

use args::{Command, OutputFormat};
use std::process::ExitCode;

/// Exit status when there are errors (or warnings with `--deny-warnings`).
const FAILED: u8 = 1;
/// Exit status for usage errors and unreadable paths.
const USAGE_ERROR: u8 = 2;

/// Runs the command line (without the program name) and returns the exit status.
pub fn main(args: impl IntoIterator<Item = String>) -> ExitCode {
    let options = match args::parse(args) {
        Ok(Command::Lint(o)) => o,
        Ok(Command::Help) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("citypanel-lint: error: {e}\n\n{}", args::USAGE);
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let sources = match files::collect(&options.paths) {
        Ok(s) => s,
        Err(problems) => {
            for p in problems {
                eprintln!("citypanel-lint: error: {p}");
            }
            return ExitCode::from(USAGE_ERROR);
        }
    };
    if sources.is_empty() {
        eprintln!("citypanel-lint: warning: no `*.json` files found");
    }
    // A lone file's catalog is unknown: its references are checked when a folder (or several
    // files) is linted.
    let references = sources.len() > 1 || options.paths.iter().any(|p| p.is_dir());
    let reports = check::check(&sources, references);
    match options.format {
        OutputFormat::Human => print!("{}", report::human(&reports)),
        OutputFormat::Json => println!("{}", report::json(&reports)),
    }
    let (errors, warnings) = report::totals(&reports);
    if errors > 0 || (options.deny_warnings && warnings > 0) {
        ExitCode::from(FAILED)
    } else {
        ExitCode::SUCCESS
    }
}
