//! Canned department answers for the author preview: a service author whose department does not
//! exist yet pastes the answer it will give, and previews the panel against it.
//!
//! `POST /sandbox/canned` (loopback peers only) keeps an answer — `{"status": 200, "answer":
//! "…"}` — and returns the department endpoint that gives it, `/dept/canned/{id}`, which
//! answers every method with that status and text (as JSON when it parses as JSON). Kept in
//! memory, at most [`KEEP`] answers (the oldest go first), never published.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::Mutex;

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::{ApiError, JsonBody};
use crate::faults::loopback_only;
use crate::ids::new_id;
use crate::AppState;

/// The most canned answers kept at once.
pub const KEEP: usize = 32;
/// The longest canned answer, in bytes.
pub const MAX_ANSWER: usize = 256 * 1024;

/// The canned answers kept: `(id, status, answer)`, oldest first.
#[derive(Debug, Default)]
pub struct Canned(Mutex<VecDeque<(String, u16, String)>>);

impl Canned {
    /// Keeps an answer, dropping the oldest beyond [`KEEP`]; returns its id.
    pub fn keep(&self, status: u16, answer: String) -> String {
        let id = new_id("can");
        if let Ok(mut list) = self.0.lock() {
            list.push_back((id.clone(), status, answer));
            while list.len() > KEEP {
                list.pop_front();
            }
        }
        id
    }

    /// The status and answer kept under `id`.
    pub fn get(&self, id: &str) -> Option<(u16, String)> {
        let list = self.0.lock().ok()?;
        list.iter().find(|(i, _, _)| i == id).map(|(_, s, a)| (*s, a.clone()))
    }
}

/// The body of `POST /sandbox/canned`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CannedRequest {
    /// The HTTP status the department answers with (default 200).
    #[serde(default = "ok")]
    pub status: u16,
    /// The department's answer, as text.
    pub answer: String,
}

fn ok() -> u16 {
    200
}

/// The canned-answer routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/sandbox/canned", post(keep)).route("/dept/canned/{id}", any(answer))
}

async fn keep(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<JsonBody<CannedRequest>, ApiError>,
) -> Result<Response, ApiError> {
    loopback_only(peer)?;
    let JsonBody(request) = body?;
    if !(200..=599).contains(&request.status) {
        let message = format!("status must be from 200 to 599, got `{}`", request.status);
        return Err(ApiError::field("/status", "range", message));
    }
    if request.answer.len() > MAX_ANSWER {
        let message =
            format!("answer must be at most {MAX_ANSWER} bytes, got {}", request.answer.len());
        return Err(ApiError::field("/answer", "range", message));
    }
    let id = state.canned.keep(request.status, request.answer);
    let endpoint = format!("/dept/canned/{id}");
    Ok((StatusCode::CREATED, Json(json!({ "endpoint": endpoint }))).into_response())
}

async fn answer(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some((status, text)) = state.canned.get(&id) else {
        let message = format!("no canned answer `{id}` (kept in memory: at most {KEEP})");
        return ApiError::NotFound(message).into_response();
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let kind = if serde_json::from_str::<Value>(&text).is_ok() {
        "application/json"
    } else {
        "text/plain; charset=utf-8"
    };
    (status, [(header::CONTENT_TYPE, kind)], text).into_response()
}
