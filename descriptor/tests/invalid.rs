//! Invalid descriptors produce precise diagnostics (code + JSON pointer), all at once.

use citypanel_descriptor::{parse, Severity};
use serde_json::{json, Value};

fn base() -> Value {
    serde_json::from_str(include_str!("../../catalog/traffic-violations.json"))
        .expect("catalog json")
}

fn codes(v: &Value) -> Vec<(String, &'static str, Severity)> {
    let parsed = parse(&v.to_string());
    parsed.diagnostics.iter().map(|d| (d.path.clone(), d.code, d.severity)).collect()
}

fn has(v: &Value, path: &str, code: &str) {
    let found = codes(v);
    assert!(
        found.iter().any(|(p, c, _)| p == path && *c == code),
        "expected {code} at {path}, got {found:?}"
    );
}

#[test]
fn not_json_and_not_object() {
    assert_eq!(parse("{").diagnostics[0].code, "json");
    assert_eq!(parse("[]").diagnostics[0].code, "type");
    assert_eq!(parse(&"x".repeat(600 * 1024)).diagnostics[0].code, "too-large");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(parse(&deep).diagnostics[0].code, "json");
}

#[test]
fn unsupported_major_is_refused_and_newer_minor_warns() {
    let mut v = base();
    v["format"] = json!("2.0");
    has(&v, "/format", "format-major");
    assert!(parse(&v.to_string()).descriptor.is_none());
    v["format"] = json!("1.3");
    v["shiny"] = json!(true);
    let p = parse(&v.to_string());
    assert!(p.descriptor.is_some());
    assert!(p.diagnostics.iter().all(|d| d.severity == Severity::Warning));
    has(&v, "/shiny", "unknown-field");
}

#[test]
fn several_errors_reported_together() {
    let mut v = base();
    v["kind"] = json!("lottery");
    v["inputs"][1]["id"] = json!("plate");
    v["request"]["body"]["x"] = json!("{nope}");
    v["cities"][0]["code"] = json!("33010");
    let found = codes(&v);
    for (path, code) in [
        ("/kind", "unknown-kind"),
        ("/inputs/1/id", "duplicate-id"),
        ("/request/body/x", "unknown-input"),
        ("/cities/0/code", "city-code"),
    ] {
        assert!(
            found.iter().any(|(p, c, _)| p == path && *c == code),
            "{code} at {path}: {found:?}"
        );
    }
}

#[test]
fn pii_never_in_query_strings() {
    let mut v = base();
    v["request"]["query"] = json!({"p": "{plate}"});
    has(&v, "/request/query/p", "pii-in-query");
}

#[test]
fn unknown_input_kind_uses_declared_fallback() {
    let mut v = base();
    v["inputs"][1]["kind"] = json!("hologram");
    has(&v, "/inputs/1/kind", "unknown-kind");
    v["inputs"][1]["fallback"] = json!("text");
    let p = parse(&v.to_string());
    assert!(p.descriptor.is_some(), "{:?}", p.diagnostics);
    assert_eq!(p.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn bad_pointers_locales_and_refs() {
    let mut v = base();
    v["response"]["records"] = json!("data/wfjl");
    v["title"]["zh_cn"] = json!("x");
    v["result"]["badge"] = json!("colour");
    v["response"]["fields"][0]["format"] = json!("datetime15");
    has(&v, "/response/records", "pointer");
    has(&v, "/title/zh_cn", "locale");
    has(&v, "/result/badge", "unknown-field-ref");
    has(&v, "/response/fields/0/format", "unknown-format");
}

#[test]
fn missing_locale_warns() {
    let mut v = base();
    v["title"] = json!({"zh-CN": "交通违法查询"});
    let p = parse(&v.to_string());
    assert!(p.descriptor.is_some());
    assert!(p.diagnostics.iter().any(|d| d.path == "/title" && d.code == "missing-locale"));
    assert_eq!(p.descriptor.expect("ok").title.get("en"), "交通违法查询");
}

#[test]
fn wrong_types_name_path_and_value() {
    let mut v = base();
    v["inputs"][0]["required"] = json!("yes");
    v["request"]["timeout_ms"] = json!(-5);
    let p = parse(&v.to_string());
    let d = p.diagnostics.iter().find(|d| d.path == "/inputs/0/required").expect("diag");
    assert_eq!(d.code, "type");
    assert!(d.message.contains("`\"yes\"`"), "{}", d.message);
    assert!(p.diagnostics.iter().any(|d| d.path == "/request/timeout_ms" && d.code == "range"));
}
