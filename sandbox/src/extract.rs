//! Request extractors that fail with [`ApiError`]s in the platform's JSON shape.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The header a client may send to name its city: for a shared (`/hub/...`) first list, or a
/// platform payment without a `city` field.
pub const CITY_HEADER: &str = "x-citypanel-city";

/// A JSON request body, read whatever its content type; failures become [`ApiError`]s
/// (413 past the body limit, 408 when it does not arrive within the body timeout, 400 for
/// anything unreadable).
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(body_error)?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| ApiError::BadRequest(format!("invalid json body: {e}")))
    }
}

/// A request body that could not be read, as the platform's error: 413 past the body limit,
/// 408 when it did not arrive within the body timeout, 400 otherwise.
pub fn body_error(e: BytesRejection) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge("request body is larger than 64 kib".into())
    } else if crate::server::body::is_body_timeout(&e) {
        ApiError::Timeout("body_timeout", "the request body did not arrive in time".into())
    } else {
        ApiError::BadRequest("request body could not be read".into())
    }
}

/// The header naming a retry-safe request.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The `Idempotency-Key` header: required, 8–128 characters of `[A-Za-z0-9_-]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let bad = |message: String| ApiError::BadHeader("invalid_idempotency_key", message);
        let Some(value) = parts.headers.get(IDEMPOTENCY_KEY) else {
            return Err(bad("header `idempotency-key` is required".into()));
        };
        let Ok(text) = value.to_str() else {
            return Err(bad("header `idempotency-key` must be ascii".into()));
        };
        let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if (8..=128).contains(&text.len()) && text.chars().all(allowed) {
            Ok(IdempotencyKey(text.to_string()))
        } else {
            let shown: String = text.chars().take(140).collect();
            Err(bad(format!(
                "header `idempotency-key` must be 8 to 128 characters of `[A-Za-z0-9_-]`, got `{shown}`"
            )))
        }
    }
}

/// A query string as a JSON object of strings, for [`crate::validate::Checker::query`].
#[derive(Debug, Clone)]
pub struct QueryObject(pub serde_json::Value);

impl<S: Send + Sync> FromRequestParts<S> for QueryObject {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        type Pairs = Query<Vec<(String, String)>>;
        let pairs: Result<Pairs, QueryRejection> = Pairs::from_request_parts(parts, state).await;
        let Query(pairs) =
            pairs.map_err(|e| ApiError::BadRequest(format!("invalid query: {}", e.body_text())))?;
        let object: serde_json::Map<String, serde_json::Value> =
            pairs.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect();
        Ok(QueryObject(serde_json::Value::Object(object)))
    }
}
