//! `GET|POST /admin/faults`, open to loopback peers only.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use super::{Fault, FaultMode};
use crate::departments;
use crate::error::{ApiError, JsonBody};
use crate::AppState;

/// The body of `POST /admin/faults`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRequest {
    /// The department id, e.g. `hz-traffic-police`.
    pub department: String,
    /// How the department should answer (default `off`).
    #[serde(default)]
    pub mode: FaultMode,
    /// How long the department should wait before answering (default 0).
    #[serde(default)]
    pub latency_ms: u64,
    /// The share of requests the mode applies to (default 1).
    #[serde(default = "super::one")]
    pub error_rate: f64,
}

/// The `/admin/faults` routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/faults", get(list).post(set))
}

/// `403 forbidden` unless the peer is a loopback address.
pub fn loopback_only(peer: SocketAddr) -> Result<(), ApiError> {
    if peer.ip().to_canonical().is_loopback() {
        Ok(())
    } else {
        Err(ApiError::Forbidden("admin routes are open to loopback peers only".into()))
    }
}

async fn list(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
) -> Result<Json<BTreeMap<String, Fault>>, ApiError> {
    loopback_only(peer)?;
    Ok(Json(state.faults.snapshot()))
}

async fn set(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<JsonBody<FaultRequest>, ApiError>,
) -> Result<Json<BTreeMap<String, Fault>>, ApiError> {
    loopback_only(peer)?;
    let JsonBody(request) = body?;
    if !departments::DEPARTMENTS.contains(&request.department.as_str()) {
        return Err(ApiError::NotFound(format!("no department `{}`", request.department)));
    }
    let fault = Fault {
        mode: request.mode,
        latency_ms: request.latency_ms,
        error_rate: request.error_rate,
    };
    fault.check().map_err(ApiError::BadRequest)?;
    state.faults.set(&request.department, fault);
    Ok(Json(state.faults.snapshot()))
}
