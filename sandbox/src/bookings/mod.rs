//! `/api/v1/slots` and `/api/v1/bookings`: appointment slots with capacity, holds that
//! lapse, confirmations with a booking number, cancellations.

mod model;
pub mod pg;
mod slots;
mod store;

use std::time::Duration;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::task::JoinHandle;

use crate::api::bad_path;
use crate::db::Db;
use crate::error::{ApiError, JsonBody};
use crate::extract::{IdempotencyKey, QueryObject};
use crate::identity::Caller;
use crate::orders::REPLAYED_HEADER;
use crate::shutdown::Shutdown;
use crate::validate::{shown, Checker, FREE, TOKEN};
use crate::AppState;

pub use model::{Booking, NewHold};
pub use slots::{Slot, SlotQuery, DAYS_AHEAD, SLOT_CAPACITY};
pub use store::Held;

/// The most entries a `party` object may have.
pub const MAX_PARTY_FIELDS: usize = 16;

/// The slot and booking routes (nested under `/api`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/slots", get(list_slots))
        .route("/v1/bookings/hold", post(hold))
        .route("/v1/bookings/{id}", get(fetch))
        .route("/v1/bookings/{id}/confirm", post(confirm))
        .route("/v1/bookings/{id}/cancel", post(cancel))
}

async fn list_slots(
    State(state): State<AppState>,
    QueryObject(query): QueryObject,
) -> Result<Json<Vec<Slot>>, ApiError> {
    let query = SlotQuery::from_query(&query)?;
    let slots = match state.db.pg() {
        Some(pool) => pg::list(pool, &query).await?,
        None => state.db.call(move |conn| slots::list(conn, &query)).await?,
    };
    Ok(Json(slots))
}

/// Checks a hold body: `slot`, `user`, and `party` (an object of at most
/// [`MAX_PARTY_FIELDS`] strings up to 128 characters, numbers or booleans).
pub fn new_hold(body: &Value) -> Result<NewHold, ApiError> {
    let mut check = Checker::new(body)?;
    let slot = check.text("slot", TOKEN);
    let user = check.text("user", FREE);
    let party = check.object("party");
    if let Some(party) = &party {
        if party.len() > MAX_PARTY_FIELDS {
            let message =
                format!("party must have at most {MAX_PARTY_FIELDS} fields, got `{}`", party.len());
            check.reject("/party", "range", message);
        }
        for (name, value) in party {
            let ok = match value {
                Value::String(s) => s.chars().count() <= 128,
                Value::Number(_) | Value::Bool(_) => true,
                _ => false,
            };
            if !ok {
                let path = format!("/party/{}", name.replace('~', "~0").replace('/', "~1"));
                let message = format!(
                    "party values must be strings up to 128 characters, numbers or booleans, got `{}`",
                    shown(value)
                );
                check.reject(&path, "type", message);
            }
        }
    }
    check.finish()?;
    match (slot, user, party) {
        (Some(slot), Some(user), Some(party)) => Ok(NewHold { slot, user, party }),
        _ => Err(ApiError::Internal("validation lost a field".into())),
    }
}

async fn hold(
    State(state): State<AppState>,
    caller: Caller,
    IdempotencyKey(key): IdempotencyKey,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let JsonBody(mut body) = body?;
    caller.claim(&mut body)?;
    let new = new_hold(&body)?;
    let hold_ms = state.hold_ms;
    let held = match state.db.pg() {
        Some(pool) => pg::hold(pool, &key, &new, hold_ms).await?,
        None => state.db.call(move |conn| store::hold(conn, &key, &new, hold_ms)).await?,
    };
    Ok(match held {
        Held::New(booking) => {
            (StatusCode::CREATED, Json(json!({ "booking": booking }))).into_response()
        }
        Held::Replayed(booking) => {
            let replayed = [(REPLAYED_HEADER, "true")];
            (StatusCode::OK, replayed, Json(json!({ "booking": booking }))).into_response()
        }
    })
}

type Step = fn(&mut rusqlite::Connection, &str) -> Result<Booking, ApiError>;

/// A step on a booking: its SQLite and PostgreSQL forms.
#[derive(Clone, Copy)]
enum Action {
    Get,
    Confirm,
    Cancel,
}

async fn run(
    state: AppState,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    action: Action,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = path.map_err(bad_path)?;
    if let Some(pool) = state.db.pg() {
        // Someone else's booking is answered as missing, never revealed.
        if !caller.owns(&pg::get(pool, &id).await?.user) {
            return Err(ApiError::NotFound(format!("no booking `{id}`")));
        }
        let booking = match action {
            Action::Get => pg::get(pool, &id).await?,
            Action::Confirm => pg::confirm(pool, &id).await?,
            Action::Cancel => pg::cancel(pool, &id).await?,
        };
        return Ok(Json(json!({ "booking": booking })));
    }
    let step: Step = match action {
        Action::Get => store::get,
        Action::Confirm => store::confirm,
        Action::Cancel => store::cancel,
    };
    let booking = state
        .db
        .call(move |conn| {
            // Someone else's booking is answered as missing, never revealed.
            if !caller.owns(&store::get(conn, &id)?.user) {
                return Err(ApiError::NotFound(format!("no booking `{id}`")));
            }
            step(conn, &id)
        })
        .await?;
    Ok(Json(json!({ "booking": booking })))
}

async fn fetch(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    run(state, caller, path, Action::Get).await
}

async fn confirm(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    run(state, caller, path, Action::Confirm).await
}

async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    run(state, caller, path, Action::Cancel).await
}

/// Starts the background task that marks lapsed holds `expired` every `every`, until the
/// shutdown signal fires. (Places are also freed lazily: a lapsed hold never counts.)
pub fn spawn_sweeper(db: Db, every: Duration, shutdown: Shutdown) -> JoinHandle<()> {
    tokio::spawn(async move {
        while shutdown.sleep(every).await {
            let swept = match db.pg() {
                Some(pool) => {
                    pg::expire_due(pool).await.map(|n| usize::try_from(n).unwrap_or(usize::MAX))
                }
                None => db.call(store::expire_due).await,
            };
            match swept {
                Ok(0) => {}
                Ok(expired) => tracing::info!(expired, "lapsed holds expired"),
                Err(error) => tracing::warn!(%error, "hold sweeper failed"),
            }
        }
    })
}
