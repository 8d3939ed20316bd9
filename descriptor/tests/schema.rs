//! The committed JSON Schema matches the raw types, and an independent validator (Python
//! `jsonschema`) accepts every catalog file and every valid fixture, and rejects wrong types.

use citypanel_descriptor::schema::schema_json;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn schema_path() -> PathBuf {
    root().join("descriptor/schema/descriptor-v1.schema.json")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read `{}`: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn committed_schema_matches_the_raw_types() {
    let fresh = schema_json();
    if std::env::var_os("UPDATE_SCHEMA").is_some_and(|v| v == "1") {
        std::fs::write(schema_path(), &fresh).expect("write schema");
        return;
    }
    let committed = std::fs::read_to_string(schema_path()).unwrap_or_default();
    assert!(
        committed == fresh,
        "`descriptor/schema/descriptor-v1.schema.json` is out of date with the raw types in `descriptor/src/raw/`; \
         regenerate it with `UPDATE_SCHEMA=1 cargo test -p citypanel-descriptor --test schema`"
    );
}

/// Runs Python `jsonschema` (draft 2020-12) on each file; returns (file, error) per rejection.
fn validate(files: &[PathBuf]) -> Vec<(String, String)> {
    const SCRIPT: &str = r#"
import json, sys
try:
    import jsonschema
except ImportError:
    print("MISSING-JSONSCHEMA"); sys.exit(3)
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for path in sys.argv[2:]:
    try:
        doc = json.loads(open(path, "rb").read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        print(path + "\t\t(not JSON) " + str(e)[:200].replace("\n", " "))
        continue
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:200]:
        at = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in e.absolute_path)
        print(path + "\t" + at + "\t" + e.message[:200].replace("\n", " "))
"#;
    let out = Command::new("python3").arg("-c").arg(SCRIPT).arg(schema_path()).args(files).output();
    let out = match out {
        Ok(o) => o,
        Err(e) => {
            panic!("cannot run `python3` ({e}); install Python 3 and `pip install jsonschema`")
        }
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("MISSING-JSONSCHEMA"),
        "the Python module `jsonschema` is missing: run `pip install jsonschema` (or `cargo xtask test`, which installs it)"
    );
    assert!(
        out.status.success(),
        "python3 failed: {}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(f, e)| (f.to_string(), e.to_string()))
        .collect()
}

#[test]
fn independent_validator_accepts_catalog_and_valid_fixtures() {
    let mut files = json_files(&root().join("catalog"));
    files.extend(json_files(&root().join("tests/fixtures/descriptors/valid")));
    assert!(files.len() > 10, "{files:?}");
    let rejected = validate(&files);
    assert!(rejected.is_empty(), "the schema rejects valid descriptors: {rejected:#?}");
}

/// Codes of rules a JSON Schema cannot express: uniqueness of ids within arrays of objects,
/// references between parts (inputs, fields, values, money), order of inputs, templates, PII
/// in a query string (a placeholder's input class), a digest's sent classes against its `needs`,
/// a secret input in `open`, a matter field's format, the document's byte size. Every other
/// error code is structural: the schema must reject a file the validator rejects with it.
const LINT_ONLY: &[&str] = &[
    "duplicate-id",
    "duplicate-city",
    "unknown-input",
    "unknown-field-ref",
    "pii-in-query",
    "depends-order",
    "missing-amount",
    "template",
    "too-large",
    "attribute",
    "secret-open",
    "field-format",
];

/// Fixtures whose structural-looking code is, in that file, a rule across values the schema
/// cannot compare, with the reason (listed in `docs/descriptor.md` as lint-only).
const CROSS_VALUE: &[(&str, &str)] =
    &[("03-nested-too-deep", "nesting depth (JSON Schema has no depth limit)")];

/// Structural diagnostics (fixture, pointer) that compare values with each other or apply an
/// input's value rule: the schema refuses their files for other faults but cannot locate these.
const CROSS_VALUE_DIAGNOSTICS: &[(&str, &str, &str)] = &[
    ("39-bad-prefill-and-default", "/inputs/4/default", "a default must pass its input's rule"),
    ("41-bad-hours", "/availability/hours/1/to", "`to` after `from`"),
    ("41-bad-hours", "/availability/maintenance/1/to", "`to` after `from`"),
    ("50-bad-bounds", "/inputs/3/min", "money bounds with at most 2 decimals"),
    ("50-bad-bounds", "/inputs/5/max", "`min` <= `max`"),
    ("50-bad-bounds", "/inputs/6/min_length", "`min_length` <= `max_length` (default 200)"),
    (
        "71-digest-attributes",
        "/digest/request/body/x",
        "a placeholder inside a string names a class",
    ),
];

/// Whether a schema error at `at` points at the diagnostic at `want`: the same member, one
/// inside the other, or the same item of a top-level array (`/inputs/2/kind` for
/// `/inputs/2/prefill/from`).
fn located(at: &str, want: &str) -> bool {
    let item = |p: &str| {
        let mut seg = p.split('/').skip(1);
        match (seg.next(), seg.next()) {
            (Some(a), Some(i)) if i.bytes().all(|b| b.is_ascii_digit()) => {
                Some((a.to_string(), i.to_string()))
            }
            _ => None,
        }
    };
    at == want
        || at.starts_with(&format!("{want}/"))
        || want.starts_with(&format!("{at}/"))
        || (item(at).is_some() && item(at) == item(want))
}

/// The (code, pointer) of each error an `.expected` file lists.
fn errors(expected: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(expected).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("error "))
        .map(|l| l.split_once(" ~ ").map_or(l, |(l, _)| l).trim())
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ').skip(1);
            let code = parts.next()?.to_string();
            let path = parts.next().unwrap_or("");
            Some((code, if path == "\"\"" { String::new() } else { path.to_string() }))
        })
        .collect()
}

