//! `/api/v1/subscriptions`: reminders a user asked for (new violations of a plate, a bill
//! falling due, an appointment, an application's progress). Idempotent per
//! (topic, key, user). Keys are plates, phone or ID numbers: PII, never logged.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, post};
use axum::{Json, Router};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;
use serde_json::{json, Value};

use crate::api::bad_path;
use crate::error::{ApiError, JsonBody};
use crate::extract::QueryObject;
use crate::identity::Caller;
use crate::ids::new_id;
use crate::time::{now_ms, rfc3339};
use crate::validate::{Checker, CITY, FREE};
use crate::AppState;

/// The topics a user can subscribe to.
pub const TOPICS: [&str; 4] = ["violations", "bill-due", "appointment", "progress"];

/// A subscription as answered by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscription {
    /// The id, e.g. `sub_…`.
    pub id: String,
    /// One of [`TOPICS`].
    pub topic: String,
    /// What is watched: a plate, an account number, a booking or application number.
    pub key: String,
    /// The host's opaque user id.
    pub user: String,
    /// The city code.
    pub city: String,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
}

/// The query [`from_row`] reads, without a `WHERE` clause.
pub(crate) const SELECT: &str =
    "SELECT id, topic, key, user_id, city, created_ms FROM subscriptions";

/// Reads a row selected with [`SELECT`].
pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Subscription> {
    Ok(Subscription {
        id: row.get(0)?,
        topic: row.get(1)?,
        key: row.get(2)?,
        user: row.get(3)?,
        city: row.get(4)?,
        created_at: rfc3339(row.get(5)?),
    })
}

/// The subscription routes (nested under `/api`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/subscriptions", post(create).get(list))
        .route("/v1/subscriptions/{id}", delete(remove))
}

fn upsert(conn: &mut Connection, s: Subscription) -> Result<(bool, Subscription), ApiError> {
    let tx = crate::db::immediate(conn)?;
    let find = format!("{SELECT} WHERE topic = ?1 AND key = ?2 AND user_id = ?3");
    let existing = tx.query_row(&find, [&s.topic, &s.key, &s.user], from_row).optional()?;
    if let Some(existing) = existing {
        return Ok((false, existing));
    }
    tx.execute(
        "INSERT INTO subscriptions (id, topic, key, user_id, city, created_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![s.id, s.topic, s.key, s.user, s.city, now_ms()],
    )?;
    let stored = tx.query_row(&format!("{SELECT} WHERE id = ?1"), [&s.id], from_row)?;
    tx.commit()?;
    Ok((true, stored))
}

async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let JsonBody(mut body) = body?;
    caller.claim(&mut body)?;
    let mut check = Checker::new(&body)?;
    let topic = check.choice("topic", &TOPICS);
    let key = check.text("key", FREE);
    let user = check.text("user", FREE);
    let city = check.text("city", CITY);
    check.finish()?;
    let (Some(topic), Some(key), Some(user), Some(city)) = (topic, key, user, city) else {
        return Err(ApiError::Internal("validation lost a field".into()));
    };
    let id = new_id("sub");
    let topic = topic.to_string();
    let wanted = Subscription { id, topic, key, user, city, created_at: String::new() };
    let (created, stored) = state.db.call(move |conn| upsert(conn, wanted)).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(json!({ "subscription": stored }))).into_response())
}

async fn list(
    State(state): State<AppState>,
    caller: Caller,
    QueryObject(mut query): QueryObject,
) -> Result<Json<Value>, ApiError> {
    caller.claim(&mut query)?;
    let mut check = Checker::query(&query)?;
    let user = check.text("user", FREE);
    check.finish()?;
    let user = user.unwrap_or_default();
    let found = state
        .db
        .call(move |conn| -> Result<Vec<Subscription>, ApiError> {
            let sql = format!("{SELECT} WHERE user_id = ?1 ORDER BY created_ms, id");
            let mut statement = conn.prepare(&sql)?;
            let rows = statement.query_map([&user], from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await?;
    Ok(Json(json!({ "subscriptions": found })))
}

async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(id) = path.map_err(bad_path)?;
    let target = id.clone();
    let gone = state
        .db
        .call(move |conn| -> Result<usize, ApiError> {
            // With a token, someone else's subscription is answered as missing.
            Ok(match &caller.0 {
                Some(user) => conn.execute(
                    "DELETE FROM subscriptions WHERE id = ?1 AND user_id = ?2",
                    [&target, user],
                )?,
                None => conn.execute("DELETE FROM subscriptions WHERE id = ?1", [&target])?,
            })
        })
        .await?;
    match gone {
        0 => Err(ApiError::NotFound(format!("no subscription `{id}`"))),
        _ => Ok(StatusCode::NO_CONTENT),
    }
}
