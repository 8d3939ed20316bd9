//! The platform's error type and its one JSON shape:
//! `{"error":{"code":"not_found","message":"no service `x` in city `330100`"}}`, plus
//! `"fields":[{"path","code","message"}]` for validation errors only.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::json;
use thiserror::Error;

use crate::db::DbError;

pub use crate::extract::JsonBody;

/// One invalid field of a request: a JSON pointer, a stable code and a lowercase message
/// naming the offending value in backticks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON pointer into the body (or `/name` for a query parameter), e.g. `/amount_fen`.
    pub path: String,
    /// Stable code, e.g. `required`, `type`, `format`, `range`, `unknown_field`.
    pub code: &'static str,
    /// Lowercase explanation, e.g. "amount_fen must be from 1 to 100000000, got `0`"
    /// (for a descriptor input, the rule's English message).
    pub message: String,
    /// The descriptor input id, for errors found by a service descriptor's rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

/// An error answered by the platform routes. The message is lowercase, values in backticks.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ApiError {
    /// 400: the request could not be read (malformed JSON, bad path).
    #[error("{0}")]
    BadRequest(String),
    /// 400 with its own code, e.g. `invalid_idempotency_key`.
    #[error("{1}")]
    BadHeader(&'static str, String),
    /// 401 with its own code, e.g. `invalid_token`, `expired_token`, `missing_token`.
    #[error("{1}")]
    Unauthorized(&'static str, String),
    /// 403: the route or origin is not open to this peer.
    #[error("{0}")]
    Forbidden(String),
    /// 403 with its own code, e.g. `wrong_user`.
    #[error("{1}")]
    Denied(&'static str, String),
    /// 404: no such city, service, order, slot, booking, subscription or route.
    #[error("{0}")]
    NotFound(String),
    /// 405: the route exists but not for this method.
    #[error("{0}")]
    MethodNotAllowed(String),
    /// 408 with its own code, e.g. `body_timeout`: the client did not send in time.
    #[error("{1}")]
    Timeout(&'static str, String),
    /// 409 with its own code, e.g. `idempotency_mismatch`, `already_paid`, `slot_full`.
    #[error("{1}")]
    Conflict(&'static str, String),
    /// 409 `payment_in_progress`: another order of the same bill is being paid (`processing`).
    /// When that order is the caller's own (begun before a reload, in another tab, on another
    /// device), the answer names it (`"order"`) so the panel reconciles it instead of paying
    /// twice; someone else's order is not named.
    #[error("reference `{reference}` is being paid by {}; wait for its outcome", order.as_deref().map_or("another order".to_string(), |o| format!("order `{o}`")))]
    InFlight { reference: String, order: Option<String> },
    /// 410 with its own code, e.g. `hold_expired`.
    #[error("{1}")]
    Gone(&'static str, String),
    /// 413: the request body is larger than the limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 415: a state-changing request that a plain cross-site form could send.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 422: the body or query was read but some fields are invalid.
    #[error("{}", summary(.0))]
    Invalid(Vec<FieldError>),
    /// 500: the server failed on its own side.
    #[error("{0}")]
    Internal(String),
    /// 503 with its own code, e.g. `maintenance`, `not_ready`, `shutting_down`.
    #[error("{1}")]
    Unavailable(&'static str, String),
}

fn summary(fields: &[FieldError]) -> String {
    match fields {
        [one] => format!("invalid field `{}`: {}", one.path, one.message),
        many => format!("{} fields are invalid", many.len()),
    }
}

impl ApiError {
    /// The stable machine-readable code, e.g. `not_found`.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest(_) => "bad_request",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not_found",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::PayloadTooLarge(_) => "payload_too_large",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::Invalid(_) => "validation_failed",
            ApiError::Internal(_) => "internal",
            ApiError::InFlight { .. } => "payment_in_progress",
            ApiError::BadHeader(code, _)
            | ApiError::Unauthorized(code, _)
            | ApiError::Denied(code, _)
            | ApiError::Timeout(code, _)
            | ApiError::Conflict(code, _)
            | ApiError::Gone(code, _)
            | ApiError::Unavailable(code, _) => code,
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) | ApiError::BadHeader(..) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(..) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::Denied(..) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Timeout(..) => StatusCode::REQUEST_TIMEOUT,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict(..) | ApiError::InFlight { .. } => StatusCode::CONFLICT,
            ApiError::Gone(..) => StatusCode::GONE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ApiError::Unavailable(..) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// A 422 with a single field error.
    pub fn field(path: &str, code: &'static str, message: String) -> ApiError {
        let path = path.to_string();
        ApiError::Invalid(vec![FieldError { path, code, message, input: None }])
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut error = json!({ "code": self.code(), "message": self.to_string() });
        match &self {
            ApiError::Invalid(fields) => error["fields"] = json!(fields),
            ApiError::InFlight { order: Some(order), .. } => error["order"] = json!(order),
            _ => {}
        }
        let mut response = (self.status(), Json(json!({ "error": error }))).into_response();
        if matches!(self, ApiError::Unavailable(..)) {
            let retry = HeaderValue::from_static("30");
            response.headers_mut().insert(header::RETRY_AFTER, retry);
        }
        if matches!(self, ApiError::Timeout(..)) {
            // The rest of a late body may still come: the connection is not reused.
            let close = HeaderValue::from_static("close");
            response.headers_mut().insert(header::CONNECTION, close);
        }
        response
    }
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> ApiError {
        if let DbError::NotOnPostgres = error {
            return ApiError::Unavailable("not_on_postgres", error.to_string());
        }
        tracing::error!(%error, "database failure");
        ApiError::Internal("the platform database failed; try again".into())
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> ApiError {
        ApiError::from(DbError::Sqlite(error))
    }
}

/// The fallback for unknown routes.
pub async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("no route `{}`", uri.path()))
}

/// The fallback for a known route called with the wrong method.
pub async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!("method `{method}` is not allowed on `{}`", uri.path()))
}
