//! The lean reader (`read`, what the browser SDK uses): every invalid fixture is either refused
//! by it too (unsafe or unreadable; its diagnostics are among the full validator's) or listed in
//! `invalid/publish-only.list` (a publish-time fault the lean reader leaves to the platform);
//! every valid fixture and catalog descriptor reads into the same model as the full validator's;
//! and each unsafe case the owner named is refused.

use citypanel_descriptor::{parse, read, Diagnostic, Severity};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn fixtures_dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/descriptors").join(kind)
}

fn jsons(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            (name, std::fs::read_to_string(&p).expect("fixture text"))
        })
        .collect();
    out.sort();
    out
}

fn publish_only() -> BTreeSet<String> {
    std::fs::read_to_string(fixtures_dir("invalid").join("publish-only.list"))
        .expect("publish-only.list")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

fn line(d: &Diagnostic) -> String {
    let severity = if d.severity == Severity::Error { "error" } else { "warning" };
    let path = if d.path.is_empty() { "\"\"" } else { &d.path };
    format!("{severity} {} {path}", d.code)
}

#[test]
fn the_invalid_corpus_splits_into_refused_and_publish_only() {
    let listed = publish_only();
    let all = jsons(&fixtures_dir("invalid"));
    let names: BTreeSet<String> = all.iter().map(|(n, _)| n.clone()).collect();
    let stale: Vec<&String> = listed.difference(&names).collect();
    assert!(stale.is_empty(), "publish-only.list names no fixture: {stale:?}");
    let mut failures = Vec::new();
    let mut refused = 0;
    for (name, src) in &all {
        let lean = read(src);
        assert!(parse(src).descriptor.is_none(), "{name}: the full validator must refuse it");
        if listed.contains(name) {
            if lean.descriptor.is_none() || !lean.diagnostics.is_empty() {
                failures.push(format!(
                    "{name}: publish-only, but the lean reader says {:?}",
                    lean.diagnostics.iter().map(line).collect::<Vec<_>>()
                ));
            }
            continue;
        }
        refused += 1;
        let expected =
            std::fs::read_to_string(fixtures_dir("invalid").join(format!("{name}.expected")))
                .expect("expected file");
        let expected: BTreeSet<&str> =
            expected.lines().map(|l| l.split_once(" ~ ").map_or(l, |(l, _)| l).trim()).collect();
        if lean.descriptor.is_some()
            || !lean.diagnostics.iter().any(|d| d.severity == Severity::Error)
        {
            failures.push(format!("{name}: the lean reader accepts it (list it in publish-only.list if it is a publish-time fault)"));
        }
        for d in &lean.diagnostics {
            if !expected.contains(line(d).as_str()) {
                failures.push(format!(
                    "{name}: the lean reader says `{}`, which the full validator does not",
                    line(d)
                ));
            }
        }
    }
    assert!(refused >= 40, "only {refused} fixtures refused by the lean reader");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn valid_fixtures_and_the_catalog_read_into_the_full_validators_model() {
    let catalog = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let mut docs = jsons(&fixtures_dir("valid"));
    docs.extend(jsons(&catalog));
    assert!(docs.len() >= 25, "only {} documents", docs.len());
    for (name, src) in &docs {
        let (full, lean) = (parse(src), read(src));
        assert!(full.descriptor.is_some(), "{name}: the full validator refuses it");
        // The lean reader skips the person-query parts (format 1.1 `digest`, the cities'
        // `person_*`): the browser never asks for a person.
        let without_digest = full.descriptor.map(|mut d| {
            d.digest = None;
            for c in &mut d.cities {
                (c.person_endpoint, c.person_request, c.person_response) = (None, None, None);
            }
            d
        });
        assert_eq!(lean.descriptor, without_digest, "{name}: the lean reader's model differs");
        assert!(lean.diagnostics.is_empty(), "{name}: lean diagnostics {:?}", lean.diagnostics);
    }
}

fn base() -> Value {
    serde_json::from_str(include_str!("../../catalog/traffic-violations.json"))
        .expect("catalog json")
}

/// The lean reader refuses `v` with `code` at `path`.
fn refused(v: &Value, path: &str, code: &str) {
    let lean = read(&v.to_string());
    assert!(lean.descriptor.is_none(), "read `{code}` at `{path}`: accepted");
    assert!(
        lean.diagnostics
            .iter()
            .any(|d| d.path == path && d.code == code && d.severity == Severity::Error),
        "expected {code} at {path}, got {:?}",
        lean.diagnostics.iter().map(line).collect::<Vec<_>>()
    );
}

#[test]
fn base_reads() {
    assert!(read(&base().to_string()).descriptor.is_some());
}

#[test]
fn endpoint_with_a_host_is_refused() {
    for bad in ["//evil.example/api", "http://evil.example/api", "https://evil.example/x"] {
        let mut v = base();
        v["cities"][0]["endpoint"] = json!(bad);
        refused(&v, "/cities/0/endpoint", "endpoint");
    }
}

#[test]
fn endpoint_with_a_scheme_is_refused() {
    for bad in ["javascript:alert(1)", "data:text/html,x", "/x/javascript://y"] {
        let mut v = base();
        v["cities"][0]["endpoint"] = json!(bad);
        refused(&v, "/cities/0/endpoint", "endpoint");
    }
}

#[test]
fn endpoint_climbing_out_is_refused() {
    for bad in ["/api/../admin", "/..", "/api/x/..", "/api\\..\\x"] {
        let mut v = base();
        v["cities"][0]["endpoint"] = json!(bad);
        refused(&v, "/cities/0/endpoint", "endpoint");
    }
}

#[test]
fn endpoint_with_a_query_or_placeholder_is_refused() {
    // No query or `{placeholder}` in a path: so no personal data can travel in one.
    for bad in ["/api/fines?plate=x", "/api/fines/{plate}", "/api/fines#x"] {
        let mut v = base();
        v["cities"][0]["endpoint"] = json!(bad);
        refused(&v, "/cities/0/endpoint", "endpoint");
    }
}

#[test]
fn pii_in_a_query_is_refused() {
    let mut v = base();
    v["request"]["query"] = json!({"p": "{plate}"});
    refused(&v, "/request/query/p", "pii-in-query");
}

#[test]
fn unknown_kind_without_fallback_is_refused() {
    let mut v = base();
    v["kind"] = json!("lottery");
    refused(&v, "/kind", "unknown-kind");
    let mut v = base();
    v["inputs"][1]["kind"] = json!("hologram");
    refused(&v, "/inputs/1/kind", "unknown-kind");
    v["inputs"][1]["fallback"] = json!("text");
    assert!(read(&v.to_string()).descriptor.is_some(), "a declared fallback is read");
}

#[test]
fn unknown_widget_without_fallback_is_refused() {
    let mut v = base();
    v["result"]["widget"] = json!("hologram");
    v["result"].as_object_mut().map(|o| o.remove("fallback"));
    refused(&v, "/result/widget", "unknown-widget");
}

#[test]
fn a_format_it_does_not_speak_is_refused() {
    let mut v = base();
    v["format"] = json!("2.0");
    refused(&v, "/format", "format-major");
    v["format"] = json!("one");
    refused(&v, "/format", "format");
}

#[test]
fn sizes_over_the_limits_are_refused() {
    let big = format!("{{\"format\":\"1.0\",\"pad\":\"{}\"}}", "x".repeat(600 * 1024));
    assert_eq!(read(&big).diagnostics[0].code, "too-large");
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(read(&deep).diagnostics[0].code, "json");
    let mut v = base();
    let one = v["inputs"][0].clone();
    v["inputs"] = Value::Array(
        (0..65)
            .map(|i| {
                let mut x = one.clone();
                x["id"] = json!(format!("f_{i}"));
                x
            })
            .collect(),
    );
    refused(&v, "/inputs", "too-many");
}

#[test]
fn unreadable_documents_are_refused() {
    assert_eq!(read("{").diagnostics[0].code, "json");
    assert_eq!(read("[]").diagnostics[0].code, "type");
    let mut v = base();
    v["inputs"] = json!("plate");
    refused(&v, "/inputs", "type");
}

#[test]
fn forbidden_headers_are_refused() {
    let mut v = base();
    v["request"]["headers"] = json!({"Cookie": "x"});
    let lean = read(&v.to_string());
    assert!(lean.descriptor.is_none());
    assert!(lean.diagnostics.iter().any(|d| d.code == "header"));
}
