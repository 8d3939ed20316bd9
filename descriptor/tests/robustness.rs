//! Mutation sweep: every value of every valid fixture replaced by values of other types (or
//! removed). The reader never panics, a usable descriptor never comes with errors, and every
//! diagnostic's path points into the document.

use citypanel_descriptor::{parse_value, Severity};
use serde_json::{json, Value};
use std::path::PathBuf;

/// Every JSON pointer in `v`, parents before children.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, p, out);
            }
        }
        _ => {}
    }
}

fn check(doc: &Value, what: &str) -> usize {
    let parsed = parse_value(doc);
    let errors = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    assert_eq!(parsed.descriptor.is_some(), errors == 0, "{what}: {:#?}", parsed.diagnostics);
    for d in &parsed.diagnostics {
        assert!(
            doc.pointer(&d.path).is_some(),
            "{what}: diagnostic path `{}` is not in the document ({d})",
            d.path
        );
    }
    errors
}

#[test]
fn mutations_never_panic_and_paths_always_resolve() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/descriptors/valid");
    let replacements =
        [json!(null), json!(-1), json!(1.5), json!("x{nope}"), json!([]), json!({}), json!(true)];
    let mut runs = 0;
    let mut refused = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries.iter().filter(|p| p.extension().is_some_and(|x| x == "json")) {
        let doc: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        check(&doc, &name);
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        for p in &all {
            for r in &replacements {
                let mut m = doc.clone();
                if let Some(slot) = m.pointer_mut(p) {
                    *slot = r.clone();
                }
                refused += usize::from(check(&m, &format!("{name} with {p} = {r}")) > 0);
                runs += 1;
            }
            let (parent, key) = p.rsplit_once('/').unwrap_or(("", p));
            let mut m = doc.clone();
            if let Some(Value::Object(o)) = m.pointer_mut(parent) {
                o.remove(&key.replace("~1", "/").replace("~0", "~"));
                refused += usize::from(check(&m, &format!("{name} without {p}")) > 0);
                runs += 1;
            }
        }
    }
    assert!(runs > 5_000, "{runs} runs");
    assert!(refused > runs / 4, "only {refused} of {runs} mutations were refused");
}
