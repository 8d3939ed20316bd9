//! Checking a department request with the descriptor's own rules: the body is read back
//! through the request template (`"{plate}"` at `/hphm` → input `plate`), then each visible
//! input found there is validated with [`citypanel_descriptor::request::validate_value`] — the
//! same rule set the browser runs — and every failure becomes a [`FieldError`] at its JSON
//! pointer (`/name` for a query parameter).

use std::collections::BTreeMap;

use citypanel_descriptor::request::validate_value;
use citypanel_descriptor::Descriptor;
use serde_json::Value;

use crate::error::FieldError;

/// Why a request fails its descriptor: inputs that break their rules (every one, in input
/// order), or a template constant (`busiType`, `jydm`, `scope`, …) the request does not repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// These inputs are missing or break their rules.
    Inputs(Vec<FieldError>),
    /// A constant of the template differs.
    Constant,
}

impl Refusal {
    /// The first failing input id, `""` for a constant.
    pub fn input(&self) -> &str {
        match self {
            Refusal::Inputs(fields) => {
                fields.first().and_then(|f| f.input.as_deref()).unwrap_or("")
            }
            Refusal::Constant => "",
        }
    }
}

/// Where each input was found in the request: input id → (JSON pointer, value as text).
type Found = BTreeMap<String, (String, String)>;

/// Checks a body (and query) against the city-resolved descriptor's request.
pub fn check(
    d: &Descriptor,
    body: &Value,
    query: &BTreeMap<String, String>,
) -> Result<(), Refusal> {
    let mut found = Found::new();
    let mut constants_hold = true;
    if let Some(template) = &d.request.body {
        let mut reader = Reader { found: &mut found, hold: &mut constants_hold };
        reader.read(template, Some(body), String::new());
    }
    for (key, template) in &d.request.query {
        let actual = query.get(key).cloned().map(Value::String);
        let mut reader = Reader { found: &mut found, hold: &mut constants_hold };
        let template = Value::String(template.clone());
        reader.read(&template, actual.as_ref(), format!("/{}", escape(key)));
    }
    let errors = validate(d, &found);
    if !errors.is_empty() {
        return Err(Refusal::Inputs(errors));
    }
    if constants_hold {
        Ok(())
    } else {
        Err(Refusal::Constant)
    }
}

/// Validates every visible input the request carries, in input order (an input's
/// `visible_when` sees the inputs before it that are visible).
fn validate(d: &Descriptor, found: &Found) -> Vec<FieldError> {
    let mut shown = citypanel_descriptor::map::Map::new();
    let mut errors = Vec::new();
    for input in &d.inputs {
        let Some((path, raw)) = found.get(&input.id) else {
            continue;
        };
        if !input.is_visible(&shown) {
            continue;
        }
        shown.insert(input.id.clone(), raw.clone());
        if let Err(error) = validate_value(input, raw) {
            errors.push(FieldError {
                path: path.clone(),
                code: error.code(),
                message: error.user_message("en"),
                input: Some(input.id.clone()),
            });
        }
    }
    errors
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The input id of a template string that is exactly one placeholder, `"{plate}"`.
fn placeholder(template: &str) -> Option<&str> {
    let id = template.strip_prefix('{')?.strip_suffix('}')?;
    (!id.is_empty() && !id.contains(['{', '}'])).then_some(id)
}

fn as_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => String::new(),
        Some(other) => other.to_string(),
    }
}

struct Reader<'a> {
    found: &'a mut Found,
    hold: &'a mut bool,
}

impl Reader<'_> {
    fn read(&mut self, template: &Value, actual: Option<&Value>, at: String) {
        match template {
            Value::String(s) => match placeholder(s) {
                Some(id) => {
                    let value = (at, as_text(actual));
                    self.found.insert(id.to_string(), value);
                }
                None if !s.contains('{') => *self.hold &= as_text(actual) == *s,
                None => {}
            },
            Value::Object(map) => {
                for (key, t) in map {
                    let next = format!("{at}/{}", escape(key));
                    self.read(t, actual.and_then(|a| a.get(key)), next);
                }
            }
            Value::Array(items) => {
                for (i, t) in items.iter().enumerate() {
                    self.read(t, actual.and_then(|a| a.get(i)), format!("{at}/{i}"));
                }
            }
            other => *self.hold &= actual == Some(other),
        }
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
        parsed.descriptor.unwrap_or_else(|| panic!("{:?}", parsed.diagnostics))
    }

    #[test]
    fn reads_the_body_back_through_the_template() {
        let d = descriptor();
        let q = BTreeMap::new();
        let ok = json!({"a": {"hphm": "浙A12345"}, "n": 12, "t": "01"});
        assert_eq!(check(&d, &ok, &q), Ok(()));
        let bad_plate = json!({"a": {"hphm": "A1"}, "n": "1", "t": "01"});
        let Err(Refusal::Inputs(fields)) = check(&d, &bad_plate, &q) else {
            panic!("a bad plate passes");
        };
        assert_eq!(fields.len(), 1);
        assert_eq!(
            (fields[0].path.as_str(), fields[0].code, fields[0].input.as_deref()),
            ("/a/hphm", "plate.province", Some("plate"))
        );
        let missing = json!({"a": {"hphm": "x"}, "t": "01"});
        let Err(refusal) = check(&d, &missing, &q) else {
            panic!("a missing input passes");
        };
        assert_eq!(refusal.input(), "plate");
        let Refusal::Inputs(fields) = refusal else {
            panic!("not an input refusal");
        };
        assert_eq!(fields[1].path, "/n");
        assert_eq!(fields[1].code, "required");
        assert_eq!(fields[1].message, "This field is required");
        let constant = json!({"a": {"hphm": "浙A12345"}, "n": "1", "t": "02"});
        assert_eq!(check(&d, &constant, &q), Err(Refusal::Constant));
        assert_eq!(placeholder("{a}{b}"), None);
    }
}
