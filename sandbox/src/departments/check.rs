//! Checking a department request with the descriptor's own rules: the body is read back
//! through the request template (`"{plate}"` at `/hphm` → input `plate`), then validated with
//! [`citypanel_descriptor::validate_all`] — the same rule set the browser runs.

use std::collections::BTreeMap;

use citypanel_descriptor::{validate_all, Descriptor};
use serde_json::Value;

/// Why a request fails its descriptor: the first failing input, or a template constant
/// (`busiType`, `jydm`, `scope`, …) the request does not repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The input with this id is missing or breaks its rule.
    Input(String),
    /// A constant of the template differs.
    Constant,
}

impl Refusal {
    /// The input id, `""` for a constant.
    pub fn input(&self) -> &str {
        match self {
            Refusal::Input(id) => id,
            Refusal::Constant => "",
        }
    }
}

/// Checks a body (and query) against the city-resolved descriptor's request.
pub fn check(
    d: &Descriptor,
    body: &Value,
    query: &BTreeMap<String, String>,
) -> Result<(), Refusal> {
    let mut values = BTreeMap::new();
    let mut constants_hold = true;
    if let Some(template) = &d.request.body {
        read_back(template, Some(body), &mut values, &mut constants_hold);
    }
    for (key, template) in &d.request.query {
        let actual = query.get(key).cloned().map(Value::String);
        read_back(
            &Value::String(template.clone()),
            actual.as_ref(),
            &mut values,
            &mut constants_hold,
        );
    }
    if let Err(errors) = validate_all(d, &values) {
        if let Some(first) = errors.first() {
            return Err(Refusal::Input(first.input.clone()));
        }
    }
    if constants_hold {
        Ok(())
    } else {
        Err(Refusal::Constant)
    }
}

/// The input id of a template string that is exactly one placeholder, `"{plate}"`.
fn placeholder(template: &str) -> Option<&str> {
    let id = template.strip_prefix('{')?.strip_suffix('}')?;
    (!id.is_empty() && !id.contains(['{', '}'])).then_some(id)
}

fn as_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string(),
        _ => String::new(),
    }
}

fn read_back(
    template: &Value,
    actual: Option<&Value>,
    values: &mut BTreeMap<String, String>,
    hold: &mut bool,
) {
    match template {
        Value::String(s) => match placeholder(s) {
            Some(id) => {
                values.insert(id.to_string(), as_text(actual));
            }
            None if !s.contains('{') => *hold &= as_text(actual) == *s,
            None => {}
        },
        Value::Object(map) => {
            for (key, t) in map {
                read_back(t, actual.and_then(|a| a.get(key)), values, hold);
            }
        }
        Value::Array(items) => {
            for (i, t) in items.iter().enumerate() {
                read_back(t, actual.and_then(|a| a.get(i)), values, hold);
            }
        }
        other => *hold &= actual == Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn descriptor() -> Descriptor {
        let src = json!({
            "format": "1.0", "id": "x", "kind": "query", "category": "life",
            "title": {"zh-CN": "x", "en": "x"},
            "cities": [{"code": "330100", "name": {"zh-CN": "杭州", "en": "Hangzhou"},
                "department": {"zh-CN": "d", "en": "d"}, "endpoint": "/dept/x"}],
            "inputs": [
                {"id": "plate", "kind": "plate", "label": {"zh-CN": "p", "en": "p"}, "required": true},
                {"id": "n", "kind": "text", "label": {"zh-CN": "n", "en": "n"}, "required": true, "allowed": "digits"}
            ],
            "request": {"method": "POST", "body": {"a": {"hphm": "{plate}"}, "n": "{n}", "t": "01"}},
            "response": {},
            "result": {"widget": "key_value", "fields": [], "empty": {"zh-CN": "无", "en": "none"}}
        });
        let parsed = citypanel_descriptor::parse_value(&src);
        parsed
            .descriptor
            .unwrap_or_else(|| panic!("{:?}", parsed.diagnostics))
    }

    #[test]
    fn reads_the_body_back_through_the_template() {
        let d = descriptor();
        let q = BTreeMap::new();
        let ok = json!({"a": {"hphm": "浙A12345"}, "n": 12, "t": "01"});
        assert_eq!(check(&d, &ok, &q), Ok(()));
        let bad_plate = json!({"a": {"hphm": "A1"}, "n": "1", "t": "01"});
        assert_eq!(
            check(&d, &bad_plate, &q),
            Err(Refusal::Input("plate".into()))
        );
        let missing = json!({"a": {"hphm": "浙A12345"}, "t": "01"});
        assert_eq!(check(&d, &missing, &q), Err(Refusal::Input("n".into())));
        let constant = json!({"a": {"hphm": "浙A12345"}, "n": "1", "t": "02"});
        assert_eq!(check(&d, &constant, &q), Err(Refusal::Constant));
        assert_eq!(placeholder("{a}{b}"), None);
    }
}
