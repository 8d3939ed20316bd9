//! `cargo xtask test`: native, browser and end-to-end tests, then one summary line.

use crate::proc::run_captured;
use crate::{demo, root, size, tools};
use std::process::Command;

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

fn failed_step(name: &'static str, err: String) -> Step {
    eprintln!("xtask: {name}: {err}");
    Step { name, counts: Counts { passed: 0, failed: 1 }, ok: false }
}

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(a) = args.first() {
        return Err(format!("unknown option `{a}` for `test`"));
    }
    tools::ensure_build_tools()?;
    tools::ensure_browser_tools()?;
    let root = root();
    let mut steps = vec![step("native", Command::new("cargo").args(["test", "--workspace"]).current_dir(&root))];

    steps.push(step(
        "browser (wasm-bindgen-test)",
        Command::new("cargo")
            .args(["test", "-p", "citypanel", "--target", "wasm32-unknown-unknown", "--test", "browser", "--test", "browser_widgets"])
            .current_dir(root.join("components"))
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner")
            .env("CHROMEDRIVER", tools::CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "60"),
    ));

    let built = demo::build_app().and_then(|_| demo::build_sandbox());
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
    fn counts_cargo_wasm_and_tap_lines() {
        let c = count(&lines(
            "test result: ok. 11 passed; 0 failed; 0 ignored\n\
             test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured\n\
             # pass 9\n# fail 1\nnoise 5 passed",
        ));
        assert_eq!(c, Counts { passed: 23, failed: 3 });
    }
}
