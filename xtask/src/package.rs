//! `cargo xtask package`: the npm package `citypanel` (issue 18), made from a built `dist/`
//! and packed with `npm pack` into `target/npm/citypanel.tgz` (and
//! `citypanel-<version>.tgz`, the same bytes).
//!
//! One folder, every file beside the others: the loader (`citypanel.js`, the package's entry,
//! rewritten from `embed/citypanel.js` so that every asset is a literal
//! `new URL('./…', import.meta.url)`, which Vite, webpack 5 and Rollup-with-URL-plugins follow
//! without configuration), its typings, the host kit (`citypanel/host`), the SDK's module and
//! wasm, one stylesheet (`citypanel.css`, the five stylesheets in their order: one file, large
//! enough that a bundler does not inline it as a `data:` URL a strict CSP refuses), the bridge
//! self-check page when there is one, the changelog and the package's README.
//! `package/package.json` (committed) is the manifest; its version must be the workspace's.

use crate::{proc, root, target_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The stylesheets of the SDK, in the order the loader links them.
pub const STYLES: [&str; 5] = ["tokens.css", "panel.css", "form.css", "results.css", "widgets.css"];

/// The loader's lines, rewritten for the package: `(what embed/citypanel.js says, what the
/// package's copy says)`. Each must be found, or the package is not made.
const REWRITES: [(&str, &str); 6] = [
    ("from '../sdk/citypanel-app.js'", "from './citypanel-app.js'"),
    (
        "const BASE = new URL('..', import.meta.url);",
        "const CSS = new URL('./citypanel.css', import.meta.url);",
    ),
    (
        "const WASM = new URL('sdk/citypanel-app_bg.wasm', BASE);",
        "const WASM = new URL('./citypanel-app_bg.wasm', import.meta.url);",
    ),
    (
        "const APP = WASM.href.replace(/_bg\\.wasm$/, '.js');",
        "const APP = new URL('./citypanel-app.js', import.meta.url).href;",
    ),
    (
        "const STYLES = ['tokens.css', 'panel.css', 'form.css', 'results.css', 'widgets.css'];",
        "const STYLES = ['citypanel.css'];",
    ),
    ("link.href = new URL(name, BASE).href;", "link.href = CSS.href;"),
];

/// The dynamic import of a fresh module after a trap: told to bundlers to leave it alone.
const FRESH_IMPORT: (&str, &str) = (
    "import(`${APP}?instance=${generation}`)",
    "import(/* @vite-ignore */ /* webpackIgnore: true */ `${APP}?instance=${generation}`)",
);

/// The files `package.json` must list (besides `package.json` and the README).
#[cfg(test)]
pub const FILES: [&str; 10] = [
    "citypanel.js",
    "citypanel.d.ts",
    "citypanel-host.js",
    "citypanel-host.d.ts",
    "citypanel-app.js",
    "citypanel-app_bg.wasm",
    "citypanel.css",
    "conformance.html",
    "conformance.js",
    "CHANGELOG.md",
];

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// The package's copy of the loader: `embed/citypanel.js` with [`REWRITES`] applied.
pub fn rewrite_loader(loader: &str) -> Result<String, String> {
    let mut out = loader.to_string();
    for (from, to) in REWRITES.iter().chain(std::iter::once(&FRESH_IMPORT)) {
        if out.matches(from).count() != 1 {
            return Err(format!(
                "`embed/citypanel.js` no longer says `{from}` exactly once; update xtask/src/package.rs"
            ));
        }
        out = out.replace(from, to);
    }
    if out.contains("BASE") {
        return Err(
            "`embed/citypanel.js` uses `BASE` somewhere new; update xtask/src/package.rs".into()
        );
    }
    Ok(out)
}

/// The `"version"` of a package.json text, read without a JSON library (xtask has none): the
/// first `"version": "…"` line.
pub fn manifest_version(manifest: &str) -> Option<&str> {
    manifest.lines().find_map(|l| {
        let rest = l.trim().strip_prefix("\"version\"")?.trim_start().strip_prefix(':')?;
        rest.trim().trim_end_matches(',').strip_prefix('"')?.strip_suffix('"')
    })
}

/// Where the package is staged and packed.
pub fn out_dir() -> PathBuf {
    target_dir().join("npm")
}

/// The packed tarball under a stable name (`citypanel.tgz`).
pub fn tarball() -> PathBuf {
    out_dir().join("citypanel.tgz")
}

/// Stages the package from `dist` (built) into `target/npm/citypanel/`.
pub fn stage(dist: &Path) -> Result<PathBuf, String> {
    let root = root();
    let manifest = String::from_utf8(read(&root.join("package/package.json"))?)
        .map_err(|_| "`package/package.json` is not UTF-8".to_string())?;
    let version = env!("CARGO_PKG_VERSION");
    if manifest_version(&manifest) != Some(version) {
        return Err(format!(
            "`package/package.json` says version `{}`, the workspace is `{version}`: make them equal",
            manifest_version(&manifest).unwrap_or("(none)")
        ));
    }
    let sdk = dist.join("sdk");
    if !crate::split::extra_files(&sdk)?.is_empty() {
        return Err(
            "the package is made from the single-module SDK; build without CITYPANEL_SPLIT=1"
                .into(),
        );
    }
    let stage = out_dir().join("citypanel");
    let _ = std::fs::remove_dir_all(&stage);
    std::fs::create_dir_all(&stage)
        .map_err(|e| format!("cannot create `{}`: {e}", stage.display()))?;
    let loader = String::from_utf8(read(&root.join("embed/citypanel.js"))?)
        .map_err(|_| "`embed/citypanel.js` is not UTF-8".to_string())?;
    write(&stage.join("citypanel.js"), rewrite_loader(&loader)?.as_bytes())?;
    for name in ["citypanel.d.ts", "citypanel-host.js", "citypanel-host.d.ts"] {
        write(&stage.join(name), &read(&root.join("embed").join(name))?)?;
    }
    for name in ["citypanel-app.js", "citypanel-app_bg.wasm"] {
        write(&stage.join(name), &read(&sdk.join(name))?)?;
    }
    let mut css = Vec::new();
    for name in STYLES {
        css.extend_from_slice(format!("/* {name} */\n").as_bytes());
        css.extend(read(&dist.join(name))?);
        if !css.ends_with(b"\n") {
            css.push(b'\n');
        }
    }
    write(&stage.join("citypanel.css"), &css)?;
    for name in ["conformance.html", "conformance.js", "README.md"] {
        write(&stage.join(name), &read(&root.join("package").join(name))?)?;
    }
    write(&stage.join("CHANGELOG.md"), &read(&root.join("CHANGELOG.md"))?)?;
    write(&stage.join("package.json"), manifest.as_bytes())?;
    Ok(stage)
}

/// `cargo xtask package [--no-build]`: builds the SDK (dist/) unless told not to, stages and
/// packs; prints the tarball's path and size.
pub fn run(build: bool) -> Result<(), String> {
    if build {
        crate::tools::ensure_build_tools()?;
        crate::demo::build_app()?;
    }
    pack()
}

/// Stages from the built `dist/` and packs with `npm pack` (no build).
pub fn pack() -> Result<(), String> {
    let stage = stage(&root().join("dist"))?;
    let out = out_dir();
    let version = env!("CARGO_PKG_VERSION");
    let versioned = out.join(format!("citypanel-{version}.tgz"));
    let _ = std::fs::remove_file(&versioned);
    proc::run(
        Command::new("npm")
            .args(["pack", "--silent", "--pack-destination"])
            .arg(&out)
            .current_dir(&stage),
    )?;
    std::fs::copy(&versioned, tarball())
        .map_err(|e| format!("cannot copy `{}`: {e}", versioned.display()))?;
    let size = std::fs::metadata(&versioned).map(|m| m.len()).unwrap_or(0);
    println!("package: {} ({:.1} KiB)", versioned.display(), size as f64 / 1024.0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loader_is_rewritten_for_the_package() {
        let loader = std::fs::read_to_string(root().join("embed/citypanel.js")).unwrap();
        let out = rewrite_loader(&loader).unwrap();
        for (_, to) in REWRITES {
            assert!(out.contains(to), "{to}");
        }
        assert!(!out.contains("'../"));
        assert!(rewrite_loader("nothing").unwrap_err().contains("no longer says"));
    }

    #[test]
    fn the_manifest_has_the_workspace_version() {
        let manifest = std::fs::read_to_string(root().join("package/package.json")).unwrap();
        assert_eq!(manifest_version(&manifest), Some(env!("CARGO_PKG_VERSION")));
        assert_eq!(manifest_version("{\n  \"name\": \"x\"\n}"), None);
        for file in FILES {
            assert!(manifest.contains(&format!("\"{file}\"")), "`files` lacks {file}");
        }
    }
}
