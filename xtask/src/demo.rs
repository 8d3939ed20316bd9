//! `cargo xtask demo`: build the app and serve it with the sandbox platform.

#[path = "sdk.rs"]
pub mod sdk;

use crate::proc;
use crate::{root, target_dir, tools};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

/// The SDK alone (`trunk build --release --no-default-features`, the app without its demo
/// host shells) into `target/sdk-dist/`, then the demo gallery (`trunk build --release`) into
/// `dist/`, and the SDK's module and wasm into `dist/sdk/` — what `embed/citypanel.js` loads;
/// then the content-addressed copy `dist/sdk/<hash>/` (see [`sdk`]), then a gzip and a Brotli
/// copy beside each text and wasm file, which the sandbox sends to browsers.
///
/// With `CITYPANEL_SPLIT=1` (the wasm-split spike of issue 14) the SDK is built split into
/// wasm chunks instead (see [`crate::split`]); its loader and chunks go beside it.
pub fn build_app() -> Result<(), String> {
    let split = crate::split::enabled();
    if split {
        crate::split::build(&crate::size::sdk_dist())?;
    } else {
        crate::size::build_sdk()?;
    }
    proc::run(Command::new("trunk").args(["build", "--release"]).current_dir(root()))?;
    let (from, to) = (crate::size::sdk_dist(), root().join("dist").join("sdk"));
    std::fs::create_dir_all(&to).map_err(|e| format!("cannot create `{}`: {e}", to.display()))?;
    // A previous split build's loader and chunks must not linger beside a single module.
    for name in crate::split::extra_files(&to)? {
        std::fs::remove_file(to.join(&name))
            .map_err(|e| format!("cannot remove `{name}` from `{}`: {e}", to.display()))?;
    }
    let extra = if split { crate::split::extra_files(&from)? } else { Vec::new() };
    for name in ["citypanel-app.js", "citypanel-app_bg.wasm"]
        .into_iter()
        .chain(extra.iter().map(String::as_str))
    {
        std::fs::copy(from.join(name), to.join(name))
            .map_err(|e| format!("cannot copy `{name}` into `{}`: {e}", to.display()))?;
    }
    let base = sdk::publish(&root().join("dist"))?;
    eprintln!("xtask: the SDK, content-addressed: {base}citypanel.js");
    crate::size::precompress(&root().join("dist")).map(|_| ())
}

/// Builds the sandbox and returns the binary's path.
pub fn build_sandbox() -> Result<PathBuf, String> {
    proc::run(
        Command::new("cargo").args(["build", "-p", "citypanel-sandbox"]).current_dir(root()),
    )?;
    Ok(target_dir().join("debug").join("citypanel-sandbox"))
}

/// `cargo xtask demo [--port N]`: builds, then serves on `port` (a free one when it is busy).
pub fn run(mut port: u16) -> Result<(), String> {
    tools::ensure_build_tools()?;
    build_app()?;
    let bin = build_sandbox()?;
    if port != 0 && TcpListener::bind(("127.0.0.1", port)).is_err() {
        eprintln!("xtask: port {port} is busy; using a free port instead");
        port = 0;
    }
    let _ = crate::size::print();
    eprintln!("xtask: starting the sandbox; the URL follows. Ctrl-C stops it.");
    let root = root();
    let status = Command::new(bin)
        .args(["--port", &port.to_string()])
        .arg("--dist")
        .arg(root.join("dist"))
        .arg("--catalog")
        .arg(root.join("catalog"))
        .arg("--data-dir")
        .arg(root.join("data"))
        .status()
        .map_err(|e| format!("cannot start the sandbox: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the sandbox stopped ({status})"))
    }
}
