//! Native tests of the catalog logic against the real catalog files.

use citypanel::catalog::{arrange, category_label, parse_catalog, touch, Entry};
use citypanel_descriptor::availability::CapabilityState;
use citypanel_descriptor::model::Category;
use serde_json::{json, Value};

/// The platform's catalog document for a city, built from the catalog files like the sandbox does.
fn catalog_body(city: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let mut services = Vec::new();
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).expect("catalog").flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let d: Value =
            serde_json::from_str(&std::fs::read_to_string(p).expect("read")).expect("json");
        let serves = d["cities"].as_array().into_iter().flatten().any(|c| c["code"] == city);
        if serves {
            services.push(json!({
                "id": d["id"], "kind": d["kind"], "category": d["category"], "title": d["title"],
                "summary": d["summary"], "keywords": d["keywords"], "availability": d["availability"],
            }));
        }
    }
    json!({ "city": city, "services": services }).to_string()
}

fn entries(city: &str) -> Vec<Entry> {
    let (entries, skipped) = parse_catalog(&catalog_body(city)).expect("catalog");
    assert!(skipped.is_empty(), "{skipped:?}");
    entries
}

#[test]
fn hangzhou_offers_every_service_grouped_in_category_order() {
    let e = entries("330100");
    assert_eq!(e.len(), 16);
    let a = arrange(&e, "", &[]);
    assert!(a.recent.is_empty());
    let order: Vec<Category> = a.groups.iter().map(|(c, _)| *c).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "groups follow the standard category order");
    assert_eq!(a.groups.iter().map(|(_, l)| l.len()).sum::<usize>(), 16);
    assert_eq!(category_label(Category::Vehicle, "zh-CN"), "车辆交通");
}

#[test]
fn smaller_cities_offer_fewer_services() {
    assert!(entries("360100").len() < entries("330100").len());
}

#[test]
fn search_matches_chinese_and_english_words() {
    let e = entries("330100");
    let ids = |q: &str| {
        arrange(&e, q, &[])
            .groups
            .into_iter()
            .flat_map(|(_, l)| l)
            .map(|x| x.id)
            .collect::<Vec<_>>()
    };
    assert!(ids("违法").contains(&"traffic-violations".to_string()));
    assert!(ids("WATER").contains(&"water-bill".to_string()));
    assert!(ids("library renew").contains(&"library-renewal".to_string()));
    assert!(ids("no-such-service-xyz").is_empty());
    assert!(arrange(&e, "no-such-service-xyz", &[]).is_empty());
}

#[test]
fn recently_used_come_first_and_follow_the_search() {
    let e = entries("330100");
    let mut recent = Vec::new();
    touch(&mut recent, "water-bill");
    touch(&mut recent, "traffic-violations");
    touch(&mut recent, "water-bill");
    assert_eq!(recent, ["water-bill", "traffic-violations"]);
    let a = arrange(&e, "", &recent);
    assert_eq!(
        a.recent.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
        ["water-bill", "traffic-violations"]
    );
    let a = arrange(&e, "违法", &recent);
    assert_eq!(a.recent.len(), 1, "a recent entry not matching the search is hidden");
    touch(&mut recent, "gone-from-catalog");
    assert_eq!(arrange(&e, "", &recent).recent.len(), 2, "unknown ids are ignored");
}

#[test]
fn availability_badges_follow_hours_and_maintenance() {
    let body = json!({"services": [{
        "id": "x", "kind": "payment", "category": "life",
        "title": {"zh-CN": "水费", "en": "Water"},
        "availability": {
            "hours": [{"days": [1, 2, 3, 4, 5], "from": "08:00", "to": "20:00"}],
            "maintenance": [{"capability": "payment", "from": "2026-12-01T00:00:00+08:00", "to": "2026-12-01T06:00:00+08:00"}]
        }
    }]})
    .to_string();
    let (e, _) = parse_catalog(&body).expect("catalog");
    // 2026-11-30 (Monday) 10:00 Beijing = 02:00 UTC.
    let monday_10 = 1_796_004_000_000;
    assert_eq!(e[0].state(monday_10), CapabilityState::Open);
    // Sunday 2026-11-29 10:00 Beijing: closed, next opening Monday 08:00.
    assert!(matches!(
        e[0].state(monday_10 - 86_400_000),
        CapabilityState::Closed { next_open: Some(_) }
    ));
    // 2026-12-01 (Tuesday) 01:00 Beijing: paying paused (and outside hours, maintenance wins).
    let tuesday_1 = monday_10 + 15 * 3_600_000;
    assert!(matches!(e[0].state(tuesday_1), CapabilityState::Paused { .. }));
}

#[test]
fn malformed_catalogs_are_errors_or_skips_never_panics() {
    assert!(parse_catalog("<html>").is_err());
    assert!(parse_catalog("{}").is_err());
    let (e, skipped) = parse_catalog(
        r#"{"services":[{"id":"a","kind":"lottery","category":"life"},{"kind":"query"}]}"#,
    )
    .expect("doc");
    assert!(e.is_empty());
    assert_eq!(skipped.len(), 2);
}
