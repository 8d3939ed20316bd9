//! The city platform's public API: health, cities, catalogs and descriptors.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::{self, ApiError};
use crate::AppState;

/// The `/healthz` route and the `/api/v1` routes (unknown `/api` paths answer error JSON).
pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/v1/cities", get(cities))
        .route("/v1/cities/{code}/catalog", get(catalog))
        .route("/v1/cities/{code}/services/{id}", get(service))
        .fallback(error::not_found);
    Router::new()
        .route("/healthz", get(healthz))
        .nest("/api", v1)
}

async fn healthz() -> &'static str {
    "ok"
}

async fn cities(State(state): State<AppState>) -> Json<Vec<Value>> {
    Json(state.catalog.cities())
}

async fn catalog(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(code) = path.map_err(bad_path)?;
    if !state.catalog.has_city(&code) {
        return Err(ApiError::NotFound(format!("no city `{code}`")));
    }
    let services = state.catalog.summaries(&code);
    Ok(Json(json!({ "city": code, "services": services })))
}

async fn service(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path((code, id)) = path.map_err(bad_path)?;
    if !state.catalog.has_city(&code) {
        return Err(ApiError::NotFound(format!("no city `{code}`")));
    }
    match state.catalog.service(&code, &id) {
        Some(descriptor) => Ok(Json(descriptor.clone())),
        None => Err(ApiError::NotFound(format!(
            "no service `{id}` in city `{code}`"
        ))),
    }
}

fn bad_path(rejection: PathRejection) -> ApiError {
    ApiError::BadRequest(format!(
        "invalid path: {}",
        rejection.body_text().to_lowercase()
    ))
}
