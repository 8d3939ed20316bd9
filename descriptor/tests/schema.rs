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
    doc = json.load(open(path, encoding="utf-8"))
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
