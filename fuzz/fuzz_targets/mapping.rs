//! Fuzz target `mapping`: a department answer → `map_response` for a real catalog descriptor,
//! resolved for one of its cities (a city may override the response mapping).
//!
//! Input layout: byte 0 picks the descriptor (index into the sorted `catalog/*.json`, see
//! `build.rs`); byte 1 picks the HTTP status (low 3 bits, from a table of interesting ones)
//! and the city (the other bits); the rest is the body (skipped unless UTF-8). Every mapped
//! value is displayed, as the panel would.

#![no_main]

use citypanel_descriptor::mapping::{Record, MAX_RECORDS};
use citypanel_descriptor::{map_response, parse, Descriptor, Outcome};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// Per catalog descriptor (parsed once), its resolution for each of its cities. Every
/// descriptor must parse, or the indices `seed.sh` writes would shift.
static RESOLVED: LazyLock<Vec<Vec<Descriptor>>> = LazyLock::new(|| {
    CATALOG
        .iter()
        .map(|(name, src)| {
            let d = parse(src)
                .descriptor
                .unwrap_or_else(|| panic!("catalog/{name}.json does not parse"));
            d.cities.iter().filter_map(|c| d.resolve(&c.code)).collect()
        })
        .collect()
});

const STATUSES: [u16; 8] = [200, 201, 204, 299, 302, 404, 500, 503];

fn show(record: &Record, expected_fields: usize) {
    assert_eq!(record.fields.len(), expected_fields, "one value per declared field");
    for (_, v) in &record.fields {
        let _ = (v.display("en"), v.display("zh-CN"), v.code(), v.tone(), v.money());
    }
}

fuzz_target!(|data: &[u8]| {
    let [pick, status_city, body @ ..] = data else { return };
    let Ok(body) = std::str::from_utf8(body) else { return };
    let cities = &RESOLVED[usize::from(*pick) % RESOLVED.len()];
    assert!(!cities.is_empty(), "a catalog descriptor resolves for none of its cities");
    let d = &cities[usize::from(status_city >> 3) % cities.len()];
    let status = STATUSES[usize::from(status_city & 7)];
    match map_response(d, status, body) {
        Outcome::Records { records, values, .. } => {
            assert!(records.len() <= MAX_RECORDS);
            records.iter().for_each(|r| show(r, d.response.fields.len()));
            show(&values, d.response.values.len());
        }
        Outcome::DepartmentError { code, message, field } => {
            let _ = (code.len(), message.map(|m| m.get("en").len()), field);
        }
        Outcome::Malformed(why) => assert!(!why.is_empty()),
    }
});
