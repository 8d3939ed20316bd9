//! `cargo xtask demo|test|size`: install what is missing, build, serve, test.

mod breakdown;
mod demo;
mod proc;
mod size;
mod test;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  demo [--port N]   install missing tools, build the app (trunk --release), serve it with the
                    sandbox platform on 127.0.0.1 (default port 8080) and print the URL
  test              install missing tools, run native, browser (wasm-bindgen-test) and
                    end-to-end (Playwright) tests; ends with `summary: N passed, N failed`
  build             install missing tools, build the app (dist/) and the sandbox
  size              build, then print the gzip sizes of the wasm and JS: the demo bundle in
                    dist/, the SDK (no demo host shells) in dist/sdk/, and the stack floor
                    (size-floor/: one Leptos form + serde_json + gloo-net, built the same way),
                    then the SDK's code by crate
  bench             build, then print the mount benchmark (mount → interactive form, mount →
                    rendered catalog, against fetch + JSON.parse of the same documents) and the
                    sandbox load benchmark (throughput, p99 per endpoint)
  tools [--browser] install the build tools (and the browser test tools) if missing
  lint [ARGS...]    check descriptors (default `catalog/`) with citypanel-lint; `lint --help`";

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The cargo target directory.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

/// `cargo xtask bench`: the browser mount benchmark and the sandbox load benchmark.
fn bench() -> Result<(), String> {
    tools::ensure_build_tools()?;
    tools::ensure_browser_tools()?;
    demo::build_app()?;
    demo::build_sandbox()?;
    proc::run(Command::new("node").args(["bench/mount.js"]).current_dir(root().join("e2e")))?;
    proc::run(Command::new("node").args(["bench/firstload.js"]).current_dir(root().join("e2e")))?;
    proc::run(
        Command::new("cargo")
            .args(["bench", "-p", "citypanel-sandbox", "--bench", "load"])
            .current_dir(root()),
    )
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    tools::extend_path();
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("build") => tools::ensure_build_tools()
            .and_then(|_| demo::build_app())
            .and_then(|_| demo::build_sandbox())
            .map(|_| ()),
        Some("size") => tools::ensure_build_tools().and_then(|_| size::run()),
        Some("bench") => bench(),
        Some("tools") => tools::ensure_build_tools().and_then(|_| {
            if args.iter().any(|a| a == "--browser") {
                tools::ensure_browser_tools()
            } else {
                Ok(())
            }
        }),
        Some("lint") => match Command::new("cargo")
            .args(["run", "-q", "-p", "citypanel-descriptor", "--bin", "citypanel-lint", "--"])
            .args(&args[1..])
            .status()
        {
            Ok(status) => {
                return ExitCode::from(status.code().map_or(1, |c| u8::try_from(c).unwrap_or(1)))
            }
            Err(e) => Err(format!("cannot run `cargo`: {e}")),
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
