//! Checks across a catalog: every `book` and `open_service` action names a service of the
//! catalog, of the right kind, offered in the action's cities, and `open_service` fills only
//! inputs the target declares. One descriptor alone cannot know; the lint runs this on the
//! files it is given, and the platform should run it on the catalog it publishes.
//!
//! It reads the JSON documents (not the model), so pointers are exact even when a newer
//! format's unknown actions were dropped from the model. Documents that do not parse are still
//! read for their `id`, `kind`, `cities` and `inputs` as far as those have the right shape.

use crate::diag::{join, Diagnostic, Severity};
use serde_json::Value as Json;

/// Where actions live in a descriptor.
const ACTION_LISTS: [&str; 2] = ["/result/actions", "/lifecycle/receipt/actions"];

/// One diagnostic about document number `service` of the slice given to [`check_references`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the document the diagnostic is about.
    pub service: usize,
    pub diagnostic: Diagnostic,
}

/// Checks the references between `catalog`'s documents (each a whole descriptor as JSON).
/// Codes: `unknown-service` (no such service), `unknown-target-input` (the target has no such
/// input), `target-kind` (`book` of a service that is not a `booking`), all errors, and
/// `target-city` (a warning: the target is not offered in a city of the action's service).
/// Never panics; documents of the wrong shape are skipped.
pub fn check_references(catalog: &[&Json]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, doc) in catalog.iter().enumerate() {
        let mut push = |path: String, code: &'static str, severity, message: String| {
            out.push(Finding {
                service: i,
                diagnostic: Diagnostic { path, code, message, severity },
            })
        };
        for list in ACTION_LISTS {
            let Some(actions) = doc.pointer(list).and_then(Json::as_array) else { continue };
            for (n, action) in actions.iter().enumerate() {
                let p = format!("{list}/{n}");
                let kind = action.get("kind").and_then(Json::as_str);
                if !matches!(kind, Some("book" | "open_service")) {
                    continue;
                }
                let Some(target_id) = action.get("service").and_then(Json::as_str) else {
                    continue;
                };
                let sp = join(&p, "service");
                let Some(target) = catalog.iter().find(|d| id_of(d) == Some(target_id)) else {
                    push(
                        sp,
                        "unknown-service",
                        Severity::Error,
                        format!(
                            "`{target_id}` is not a service of this catalog (`{}` action)",
                            kind.unwrap_or_default()
                        ),
                    );
                    continue;
                };
                let target_kind = target.get("kind").and_then(Json::as_str).unwrap_or_default();
                if kind == Some("book") && target_kind != "booking" {
                    push(
                        sp.clone(),
                        "target-kind",
                        Severity::Error,
                        format!("`book` opens `{target_id}`, a `{target_kind}` service; it must be a `booking` service"),
                    );
                }
                let theirs = codes(target);
                let missing: Vec<&str> =
                    codes(doc).into_iter().filter(|c| !theirs.contains(c)).collect();
                if !missing.is_empty() {
                    let listed: Vec<String> = missing.iter().map(|c| format!("`{c}`")).collect();
                    push(
                        sp,
                        "target-city",
                        Severity::Warning,
                        format!(
                            "`{target_id}` is not offered in {} where this action shows; the citizen there would find no service",
                            listed.join(", ")
                        ),
                    );
                }
                if kind != Some("open_service") {
                    continue;
                }
                let inputs = inputs_of(target);
                for name in action.get("inputs").and_then(Json::as_object).into_iter().flatten() {
                    if !inputs.contains(&name.0.as_str()) {
                        let declared: Vec<String> =
                            inputs.iter().map(|i| format!("`{i}`")).collect();
                        let declared = if declared.is_empty() {
                            "none".to_string()
                        } else {
                            declared.join(", ")
                        };
                        push(
                            join(&join(&p, "inputs"), name.0),
                            "unknown-target-input",
                            Severity::Error,
                            format!(
                                "`{}` is not an input of `{target_id}` (its inputs: {declared})",
                                name.0
                            ),
                        );
                    }
                }
            }
        }
    }
    out
}

fn id_of(doc: &Json) -> Option<&str> {
    doc.get("id").and_then(Json::as_str)
}

/// The city codes a document lists.
fn codes(doc: &Json) -> Vec<&str> {
    let cities = doc.get("cities").and_then(Json::as_array).into_iter().flatten();
    cities.filter_map(|c| c.get("code").and_then(Json::as_str)).collect()
}

/// The input ids a document declares.
fn inputs_of(doc: &Json) -> Vec<&str> {
    let inputs = doc.get("inputs").and_then(Json::as_array).into_iter().flatten();
    inputs.filter_map(|i| i.get("id").and_then(Json::as_str)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn service(id: &str, kind: &str, cities: &[&str], inputs: &[&str], actions: Json) -> Json {
        json!({
            "id": id, "kind": kind,
            "cities": cities.iter().map(|c| json!({"code": c})).collect::<Vec<_>>(),
            "inputs": inputs.iter().map(|i| json!({"id": i})).collect::<Vec<_>>(),
            "result": {"actions": actions},
        })
    }

    fn codes_at(found: &[Finding]) -> Vec<(usize, &str, &str)> {
        found.iter().map(|f| (f.service, f.diagnostic.code, f.diagnostic.path.as_str())).collect()
    }

    #[test]
    fn satisfied_references_are_silent() {
        let a = service(
            "a",
            "query",
            &["1"],
            &["x"],
            json!([{"kind": "open_service", "service": "b", "inputs": {"y": "{x}"}},
                   {"kind": "book", "service": "c"}, {"kind": "pay"}]),
        );
        let b = service("b", "query", &["1", "2"], &["y"], json!([]));
        let c = service("c", "booking", &["1"], &[], json!([]));
        assert!(check_references(&[&a, &b, &c]).is_empty());
    }

    #[test]
    fn dangling_references_are_named_with_pointers() {
        let a = service(
            "a",
            "query",
            &["1", "2"],
            &["x"],
            json!([{"kind": "open_service", "service": "nope"},
                   {"kind": "open_service", "service": "b", "inputs": {"z": "{x}"}},
                   {"kind": "book", "service": "b"}, 7]),
        );
        let b = service("b", "query", &["1"], &["y"], json!({}));
        let found = check_references(&[&a, &b]);
        assert_eq!(
            codes_at(&found),
            [
                (0, "unknown-service", "/result/actions/0/service"),
                (0, "target-city", "/result/actions/1/service"),
                (0, "unknown-target-input", "/result/actions/1/inputs/z"),
                (0, "target-kind", "/result/actions/2/service"),
                (0, "target-city", "/result/actions/2/service"),
            ]
        );
        assert!(found[2].diagnostic.message.contains("`y`"), "{:?}", found[2]);
    }
}
