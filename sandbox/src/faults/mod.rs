//! Fault injection for the simulated departments: set at start from `--faults FILE` and at
//! run time through `/admin/faults` (loopback only).
//!
//! A fault has a `mode`, a `latency_ms` added to every answer, and an `error_rate` (0–1,
//! default 1): the share of requests the mode applies to, drawn from a per-department
//! counter through a fixed hash (never the clock), so a run is reproducible.

mod admin;
mod file;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::ApiError;
use crate::ids::{fingerprint, splitmix64};
use crate::shutdown::Shutdown;

pub use admin::{loopback_only, router, FaultRequest};
pub use file::{load_file, FaultFileError};

/// The longest latency a fault may add, in milliseconds.
pub const MAX_LATENCY_MS: u64 = 60_000;

/// How long a `timeout` fault waits: longer than any client timeout.
pub const TIMEOUT_WAIT: Duration = Duration::from_secs(65);

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
    /// No answer for 65 s (then 504), cut short by a shutdown.
    Timeout,
    /// HTTP 503 with the platform error `maintenance`.
    Maintenance,
}

fn one() -> f64 {
    1.0
}

/// The fault set for one department.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// How the department answers.
    #[serde(default)]
    pub mode: FaultMode,
    /// How long the department waits before answering.
    #[serde(default)]
    pub latency_ms: u64,
    /// The share of requests (0–1) that `mode` applies to.
    #[serde(default = "one")]
    pub error_rate: f64,
}

impl Default for Fault {
    fn default() -> Self {
        Fault { mode: FaultMode::Off, latency_ms: 0, error_rate: 1.0 }
    }
}

impl Fault {
    /// Checks the ranges: latency at most [`MAX_LATENCY_MS`], error rate from 0 to 1.
    pub fn check(&self) -> Result<(), String> {
        if self.latency_ms > MAX_LATENCY_MS {
            return Err(format!(
                "latency_ms must be at most `{MAX_LATENCY_MS}`, got `{}`",
                self.latency_ms
            ));
        }
        if !(0.0..=1.0).contains(&self.error_rate) {
            return Err(format!("error_rate must be from 0 to 1, got `{}`", self.error_rate));
        }
        Ok(())
    }
}

/// The current faults, by department id. Cheap to clone; all clones share one map.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    map: Arc<Mutex<BTreeMap<String, (Fault, u64)>>>,
}

impl Faults {
    fn lock(&self) -> MutexGuard<'_, BTreeMap<String, (Fault, u64)>> {
        self.map.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sets (or, for the default fault, clears) the fault of a department; its draw counter
    /// starts again from zero.
    pub fn set(&self, department: &str, fault: Fault) {
        let mut map = self.lock();
        if fault == Fault::default() {
            map.remove(department);
        } else {
            map.insert(department.to_string(), (fault, 0));
        }
    }

    /// The fault of a department (`off` when none is set).
    pub fn get(&self, department: &str) -> Fault {
        self.lock().get(department).map(|e| e.0).unwrap_or_default()
    }

    /// A copy of every fault currently set.
    pub fn snapshot(&self) -> BTreeMap<String, Fault> {
        self.lock().iter().map(|(k, v)| (k.clone(), v.0)).collect()
    }

    /// The fault and whether this request is one of the `error_rate` share.
    fn draw(&self, department: &str) -> (Fault, bool) {
        let mut map = self.lock();
        let Some((fault, counter)) = map.get_mut(department) else {
            return (Fault::default(), false);
        };
        let n = *counter;
        *counter += 1;
        let seed = u64::from_str_radix(&fingerprint(department.as_bytes())[..16], 16).unwrap_or(0);
        let roll = (splitmix64(seed ^ splitmix64(n)) >> 11) as f64 / (1u64 << 53) as f64;
        (*fault, roll < fault.error_rate)
    }

    /// Waits the department's latency, then returns the faulty answer if this request
    /// draws one. A shutdown cuts both waits short: after the latency the request is answered
    /// as usual; a `timeout` answers `503 shutting_down`.
    pub async fn apply(&self, department: &str, shutdown: &Shutdown) -> Option<Response> {
        let (fault, hit) = self.draw(department);
        let stopping = || {
            let message = "the platform is shutting down".to_string();
            Some(ApiError::Unavailable("shutting_down", message).into_response())
        };
        if fault.latency_ms > 0 {
            // A shutdown ends the wait early; the request is then answered as usual.
            let _ = shutdown.sleep(Duration::from_millis(fault.latency_ms)).await;
        }
        if !hit {
            return None;
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
            FaultMode::Timeout if shutdown.sleep(TIMEOUT_WAIT).await => {
                Some(StatusCode::GATEWAY_TIMEOUT.into_response())
            }
            FaultMode::Timeout => stopping(),
            FaultMode::Maintenance => {
                let message = format!("department `{department}` is under maintenance");
                Some(ApiError::Unavailable("maintenance", message).into_response())
            }
        }
    }
}
