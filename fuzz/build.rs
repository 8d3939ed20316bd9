//! Generates `$OUT_DIR/catalog.rs`: every `catalog/*.json`, sorted by file name, as
//! `(file stem, include_str!(…))`, so the `mapping` target fuzzes the whole real catalog and
//! `seed.sh` can address a descriptor by its index in that order.

use std::path::PathBuf;
use std::{env, fs};

fn main() {
    let manifest =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = manifest.join("../catalog");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut out = String::from(
        "/// Every catalog descriptor, sorted by file name: (file stem, JSON text).\n",
    );
    out.push_str("pub static CATALOG: &[(&str, &str)] = &[\n");
    for p in &paths {
        let abs =
            fs::canonicalize(p).unwrap_or_else(|e| panic!("cannot resolve `{}`: {e}", p.display()));
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        out.push_str(&format!("    ({stem:?}, include_str!({:?})),\n", abs.display().to_string()));
    }
    out.push_str("];\n");
    let target =
        PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    fs::write(&target, out).unwrap_or_else(|e| panic!("cannot write `{}`: {e}", target.display()));
}
