//! The postMessage envelope of bridge contract v1, as pure data: parsing and shape checks
//! (no web APIs, tested natively).
//!
//! ```json
//! { "citypanel": "1.0", "id": "cp-1", "type": "request", "method": "pay", "payload": { … } }
//! { "citypanel": "1.0", "id": "cp-1", "type": "response", "method": "pay", "payload": "success" }
//! { "citypanel": "1.0", "id": "cp-1", "type": "response", "method": "pay",
//!   "error": { "code": "unsupported", "message": "…" } }
//! { "citypanel": "1.0", "id": "h-1", "type": "event", "method": "hello",
//!   "payload": { "capabilities": ["identity", "pay"] } }
//! { "citypanel": "1.0", "id": "h-2", "type": "event", "method": "notify",
//!   "payload": { "topic": "bill-due", "key": "3301001234", "message": "…" } }
//! ```

use super::contract::{method_name, parse_outcome, OUTCOME_WORDS};
pub use super::contract::{valid_id, MessageType as Kind};
use super::{HostCapability, Identity, BRIDGE_VERSION};
use crate::payment::HostOutcome;
use citypanel_descriptor::map::Map;
use serde_json::{json, Value};

/// A message that passed the shape check.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    pub id: String,
    pub kind: Kind,
    pub method: &'static str,
    /// `payload`, or `null` when absent.
    pub payload: Value,
    /// `error` of a response: (code, message).
    pub error: Option<(String, String)>,
}

/// Why a message was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Not a citypanel message at all (no `citypanel` key): someone else's traffic.
    #[error("not a citypanel message")]
    Foreign,
    #[error("unsupported bridge version `{0}` (expected `1.x`)")]
    Version(String),
    #[error("`{field}` {problem}")]
    Shape { field: &'static str, problem: String },
}

fn shape(field: &'static str, problem: impl Into<String>) -> Rejection {
    Rejection::Shape { field, problem: problem.into() }
}

/// Checks one incoming message's shape.
pub fn parse_envelope(data: &Value) -> Result<Envelope, Rejection> {
    let obj = data.as_object().ok_or(Rejection::Foreign)?;
    let version = obj.get("citypanel").ok_or(Rejection::Foreign)?;
    let version = version.as_str().ok_or_else(|| Rejection::Version(version.to_string()))?;
    if version.split('.').next() != Some("1") {
        return Err(Rejection::Version(version.to_string()));
    }
    let id =
        obj.get("id").and_then(Value::as_str).ok_or_else(|| shape("id", "must be a string"))?;
    if !valid_id(id) {
        return Err(shape(
            "id",
            format!(
                "`{}` is not 1–64 characters of [A-Za-z0-9_.:-]",
                id.chars().take(80).collect::<String>()
            ),
        ));
    }
    let kind = obj.get("type").and_then(Value::as_str);
    let kind = kind.and_then(Kind::parse).ok_or_else(|| {
        shape(
            "type",
            format!("must be `request`, `response` or `event`, got `{}`", kind.unwrap_or("(none)")),
        )
    })?;
    let method = obj
        .get("method")
        .and_then(Value::as_str)
        .ok_or_else(|| shape("method", "must be a string"))?;
    let method = method_name(method).ok_or_else(|| {
        shape(
            "method",
            format!("`{}` is not a v1 method", method.chars().take(40).collect::<String>()),
        )
    })?;
    let error = match obj.get("error") {
        None | Some(Value::Null) => None,
        Some(Value::Object(e)) if kind == Kind::Response => {
            let code = e
                .get("code")
                .and_then(Value::as_str)
                .ok_or_else(|| shape("error.code", "must be a string"))?;
            let message = e.get("message").and_then(Value::as_str).unwrap_or_default();
            Some((code.chars().take(64).collect(), message.chars().take(500).collect()))
        }
        Some(_) if kind != Kind::Response => {
            return Err(shape("error", "is only allowed on a response"))
        }
        Some(_) => return Err(shape("error", "must be an object `{ code, message }`")),
    };
    for key in obj.keys() {
        if !["citypanel", "id", "type", "method", "payload", "error"].contains(&key.as_str()) {
            return Err(shape(
                "envelope",
                format!("has an unknown key `{}`", key.chars().take(40).collect::<String>()),
            ));
        }
    }
    Ok(Envelope {
        id: id.to_string(),
        kind,
        method,
        payload: obj.get("payload").cloned().unwrap_or(Value::Null),
        error,
    })
}

