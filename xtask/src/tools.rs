//! Idempotent installation of the tools the project needs. Each is skipped when the right
//! version is already present; a missing permission gets a message saying what to install.

use crate::proc::{output, run};
use crate::root;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen from npm; Debian's v108 breaks wasm-bindgen's externref table export.
pub const WASM_OPT_VERSION: &str = "132";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/// The npm-installed build tools' bin directory (binaryen's `wasm-opt`).
fn node_tools_bin() -> PathBuf {
    root().join("xtask/node/node_modules/.bin")
}

/// Puts cargo's bin directory and the npm build tools on PATH so installed tools are found.
pub fn extend_path() {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
    let mut paths: Vec<PathBuf> =
        std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
    for bin in cargo_home.map(|h| h.join("bin")).into_iter().chain([node_tools_bin()]) {
        if !paths.contains(&bin) {
            paths.insert(0, bin);
        }
    }
    if let Ok(joined) = std::env::join_paths(paths) {
        std::env::set_var("PATH", joined);
    }
}

/// The `wasm-bindgen` version locked in `Cargo.lock`.
pub fn locked_wasm_bindgen() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read `Cargo.lock`: {e}"))?;
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
    let locked =
        run(Command::new("cargo").args(["install", "--locked", krate, "--version", version]));
    if locked.is_ok() {
        return locked;
    }
    eprintln!(
        "xtask: `--locked` install of {krate} failed; retrying with a fresh dependency resolve"
    );
    run(Command::new("cargo").args(["install", krate, "--version", version]))
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

/// Installs Debian packages, or explains what to install when not root.
pub fn apt_install(packages: &[&str], why: &str) -> Result<(), String> {
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
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
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
    npm_ci(&root().join("xtask/node"))?;
    ensure_jsonschema()?;
    match version_of("wasm-opt") {
        Some(v) if v.contains(&format!("version {WASM_OPT_VERSION}")) => Ok(()),
        other => Err(format!("`wasm-opt` version {WASM_OPT_VERSION} expected on PATH after `npm ci` in `xtask/node`, found {other:?}")),
    }
}

/// Python's `jsonschema`, the independent validator the descriptor schema tests run.
fn ensure_jsonschema() -> Result<(), String> {
    if output(Command::new("python3").args(["-c", "import jsonschema"])).is_some() {
        return Ok(());
    }
    let pip = |extra: &[&str]| {
        run(Command::new("python3")
            .args(["-m", "pip", "install", "--quiet"])
            .args(extra)
            .arg("jsonschema"))
    };
    // A Debian system Python refuses plain installs (PEP 668); a pyenv or venv Python does not.
    pip(&[])
        .or_else(|_| pip(&["--break-system-packages"]))
        .map_err(|e| format!("{e}; install Python 3 with pip and run `pip install jsonschema`"))
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
    npm_ci(&root().join("e2e"))
}

/// `npm ci` in `dir` unless `node_modules` is newer than `package-lock.json`.
fn npm_ci(dir: &Path) -> Result<(), String> {
    if version_of("npm").is_none() {
        return Err(
            "Node.js and npm are missing; install Node.js 20 or newer (with npm) and try again"
                .into(),
        );
    }
    let modified = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let stale = match (
        modified(dir.join("package-lock.json")),
        modified(dir.join("node_modules/.package-lock.json")),
    ) {
        (Some(lock), Some(installed)) => lock > installed,
        _ => true,
    };
    if stale {
        run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]).current_dir(dir))?;
    }
    Ok(())
}
