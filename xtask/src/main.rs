//! `cargo xtask demo|test|build|size|bench|tools|lint|codegen|package`: install what is missing, build,
//! serve, test. `cargo xtask --help` lists the commands (see [`cli`]).

mod breakdown;
mod cli;
mod codegen;
mod demo;
mod package;
mod postgres;
mod proc;
mod size;
mod split;
mod test;
mod tools;

use clap::Parser;
use cli::{Cli, Task};
use std::path::PathBuf;
use std::process::{Command, ExitCode};

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The cargo target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

/// `cargo xtask bench`: the browser mount benchmark, the large-catalog benchmark (1,000 services
/// against a vanilla page), the sandbox load benchmark, the payment path's reads at 30,000
/// orders with and without their indexes, and order creation and a department query on one
/// SQLite process against one, two and three PostgreSQL instances.
fn bench() -> Result<(), String> {
    tools::ensure_build_tools()?;
    tools::ensure_browser_tools()?;
    demo::build_app()?;
    demo::build_sandbox()?;
    proc::run(Command::new("node").args(["bench/mount.js"]).current_dir(root().join("e2e")))?;
    proc::run(Command::new("node").args(["bench/firstload.js"]).current_dir(root().join("e2e")))?;
    proc::run(Command::new("node").args(["bench/catalog.js"]).current_dir(root().join("e2e")))?;
    proc::run(
        Command::new("cargo")
            .args([
                "bench",
                "-p",
                "citypanel-sandbox",
                "--bench",
                "load",
                "--bench",
                "payment_path",
            ])
            .current_dir(root()),
    )?;
    // One, two and three instances on PostgreSQL against the single SQLite process, on a
    // throw-away cluster removed afterwards (SQLite only when PostgreSQL cannot be had).
    let mut instances = Command::new("cargo");
    instances
        .args(["bench", "-p", "citypanel-sandbox", "--bench", "instances"])
        .current_dir(root());
    let cluster = match postgres::Cluster::start() {
        Ok(cluster) => {
            instances.env("CITYPANEL_BENCH_POSTGRES", &cluster.url);
            Some(cluster)
        }
        Err(e) => {
            eprintln!("xtask: PostgreSQL unavailable ({e}): instances benchmark on SQLite only");
            None
        }
    };
    let measured = proc::run(&mut instances);
    drop(cluster);
    measured
}

fn main() -> ExitCode {
    let task = Cli::parse().command;
    tools::extend_path();
    let result = match task {
        Task::Demo { port } => demo::run(port),
        Task::Test => test::run(),
        Task::Build => tools::ensure_build_tools()
            .and_then(|_| demo::build_app())
            .and_then(|_| demo::build_sandbox())
            .map(|_| ()),
        Task::Size => tools::ensure_build_tools().and_then(|_| size::run()),
        Task::Bench => bench(),
        Task::Tools { browser } => tools::ensure_build_tools().and_then(|_| {
            if browser {
                tools::ensure_browser_tools()
            } else {
                Ok(())
            }
        }),
        Task::Lint { .. } => match Command::new("cargo")
            .args(["run", "-q", "-p", "citypanel-descriptor", "--bin", "citypanel-lint", "--"])
            .args(task.lint_args())
            .status()
        {
            Ok(status) => {
                return ExitCode::from(status.code().map_or(1, |c| u8::try_from(c).unwrap_or(1)))
            }
            Err(e) => Err(format!("cannot run `cargo`: {e}")),
        },
        Task::Codegen => codegen::run(),
        Task::Package { no_build } => package::run(!no_build),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
