//! `cargo xtask test`: native, browser and end-to-end tests, then one summary line.

use crate::postgres;
use crate::proc::run_captured;
use crate::{demo, package, root, size, target_dir, tools};
use std::path::Path;
use std::process::Command;

/// What a build from a clean clone takes on disk (native debug, wasm debug and release, the
/// demo bundle): measured at 3.3 GiB with `CARGO_INCREMENTAL=0` (as `.ci/run` builds), 4.2 GiB
/// without; rounded up.
const CLEAN_BUILD_GIB: f64 = 5.0;

/// Free space (GiB) on the file system holding `dir` (or its nearest existing parent), read
/// from `df -Pk`; `None` where `df` is missing or answers something else.
fn free_gib(dir: &Path) -> Option<f64> {
    let mut at = dir;
    while !at.exists() {
        at = at.parent()?;
    }
    let out = Command::new("df").arg("-Pk").arg(at).output().ok()?;
    parse_df_available_kib(&String::from_utf8_lossy(&out.stdout))
        .map(|kib| kib as f64 / 1024.0 / 1024.0)
}

/// The "Available" column (KiB) of `df -Pk`'s one data line.
fn parse_df_available_kib(out: &str) -> Option<u64> {
    out.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()
}

/// A run that fills the disk fails deep inside a linker with "No space left on device";
/// say so up front, in terms of what to free.
fn warn_if_disk_is_short(target: &Path) {
    if let Some(free) = free_gib(target) {
        if free < CLEAN_BUILD_GIB {
            eprintln!(
                "xtask: warning: {free:.1} GiB free on the disk holding `{}`; a build from a clean \
                 clone takes about {CLEAN_BUILD_GIB:.0} GiB (free space, or `cargo clean`)",
                target.display()
            );
        }
    }
}

/// Pass/fail counts of one step.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

fn number_before(line: &str, word: &str) -> Option<u64> {
    let idx = line.find(word)?;
    line[..idx].split(|c: char| !c.is_ascii_digit()).rev().find(|s| !s.is_empty())?.parse().ok()
}

/// Sums `test result: … N passed; M failed` (cargo, wasm-bindgen-test) and TAP `# pass N` /
/// `# fail N` (node) lines.
pub fn count(lines: &[String]) -> Counts {
    let mut c = Counts::default();
    for line in lines {
        let l = line.trim();
        if l.starts_with("test result:") {
            c.passed += number_before(l, " passed").unwrap_or(0);
            c.failed += number_before(l, " failed").unwrap_or(0);
        } else if let Some(n) = l.strip_prefix("# pass ") {
            c.passed += n.trim().parse().unwrap_or(0);
        } else if let Some(n) = l.strip_prefix("# fail ") {
            c.failed += n.trim().parse().unwrap_or(0);
        }
    }
    c
}

struct Step {
    name: &'static str,
    counts: Counts,
    ok: bool,
}

fn step(name: &'static str, cmd: &mut Command) -> Step {
    eprintln!("\nxtask: ── {name} ──");
    let (ok, lines) = run_captured(cmd);
    let mut counts = count(&lines);
    if !ok && counts.failed == 0 {
        // Failed before any test could report (build error, crash): count the step itself.
        counts.failed = 1;
    }
    Step { name, counts, ok }
}

/// A gate that reports no test counts of its own (fmt, clippy): one check, passed or failed.
fn gate(name: &'static str, cmd: &mut Command) -> Step {
    let mut s = step(name, cmd);
    if s.ok {
        s.counts.passed = 1;
    }
    s
}

fn failed_step(name: &'static str, err: String) -> Step {
    eprintln!("xtask: {name}: {err}");
    Step { name, counts: Counts { passed: 0, failed: 1 }, ok: false }
}

