//! Fault injection for the simulated departments, set through `/admin/faults` (loopback only).

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::departments;
use crate::error::{ApiError, JsonBody};
use crate::AppState;

/// The longest latency a fault may add, in milliseconds.
pub const MAX_LATENCY_MS: u64 = 60_000;

/// How a faulty department answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultMode {
    /// Answer normally.
    #[default]
    Off,
    /// HTTP 200 with the body `<html>oops` (not JSON).
    Garbage,
    /// HTTP 200 with the department's own "system busy" error, code `E5000`.
    Error,
    /// HTTP 500 with an empty body.
    Http500,
}

/// The fault set for one department.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// How the department answers.
    #[serde(default)]
    pub mode: FaultMode,
    /// How long the department waits before answering.
    #[serde(default)]
    pub latency_ms: u64,
}

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
}

/// The current faults, by department id. Cheap to clone; all clones share one map.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    map: Arc<Mutex<BTreeMap<String, Fault>>>,
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, Fault>> {
        self.map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sets (or, for `off` with no latency, clears) the fault of a department.
    pub fn set(&self, department: &str, fault: Fault) {
        let mut map = self.lock();
        if fault == Fault::default() {
            map.remove(department);
        } else {
            map.insert(department.to_string(), fault);
        }
    }

    /// The fault of a department (`off` when none is set).
    pub fn get(&self, department: &str) -> Fault {
        self.lock().get(department).copied().unwrap_or_default()
    }

    /// A copy of every fault currently set.
    pub fn snapshot(&self) -> BTreeMap<String, Fault> {
        self.lock().clone()
    }

    /// Waits the department's latency, then returns the faulty answer, if a mode is set.
    pub async fn apply(&self, department: &str) -> Option<Response> {
        let fault = self.get(department);
        if fault.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
        }
        match fault.mode {
            FaultMode::Off => None,
            FaultMode::Garbage => {
                let html = [(header::CONTENT_TYPE, "text/html; charset=utf-8")];
                Some((StatusCode::OK, html, "<html>oops").into_response())
            }
            FaultMode::Error => {
                let body = json!({ "code": "E5000", "msg": "系统繁忙", "data": null });
                Some((StatusCode::OK, Json(body)).into_response())
            }
            FaultMode::Http500 => Some(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
        }
    }
}

/// The `/admin/faults` routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/faults", get(list).post(set))
}

fn loopback_only(peer: SocketAddr) -> Result<(), ApiError> {
    if peer.ip().to_canonical().is_loopback() {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "admin routes are open to loopback peers only".into(),
        ))
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
        return Err(ApiError::NotFound(format!(
            "no department `{}`",
            request.department
        )));
    }
    if request.latency_ms > MAX_LATENCY_MS {
        let max = MAX_LATENCY_MS;
        return Err(ApiError::BadRequest(format!(
            "latency_ms must be at most `{max}`"
        )));
    }
    let fault = Fault {
        mode: request.mode,
        latency_ms: request.latency_ms,
    };
    state.faults.set(&request.department, fault);
    Ok(Json(state.faults.snapshot()))
}
