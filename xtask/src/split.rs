//! The SDK split into wasm chunks (issue 14, owner decision 3; a spike): the app built by cargo
//! with the `split` feature and `--emit-relocs`, cut at its `wasm_split` boundaries by
//! `wasm-split-cli` (the tool behind `cargo leptos --split`, pinned here), then wasm-bindgen
//! (keeping the exports the chunks link against) and wasm-opt on every module — what trunk does
//! for one module. Stable Rust; no nightly flag.
//!
//! Output (`target/sdk-dist/`): `citypanel-app.js` + `citypanel-app_bg.wasm` (the main
//! module), `__wasm_split.js` (the chunk loader, imported by the main module's JS) and one
//! `split_<boundary>.wasm` per boundary (plus `chunk_<n>.wasm` for code shared by several).

use crate::{proc, root, target_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate that ships `wasm-split-cli` (with its `build-binary` feature), and its version.
pub const SPLIT_CRATE: &str = "wasm_split_cli_support";
pub const SPLIT_VERSION: &str = "0.2.4";

/// wasm-opt's flags, the same as `index.html` gives trunk.
const WASM_OPT_ARGS: [&str; 7] = [
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Whether to build the SDK split: `CITYPANEL_SPLIT=1` (off by default while it is a spike).
pub fn enabled() -> bool {
    std::env::var("CITYPANEL_SPLIT").is_ok_and(|v| v == "1")
}

/// Where the pinned tool is installed (`cargo install --root`).
fn tools_root() -> PathBuf {
    target_dir().join("tools")
}

fn split_cli() -> PathBuf {
    tools_root().join("bin").join("wasm-split-cli")
}

/// Installs `wasm-split-cli` from `wasm_split_cli_support` at [`SPLIT_VERSION`] into
/// `target/tools/` unless that version is there (`cargo install` records it).
pub fn ensure_split_tool() -> Result<(), String> {
    let record = std::fs::read_to_string(tools_root().join(".crates.toml")).unwrap_or_default();
    if split_cli().exists() && record.contains(&format!("{SPLIT_CRATE} {SPLIT_VERSION} ")) {
        return Ok(());
    }
    eprintln!(
        "xtask: installing {SPLIT_CRATE} {SPLIT_VERSION} (wasm-split-cli; several minutes, once)"
    );
    proc::run(
        Command::new("cargo")
            .args(["install", "--locked", SPLIT_CRATE, "--version"])
            .arg(format!("={SPLIT_VERSION}"))
            .args(["--features", "build-binary", "--root"])
            .arg(tools_root()),
    )
}

/// Whether a file in the split output is a lazily loaded chunk (not needed for the first form).
pub fn is_chunk(name: &str) -> bool {
    name.ends_with(".wasm") && (name.starts_with("split_") || name.starts_with("chunk_"))
}

/// The files of a split build besides the main module's JS and wasm: the loader and the chunks.
pub fn extra_files(dir: &Path) -> Result<Vec<String>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n == "__wasm_split.js" || is_chunk(n))
        .collect();
    names.sort();
    Ok(names)
}

/// Builds the split SDK into `out` (see the module docs).
pub fn build(out: &Path) -> Result<(), String> {
    ensure_split_tool()?;
    // Its own target directory: `--emit-relocs` changes every crate's flags, and sharing
    // `target/` with trunk's builds would rebuild everything each time one or the other runs.
    let cargo_target = target_dir().join("split");
    proc::run(
        Command::new("cargo")
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "citypanel-app",
                "--no-default-features",
                "--features",
                "split",
                "--config",
                "target.wasm32-unknown-unknown.rustflags=[\"-Clink-args=--emit-relocs\"]",
            ])
            .env("CARGO_TARGET_DIR", &cargo_target)
            .current_dir(root()),
    )?;
    let linked = cargo_target.join("wasm32-unknown-unknown/release/citypanel-app.wasm");
    if out.exists() {
        std::fs::remove_dir_all(out)
            .map_err(|e| format!("cannot clear `{}`: {e}", out.display()))?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create `{}`: {e}", out.display()))?;
    proc::run(Command::new(split_cli()).arg(&linked).arg(out).args([
        "--target",
        "web",
        "--out-name",
        "citypanel-app",
    ]))?;
    let main = out.join("citypanel-app.wasm");
    proc::run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--keep-lld-exports", "--out-name", "citypanel-app"])
            .arg("--out-dir")
            .arg(out)
            .arg(&main),
    )?;
    std::fs::remove_file(&main).map_err(|e| format!("cannot remove `{}`: {e}", main.display()))?;
    let mut wasm = vec!["citypanel-app_bg.wasm".to_string()];
    wasm.extend(extra_files(out)?.into_iter().filter(|n| n.ends_with(".wasm")));
    for name in wasm {
        let path = out.join(&name);
        proc::run(
            Command::new("wasm-opt").args(WASM_OPT_ARGS).arg(&path).arg("--output").arg(&path),
        )?;
    }
    Ok(())
}
