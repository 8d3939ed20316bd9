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
        print(path + "\t(not JSON): " + str(e)[:200])
        continue
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:3]:
        print(path + "\t/" + "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:200])
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
/// in a query string (a placeholder's input class), the document's byte size. Every other
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
];

/// Fixtures whose structural-looking code is, in that file, a rule across values the schema
/// cannot compare, with the reason (listed in `docs/descriptor.md` as lint-only).
const CROSS_VALUE: &[(&str, &str)] =
    &[("03-nested-too-deep", "nesting depth (JSON Schema has no depth limit)")];

fn error_codes(expected: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(expected).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("error "))
        .filter_map(|l| l.split(' ').nth(1).map(String::from))
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
    for f in &invalid {
        let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let codes = error_codes(&f.with_extension("expected"));
        let exempt = CROSS_VALUE.iter().any(|(n, _)| *n == stem);
        let is_structural = !exempt && codes.iter().any(|c| !LINT_ONLY.contains(&c.as_str()));
        if is_structural {
            structural += 1;
            if !refused(f) {
                missed.push(format!("{stem} ({})", codes.join(", ")));
            }
        } else if !refused(f) {
            lint_only.push(stem);
        }
    }
    let schema_refuses = invalid.iter().filter(|f| refused(f)).count();
    println!(
        "schema/lint agreement: the schema refuses {schema_refuses} of {} invalid files \
         ({} of {structural} refused for a structural reason; the other {} fail only lint-only rules: {}) \
         and accepts {} of {} valid files",
        invalid.len(),
        structural - missed.len(),
        lint_only.len(),
        lint_only.join(", "),
        valid.len() - wrongly_refused.len(),
        valid.len(),
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
