//! `citypanel-lint` as authors run it: the real catalog, broken descriptors, bad paths.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const LINT: &str = env!("CARGO_BIN_EXE_citypanel-lint");

/// The workspace root (the parent of `descriptor/`).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// Runs the linter in `cwd`; returns (exit code, stdout, stderr).
fn lint(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(LINT).args(args).current_dir(cwd).output().expect("run citypanel-lint");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().expect("exit code"), text(&out.stdout), text(&out.stderr))
}

/// A fresh directory for one test, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("citypanel-lint-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    /// Writes `value` as pretty JSON to `name` inside the directory.
    fn write(&self, name: &str, value: &Value) {
        let text = serde_json::to_string_pretty(value).expect("render json");
        std::fs::write(self.0.join(name), text).expect("write descriptor");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn traffic() -> Value {
    serde_json::from_str(include_str!("../../catalog/traffic-violations.json"))
        .expect("catalog json")
}

#[test]
fn the_real_catalog_is_clean() {
    let (code, out, err) = lint(&root(), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("checked: 0 errors"), "{out}");
    let (code, out, _) = lint(&root(), &["--format", "json", "catalog"]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).expect("json report");
    assert_eq!(doc["errors"], json!(0));
    assert!(doc["files"].as_array().is_some_and(|f| !f.is_empty()), "{doc}");
}

#[test]
fn a_broken_descriptor_fails_with_code_pointer_and_hint() {
    let dir = TempDir::new("broken");
    let mut v = traffic();
    v["request"]["body"]["x"] = json!("{nope}");
    dir.write("traffic-violations.json", &v);

    let (code, out, _) = lint(&dir.0, &["."]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[unknown-input]: input `nope`, named by template, does not exist"),
        "{out}"
    );
    assert!(out.contains("traffic-violations.json:/request/body/x (line "), "{out}");
    assert!(out.contains("= hint: declare an input with id `nope` in `/inputs`"), "{out}");
    assert!(out.contains("1 file checked: 1 error, 0 warnings"), "{out}");

    let (code, out, _) = lint(&dir.0, &["--format", "json", "."]);
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).expect("json report");
    assert_eq!((doc["errors"].clone(), doc["warnings"].clone()), (json!(1), json!(0)), "{doc}");
    let d = &doc["files"][0]["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["path"].as_str(), d["severity"].as_str()),
        (Some("unknown-input"), Some("/request/body/x"), Some("error"))
    );
    assert!(d["hint"].as_str().is_some_and(|h| h.contains("`nope`")), "{d}");
    assert!(d["line"].as_u64().is_some(), "{d}");
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = TempDir::new("warn");
    let mut v = traffic();
    v["shiny"] = json!(true);
    dir.write("traffic-violations.json", &v);
    let (code, out, _) = lint(&dir.0, &["traffic-violations.json"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("warning[unknown-field]") && out.contains("1 warning"), "{out}");
    assert_eq!(lint(&dir.0, &["--deny-warnings", "traffic-violations.json"]).0, 1);
}

#[test]
fn catalog_checks_find_duplicate_ids_and_bad_json() {
    let dir = TempDir::new("catalog");
    dir.write("traffic-violations.json", &traffic());
    dir.write("zz-copy.json", &traffic());
    std::fs::write(dir.0.join("half.json"), "{\"format\": \"1.0\",\n").expect("write");
    let (code, out, _) = lint(&dir.0, &["--format", "json", "."]);
    assert_eq!(code, 1, "{out}");
    let doc: Value = serde_json::from_str(&out).expect("json report");
    let codes: Vec<&str> = doc["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().into_iter().flatten())
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["json", "duplicate-service", "file-name"], "{doc}");
}

fn catalog_file(name: &str) -> Value {
    let path = root().join("catalog").join(name);
    let text = std::fs::read_to_string(&path).expect("catalog file");
    serde_json::from_str(&text).expect("catalog json")
}

#[test]
fn linting_a_folder_checks_cross_references() {
    let dir = TempDir::new("xref");
    let mut loans = catalog_file("library-loans.json");
    dir.write("library-renewal.json", &catalog_file("library-renewal.json"));
    dir.write("library-loans.json", &loans);
    let (code, out, _) = lint(&dir.0, &["."]);
    assert_eq!(code, 0, "the two library services refer to each other correctly: {out}");

    loans["result"]["actions"][0]["inputs"]["cardd"] = json!("{card}");
    loans["result"]["actions"].as_array_mut().expect("actions").push(json!({
        "kind": "book", "label": {"zh-CN": "预约", "en": "Book"}, "service": "library-visit"
    }));
    dir.write("library-loans.json", &loans);
    let (code, out, _) = lint(&dir.0, &["--format", "json", "."]);
    assert_eq!(code, 1, "{out}");
    let doc: Value = serde_json::from_str(&out).expect("json report");
    let found: Vec<(String, String, String)> = doc["files"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("code"), s("path"), s("message"))
        })
        .collect();
    let codes: Vec<(&str, &str)> = found.iter().map(|(c, p, _)| (c.as_str(), p.as_str())).collect();
    assert_eq!(
        codes,
        [
            ("unknown-target-input", "/result/actions/0/inputs/cardd"),
            ("unknown-service", "/result/actions/1/service"),
        ],
        "{doc}"
    );
    assert!(found[0].2.contains("`cardd` is not an input of `library-renewal`"), "{found:?}");
    assert!(found[1].2.contains("`library-visit` is not a service of this catalog"), "{found:?}");

    // A lone file's catalog is unknown: its references are not checked.
    let (code, out, _) = lint(&dir.0, &["library-loans.json"]);
    assert_eq!(code, 0, "{out}");
    // Two files given are a catalog.
    let (_, out, _) = lint(&dir.0, &["library-loans.json", "library-renewal.json"]);
    assert!(out.contains("error[unknown-service]"), "{out}");
}

#[test]
fn missing_paths_and_bad_options_are_usage_errors() {
    let (code, out, err) = lint(&root(), &["catalog", "no/such/descriptor.json"]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("cannot read `no/such/descriptor.json`"), "{err}");
    assert!(out.is_empty(), "nothing is checked when a path is unreadable: {out}");
    let (code, _, err) = lint(&root(), &["--format", "xml"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown format `xml`") && err.contains("usage:"), "{err}");
    let (code, out, _) = lint(&root(), &["--help"]);
    assert_eq!((code, out.starts_with("usage: citypanel-lint")), (0, true));
}
