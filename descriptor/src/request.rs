//! Input validation and request building: from what the user typed to the department call.

use crate::model::{Descriptor, Input, InputKind, Method};
use crate::rules::{self, RuleError};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use thiserror::Error;

/// Longest free-text entry accepted.
pub const MAX_TEXT: usize = 200;

/// One input's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub input: String,
    pub error: RuleError,
}

/// Validates one value against its input's kind and `required`; returns the normalized value.
/// An optional input left empty yields `Ok("")`.
pub fn validate_value(input: &Input, raw: &str) -> Result<String, RuleError> {
    if raw.trim().is_empty() {
        return if input.required { Err(RuleError::Empty) } else { Ok(String::new()) };
    }
    match input.kind {
        InputKind::Plate => rules::validate_plate(raw),
        InputKind::EngineTail => rules::validate_engine_tail(raw),
        InputKind::Text => {
            let t = raw.trim();
            if t.chars().count() > MAX_TEXT {
                Err(RuleError::TooLong(t.chars().count(), MAX_TEXT))
            } else {
                Ok(t.to_string())
            }
        }
    }
}

/// Validates every input; returns the normalized values or every field error at once.
pub fn validate_all(d: &Descriptor, values: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>, Vec<FieldError>> {
    let mut ok = BTreeMap::new();
    let mut errors = Vec::new();
    for input in &d.inputs {
        let raw = values.get(&input.id).map(String::as_str).unwrap_or("");
        match validate_value(input, raw) {
            Ok(v) => {
                ok.insert(input.id.clone(), v);
            }
            Err(error) => errors.push(FieldError { input: input.id.clone(), error }),
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(errors)
    }
}

/// A department call ready for the transport.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltRequest {
    pub method: Method,
    /// Path relative to the platform, with the query string (never carrying PII).
    pub path: String,
    pub body: Option<Json>,
    pub timeout_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RequestError {
    #[error("service `{service}` is not offered in city `{city}`")]
    CityNotServed { service: String, city: String },
}

/// Builds the department request for `city` from validated values.
pub fn build_request(d: &Descriptor, city: &str, values: &BTreeMap<String, String>) -> Result<BuiltRequest, RequestError> {
    let binding = d
        .city(city)
        .ok_or_else(|| RequestError::CityNotServed { service: d.id.clone(), city: city.to_string() })?;
    let mut path = binding.endpoint.clone();
    let mut sep = '?';
    for (k, template) in &d.request.query {
        path.push(sep);
        sep = '&';
        path.push_str(&encode(k));
        path.push('=');
        path.push_str(&encode(&fill(template, values)));
    }
    Ok(BuiltRequest {
        method: d.request.method,
        path,
        body: d.request.body.as_ref().map(|b| fill_json(b, values)),
        timeout_ms: d.request.timeout_ms,
    })
}

fn fill(template: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.push_str(values.get(&after[..end]).map(String::as_str).unwrap_or(""));
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn fill_json(v: &Json, values: &BTreeMap<String, String>) -> Json {
    match v {
        Json::String(s) => Json::String(fill(s, values)),
        Json::Array(a) => Json::Array(a.iter().map(|x| fill_json(x, values)).collect()),
        Json::Object(m) => Json::Object(m.iter().map(|(k, x)| (k.clone(), fill_json(x, values))).collect()),
        other => other.clone(),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_placeholders_and_keeps_text() {
        let v: BTreeMap<String, String> = [("a".to_string(), "1".to_string())].into();
        assert_eq!(fill("x{a}y{b}z{", &v), "x1yz{");
        assert_eq!(encode("浙 A&"), "%E6%B5%99%20A%26");
    }
}