pub fn run() -> Result<(), String> {
    tools::ensure_build_tools()?;
    tools::ensure_browser_tools()?;
    let root = root();
    warn_if_disk_is_short(&target_dir());
    let mut steps = vec![
        gate(
            "format (cargo fmt --check)",
            Command::new("cargo").args(["fmt", "--all", "--check"]).current_dir(&root),
        ),
        gate(
            "lint (cargo clippy)",
            Command::new("cargo")
                .args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
                .current_dir(&root),
        ),
    ];
    // The platform's multi-instance tests (`sandbox/tests/postgres_instances.rs`) need a
    // PostgreSQL server: a throw-away cluster lives for the native step, then is removed.
    let mut native = Command::new("cargo");
    native.args(["test", "--workspace"]).current_dir(&root);
    let cluster = match postgres::Cluster::start() {
        Ok(cluster) => {
            native
                .env("CITYPANEL_TEST_POSTGRES", &cluster.url)
                .env("CITYPANEL_REQUIRE_POSTGRES", "1");
            Some(cluster)
        }
        Err(e) => {
            eprintln!(
                "xtask: PostgreSQL unavailable ({e}): the multi-instance PostgreSQL tests are \
                 SKIPPED (they say so in their output)"
            );
            None
        }
    };
    steps.push(step("native", &mut native));
    drop(cluster);

    // chromedriver makes a Chromium profile per test binary under TMPDIR and the test runner
    // stops it without removing that profile: give it a scratch TMPDIR and remove it after.
    let scratch = target_dir().join("tmp").join("chromedriver");
    let _ = std::fs::remove_dir_all(&scratch);
    if let Err(e) = std::fs::create_dir_all(&scratch) {
        return Err(format!("cannot create `{}`: {e}", scratch.display()));
    }
    steps.push(step(
        "browser (wasm-bindgen-test)",
        Command::new("cargo")
            .args([
                "test",
                "-p",
                "citypanel",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "browser",
                "--test",
                "browser_widgets",
            ])
            .current_dir(root.join("components"))
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60")
            .env("TMPDIR", &scratch),
    ));
    let _ = std::fs::remove_dir_all(&scratch);

    // The npm package (e2e/tests/package.test.js installs it into a copy of
    // examples/vite-host): packed from the dist/ just built, every run (a few seconds).
    let built = demo::build_app()
        .and_then(|_| demo::build_sandbox())
        .and_then(|bin| package::pack().map(|_| bin));
    match built {
        Err(e) => steps.push(failed_step("end-to-end build", e)),
        Ok(bin) => steps.push(step(
            "end-to-end (Playwright)",
            Command::new("npm")
                .args(["test", "--silent"])
                .current_dir(root.join("e2e"))
                .env("CITYPANEL_SANDBOX_BIN", bin)
                .env("CITYPANEL_DIST", root.join("dist"))
                .env("CITYPANEL_CATALOG", root.join("catalog"))
                .env("CITYPANEL_PACKAGE", package::tarball())
                .env("CHROMIUM", tools::CHROMIUM),
        )),
    }

    eprintln!();
    for s in &steps {
        println!(
            "xtask: {:<28} {:>4} passed, {:>3} failed{}",
            s.name,
            s.counts.passed,
            s.counts.failed,
            if s.ok { "" } else { "  (step failed)" }
        );
    }
    if let Err(e) = size::print() {
        println!("size: unavailable: {e}");
    }
    let passed: u64 = steps.iter().map(|s| s.counts.passed).sum();
    let failed: u64 = steps.iter().map(|s| s.counts.failed).sum();
    println!("summary: {passed} passed, {failed} failed");
    if failed == 0 && steps.iter().all(|s| s.ok) {
        Ok(())
    } else {
        Err(format!("{failed} failed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn reads_available_kib_from_df() {
        let out = "Filesystem     1024-blocks     Used Available Capacity Mounted on\n\
                   /dev/vda        264108400 49112220 47012388      52% /\n";
        assert_eq!(parse_df_available_kib(out), Some(47_012_388));
        assert_eq!(parse_df_available_kib("Filesystem\n"), None);
        assert_eq!(parse_df_available_kib(""), None);
    }

    #[test]
    fn counts_cargo_wasm_and_tap_lines() {
        let c = count(&lines(
            "test result: ok. 11 passed; 0 failed; 0 ignored\n\
             test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured\n\
             # pass 9\n# fail 1\nnoise 5 passed",
        ));
        assert_eq!(c, Counts { passed: 23, failed: 3 });
    }
}
