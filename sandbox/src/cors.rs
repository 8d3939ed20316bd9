//! CORS for the configured host origins only (`--allow-origin`, exact match, never `*`).
//! Allowed origins get `Access-Control-Allow-Origin` echoed and their preflights answered
//! `204`; other origins get no CORS headers and a `403` preflight. `/admin` is never open.
//! Every other response says `Vary: origin`, with or without an `Origin` in the request, so
//! a shared cache never hands one origin's copy (with or without its CORS headers) to another.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::validate::shown;

/// The methods a preflight allows.
pub const ALLOW_METHODS: &str = "GET, POST, DELETE";
/// The request headers a preflight allows.
pub const ALLOW_HEADERS: &str = "content-type, idempotency-key, authorization, x-citypanel-city";
/// The response headers a page may read.
pub const EXPOSE_HEADERS: &str = "etag, location, retry-after, x-request-id, idempotent-replayed";

/// The allowed origins; cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Origins(Arc<Vec<String>>);

impl Origins {
    /// Allows exactly these origins.
    pub fn new(origins: Vec<String>) -> Origins {
        Origins(Arc::new(origins))
    }

    /// The allowed origins, as configured.
    pub fn list(&self) -> &[String] {
        &self.0
    }

    fn allows(&self, origin: &str) -> bool {
        self.0.iter().any(|allowed| allowed == origin)
    }
}

fn vary(response: &mut Response) {
    let value = HeaderValue::from_static(
        "origin, access-control-request-method, access-control-request-headers",
    );
    response.headers_mut().append(header::VARY, value);
}

/// The CORS middleware.
pub async fn cors(State(origins): State<Origins>, request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).cloned();
    let admin = request.uri().path().starts_with("/admin/");
    let Some(origin) = origin.filter(|_| !admin) else {
        let mut response = next.run(request).await;
        if !admin {
            // Another origin's request gets other headers: a cache must key on it.
            response.headers_mut().append(header::VARY, HeaderValue::from_static("origin"));
        }
        return response;
    };
    let allowed = origin.to_str().is_ok_and(|o| origins.allows(o));
    let preflight = request.method() == Method::OPTIONS
        && request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if preflight && allowed {
        let headers = [
            (header::ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS),
            (header::ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS),
            (header::ACCESS_CONTROL_MAX_AGE, "600"),
        ];
        (StatusCode::NO_CONTENT, headers).into_response()
    } else if preflight {
        let text = String::from_utf8_lossy(origin.as_bytes()).to_string();
        let message = format!("origin `{}` is not allowed", shown(&text.into()));
        ApiError::Forbidden(message).into_response()
    } else {
        next.run(request).await
    };
    if allowed {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        let expose = HeaderValue::from_static(EXPOSE_HEADERS);
        headers.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, expose);
    }
    vary(&mut response);
    response
}
