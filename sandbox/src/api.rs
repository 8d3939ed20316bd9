//! The city platform's public API: health, readiness, cities, catalogs and descriptors.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::{self, ApiError};
use crate::{bookings, me, orders, subscriptions, AppState};

/// The `/healthz` and `/readyz` routes and the `/api/v1` routes (unknown `/api` paths
/// answer error JSON).
pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/v1/cities", get(cities))
        .route("/v1/cities/{code}/catalog", get(catalog))
        .route("/v1/cities/{code}/services/{id}", get(service))
        .route("/v1/cities/{code}/demo-inputs", get(demo_inputs))
        .route("/v1/schema/descriptor-v1.json", get(schema))
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

/// The sandbox's demo citizens' inputs for the city's services (not part of a real platform):
/// `{ "city": code, "name": text, "services": [{ "id", "title", "inputs": [{ "id", "value" }] }] }`,
/// services with typed inputs only, in catalog order, inputs in form order.
async fn demo_inputs(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(code) = path.map_err(bad_path)?;
    if !state.catalog.has_city(&code) {
        return Err(ApiError::NotFound(format!("no city `{code}`")));
    }
    let name = state.catalog.cities().into_iter().find(|c| c["code"] == code.as_str());
    let services: Vec<Value> = state
        .catalog
        .summaries(&code)
        .into_iter()
        .filter_map(|s| {
            let id = s.get("id").and_then(Value::as_str)?;
            let inputs: Vec<Value> = crate::departments::samples::demo_inputs(id, &code)
                .into_iter()
                .map(|(k, v)| json!({ "id": k, "value": v }))
                .collect();
            (!inputs.is_empty()).then(|| json!({ "id": id, "title": s["title"], "inputs": inputs }))
        })
        .collect();
    let name = name.map(|c| c["name"].clone()).unwrap_or(Value::Null);
    Ok(Json(json!({ "city": code, "name": name, "services": services })))
}

/// The descriptor standard's JSON Schema, for editors (`"$schema"` in a descriptor).
async fn schema(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    match state.published.schema() {
        Some(entry) => Ok(entry.respond(&headers)),
        None => Err(ApiError::NotFound("no schema published".to_string())),
    }
}

/// A path that could not be decoded, as a 400.
pub fn bad_path(rejection: PathRejection) -> ApiError {
    ApiError::BadRequest(format!("invalid path: {}", rejection.body_text().to_lowercase()))
}
