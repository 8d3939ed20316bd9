//! Security headers of the pages served from `--dist` (the demo gallery, the quickstart, the
//! demo hosts and the iframe entry `/?frame=1&host=…`): a strict Content-Security-Policy, and
//! `nosniff` on every static file. The platform's own routes (`/api/`, `/platform/`, …) set
//! their own headers.
//!
//! The policy (see `docs/embedding.md#content-security-policy`): scripts only from this origin
//! (`'wasm-unsafe-eval'` lets the page compile the wasm; no inline script, no `eval`), styles
//! only from stylesheets (the panels set their theme through the CSSOM, which a policy does not
//! govern), requests, images and frames only to this origin, no plugins, no `<base>`. No
//! Trusted Types: Leptos 0.8 fills its `<template>`s through `innerHTML` with plain strings
//! (tachys `renderer/dom.rs`), which `require-trusted-types-for 'script'` refuses. A page may
//! be framed by this origin only — except the iframe entry, which the hosts allowed by
//! `--allow-origin` may frame too (the panel then also checks that its parent is exactly the
//! `host` it was given).

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::cors::Origins;

/// The prefixes of the platform's own routes; everything else may be a static file.
pub const API_PREFIXES: [&str; 5] = ["/api/", "/dept/", "/hub/", "/platform/", "/admin/"];

/// Whether `path` is one of the platform's own routes.
pub fn api_path(path: &str) -> bool {
    API_PREFIXES.iter().any(|p| path.starts_with(p))
}

/// Every directive but `frame-ancestors`.
pub const POLICY: &str = "default-src 'none'; \
script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; \
img-src 'self' data:; \
font-src 'self'; \
connect-src 'self'; \
frame-src 'self'; \
form-action 'self'; \
base-uri 'none'; \
object-src 'none'";

/// Whether the request asks for the iframe entry: a `frame` query parameter with a value
/// (what `app/src/main.rs` reads, percent-decoded as `URLSearchParams` does).
pub fn is_frame_entry(query: Option<&str>) -> bool {
    query.unwrap_or("").split('&').any(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        !value.is_empty() && decoded(key) == "frame"
    })
}

/// `text` with `%XX` escapes and `+` decoded (bytes that do not form UTF-8 stay replaced).
fn decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
                continue;
            }
            (b'+', _, _) => out.push(b' '),
            (b, _, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The full policy of a page: [`POLICY`] and who may frame it.
pub fn policy(frame_entry: bool, origins: &Origins) -> String {
    let mut ancestors = String::from("'self'");
    if frame_entry {
        for origin in origins.list() {
            ancestors.push(' ');
            ancestors.push_str(origin);
        }
    }
    format!("{POLICY}; frame-ancestors {ancestors}")
}

/// Adds the policy to HTML pages served from `--dist`, and `nosniff` to every static file.
pub async fn page_headers(
    State(origins): State<Origins>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let frame_entry = is_frame_entry(request.uri().query());
    let mut response = next.run(request).await;
    if api_path(&path) {
        return response;
    }
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if html {
        if let Ok(value) = HeaderValue::from_str(&policy(frame_entry, &origins)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_frame_entry_is_recognised_as_the_app_reads_it() {
        for q in ["frame=1", "city=330100&frame=1&host=x", "fr%61me=1", "frame=yes"] {
            assert!(is_frame_entry(Some(q)), "{q}");
        }
        for q in ["", "frame=", "frame", "frames=1", "host=frame%3D1", "%"] {
            assert!(!is_frame_entry(Some(q)), "{q}");
        }
        assert!(!is_frame_entry(None));
    }

    #[test]
    fn only_the_frame_entry_may_be_framed_by_allowed_hosts() {
        let origins = Origins::new(vec!["https://wallet.example".into()]);
        let page = policy(false, &origins);
        assert!(page.ends_with("frame-ancestors 'self'"), "{page}");
        let frame = policy(true, &origins);
        assert!(frame.ends_with("frame-ancestors 'self' https://wallet.example"), "{frame}");
        for directive in
            ["script-src 'self' 'wasm-unsafe-eval';", "object-src 'none';", "base-uri 'none';"]
        {
            assert!(frame.contains(directive), "{directive}");
        }
        assert!(!frame.contains("unsafe-inline"));
    }
}
