//! The audit of My City's person queries: one row per department call made for a citizen —
//! who (host user), where (city, service), which attribute classes were sent and the outcome
//! (`ok`, `late`, `unavailable`) — never the values. `GET /api/v1/me/audit?city=` shows the
//! citizen their own rows, newest first.

use axum::extract::State;
use axum::Json;
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::extract::QueryObject;
use crate::identity::attrs::Person;
use crate::time::{now_ms, rfc3339};
use crate::AppState;

/// The most rows one answer lists.
pub const LIMIT: i64 = 50;

/// The outcome of one department call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The department answered and its answer was read.
    Ok,
    /// It did not answer within the deadline.
    Late,
    /// It failed (transport error, HTTP error, its own error code, an unreadable answer).
    Unavailable,
}

impl Outcome {
    /// `ok`, `late` or `unavailable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Late => "late",
            Outcome::Unavailable => "unavailable",
        }
    }
}

/// One audited call, as answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub service: String,
    /// The attribute classes sent, e.g. `["plates"]`.
    pub classes: Vec<String>,
    pub outcome: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// Records one call.
pub fn record(
    conn: &mut Connection,
    user: &str,
    city: &str,
    service: &str,
    classes: &[&str],
    outcome: Outcome,
) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO digest_audit (user_id, city, service, classes, outcome, at_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![user, city, service, classes.join(","), outcome.as_str(), now_ms()],
    )?;
    Ok(())
}

/// The newest [`LIMIT`] calls made for `user` in `city`.
pub fn list(conn: &mut Connection, user: &str, city: &str) -> Result<Vec<Entry>, ApiError> {
    let mut statement = conn.prepare(
        "SELECT service, classes, outcome, at_ms FROM digest_audit \
         WHERE user_id = ?1 AND city = ?2 ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = statement.query_map(rusqlite::params![user, city, LIMIT], |r| {
        let classes: String = r.get(1)?;
        Ok(Entry {
            service: r.get(0)?,
            classes: classes.split(',').filter(|c| !c.is_empty()).map(String::from).collect(),
            outcome: r.get(2)?,
            at: rfc3339(r.get(3)?),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// `GET /api/v1/me/audit?city=` → `{"city", "entries": [{service, classes, outcome, at}]}`.
pub async fn get_audit(
    State(state): State<AppState>,
    person: Person,
    QueryObject(query): QueryObject,
) -> Result<Json<Value>, ApiError> {
    let city = super::consent::query_city(&state, &query)?;
    let (user, c) = (person.user, city.clone());
    let entries = state.db.call(move |conn| list(conn, &user, &c)).await?;
    Ok(Json(json!({ "city": city, "entries": entries })))
}
