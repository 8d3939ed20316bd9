//! Shared by the native test files: the catalog's descriptors and the departments' response
//! fixtures (`tests/fixtures/responses/`).
#![allow(dead_code)] // each test file uses what it needs

use citypanel_descriptor::{parse, Descriptor};

/// A catalog descriptor as published, every city in it.
pub fn published(service: &str) -> Descriptor {
    let path = format!("{}/../catalog/{service}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("catalog file");
    parse(&text).descriptor.expect("valid catalog descriptor")
}

/// Every catalog descriptor as published.
pub fn every() -> Vec<Descriptor> {
    let dir = format!("{}/../catalog", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("catalog dir")
        .flatten()
        .filter_map(|e| {
            e.file_name().to_str().and_then(|n| n.strip_suffix(".json")).map(str::to_string)
        })
        .collect();
    names.sort();
    names.iter().map(|n| published(n)).collect()
}

/// A catalog descriptor resolved for Hangzhou (330100).
pub fn catalog(service: &str) -> Descriptor {
    published(service).resolve("330100").expect("served in Hangzhou")
}

/// A department's answer from the shared fixtures.
pub fn fixture(service: &str, name: &str) -> String {
    let path =
        format!("{}/../tests/fixtures/responses/{service}/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect("fixture file")
}
