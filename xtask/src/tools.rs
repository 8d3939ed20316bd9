//! Idempotent installation of the tools the project needs. Each is skipped when the right
//! version is already present; a missing permission gets a message saying what to install.

use crate::proc::{output, run};
use crate::root;
use std::path::PathBuf;
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// Puts cargo's bin directory on PATH so freshly installed tools are found.
pub fn extend_path() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    if let Some(bin) = cargo_home.map(|h| h.join("bin")) {
        let mut paths: Vec<PathBuf> = std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
        if !paths.contains(&bin) {
            paths.insert(0, bin);
            if let Ok(joined) = std::env::join_paths(paths) {
                std::env::set_var("PATH", joined);
            }
        }
    }
}

/// The `wasm-bindgen` version locked in `Cargo.lock`.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read `Cargo.lock`: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("`Cargo.lock` has no `wasm-bindgen` package".into())
}

fn version_of(tool: &str) -> Option<String> {
    output(Command::new(tool).arg("--version"))
}

/// `cargo install --locked`; if the crate's own lock file names a dependency version the
/// registry no longer serves (seen with wasm-bindgen-cli 0.2.130), retries with a fresh resolve.
fn cargo_install(krate: &str, version: &str) -> Result<(), String> {
    eprintln!("xtask: installing {krate} {version} (this takes several minutes, once)");
    let locked = run(Command::new("cargo").args(["install", "--locked", krate, "--version", version]));
    if locked.is_ok() {
        return locked;
    }
    eprintln!("xtask: `--locked` install of {krate} failed; retrying with a fresh dependency resolve");
    run(Command::new("cargo").args(["install", krate, "--version", version]))
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// Installs Debian packages, or explains what to install when not root.
fn apt_install(packages: &[&str], why: &str) -> Result<(), String> {
    if !is_root() {
        return Err(format!(
            "{why} is missing and installing it needs root; run `sudo apt-get install -y {}` and try again",
            packages.join(" ")
        ));
    }
    eprintln!("xtask: installing {} with apt-get", packages.join(", "));
    run(Command::new("apt-get").arg("update").env("DEBIAN_FRONTEND", "noninteractive"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// wasm32 target, trunk, wasm-bindgen-cli (the locked version) and binaryen's wasm-opt.
pub fn ensure_build_tools() -> Result<(), String> {
    let targets = output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let trunk = version_of("trunk").unwrap_or_default();
    if trunk != format!("trunk {TRUNK_VERSION}") {
        cargo_install("trunk", TRUNK_VERSION)?;
    }
    let wb = locked_wasm_bindgen()?;
    let installed = version_of("wasm-bindgen").unwrap_or_default();
    let runner = version_of("wasm-bindgen-test-runner").unwrap_or_default();
    if !installed.ends_with(&wb) || !runner.contains(&wb) {
        cargo_install("wasm-bindgen-cli", &wb)?;
    }
    if version_of("wasm-opt").is_none() {
        apt_install(&["binaryen"], "wasm-opt (Debian package `binaryen`)")?;
    }
    Ok(())
}

/// Chromium + ChromeDriver, Node/npm and the e2e packages (`npm ci`).
pub fn ensure_browser_tools() -> Result<(), String> {
    if !PathBuf::from(CHROMIUM).exists() || !PathBuf::from(CHROMEDRIVER).exists() {
        apt_install(&["chromium", "chromium-driver"], "Chromium")?;
    }
    if !PathBuf::from(CJK_FONT).exists() {
        // Only screenshots need it (Chinese text renders as boxes without it): warn, don't fail.
        if let Err(e) = apt_install(&["fonts-noto-cjk"], "a CJK font") {
            eprintln!("xtask: warning: {e}");
        }
    }
    if version_of("npm").is_none() {
        return Err("Node.js and npm are missing; install Node.js 20 or newer (with npm) and try again".into());
    }
    let e2e = root().join("e2e");
    let lock = e2e.join("package-lock.json");
    let installed = e2e.join("node_modules/.package-lock.json");
    let modified = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = match (modified(&lock), modified(&installed)) {
        (Some(l), Some(i)) => l > i,
        _ => true,
    };
    if stale {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(&e2e))?;
    }
    Ok(())
}
