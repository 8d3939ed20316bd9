//! City resolution and availability per capability.

mod common;

use citypanel_descriptor::model::Capability;
use citypanel_descriptor::time::{beijing_to_epoch_ms, Date};
use citypanel_descriptor::CapabilityState;
use common::fixture;

/// Epoch ms of a Beijing wall-clock time.
fn at(y: u16, m: u8, d: u8, hh: i64, mm: i64) -> i64 {
    beijing_to_epoch_ms(Date::new(y, m, d).expect("date"), hh * 60 + mm)
}

#[test]
fn resolve_applies_the_city_override_and_keeps_only_that_city() {
    let d = fixture("city-response-override");
    let bj = d.resolve("110100").expect("beijing");
    assert_eq!(bj.cities.len(), 1);
    assert!(bj.cities[0].request.is_none() && bj.cities[0].response.is_none());
    assert_eq!(bj.request.timeout_ms, 12_000);
    assert_eq!(bj.response.records.as_deref(), Some("/result/items"));
    assert_eq!(Some(&bj.request), d.request_for("110100"));
    let hz = d.resolve("330100").expect("hangzhou");
    assert_eq!((hz.request.clone(), hz.response.clone()), (d.request.clone(), d.response.clone()));
    assert!(d.resolve("440100").is_none());
    assert_eq!(
        d.city("110100").map(|c| c.department.get("en")),
        Some("Beijing Traffic Management Bureau")
    );
}

#[test]
fn the_platform_can_resolve_the_json_document() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/descriptors/valid/city-response-override.json");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    let d = fixture("city-response-override");
    for city in ["110100", "330100"] {
        let resolved = citypanel_descriptor::resolve_json(&doc, city).expect("served");
        assert_eq!(resolved["cities"].as_array().map(Vec::len), Some(1));
        let parsed = citypanel_descriptor::parse_value(&resolved);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.descriptor, d.resolve(city), "{city}");
    }
    assert!(citypanel_descriptor::resolve_json(&doc, "440100").is_none());
    assert!(citypanel_descriptor::resolve_json(&serde_json::json!([]), "330100").is_none());
}

#[test]
fn opening_hours_in_beijing_time() {
    let d = fixture("availability");
    let a = d.availability.as_ref().expect("availability");
    // 2026-01-05 is a Monday.
    assert_eq!(Date::new(2026, 1, 5).map(|d| d.weekday()), Some(1));
    assert!(a.is_open(at(2026, 1, 5, 8, 30)));
    assert!(a.is_open(at(2026, 1, 5, 17, 29)));
    assert!(!a.is_open(at(2026, 1, 5, 17, 30)));
    assert!(!a.is_open(at(2026, 1, 5, 8, 29)));
    assert!(a.is_open(at(2026, 1, 10, 11, 59)) && !a.is_open(at(2026, 1, 10, 12, 0)));
    assert!(a.is_open(at(2026, 1, 11, 0, 0)) && a.is_open(at(2026, 1, 11, 23, 59)));
    // Monday evening → Tuesday 08:30; Saturday afternoon → Sunday midnight.
    assert_eq!(a.next_open(at(2026, 1, 5, 20, 0)), Some(at(2026, 1, 6, 8, 30)));
    assert_eq!(a.next_open(at(2026, 1, 5, 7, 0)), Some(at(2026, 1, 5, 8, 30)));
    assert_eq!(a.next_open(at(2026, 1, 10, 13, 0)), Some(at(2026, 1, 11, 0, 0)));
    assert_eq!(
        d.capability_state(Capability::Query, at(2026, 1, 5, 20, 0)),
        CapabilityState::Closed { next_open: Some(at(2026, 1, 6, 8, 30)) }
    );
    assert_eq!(
        d.capability_state(Capability::Payment, at(2026, 1, 5, 9, 0)),
        CapabilityState::Open
    );
}

#[test]
fn maintenance_pauses_one_capability_or_all() {
    let d = fixture("availability");
    assert_eq!(d.capability(), Capability::Payment);
    // 2026-12-01 is a Tuesday, 03:00: outside hours, but maintenance wins.
    let night = at(2026, 12, 1, 3, 0);
    match d.capability_state(Capability::Payment, night) {
        CapabilityState::Paused { until, message } => {
            assert_eq!(until, at(2026, 12, 1, 6, 0));
            assert_eq!(
                message.map(|m| m.get("en").to_string()).as_deref(),
                Some("Payments paused for maintenance")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(d.capability_state(Capability::Query, night), CapabilityState::Closed { .. }));
    // `all` from 2026-12-01 00:00 to 01:00 Beijing (16:00–17:00 UTC the day before).
    let all = at(2026, 12, 1, 0, 30);
    assert!(matches!(d.capability_state(Capability::Query, all), CapabilityState::Paused { .. }));
    assert!(matches!(d.capability_state(Capability::Submit, all), CapabilityState::Paused { .. }));
    let always = fixture("minimal-query");
    assert_eq!(always.capability_state(Capability::Query, night), CapabilityState::Open);
}