/// Builds an outgoing message.
pub fn envelope(id: &str, kind: Kind, method: &str, payload: Value) -> Value {
    json!({ "citypanel": BRIDGE_VERSION, "id": id, "type": kind.as_str(), "method": method, "payload": payload })
}

/// Reads `pay`'s answer: an outcome word, or `{ "outcome": word }`.
pub fn decode_outcome(payload: &Value) -> Result<HostOutcome, String> {
    let word = payload.as_str().or_else(|| payload.get("outcome").and_then(Value::as_str));
    word.and_then(parse_outcome)
        .ok_or_else(|| format!("expected {OUTCOME_WORDS}, got `{}`", short(payload)))
}

/// Reads `identity`'s answer: `{ token?: string, attributes?: { name: string | string[] } }`.
pub fn decode_identity(payload: &Value) -> Result<Identity, String> {
    let obj = payload.as_object().ok_or_else(|| {
        format!("expected an object `{{ token, attributes }}`, got `{}`", short(payload))
    })?;
    let token = match obj.get("token") {
        None | Some(Value::Null) => None,
        Some(Value::String(t)) if !t.is_empty() && t.len() <= 4096 => Some(t.clone()),
        Some(other) => {
            return Err(format!("`token` must be a non-empty string, got `{}`", short(other)))
        }
    };
    let mut attributes = Map::new();
    match obj.get("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Object(a)) => {
            for (k, v) in a {
                let v = match v {
                    Value::String(s) => s.clone(),
                    Value::Array(items) => {
                        items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")
                    }
                    other => {
                        return Err(format!(
                            "attribute `{k}` must be a string or a list of strings, got `{}`",
                            short(other)
                        ))
                    }
                };
                attributes.insert(k.clone(), v);
            }
        }
        Some(other) => {
            return Err(format!("`attributes` must be an object, got `{}`", short(other)))
        }
    }
    Ok(Identity { token, attributes })
}

/// Reads `location`'s answer: a 6-digit city code, or `{ "city": code }`.
pub fn decode_city(payload: &Value) -> Result<String, String> {
    payload
        .as_str()
        .or_else(|| payload.get("city").and_then(Value::as_str))
        .filter(|c| citypanel_descriptor::rules::is_city_code(c))
        .map(str::to_string)
        .ok_or_else(|| format!("expected a 6-digit city code, got `{}`", short(payload)))
}

/// Reads the `hello` event: `{ "capabilities": [..] }`; unknown capabilities are skipped.
pub fn decode_capabilities(payload: &Value) -> Result<Vec<HostCapability>, String> {
    let list = payload
        .get("capabilities")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("expected `{{ capabilities: [..] }}`, got `{}`", short(payload)))?;
    let found: Vec<HostCapability> =
        list.iter().filter_map(Value::as_str).filter_map(HostCapability::parse).collect();
    // Sorted (contract order, as the derived `Ord`) and deduplicated without `sort()`: a
    // stable sort costs several KiB of wasm per element type.
    Ok(HostCapability::ALL.iter().copied().filter(|c| found.contains(c)).collect())
}

/// The payload of a `pay` request.
pub fn pay_payload(order: &super::PayOrder) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("order".into(), order.order.clone().into());
    m.insert("amountFen".into(), order.amount_fen.into());
    m.insert("amount".into(), citypanel_descriptor::rules::format_yuan(order.amount_fen).into());
    m.insert("title".into(), order.title.clone().into());
    m.insert("payee".into(), order.payee.clone().into());
    m.insert("service".into(), order.service.clone().into());
    Value::Object(m)
}

/// Is `s` an exact web origin (`scheme://host[:port]`, no path, query or credentials)?
pub fn valid_origin(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else { return false };
    if !matches!(scheme, "http" | "https") || rest.is_empty() {
        return false;
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (h, Some(p)),
        _ => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.[]:".contains(&b))
        && host.bytes().any(|b| b.is_ascii_alphanumeric());
    let port_ok = port.is_none_or(|p| {
        p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n > 0)
    });
    host_ok && port_ok
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}
