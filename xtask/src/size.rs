//! Gzip sizes of the built wasm and JS: the SDK in `dist/sdk/` (the app built without its
//! `demo` feature: `mount`, the custom elements' module — what `embed/citypanel.js` loads and a
//! host embeds) and the demo bundle in `dist/` (the SDK + the demo host shells: the gallery and
//! the iframe entry).

use crate::{proc, root, target_dir};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One built file's raw and gzip sizes.
pub struct Sized {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
}

/// `bytes` gzipped at the best level (what the size figures count and the demo serves).
fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(bytes)?;
    enc.finish()
}

fn gzip_len(bytes: &[u8]) -> usize {
    gzip(bytes).map(|v| v.len()).unwrap_or(0)
}

/// Writes `x.gz` beside every wasm, JS, CSS, HTML, SVG and JSON file under `dir`, for the
/// sandbox to send to browsers that accept gzip (as a CDN would); returns how many.
pub fn precompress(dir: &Path) -> Result<usize, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut written = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            written += precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["wasm", "js", "css", "html", "svg", "json"].contains(&ext) {
            continue;
        }
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let packed = gzip(&bytes).map_err(|e| format!("cannot gzip `{}`: {e}", path.display()))?;
        let mut target = path.clone().into_os_string();
        target.push(".gz");
        std::fs::write(&target, packed)
            .map_err(|e| format!("cannot write `{}.gz`: {e}", path.display()))?;
        written += 1;
    }
    Ok(written)
}

/// Measures every `.wasm` and `.js` directly in `dist`.
pub fn measure(dist: &Path) -> Result<Vec<Sized>, String> {
    let entries = std::fs::read_dir(dist).map_err(|e| {
        format!("cannot read `{}` (build first with `cargo xtask build`): {e}", dist.display())
    })?;
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext == "wasm" || ext == "js" {
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
            let name =
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            out.push(Sized { name, raw: bytes.len(), gzip: gzip_len(&bytes) });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Prints the sizes of one build's files and their wasm + JS gzip total; returns the total.
fn print_dir(dist: &Path, what: &str) -> Result<usize, String> {
    let files = measure(dist)?;
    let kb = |n: usize| n as f64 / 1024.0;
    for f in &files {
        println!("size: {:<40} {:>8.1} KiB raw {:>8.1} KiB gzip", f.name, kb(f.raw), kb(f.gzip));
    }
    let total: usize = files.iter().map(|f| f.gzip).sum();
    println!("size: wasm + js total {:.1} KiB gzip ({what})", kb(total));
    Ok(total)
}

/// Prints the SDK's sizes (`dist/sdk/`) and the demo bundle's (`dist/`); returns the SDK's
/// wasm + JS gzip total.
pub fn print() -> Result<usize, String> {
    print_dir(&root().join("dist"), "demo bundle: SDK + demo host shells")?;
    print_dir(&root().join("dist").join("sdk"), "the SDK: what embed/citypanel.js loads")
}

/// Where [`build_sdk`] puts the SDK-only build.
pub fn sdk_dist() -> PathBuf {
    target_dir().join("sdk-dist")
}

/// `trunk build --release --no-default-features` into `target/sdk-dist/`: the app without its
/// demo host shells, the same wasm-bindgen and wasm-opt steps as `dist/`.
pub fn build_sdk() -> Result<(), String> {
    proc::run(
        Command::new("trunk")
            .args(["build", "--release", "--no-default-features", "--dist"])
            .arg(sdk_dist())
            .current_dir(root()),
    )
}

/// Where [`build_floor`] puts the stack-floor build.
fn floor_dist() -> PathBuf {
    target_dir().join("size-floor")
}

/// `trunk build --release` of `size-floor/` (one Leptos form mounted from JavaScript, a serde
/// descriptor, a gloo-net request) into `target/size-floor/`: the same profile, rustflags,
/// wasm-bindgen and wasm-opt as the SDK.
fn build_floor() -> Result<(), String> {
    proc::run(
        Command::new("trunk")
            .args(["build", "--release", "--filehash", "false", "--dist"])
            .arg(floor_dist())
            .current_dir(root().join("size-floor")),
    )
}

/// Prints the SDK's code per crate, largest first: the SDK build's wasm-bindgen output with its
/// symbols kept (cargo hands back the artifact trunk linked, so nothing is linked again), before
/// wasm-opt shrinks it — shares, not shipped bytes.
fn print_breakdown() -> Result<(), String> {
    proc::run(
        Command::new("cargo")
            .args([
                "build",
                "--quiet",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "citypanel-app",
                "--no-default-features",
            ])
            .current_dir(root()),
    )?;
    let linked =
        target_dir().join("wasm32-unknown-unknown").join("release").join("citypanel-app.wasm");
    let out = target_dir().join("size-breakdown");
    proc::run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-demangle", "--out-dir"])
            .arg(&out)
            .arg(&linked),
    )?;
    let path = out.join("citypanel-app_bg.wasm");
    let wasm =
        std::fs::read(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let (crates, total) =
        crate::breakdown::per_crate(&wasm).map_err(|e| format!("`{}`: {e}", path.display()))?;
    println!(
        "size: the SDK's code by crate (function bodies before wasm-opt, {:.1} KiB):",
        total as f64 / 1024.0
    );
    let shown = 12;
    for (name, bytes) in crates.iter().take(shown) {
        println!(
            "size:   {name:<28} {:>7.1} KiB {:>5.1} %",
            *bytes as f64 / 1024.0,
            *bytes as f64 * 100.0 / total.max(1) as f64
        );
    }
    let rest: usize = crates.iter().skip(shown).map(|c| c.1).sum();
    println!(
        "size:   {:<28} {:>7.1} KiB {:>5.1} %",
        format!("{} others", crates.len().saturating_sub(shown)),
        rest as f64 / 1024.0,
        rest as f64 * 100.0 / total.max(1) as f64
    );
    Ok(())
}

/// `cargo xtask size`: builds both (see [`crate::demo::build_app`]) and the stack floor, and
/// prints their sizes: the floor is what any panel on this stack costs before citypanel's own
/// features, so `SDK − floor` is what those features cost; then the SDK's code by crate.
pub fn run() -> Result<(), String> {
    crate::demo::build_app()?;
    build_floor()?;
    let sdk = print()?;
    let floor = print_dir(
        &floor_dist(),
        "stack floor: one Leptos form + serde_json + gloo-net, size-floor/",
    )?;
    let kb = |n: usize| n as f64 / 1024.0;
    println!(
        "size: the SDK's own features {:.1} KiB gzip above the floor",
        kb(sdk.saturating_sub(floor))
    );
    print_breakdown()
}
