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

/// One built file's raw, gzip and Brotli sizes.
pub struct Sized {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub br: usize,
}

/// `bytes` compressed with Brotli at the best quality (what a CDN precompresses with).
fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut std::io::Cursor::new(bytes), &mut out, &params)?;
    Ok(out)
}

fn brotli_len(bytes: &[u8]) -> usize {
    brotli(bytes).map(|v| v.len()).unwrap_or(0)
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

/// Writes `x.gz` and `x.br` beside every wasm, JS, CSS, HTML, SVG and JSON file under `dir`,
/// for the sandbox to send to browsers that accept gzip or Brotli (as a CDN would); returns how
/// many files were compressed.
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
        let packed =
            brotli(&bytes).map_err(|e| format!("cannot compress `{}`: {e}", path.display()))?;
        let mut target = path.clone().into_os_string();
        target.push(".br");
        std::fs::write(&target, packed)
            .map_err(|e| format!("cannot write `{}.br`: {e}", path.display()))?;
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
            out.push(Sized {
                name,
                raw: bytes.len(),
                gzip: gzip_len(&bytes),
                br: brotli_len(&bytes),
            });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The owner's budgets (issue 14): the whole citizen SDK, wasm + JS, gzip -9.
const SDK_BUDGET_KIB: f64 = 220.0;
/// … and its goal.
const SDK_GOAL_KIB: f64 = 180.0;
/// The goal for the bytes a citizen downloads before the first interactive form (gzip).
const FIRST_FORM_GOAL_KIB: f64 = 150.0;
/// The styles `embed/citypanel.js` injects (in `dist/`).
const SDK_STYLES: [&str; 5] = ["tokens.css", "panel.css", "form.css", "results.css", "widgets.css"];

fn kib(n: usize) -> f64 {
    n as f64 / 1024.0
}

fn verdict(kib: f64, limit: f64) -> &'static str {
    if kib <= limit {
        "met"
    } else {
        "NOT met"
    }
}

/// One file's sizes (a missing file is an error naming it).
fn measure_file(path: &Path) -> Result<Sized, String> {
    let bytes =
        std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Sized { name, raw: bytes.len(), gzip: gzip_len(&bytes), br: brotli_len(&bytes) })
}

fn print_file(f: &Sized) {
    println!(
        "size: {:<40} {:>8.1} KiB raw {:>8.1} KiB gzip {:>8.1} KiB br",
        f.name,
        kib(f.raw),
        kib(f.gzip),
        kib(f.br)
    );
}

/// Prints the sizes of one build's files and their wasm + JS totals; returns the gzip total.
fn print_dir(dist: &Path, what: &str) -> Result<usize, String> {
    let files = measure(dist)?;
    files.iter().for_each(print_file);
    let gzip: usize = files.iter().map(|f| f.gzip).sum();
    let br: usize = files.iter().map(|f| f.br).sum();
    println!("size: wasm + js total {:.1} KiB gzip, {:.1} KiB br ({what})", kib(gzip), kib(br));
    Ok(gzip)
}

/// Prints the SDK's sizes (`dist/sdk/`), the demo bundle's (`dist/`) and the budgets of
/// issue 14: the whole citizen SDK (the loader `embed/citypanel.js` + the SDK's module and
/// wasm) against 220 KiB gzip -9 (goal 180), Brotli beside it, and the bytes before the first
/// interactive form (the SDK, its styles and the descriptor) against the 150 KiB goal; returns
/// the SDK module + wasm gzip total.
pub fn print() -> Result<usize, String> {
    let dist = root().join("dist");
    print_dir(&dist, "demo bundle: SDK + demo host shells")?;
    let sdk_dir = dist.join("sdk");
    let sdk = measure(&sdk_dir)?;
    let loader = measure_file(&dist.join("embed").join("citypanel.js"))?;
    sdk.iter().chain([&loader]).for_each(print_file);
    let module: usize = sdk.iter().map(|f| f.gzip).sum();
    let gzip = module + loader.gzip;
    let br: usize = sdk.iter().map(|f| f.br).sum::<usize>() + loader.br;
    println!(
        "size: citizen SDK (embed/citypanel.js + sdk/ wasm + JS) {:.1} KiB gzip -9 — budget {SDK_BUDGET_KIB:.0} KiB {}, goal {SDK_GOAL_KIB:.0} KiB {}; {:.1} KiB br",
        kib(gzip),
        verdict(kib(gzip), SDK_BUDGET_KIB),
        verdict(kib(gzip), SDK_GOAL_KIB),
        kib(br)
    );
    let styles = SDK_STYLES
        .iter()
        .map(|name| measure_file(&dist.join(name)))
        .collect::<Result<Vec<_>, _>>()?;
    let descriptor = measure_file(&root().join("catalog").join("traffic-violations.json"))?;
    let css: usize = styles.iter().map(|f| f.gzip).sum();
    // A split build's chunks (`split_*.wasm`, `chunk_*.wasm`) load on first use, not before.
    let lazy: Vec<&Sized> = sdk.iter().filter(|f| crate::split::is_chunk(&f.name)).collect();
    let (lazy_gzip, lazy_br) =
        (lazy.iter().map(|f| f.gzip).sum::<usize>(), lazy.iter().map(|f| f.br).sum::<usize>());
    let first = gzip - lazy_gzip + css + descriptor.gzip;
    let first_br = br - lazy_br + styles.iter().map(|f| f.br).sum::<usize>() + descriptor.br;
    let how = if lazy.is_empty() {
        "one wasm module: all of it comes first".to_string()
    } else {
        format!("split: {} lazy chunk(s), {:.1} KiB gzip, load later", lazy.len(), kib(lazy_gzip))
    };
    println!(
        "size: bytes before the first interactive form {:.1} KiB gzip ({:.1} KiB br): the SDK + its styles {:.1} KiB + a descriptor {:.1} KiB ({how}) — goal {FIRST_FORM_GOAL_KIB:.0} KiB {}",
        kib(first),
        kib(first_br),
        kib(css),
        kib(descriptor.gzip),
        verdict(kib(first), FIRST_FORM_GOAL_KIB)
    );
    Ok(module)
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
    println!(
        "size: the SDK's own features {:.1} KiB gzip above the floor",
        kib(sdk.saturating_sub(floor))
    );
    print_breakdown()
}
