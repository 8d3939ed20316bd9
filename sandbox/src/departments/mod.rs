//! Simulated department backends, each in its own legacy request/response shape.
//!
//! Every department answers through [`crate::faults::Faults::apply`] first, so tests and demos
//! can make it slow, broken or garbled.

pub mod hz_traffic;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

use crate::error::{ApiError, JsonBody};
use crate::AppState;

/// The ids of every simulated department (the names used by `/admin/faults`).
pub const DEPARTMENTS: &[&str] = &[hz_traffic::DEPARTMENT];

/// The `/dept/...` routes of every simulated department.
pub fn router() -> Router<AppState> {
    Router::new().route("/dept/hz-traffic-police/wfcx", post(hz_traffic_wfcx))
}

async fn hz_traffic_wfcx(
    State(state): State<AppState>,
    body: Result<JsonBody<Value>, ApiError>,
) -> Response {
    if let Some(faulty) = state.faults.apply(hz_traffic::DEPARTMENT).await {
        return faulty;
    }
    match body {
        Ok(JsonBody(request)) => Json(hz_traffic::wfcx(&request)).into_response(),
        Err(error) => error.into_response(),
    }
}
