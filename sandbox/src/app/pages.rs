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
//! `--allow-origin` may frame too (without any, its declared `host`); the panel then also
//! checks that its parent is exactly the `host` it was given.

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

/// Every directive but `frame-src` and `frame-ancestors`, which depend on the page.
pub const POLICY: &str = "default-src 'none'; \
script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; \
img-src 'self' data:; \
font-src 'self'; \
connect-src 'self'; \
form-action 'self'; \
base-uri 'none'; \
object-src 'none'";

/// The first non-empty value of query parameter `name`, percent-decoded as `URLSearchParams`
/// (what `app/src/main.rs` reads) does.
fn param(query: Option<&str>, name: &str) -> Option<String> {
    query.unwrap_or("").split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (!value.is_empty() && decoded(key) == name).then(|| decoded(value))
    })
}

/// Whether the request asks for the iframe entry: a `frame` query parameter with a value.
pub fn is_frame_entry(query: Option<&str>) -> bool {
    param(query, "frame").is_some()
}

/// The iframe entry's declared host (`host=`), if it is an exact `http(s)://host[:port]` origin
/// in lowercase — nothing else may reach the header.
pub fn declared_host(query: Option<&str>) -> Option<String> {
    exact_origin(param(query, "host")?)
}

/// `host` if it is an exact `http(s)://host[:port]` origin in lowercase.
fn exact_origin(host: String) -> Option<String> {
    let rest = host.strip_prefix("https://").or_else(|| host.strip_prefix("http://"))?;
    let (name, port) = rest.split_once(':').unwrap_or((rest, ""));
    let name_ok = !name.is_empty()
        && name.len() <= 253
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    let port_ok = !rest.contains(':')
        || (!port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()));
    (name_ok && port_ok).then_some(host)
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

/// What a page may frame: this origin; a demo host page (`/embed/hosts/…`) also the platform
/// it is told to load its panel from (`?panel=<origin>`, messenger.html).
pub fn frame_src(path: &str, query: Option<&str>) -> String {
    let panel = path
        .starts_with("/embed/hosts/")
        .then(|| param(query, "panel").and_then(exact_origin))
        .flatten();
    match panel {
        Some(origin) => format!("frame-src 'self' {origin}"),
        None => "frame-src 'self'".into(),
    }
}

/// Who may frame a page: this origin; for the iframe entry also the `--allow-origin` hosts or,
/// when none are configured (development), the host it declares — the browser then enforces
/// the bridge's own rule (its parent is exactly `host`) everywhere, not only where
/// `location.ancestorOrigins` exists.
pub fn policy(frame_entry: bool, declared: Option<&str>, origins: &Origins) -> String {
    let mut ancestors = String::from("'self'");
    if frame_entry {
        let listed: Vec<&str> = origins.list().iter().map(String::as_str).collect();
        let allowed = if listed.is_empty() { declared.into_iter().collect() } else { listed };
        for origin in allowed {
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
    let declared = declared_host(request.uri().query());
    let frames = frame_src(&path, request.uri().query());
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
        if let Ok(value) =
            HeaderValue::from_str(&policy(frame_entry, declared.as_deref(), &origins).replacen(
                "; frame-ancestors",
                &format!("; {frames}; frame-ancestors"),
                1,
            ))
        {
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
    fn only_an_exact_origin_is_a_declared_host() {
        let host = |q: &str| declared_host(Some(q));
        assert_eq!(
            host("frame=1&host=https%3A%2F%2Fwallet.example").as_deref(),
            Some("https://wallet.example")
        );
        assert_eq!(host("host=http://localhost:8080").as_deref(), Some("http://localhost:8080"));
        for q in [
            "host=https://wallet.example/",
            "host=https://wallet.example%3B%20script-src%20*",
            "host=https://wallet.example%20https://evil.example",
            "host=https://Wallet.example",
            "host=https://wallet.example:",
            "host=https://wallet.example:123456",
            "host=ftp://wallet.example",
            "host=*",
            "host=",
        ] {
            assert_eq!(host(q), None, "{q}");
        }
    }

    #[test]
    fn a_demo_host_may_frame_the_panel_origin_it_is_given() {
        let q = Some("panel=http%3A%2F%2F127.0.0.1%3A8080");
        assert_eq!(
            frame_src("/embed/hosts/messenger.html", q),
            "frame-src 'self' http://127.0.0.1:8080"
        );
        assert_eq!(frame_src("/", q), "frame-src 'self'");
        assert_eq!(frame_src("/embed/hosts/messenger.html", Some("panel=*")), "frame-src 'self'");
    }

    #[test]
    fn only_the_frame_entry_may_be_framed_by_allowed_hosts() {
        let origins = Origins::new(vec!["https://wallet.example".into()]);
        let page = policy(false, Some("https://evil.example"), &origins);
        assert!(page.ends_with("frame-ancestors 'self'"), "{page}");
        let frame = policy(true, Some("https://evil.example"), &origins);
        assert!(frame.ends_with("frame-ancestors 'self' https://wallet.example"), "{frame}");
        // Development (no list): the declared host, which the bridge requires as the parent.
        let open = policy(true, Some("http://localhost:8080"), &Origins::default());
        assert!(open.ends_with("frame-ancestors 'self' http://localhost:8080"), "{open}");
        let none = policy(true, None, &Origins::default());
        assert!(none.ends_with("frame-ancestors 'self'"), "{none}");
        for directive in
            ["script-src 'self' 'wasm-unsafe-eval';", "object-src 'none';", "base-uri 'none';"]
        {
            assert!(frame.contains(directive), "{directive}");
        }
        assert!(!frame.contains("unsafe-inline"));
    }
}