#[test]
fn schema_and_lint_agree_on_the_whole_corpus() {
    let mut valid = json_files(&root().join("catalog"));
    valid.extend(json_files(&root().join("tests/fixtures/descriptors/valid")));
    let invalid = json_files(&root().join("tests/fixtures/descriptors/invalid"));
    let mut all = valid.clone();
    all.extend(invalid.iter().cloned());
    let rejected = validate(&all);
    let refused = |f: &PathBuf| rejected.iter().any(|(r, _)| *r == f.display().to_string());

    let wrongly_refused: Vec<&(String, String)> = rejected
        .iter()
        .filter(|(r, _)| valid.iter().any(|v| v.display().to_string() == *r))
        .collect();
    let mut structural = 0;
    let mut missed = Vec::new();
    let mut lint_only = Vec::new();
    let (mut diagnostics, mut at_place) = (0, 0);
    for f in &invalid {
        let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let errs = errors(&f.with_extension("expected"));
        let exempt = CROSS_VALUE.iter().any(|(n, _)| *n == stem);
        let hard: Vec<&(String, String)> =
            errs.iter().filter(|(c, _)| !LINT_ONLY.contains(&c.as_str())).collect();
        if exempt || hard.is_empty() {
            if !refused(f) {
                lint_only.push(stem);
            }
            continue;
        }
        structural += 1;
        if !refused(f) {
            let codes: Vec<&str> = errs.iter().map(|(c, _)| c.as_str()).collect();
            missed.push(format!("{stem} ({})", codes.join(", ")));
            continue;
        }
        let name = f.display().to_string();
        let schema_at: Vec<&str> = rejected
            .iter()
            .filter(|(r, _)| *r == name)
            .filter_map(|(_, e)| e.split_once('\t').map(|(at, _)| at))
            .collect();
        for (code, want) in hard {
            diagnostics += 1;
            if want.is_empty() || schema_at.iter().any(|at| located(at, want)) {
                at_place += 1;
            } else if !CROSS_VALUE_DIAGNOSTICS.iter().any(|(n, p, _)| *n == stem && p == want) {
                missed.push(format!("{stem}: no schema error at or around `{want}` ({code})"));
            }
        }
    }
    let schema_refuses = invalid.iter().filter(|f| refused(f)).count();
    println!(
        "schema/lint agreement: the schema refuses {schema_refuses} of {} invalid files \
         ({} of {structural} refused for a structural reason; the other {} fail only lint-only rules: {}) \
         and accepts {} of {} valid files; it locates {at_place} of the {diagnostics} structural \
         diagnostics of the refused files (the other {} compare values: lint-only)",
        invalid.len(),
        structural - missed.len(),
        lint_only.len(),
        lint_only.join(", "),
        valid.len() - wrongly_refused.len(),
        valid.len(),
        diagnostics - at_place,
    );
    assert!(
        wrongly_refused.is_empty(),
        "the schema refuses files the lint accepts: {wrongly_refused:#?}"
    );
    assert!(
        missed.is_empty(),
        "the schema accepts files the lint refuses for a structural reason:\n{}",
        missed.join("\n")
    );
}

#[test]
fn independent_validator_rejects_wrong_types() {
    // Every invalid fixture whose expected diagnostics include a `type` error is refused (except
    // on `min`/`max`, whose type depends on the input kind: a cross-field rule).
    let dir = root().join("tests/fixtures/descriptors/invalid");
    let typed: Vec<PathBuf> = json_files(&dir)
        .into_iter()
        .filter(|f| {
            let expected =
                std::fs::read_to_string(f.with_extension("expected")).unwrap_or_default();
            expected.lines().any(|l| {
                let mut parts = l.splitn(3, ' ').skip(1);
                let (code, path) = (parts.next(), parts.next().unwrap_or(""));
                code == Some("type") && !path.ends_with("/min") && !path.ends_with("/max")
            })
        })
        .collect();
    assert!(typed.len() >= 5, "{typed:?}");
    let rejected = validate(&typed);
    for f in &typed {
        let name = f.display().to_string();
        assert!(
            rejected.iter().any(|(r, _)| *r == name),
            "the schema accepts `{name}`, which has wrong types"
        );
    }
}
