//! The conformance suite in `descriptor/conformance/` (format: its README), run against this
//! crate's full validator, its lean reader, its response mapping and `citypanel-lint`.
//!
//! `invalid/` is exported from the fixture corpus (`tests/fixtures/descriptors/invalid/`);
//! `conformance_is_current` fails when it differs. `UPDATE_CONFORMANCE=1` rewrites the
//! exported cases and the `expect` of each valid case's answers (review the diff).

use citypanel_descriptor::digest::{matters, DigestError};
use citypanel_descriptor::{
    check_references, map_with, parse, read, Date, Diagnostic, Outcome, Record, Severity, Value,
};
use serde_json::{json, Value as Json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const LINT: &str = env!("CARGO_BIN_EXE_citypanel-lint");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn suite() -> PathBuf {
    root().join("conformance")
}

fn corpus() -> PathBuf {
    root().join("../tests/fixtures/descriptors/invalid")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_CONFORMANCE").is_some_and(|v| v == "1")
}

fn sorted(dir: &Path, pred: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| pred(p))
        .collect();
    out.sort();
    out
}

fn stem(p: &Path) -> String {
    p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn read_json(p: &Path) -> Json {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn pretty(v: &Json) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `severity code path` lines, sorted: how diagnostics are compared.
fn lines(diags: &[Diagnostic]) -> Vec<String> {
    let mut out: Vec<String> =
        diags.iter().map(|d| format!("{} {} {}", severity(d.severity), d.code, d.path)).collect();
    out.sort();
    out
}

fn expected_lines(list: &Json) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            format!("{} {} {}", s("severity"), s("code"), s("path"))
        })
        .collect();
    out.sort();
    out
}

// ---- invalid cases: exported from the corpus ----

/// The `.expect.json` of corpus fixture `name`: its diagnostics (with message fragments) and
/// whether the lean reader refuses it.
fn export(name: &str, publish_only: &BTreeSet<String>) -> Json {
    let text =
        std::fs::read_to_string(corpus().join(format!("{name}.expected"))).unwrap_or_default();
    let mut diagnostics = Vec::new();
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (l, needle) = match l.split_once(" ~ ") {
            Some((l, n)) => (l.trim(), Some(n.trim())),
            None => (l, None),
        };
        let mut parts = l.splitn(3, ' ');
        let (sev, code, path) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
        let path = if path == "\"\"" { "" } else { path };
        let mut d = json!({ "severity": sev, "code": code, "path": path });
        if let Some(n) = needle {
            d["message_contains"] = json!(n);
        }
        diagnostics.push(d);
    }
    let lean = if publish_only.contains(name) { "accept" } else { "refuse" };
    json!({ "diagnostics": diagnostics, "lean": lean })
}

