//! Request building: from validated values to the department call.

use crate::map::Map;
use crate::model::{Descriptor, Method};
use serde_json::Value as Json;
use thiserror::Error;

pub use crate::model::DEFAULT_MAX_LENGTH as MAX_TEXT;
pub use crate::validate::{
    validate_all, validate_all_on, validate_value, validate_value_on, FieldError,
};

/// A department call ready for the transport.
#[derive(Debug, Clone, PartialEq)]
pub struct BuiltRequest {
    pub method: Method,
    /// Path relative to the platform, with the query string (never carrying PII).
    pub path: String,
    pub body: Option<Json>,
    /// Extra headers from the descriptor, in name order.
    pub headers: Vec<(String, String)>,
    pub timeout_ms: u32,
    /// Seconds the same request may be answered from cache (0 = never).
    pub cache_ttl_s: u32,
    /// Whether the transport must add an `Idempotency-Key` header (generated once per attempt,
    /// reused for its retries). True for every non-query service.
    pub idempotency_key: bool,
}

/// Why a request cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RequestError {
    #[error("service `{service}` is not offered in city `{city}`")]
    CityNotServed { service: String, city: String },
}

/// Builds the department request for `city` from validated values, using the city's request
/// override when it has one. Missing values (hidden or optional inputs) fill as `""`.
pub fn build_request(
    d: &Descriptor,
    city: &str,
    values: &Map<String>,
) -> Result<BuiltRequest, RequestError> {
    let not_served =
        || RequestError::CityNotServed { service: d.id.clone(), city: city.to_string() };
    let binding = d.city(city).ok_or_else(not_served)?;
    let spec = binding.request.as_ref().unwrap_or(&d.request);
    let mut path = binding.endpoint.clone();
    let mut sep = '?';
    for (k, template) in &spec.query {
        path.push(sep);
        sep = '&';
        path.push_str(&encode(k));
        path.push('=');
        path.push_str(&encode(&fill(template, values)));
    }
    Ok(BuiltRequest {
        method: spec.method,
        path,
        body: spec.body.as_ref().map(|b| fill_json(b, values)),
        headers: spec.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        timeout_ms: spec.timeout_ms,
        cache_ttl_s: spec.cache_ttl_s,
        idempotency_key: !d.is_idempotent(),
    })
}

/// Replaces `{name}` placeholders with values (unknown names → `""`); text without a closing
/// brace stays as is.
pub fn fill(template: &str, values: &Map<String>) -> String {
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

fn fill_json(v: &Json, values: &Map<String>) -> Json {
    match v {
        Json::String(s) => Json::String(fill(s, values)),
        Json::Array(a) => Json::Array(a.iter().map(|x| fill_json(x, values)).collect()),
        Json::Object(m) => {
            // An insert loop, not `collect()` (which sorts: a stable sort instantiated per call
            // site in the wasm bundle); the keys are unique already.
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                out.insert(k.clone(), fill_json(x, values));
            }
            Json::Object(out)
        }
        other => other.clone(),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode(s: &str) -> String {
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
        let v: Map<String> = [("a".to_string(), "1".to_string())].into();
        assert_eq!(fill("x{a}y{b}z{", &v), "x1yz{");
        assert_eq!(encode("浙 A&"), "%E6%B5%99%20A%26");
    }
}
