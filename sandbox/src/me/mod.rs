//! `/api/v1/me`: "My City", a citizen's own matters across departments in one place — the
//! transactions and bookings the panel handled for them (records it reports), their
//! payments under way or made, and what they follow; and the digest of their matters at the
//! departments they consented to ask ([`consent`], [`digest`], [`audit`]). Personal routes:
//! references, users and attributes are PII, never logged.

pub mod audit;
pub mod consent;
pub mod digest;
pub mod store;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::error::{ApiError, JsonBody};
use crate::extract::QueryObject;
use crate::identity::Caller;
use crate::validate::{Checker, CITY, FREE, SERVICE};
use crate::AppState;

pub use store::{NewRecord, Overview, Record, Reported, LIST_LIMIT};

/// The kinds of handled matter a record is of.
pub const KINDS: [&str; 2] = ["transaction", "booking"];
/// The states a record is in.
pub const STATES: [&str; 2] = ["done", "cancelled"];

/// The "My City" routes (nested under `/api`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/me", get(overview))
        .route("/v1/me/records", post(report))
        .route("/v1/me/consent", get(consent::get_consent).put(consent::put_consent))
        .route("/v1/me/digest", get(digest::get_digest))
        .route("/v1/me/audit", get(audit::get_audit))
}

impl NewRecord {
    /// Checks every field of a `POST /api/v1/me/records` body, reporting all problems at once.
    pub fn from_body(body: &Value) -> Result<NewRecord, ApiError> {
        let mut check = Checker::new(body)?;
        let service = check.text("service", SERVICE);
        let city = check.text("city", CITY);
        let kind = check.choice("kind", &KINDS);
        let reference = check.text("reference", FREE);
        let state = check.choice("state", &STATES);
        let user = check.text("user", FREE);
        check.finish()?;
        match (service, city, kind, reference, state, user) {
            (Some(service), Some(city), Some(kind), Some(reference), Some(state), Some(user)) => {
                Ok(NewRecord {
                    service,
                    city,
                    kind: kind.to_string(),
                    reference,
                    state: state.to_string(),
                    user,
                })
            }
            _ => Err(ApiError::Internal("validation lost a field".into())),
        }
    }
}

async fn report(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let JsonBody(mut body) = body?;
    caller.claim(&mut body)?;
    let new = NewRecord::from_body(&body)?;
    let (reported, record) = state.db.call(move |conn| store::report(conn, &new)).await?;
    let status = match reported {
        Reported::New => StatusCode::CREATED,
        Reported::Updated | Reported::Same => StatusCode::OK,
    };
    Ok((status, Json(json!({ "record": record }))).into_response())
}

async fn overview(
    State(state): State<AppState>,
    caller: Caller,
    QueryObject(mut query): QueryObject,
) -> Result<Json<Overview>, ApiError> {
    caller.claim(&mut query)?;
    let mut check = Checker::query(&query)?;
    let user = check.text("user", FREE);
    let city = check.text("city", CITY);
    check.finish()?;
    let (Some(user), Some(city)) = (user, city) else {
        return Err(ApiError::Internal("validation lost a field".into()));
    };
    let found = state.db.call(move |conn| store::overview(conn, user, city)).await?;
    Ok(Json(found))
}
