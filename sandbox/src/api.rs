//! The city platform's public API: health, readiness, cities, catalogs and descriptors.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use crate::error::{self, ApiError};
use crate::{bookings, me, orders, subscriptions, AppState};

/// The `/healthz` and `/readyz` routes and the `/api/v1` routes (unknown `/api` paths
/// answer error JSON).
pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/v1/cities", get(cities))
        .route("/v1/cities/{code}/catalog", get(catalog))
        .route("/v1/cities/{code}/services/{id}", get(service))
        .merge(orders::router())
        .merge(bookings::router())
        .merge(subscriptions::router())
        .merge(me::router())
        .fallback(error::not_found);
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz)).nest("/api", v1)
}

async fn healthz() -> &'static str {
    "ok"
}

/// `ready` once the database answers; `503 not_ready` otherwise.
async fn readyz(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    match state.db.ready().await {
        Ok(_) => Ok("ready"),
        Err(error) => {
            tracing::error!(%error, "readiness check failed");
            let message = "the platform database does not answer".to_string();
            Err(ApiError::Unavailable("not_ready", message))
        }
    }
}

async fn cities(State(state): State<AppState>) -> Json<Vec<Value>> {
    Json(state.catalog.cities())
}

async fn catalog(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(code) = path.map_err(bad_path)?;
    match state.published.catalog(&code) {
        Some(entry) => Ok(entry.respond(&headers)),
        None => Err(ApiError::NotFound(format!("no city `{code}`"))),
    }
}

async fn service(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path((code, id)) = path.map_err(bad_path)?;
    if !state.catalog.has_city(&code) {
        return Err(ApiError::NotFound(format!("no city `{code}`")));
    }
    match state.published.descriptor(&code, &id) {
        Some(entry) => Ok(entry.respond(&headers)),
        None => Err(ApiError::NotFound(format!("no service `{id}` in city `{code}`"))),
    }
}

/// A path that could not be decoded, as a 400.
pub fn bad_path(rejection: PathRejection) -> ApiError {
    ApiError::BadRequest(format!("invalid path: {}", rejection.body_text().to_lowercase()))
}
