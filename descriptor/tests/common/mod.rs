//! Shared helpers: load a fixture descriptor.

use citypanel_descriptor::{parse, Descriptor};
use std::path::PathBuf;

/// A valid fixture from `tests/fixtures/descriptors/valid/`, parsed.
pub fn fixture(name: &str) -> Descriptor {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/descriptors/valid")
        .join(format!("{name}.json"));
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let parsed = parse(&src);
    match parsed.descriptor {
        Some(d) => d,
        None => panic!("{name}: {:#?}", parsed.diagnostics),
    }
}
