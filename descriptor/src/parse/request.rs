//! `request` (top level and per-city overrides).

use super::inputs::Names;
use super::placeholders;
use crate::diag::{join, Collector};
use crate::map::Map;
use crate::model::{Method, PiiClass, RequestSpec, ServiceKind, DEFAULT_TIMEOUT_MS};
use crate::raw::RawRequest;
use serde_json::Value as Json;

/// Headers a descriptor may not set (the platform owns them).
pub const FORBIDDEN_HEADERS: [&str; 3] = ["authorization", "cookie", "host"];
/// Longest allowed `cache_ttl_s`: one day.
pub const MAX_CACHE_TTL_S: i64 = 86_400;

pub(crate) fn request(
    raw: &RawRequest,
    p: &str,
    names: &Names,
    kind: Option<ServiceKind>,
    c: &mut Collector,
) -> Option<RequestSpec> {
    c.extra(&raw.extra, p);
    let method = c.req(&raw.method, p, "method").copied();
    let body = c.opt(&raw.body, p, "body").cloned();
    if let Some(b) = &body {
        if c.publish() && method == Some(Method::Get) {
            c.error(&join(p, "body"), "body-on-get", "a `GET` request cannot have a body");
        }
        check_templates(b, &join(p, "body"), names, c);
    }
    let mut query = Map::new();
    for (k, t) in c.opt(&raw.query, p, "query").into_iter().flatten() {
        let qp = join(&join(p, "query"), k);
        let Some(t) = c.lenient(t, &qp) else { continue };
        for name in placeholders(t) {
            if super::brace_in_placeholder(name, t, &qp, c) {
                continue;
            }
            if names.known(name, &qp, "template", c) && names.pii(name) != PiiClass::None {
                c.error(&qp, "pii-in-query", format!("input `{name}` is personal data (`{}`) and may only travel in a request body", names.pii(name)));
            }
        }
        query.insert(k.clone(), t.clone());
    }
    let mut headers = Map::new();
    for (name, value) in c.opt(&raw.headers, p, "headers").into_iter().flatten() {
        let hp = join(&join(p, "headers"), name);
        let Some(value) = c.lenient(value, &hp) else { continue };
        if header_ok(name, value, &hp, c) {
            headers.insert(name.clone(), value.clone());
        }
    }
    let timeout_ms = match c.opt(&raw.timeout_ms, p, "timeout_ms") {
        None => Some(DEFAULT_TIMEOUT_MS),
        Some(n) => c.ranged(*n, 100, 60_000, &join(p, "timeout_ms"), "milliseconds"),
    };
    let cache_ttl_s = match c.opt(&raw.cache_ttl_s, p, "cache_ttl_s") {
        None => Some(0),
        Some(n) => {
            let path = join(p, "cache_ttl_s");
            let ttl = c.ranged(*n, 0, MAX_CACHE_TTL_S, &path, "seconds");
            match kind {
                Some(k) if k != ServiceKind::Query && *n > 0 => {
                    c.error(
                        &path,
                        "range",
                        format!(
                            "`{n}` must be 0: only `query` answers may be cached, not `{k}` ones"
                        ),
                    );
                    None
                }
                _ => ttl,
            }
        }
    };
    Some(RequestSpec {
        method: method?,
        body,
        query,
        headers,
        timeout_ms: timeout_ms?,
        cache_ttl_s: cache_ttl_s?,
    })
}

/// A header name is an HTTP token, not one the platform owns; a value is literal text.
fn header_ok(name: &str, value: &str, path: &str, c: &mut Collector) -> bool {
    let token = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    let reason = if !token {
        Some(format!("`{name}` is not a header name"))
    } else if FORBIDDEN_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        Some(format!("header `{name}` is set by the platform and not allowed in a descriptor"))
    } else if !placeholders(value).is_empty() {
        Some(format!("header `{name}` contains a placeholder; header values are literal"))
    } else if value.chars().any(char::is_control) {
        Some(format!("header `{name}` contains a control character"))
    } else {
        None
    };
    if let Some(r) = &reason {
        c.error(path, "header", r.clone());
    }
    reason.is_none()
}

/// Every `{placeholder}` in the body names an input.
fn check_templates(v: &Json, path: &str, names: &Names, c: &mut Collector) {
    match v {
        Json::String(s) => {
            for name in placeholders(s) {
                if !super::brace_in_placeholder(name, s, path, c) {
                    names.known(name, path, "template", c);
                }
            }
        }
        Json::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| check_templates(x, &format!("{path}/{i}"), names, c)),
        Json::Object(m) => m.iter().for_each(|(k, x)| check_templates(x, &join(path, k), names, c)),
        _ => {}
    }
}
