//! Bookings as stored and answered, and the validated hold request.

use rusqlite::Row;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::time::rfc3339;

/// A validated `POST /api/v1/bookings/hold` body.
#[derive(Debug, Clone, PartialEq)]
pub struct NewHold {
    /// The slot id.
    pub slot: String,
    /// The host's opaque user id.
    pub user: String,
    /// Who is booked (names, id numbers: PII, stored but never logged).
    pub party: Map<String, Value>,
}

/// A booking as answered by the API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Booking {
    /// The booking id, e.g. `bkg_…`.
    pub id: String,
    /// `held`, `confirmed`, `cancelled` or `expired`.
    pub status: String,
    /// The slot id.
    pub slot: String,
    /// The service, city and resource the slot belongs to.
    pub service: String,
    /// The city code.
    pub city: String,
    /// The booked resource (a station, a hospital department, …).
    pub resource: String,
    /// Slot start and end (RFC 3339, `+08:00`).
    pub start: String,
    /// Slot end.
    pub end: String,
    /// The host's opaque user id.
    pub user: String,
    /// Who is booked.
    pub party: Value,
    /// The booking number once confirmed, e.g. `CP20300107-000001`.
    pub number: Option<String>,
    /// When a hold lapses (RFC 3339, UTC).
    pub expires_at: String,
    /// When the hold was made.
    pub created_at: String,
    /// When the booking last changed.
    pub updated_at: String,
    /// When a hold lapses, in milliseconds since the epoch (not serialized).
    #[serde(skip)]
    pub expires_ms: i64,
}

/// Selects the columns [`from_row`] reads.
pub const SELECT: &str = "SELECT b.id, b.status, b.slot_id, s.service, s.city, s.resource, \
    s.start_at, s.end_at, b.user_id, b.party, b.number, b.expires_ms, b.created_ms, \
    b.updated_ms FROM bookings b JOIN slots s ON s.id = b.slot_id";

/// Reads a row selected with [`SELECT`].
pub fn from_row(row: &Row<'_>) -> rusqlite::Result<Booking> {
    let party: String = row.get(9)?;
    Ok(Booking {
        id: row.get(0)?,
        status: row.get(1)?,
        slot: row.get(2)?,
        service: row.get(3)?,
        city: row.get(4)?,
        resource: row.get(5)?,
        start: row.get(6)?,
        end: row.get(7)?,
        user: row.get(8)?,
        party: serde_json::from_str(&party).unwrap_or(Value::Null),
        number: row.get(10)?,
        expires_ms: row.get(11)?,
        expires_at: rfc3339(row.get(11)?),
        created_at: rfc3339(row.get(12)?),
        updated_at: rfc3339(row.get(13)?),
    })
}
