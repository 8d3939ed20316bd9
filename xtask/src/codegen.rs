//! `cargo xtask codegen`: rewrites the generated parts of `embed/` (the bridge typings in
//! `citypanel.d.ts`, the contract constants in `citypanel-host.js`) and the call table of
//! `docs/embedding.md` from the bridge contract in `components/src/bridge/contract.rs`.
//!
//! The generator is the drift test of the components crate (`bridge::typescript`), which in a
//! plain `cargo test` fails when a committed file differs; with `CITYPANEL_BLESS=1` it writes
//! the files instead. One generator, so the files written and the files checked cannot differ.

use crate::{proc, root};
use std::process::Command;

/// The drift test that doubles as the generator.
const GENERATOR: &str = "bridge::typescript::tests::committed_files_match_the_contract";

/// Runs the generator with `CITYPANEL_BLESS=1`.
pub fn run() -> Result<(), String> {
    proc::run(
        Command::new("cargo")
            .args(["test", "--quiet", "-p", "citypanel", "--lib", "--", "--exact", GENERATOR])
            .env("CITYPANEL_BLESS", "1")
            .current_dir(root()),
    )?;
    eprintln!(
        "xtask: wrote the generated parts of embed/ and docs/embedding.md from the bridge contract"
    );
    Ok(())
}