fn publish_only() -> BTreeSet<String> {
    std::fs::read_to_string(corpus().join("publish-only.list"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

#[test]
fn conformance_is_current() {
    let dir = suite().join("invalid");
    let listed = publish_only();
    let fixtures = sorted(&corpus(), |p| p.extension().is_some_and(|x| x == "json"));
    if updating() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create conformance/invalid");
    }
    let mut stale = Vec::new();
    let mut names = BTreeSet::new();
    for f in &fixtures {
        let name = stem(f);
        names.insert(name.clone());
        let bytes = std::fs::read(f).expect("fixture");
        let expect = pretty(&export(&name, &listed));
        let (case, exp) =
            (dir.join(format!("{name}.json")), dir.join(format!("{name}.expect.json")));
        if updating() {
            std::fs::write(&case, &bytes).expect("write case");
            std::fs::write(&exp, &expect).expect("write expect");
            continue;
        }
        if std::fs::read(&case).ok().as_deref() != Some(bytes.as_slice())
            || std::fs::read_to_string(&exp).ok().as_deref() != Some(expect.as_str())
        {
            stale.push(name);
        }
    }
    let extra: Vec<String> = sorted(&dir, |p| p.is_file())
        .iter()
        .map(|p| stem(p).trim_end_matches(".expect").to_string())
        .filter(|n| !names.contains(n))
        .collect();
    assert!(
        stale.is_empty() && extra.is_empty(),
        "descriptor/conformance/invalid differs from the corpus (stale: {stale:?}, extra: {extra:?}); \
         regenerate with `UPDATE_CONFORMANCE=1 cargo test -p citypanel-descriptor --test conformance`"
    );
}

fn invalid_cases() -> Vec<(String, String, Json)> {
    let dir = suite().join("invalid");
    sorted(&dir, |p| p.extension().is_some_and(|x| x == "json") && !stem(p).ends_with(".expect"))
        .into_iter()
        .map(|p| {
            let name = stem(&p);
            let bytes = std::fs::read(&p).expect("case");
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (name.clone(), text, read_json(&dir.join(format!("{name}.expect.json"))))
        })
        .collect()
}

#[test]
fn the_full_validator_conforms_on_invalid_cases() {
    let cases = invalid_cases();
    assert!(cases.len() >= 60, "only {} invalid cases", cases.len());
    let mut failures = Vec::new();
    for (name, text, expect) in &cases {
        let parsed = parse(text);
        let want = expected_lines(&expect["diagnostics"]);
        if parsed.descriptor.is_some() || lines(&parsed.diagnostics) != want {
            failures.push(format!("{name}: want {want:?}, got {:?}", lines(&parsed.diagnostics)));
        }
        for d in expect["diagnostics"].as_array().into_iter().flatten() {
            let Some(needle) = d["message_contains"].as_str() else { continue };
            let hit = parsed.diagnostics.iter().any(|x| {
                x.code == d["code"].as_str().unwrap_or_default()
                    && x.path == d["path"].as_str().unwrap_or_default()
                    && x.message.contains(needle)
            });
            if !hit {
                failures.push(format!("{name}: no `{}` message contains `{needle}`", d["code"]));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_lean_reader_conforms_on_invalid_cases() {
    let mut failures = Vec::new();
    for (name, text, expect) in invalid_cases() {
        let lean = read(&text);
        let want = expected_lines(&expect["diagnostics"]);
        match expect["lean"].as_str() {
            Some("accept") if lean.descriptor.is_none() || !lean.diagnostics.is_empty() => {
                failures.push(format!("{name}: must be read, got {:?}", lines(&lean.diagnostics)))
            }
            Some("refuse")
                if lean.descriptor.is_some()
                    || lean.diagnostics.is_empty()
                    || lines(&lean.diagnostics).iter().any(|l| !want.contains(l)) =>
            {
                failures.push(format!(
                    "{name}: must be refused with diagnostics among {want:?}, got {:?}",
                    lines(&lean.diagnostics)
                ))
            }
            Some("accept" | "refuse") => {}
            other => failures.push(format!("{name}: `lean` is {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `citypanel-lint --format json` on one file; returns its diagnostics as lines, without
/// the lint's own `file-name` check (suite files are not named after their service).
fn lint_lines(file: &Path) -> (i32, Vec<String>) {
    let out = Command::new(LINT)
        .args(["--format", "json"])
        .arg(file)
        .output()
        .expect("run citypanel-lint");
    let report: Json = serde_json::from_slice(&out.stdout).unwrap_or(Json::Null);
    let diags = report["files"][0]["diagnostics"].clone();
    let filtered: Vec<Json> = diags
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] != "file-name")
        .cloned()
        .collect();
    (out.status.code().unwrap_or(-1), expected_lines(&Json::Array(filtered)))
}

#[test]
fn the_lint_conforms_on_every_case() {
    let mut failures = Vec::new();
    let dir = suite().join("invalid");
    for (name, _, expect) in invalid_cases() {
        let (code, got) = lint_lines(&dir.join(format!("{name}.json")));
        let want = expected_lines(&expect["diagnostics"]);
        if code != 1 || got != want {
            failures.push(format!("{name}: exit {code}, want {want:?}, got {got:?}"));
        }
    }
    for case in valid_cases() {
        let (code, got) = lint_lines(&case.join("descriptor.json"));
        let want = expected_lines(&read_json(&case.join("expect.json"))["warnings"]);
        if code != 0 || got != want {
            failures.push(format!("{}: exit {code}, want {want:?}, got {got:?}", stem(&case)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- valid cases: descriptor, department answers, uniform records ----

fn valid_cases() -> Vec<PathBuf> {
    sorted(&suite().join("valid"), |p| p.is_dir())
}

/// A uniform value as the suite writes it (see the README).
fn value(v: &Value) -> Json {
    match v {
        Value::Text(s) => json!({ "text": s }),
        Value::Integer(n) => json!({ "integer": n }),
        Value::Money(fen) => json!({ "fen": fen }),
        Value::Date { y, m, d } => json!({ "date": format!("{y:04}-{m:02}-{d:02}") }),
        Value::DateTime { y, m, d, hh, mm, ss } => {
            json!({ "datetime": format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}") })
        }
        Value::Label { code, tone, .. } => match tone {
            Some(t) => json!({ "code": code, "tone": t.as_str() }),
            None => json!({ "code": code }),
        },
        Value::Missing => Json::Null,
    }
}

fn record(r: &Record) -> Json {
    Json::Object(r.fields.iter().map(|(k, v)| (k.clone(), value(v))).collect())
}

fn outcome(o: &Outcome) -> Json {
    match o {
        Outcome::Records { records, values, truncated, problems } => json!({
            "outcome": "records",
            "records": records.iter().map(record).collect::<Vec<_>>(),
            "values": record(values),
            "truncated": truncated,
            "problems": problems.len(),
        }),
        Outcome::DepartmentError { code, field, message } => json!({
            "outcome": "department-error",
            "code": code,
            "field": field,
            "message": message.as_ref().map(|t| t.get("en").to_string()),
        }),
        Outcome::Malformed(_) => json!({ "outcome": "malformed" }),
    }
}

#[test]
fn valid_cases_parse_read_and_map_to_their_records() {
    let cases = valid_cases();
    assert!(cases.len() >= 3, "{cases:?}");
    let mut failures = Vec::new();
    let mut answers = 0;
    for case in &cases {
        let name = stem(case);
        let src = std::fs::read_to_string(case.join("descriptor.json")).expect("descriptor");
        let exp_path = case.join("expect.json");
        let mut expect = read_json(&exp_path);
        let parsed = parse(&src);
        let want = expected_lines(&expect["warnings"]);
        let Some(d) = parsed.descriptor else {
            failures.push(format!("{name}: refused: {:?}", lines(&parsed.diagnostics)));
            continue;
        };
        if lines(&parsed.diagnostics) != want {
            failures.push(format!("{name}: want {want:?}, got {:?}", lines(&parsed.diagnostics)));
        }
        let lean = read(&src);
        // The lean reader skips the person-query parts (format 1.1).
        let mut without_digest = d.clone();
        without_digest.digest = None;
        for c in &mut without_digest.cities {
            (c.person_endpoint, c.person_request, c.person_response) = (None, None, None);
        }
        if lean.descriptor.as_ref() != Some(&without_digest) || !lean.diagnostics.is_empty() {
            failures.push(format!("{name}: the lean reader reads it differently"));
        }
        let list = expect["answers"].as_array_mut().map(std::mem::take).unwrap_or_default();
        let mut updated = Vec::new();
        for mut a in list {
            answers += 1;
            let city = a["city"].as_str().unwrap_or_default().to_string();
            let status =
                a["http_status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(200);
            let body_path = case.join(a["body"].as_str().unwrap_or_default());
            let body = std::fs::read_to_string(&body_path)
                .unwrap_or_else(|e| panic!("{}: {e}", body_path.display()));
            let Some(spec) = d.response_for(&city) else {
                failures.push(format!("{name}: no city `{city}`"));
                continue;
            };
            let got = outcome(&map_with(spec, status, &body));
            if updating() {
                a["expect"] = got;
            } else if a["expect"] != got {
                failures.push(format!(
                    "{name} {city} {}:\n  want {}\n  got  {got}",
                    a["body"], a["expect"]
                ));
            }
            updated.push(a);
        }
        let persons = match expect.as_object_mut().and_then(|o| o.remove("person_answers")) {
            Some(Json::Array(a)) => a,
            _ => Vec::new(),
        };
        let mut updated_persons = Vec::new();
        for mut a in persons {
            answers += 1;
            let city = a["city"].as_str().unwrap_or_default().to_string();
            let status =
                a["http_status"].as_u64().and_then(|s| u16::try_from(s).ok()).unwrap_or(200);
            let body_path = case.join(a["body"].as_str().unwrap_or_default());
            let body = std::fs::read_to_string(&body_path)
                .unwrap_or_else(|e| panic!("{}: {e}", body_path.display()));
            let today = a["today"].as_str().and_then(Date::parse_iso).expect("`today` yyyy-MM-dd");
            let Some(spec) = d.digest_for(&city) else {
                failures.push(format!("{name}: city `{city}` has no person endpoint"));
                continue;
            };
            let got = match matters(&spec, status, &body, today) {
                Ok(ms) => json!({ "outcome": "matters", "matters": ms }),
                Err(DigestError::Department { code, message }) => json!({
                    "outcome": "department-error",
                    "code": code,
                    "message": message.map(|m| m.get("en").to_string()),
                }),
                Err(_) => json!({ "outcome": "malformed" }),
            };
            if updating() {
                a["expect"] = got;
            } else if a["expect"] != got {
                failures.push(format!(
                    "{name} {city} person {}:\n  want {}\n  got  {got}",
                    a["body"], a["expect"]
                ));
            }
            updated_persons.push(a);
        }
        if updating() {
            expect["answers"] = Json::Array(updated);
            if !updated_persons.is_empty() {
                expect["person_answers"] = Json::Array(updated_persons);
            }
            std::fs::write(&exp_path, pretty(&expect)).expect("write expect");
        }
    }
    println!("conformance: {} valid cases, {answers} department answers", cases.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- catalogs: references between services ----

#[test]
fn catalog_cases_find_exactly_their_dangling_references() {
    let cases = sorted(&suite().join("catalogs"), |p| p.is_dir());
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        let files = sorted(case, |p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name().is_some_and(|n| n != "expect.json")
        });
        let docs: Vec<Json> = files.iter().map(|f| read_json(f)).collect();
        for f in &files {
            let src = std::fs::read_to_string(f).expect("descriptor");
            if parse(&src).descriptor.is_none() {
                failures
                    .push(format!("{}: each file of a catalog case must be valid", f.display()));
            }
        }
        let refs: Vec<&Json> = docs.iter().collect();
        let file_of = |i: usize| {
            files.get(i).and_then(|f| f.file_name()).map(|n| n.to_string_lossy().into_owned())
        };
        let mut got: Vec<String> = check_references(&refs)
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                let file = file_of(f.service).unwrap_or_default();
                format!("{file} {} {} {}", severity(d.severity), d.code, d.path)
            })
            .collect();
        got.sort();
        let mut want: Vec<String> = read_json(&case.join("expect.json"))["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|d| {
                let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
                format!("{} {} {} {}", s("file"), s("severity"), s("code"), s("path"))
            })
            .collect();
        want.sort();
        if got != want {
            failures.push(format!("{}:\n  want {want:?}\n  got  {got:?}", stem(case)));
        }
        // The lint, given the catalog's files, reports the same.
        let out =
            Command::new(LINT).args(["--format", "json"]).args(&files).output().expect("lint");
        let report: Json = serde_json::from_slice(&out.stdout).unwrap_or(Json::Null);
        let mut linted: Vec<String> = Vec::new();
        for f in report["files"].as_array().into_iter().flatten() {
            let name = Path::new(f["path"].as_str().unwrap_or_default())
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for d in f["diagnostics"].as_array().into_iter().flatten() {
                let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
                linted.push(format!("{name} {} {} {}", s("severity"), s("code"), s("path")));
            }
        }
        linted.sort();
        if linted != want {
            failures.push(format!("{} (lint):\n  want {want:?}\n  got  {linted:?}", stem(case)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
