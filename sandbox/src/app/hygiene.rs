//! Request hygiene before any route: a query string must decode to UTF-8, and a
//! state-changing request must be one a simple cross-site form or `no-cors` fetch cannot
//! send (JSON, or the SDK's `x-citypanel-city` header, both of which need a CORS preflight).

use axum::extract::Request;
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The header every SDK request carries (`components/src/transport.rs`).
pub const SDK_HEADER: &str = "x-citypanel-city";

/// The path prefixes whose state-changing routes are guarded.
const GUARDED: [&str; 4] = ["/api/", "/platform/", "/dept/", "/hub/"];

/// The hygiene middleware.
pub async fn hygiene(request: Request, next: Next) -> Response {
    if let Some(query) = request.uri().query() {
        if let Err(error) = check_query(query) {
            return error.into_response();
        }
    }
    if let Err(error) = check_state_change(&request) {
        return error.into_response();
    }
    next.run(request).await
}

fn hex(byte: u8) -> Option<u8> {
    char::from(byte).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// Percent-decodes `raw` (`+` is a space) into bytes.
fn decode(raw: &str) -> Vec<u8> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    out
}

/// `400 invalid_query` when a name or value of `query` is not UTF-8 once decoded.
pub fn check_query(query: &str) -> Result<(), ApiError> {
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let Ok(name) = String::from_utf8(decode(name)) else {
            let message = "a query parameter name is not valid utf-8 once percent-decoded";
            return Err(ApiError::BadHeader("invalid_query", message.into()));
        };
        if String::from_utf8(decode(value)).is_err() {
            let shown: String = name.chars().filter(|c| !c.is_control()).take(64).collect();
            let message =
                format!("query parameter `{shown}` is not valid utf-8 once percent-decoded");
            return Err(ApiError::BadHeader("invalid_query", message));
        }
    }
    Ok(())
}

/// `415 unsupported_media_type` for a POST, PUT or PATCH on a guarded prefix that is
/// neither `application/json` nor carries [`SDK_HEADER`]. DELETE is not guarded: no form
/// and no `no-cors` fetch can send it, so a cross-site DELETE always needs a preflight, which
/// [`crate::cors`] refuses for unlisted origins (and a body-less DELETE has no content type).
pub fn check_state_change(request: &Request) -> Result<(), ApiError> {
    let changes = matches!(*request.method(), Method::POST | Method::PUT | Method::PATCH);
    let path = request.uri().path();
    if !changes || !GUARDED.iter().any(|prefix| path.starts_with(prefix)) {
        return Ok(());
    }
    let headers = request.headers();
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
    if json || headers.contains_key(SDK_HEADER) {
        return Ok(());
    }
    Err(ApiError::UnsupportedMediaType(format!(
        "`{}` on `{path}` needs `content-type: application/json` or the `{SDK_HEADER}` header",
        request.method()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        assert!(check_query("user=u-1&city=330100").is_ok());
        assert!(check_query("user=%E5%BC%A0&x=%&y=%2").is_ok());
        assert!(check_query("a+b=c+d&flag").is_ok());
        let error = check_query("city=1&user=%FF").expect_err("invalid");
        assert_eq!((error.code(), error.status().as_u16()), ("invalid_query", 400));
        assert!(error.to_string().contains("`user`"), "{error}");
        assert!(check_query("%C3=1").is_err());
    }
}
