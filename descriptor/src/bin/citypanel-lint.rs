//! `citypanel-lint [--format human|json] [--deny-warnings] [PATH ...]`: checks service
//! descriptors against the citypanel descriptor standard, for descriptor authors.
//!
//! Exit status: 0 clean (warnings allowed unless `--deny-warnings`), 1 errors, 2 usage errors
//! or unreadable paths. See `lint/args.rs` for the full usage text.

mod lint;

use std::process::ExitCode;

fn main() -> ExitCode {
    lint::main(std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()))
}
