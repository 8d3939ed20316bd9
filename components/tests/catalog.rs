//! Native tests of the catalog logic against the real catalog files.

use citypanel::catalog::{
    arrange, category_label, layout, parse_catalog, patch, touch, Entry, Patch,
};
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

#[test]
fn search_text_is_prepared_once_folded_in_every_locale() {
    let e = entries("330100");
    let water = e.iter().find(|x| x.id == "water-bill").expect("water-bill");
    assert!(water.hay.contains("water"), "{}", water.hay);
    assert!(water.hay.contains("水费"), "{}", water.hay);
    assert_eq!(water.hay, water.hay.to_ascii_lowercase(), "folded once, not per keystroke");
    // Full-width letters typed with a Chinese input method find the same entries.
    assert!(water.matches("ＷＡＴＥＲ"));
}

#[test]
fn layout_names_the_shown_entries_by_index_like_arrange() {
    let e = entries("330100");
    let recent = vec!["water-bill".to_string(), "traffic-violations".to_string()];
    for q in ["", "违法", "bill", "zzz"] {
        let l = layout(&e, q, &recent);
        let a = arrange(&e, q, &recent);
        let ids = |list: &[usize]| list.iter().map(|&i| e[i].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&l.recent), a.recent.iter().map(|x| x.id.clone()).collect::<Vec<_>>());
        assert_eq!(l.groups.len(), a.groups.len(), "{q}");
        for ((c, list), (ca, la)) in l.groups.iter().zip(&a.groups) {
            assert_eq!(c, ca);
            assert_eq!(ids(list), la.iter().map(|x| x.id.clone()).collect::<Vec<_>>());
            assert!(list.windows(2).all(|w| w[0] < w[1]), "group lists ascend: {list:?}");
        }
        assert_eq!(l.is_empty(), a.is_empty());
    }
}

/// Applies patches to a list the way the view applies them to the DOM.
fn apply(mut list: Vec<usize>, steps: &[Patch]) -> Vec<usize> {
    for step in steps {
        match *step {
            Patch::Remove(k) => list.retain(|&x| x != k),
            Patch::Insert { key, before } => {
                list.retain(|&x| x != key);
                let at = before.and_then(|b| list.iter().position(|&x| x == b));
                list.insert(at.unwrap_or(list.len()), key);
            }
        }
    }
    list
}

#[test]
fn a_keystroke_removes_and_inserts_without_moving_what_stays() {
    let all: Vec<usize> = (0..1000).collect();
    let some: Vec<usize> = (0..1000).filter(|i| i % 8 == 3).collect();
    // Filtering: only removals.
    let steps = patch(&all, &some);
    assert_eq!(steps.len(), 1000 - some.len());
    assert!(steps.iter().all(|s| matches!(s, Patch::Remove(_))));
    assert_eq!(apply(all.clone(), &steps), some);
    // Clearing: only insertions, each before the next node that stayed.
    let steps = patch(&some, &all);
    assert_eq!(steps.len(), 1000 - some.len());
    assert!(steps.iter().all(|s| matches!(s, Patch::Insert { .. })));
    assert_eq!(apply(some.clone(), &steps), all);
    // Typing on within the same matches: nothing at all.
    assert!(patch(&some, &some).is_empty());
    // Mixed changes and edge cases.
    for (old, new) in [
        (vec![1, 4, 6], vec![2, 4, 7, 9]),
        (vec![], vec![0, 5]),
        (vec![3, 5], vec![]),
        (vec![0, 2, 4], vec![1, 3, 5]),
    ] {
        assert_eq!(apply(old.clone(), &patch(&old, &new)), new, "{old:?} → {new:?}");
    }
}

#[test]
fn a_list_in_any_order_is_rebuilt_in_its_new_order() {
    // The recently used list is in recency order, not ascending.
    let (old, new) = (vec![7, 2, 9], vec![2, 7, 9]);
    let steps = patch(&old, &new);
    assert_eq!(apply(old, &steps), new);
    assert!(patch(&new, &new).is_empty());
}
