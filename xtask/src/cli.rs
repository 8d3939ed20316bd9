//! The command line of `cargo xtask`, declared with clap (which writes `--help`).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Install what is missing, build, serve, test.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Task,
}

/// One `cargo xtask` command.
#[derive(Debug, Subcommand)]
pub enum Task {
    /// Build the app and serve it with the sandbox platform
    ///
    /// Installs missing tools, builds the app (trunk --release), serves it with the sandbox
    /// platform on 127.0.0.1 and prints the URL.
    Demo {
        /// The port to serve on (a free one when it is busy; 0: any free port)
        #[arg(long, value_name = "N", default_value_t = 8080)]
        port: u16,
    },
    /// Run the native, browser and end-to-end tests
    ///
    /// Installs missing tools, runs native, browser (wasm-bindgen-test) and end-to-end
    /// (Playwright) tests; ends with `summary: N passed, N failed`.
    Test,
    /// Build the app (dist/) and the sandbox, installing missing tools
    Build,
    /// Build, then print the gzip sizes of the wasm and JS
    ///
    /// The demo bundle in dist/, the SDK (no demo host shells) in dist/sdk/, and the stack
    /// floor (size-floor/: one Leptos form + serde_json + gloo-net, built the same way), then
    /// the SDK's code by crate.
    Size,
    /// Build, then print the mount and sandbox load benchmarks
    ///
    /// The mount benchmark (mount → interactive form, mount → rendered catalog, against
    /// fetch + JSON.parse of the same documents), the sandbox load benchmark (throughput,
    /// p99 per endpoint), and the instances benchmark (one SQLite process against one, two and
    /// three instances on a throw-away PostgreSQL cluster).
    Bench,
    /// Install the build tools (and the browser test tools) if missing
    Tools {
        /// Also install the browser test tools (Chromium, chromedriver, the e2e packages)
        #[arg(long)]
        browser: bool,
    },
    /// Check descriptors (default `catalog/`) with citypanel-lint
    Lint {
        /// Compiler-style text (default) or one JSON document on stdout
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<LintFormat>,
        /// Exit with status 1 when there are warnings, not only errors
        #[arg(long)]
        deny_warnings: bool,
        /// Descriptor files or directories (searched for `*.json`); default `catalog/`
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write the generated bridge typings and host-kit constants from the bridge contract
    ///
    /// Rewrites the generated parts of embed/citypanel.d.ts, embed/citypanel-host.js and
    /// docs/embedding.md from components/src/bridge/contract.rs and wire.rs; `cargo test` fails
    /// while they differ.
    Codegen,
    /// Build the SDK and pack the npm package `citypanel` (target/npm/citypanel.tgz)
    ///
    /// ES module entry, the host kit as `citypanel/host`, typings, the wasm and the stylesheet
    /// as `new URL(…, import.meta.url)` assets, the bridge self-check page; packed by `npm pack`.
    Package {
        /// Pack the dist/ already built (by `cargo xtask build`) instead of building it
        #[arg(long)]
        no_build: bool,
    },
}

/// The report formats of citypanel-lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
}

impl Task {
    /// The arguments handed on to citypanel-lint for a `lint` task (none for the others).
    pub fn lint_args(&self) -> Vec<String> {
        let Task::Lint { format, deny_warnings, paths } = self else { return Vec::new() };
        let mut out = Vec::new();
        if let Some(f) = format {
            let name = match f {
                LintFormat::Human => "human",
                LintFormat::Json => "json",
            };
            out.extend(["--format".to_string(), name.to_string()]);
        }
        if *deny_warnings {
            out.push("--deny-warnings".to_string());
        }
        if !paths.is_empty() {
            out.push("--".to_string());
            out.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Task, clap::Error> {
        Cli::try_parse_from(std::iter::once("xtask").chain(args.iter().copied())).map(|c| c.command)
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_command_and_flag_parses() {
        assert!(matches!(parse(&["demo"]).unwrap(), Task::Demo { port: 8080 }));
        assert!(matches!(parse(&["demo", "--port", "9000"]).unwrap(), Task::Demo { port: 9000 }));
        assert!(matches!(parse(&["test"]).unwrap(), Task::Test));
        assert!(matches!(parse(&["build"]).unwrap(), Task::Build));
        assert!(matches!(parse(&["size"]).unwrap(), Task::Size));
        assert!(matches!(parse(&["bench"]).unwrap(), Task::Bench));
        assert!(matches!(parse(&["tools"]).unwrap(), Task::Tools { browser: false }));
        assert!(matches!(parse(&["tools", "--browser"]).unwrap(), Task::Tools { browser: true }));
        assert!(matches!(parse(&["codegen"]).unwrap(), Task::Codegen));
        assert!(matches!(parse(&["package"]).unwrap(), Task::Package { no_build: false }));
        assert!(matches!(
            parse(&["package", "--no-build"]).unwrap(),
            Task::Package { no_build: true }
        ));
        assert_eq!(parse(&["lint"]).unwrap().lint_args(), Vec::<String>::new());
        let lint =
            parse(&["lint", "--format", "json", "--deny-warnings", "a.json", "dir"]).unwrap();
        assert_eq!(
            lint.lint_args(),
            ["--format", "json", "--deny-warnings", "--", "a.json", "dir"]
        );
    }

    #[test]
    fn mistakes_are_usage_errors() {
        for bad in [
            &["demo", "--port", "http"][..],
            &["demo", "--colour"],
            &["test", "extra"],
            &["lint", "--format", "xml"],
            &["launch"],
            &[],
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }
}
