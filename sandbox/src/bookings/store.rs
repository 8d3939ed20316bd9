//! Booking storage: holds, confirmations and cancellations, each one `BEGIN IMMEDIATE`
//! transaction, so a slot never has more unexpired holds plus confirmations than places.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Value};

use super::model::{from_row, Booking, NewHold, SELECT};
use crate::db::immediate;
use crate::error::ApiError;
use crate::ids::{fingerprint, new_id};
use crate::time::now_ms;

fn find(conn: &Connection, id: &str) -> Result<Booking, ApiError> {
    let sql = format!("{SELECT} WHERE b.id = ?1");
    conn.query_row(&sql, [id], from_row)
        .optional()?
        .ok_or_else(|| ApiError::NotFound(format!("no booking `{id}`")))
}

fn set_status(conn: &Connection, id: &str, status: &str) -> rusqlite::Result<usize> {
    let sql = "UPDATE bookings SET status = ?1, updated_ms = ?2 WHERE id = ?3";
    conn.execute(sql, rusqlite::params![status, now_ms(), id])
}

/// What `hold` did: a new hold, or the earlier one of the same idempotency key.
#[derive(Debug, Clone, PartialEq)]
pub enum Held {
    /// A new hold was stored.
    New(Booking),
    /// The key was seen before with the same body.
    Replayed(Booking),
}

/// Holds a place in a slot for `hold_ms` milliseconds, if one is left.
pub fn hold(
    conn: &mut Connection,
    key: &str,
    new: &NewHold,
    hold_ms: i64,
) -> Result<Held, ApiError> {
    let tx = immediate(conn)?;
    let party = Value::Object(new.party.clone()).to_string();
    let print = fingerprint(json!([new.slot, new.user, party]).to_string().as_bytes());
    let earlier: Option<(String, String)> = tx
        .query_row(
            "SELECT id, fingerprint FROM bookings WHERE idempotency_key = ?1",
            [key],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match earlier {
        Some((id, seen)) if seen == print => return Ok(Held::Replayed(find(&tx, &id)?)),
        Some(_) => {
            let message = format!("idempotency key `{key}` was already used with a different body");
            return Err(ApiError::Conflict("idempotency_mismatch", message));
        }
        None => {}
    }
    let capacity: Option<i64> = tx
        .query_row("SELECT capacity FROM slots WHERE id = ?1", [&new.slot], |r| r.get(0))
        .optional()?;
    let Some(capacity) = capacity else {
        return Err(ApiError::NotFound(format!("no slot `{}`", new.slot)));
    };
    let now = now_ms();
    tx.execute(
        "UPDATE bookings SET status = 'expired', updated_ms = ?1 \
         WHERE slot_id = ?2 AND status = 'held' AND expires_ms <= ?1",
        rusqlite::params![now, new.slot],
    )?;
    let taken: i64 = tx.query_row(
        "SELECT COUNT(*) FROM bookings WHERE slot_id = ?1 AND status IN ('held', 'confirmed')",
        [&new.slot],
        |row| row.get(0),
    )?;
    if taken >= capacity {
        let message = format!("slot `{}` has no place left", new.slot);
        return Err(ApiError::Conflict("slot_full", message));
    }
    let id = new_id("bkg");
    tx.execute(
        "INSERT INTO bookings (id, idempotency_key, fingerprint, slot_id, user_id, party, \
         status, expires_ms, created_ms, updated_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'held', ?7, ?8, ?8)",
        rusqlite::params![id, key, print, new.slot, new.user, party, now + hold_ms, now],
    )?;
    let booking = find(&tx, &id)?;
    tx.commit()?;
    Ok(Held::New(booking))
}

/// The booking `id`.
pub fn get(conn: &mut Connection, id: &str) -> Result<Booking, ApiError> {
    find(conn, id)
}

/// Confirms a live hold with a booking number; a confirmed booking is returned as is.
pub fn confirm(conn: &mut Connection, id: &str) -> Result<Booking, ApiError> {
    let tx = immediate(conn)?;
    let booking = find(&tx, id)?;
    let expired = || ApiError::Gone("hold_expired", format!("hold `{id}` has expired"));
    match booking.status.as_str() {
        "confirmed" => return Ok(booking),
        "expired" => return Err(expired()),
        "cancelled" => {
            let message = format!("booking `{id}` was cancelled");
            return Err(ApiError::Conflict("booking_cancelled", message));
        }
        _ if booking.expires_ms <= now_ms() => {
            set_status(&tx, id, "expired")?;
            tx.commit()?;
            return Err(expired());
        }
        _ => {}
    }
    let issued: i64 =
        tx.query_row("SELECT COUNT(*) FROM bookings WHERE number IS NOT NULL", [], |r| r.get(0))?;
    let day: String = booking.start.chars().take(10).filter(|c| *c != '-').collect();
    let number = format!("CP{day}-{:06}", issued + 1);
    tx.execute(
        "UPDATE bookings SET status = 'confirmed', number = ?1, updated_ms = ?2 WHERE id = ?3",
        rusqlite::params![number, now_ms(), id],
    )?;
    let booking = find(&tx, id)?;
    tx.commit()?;
    Ok(booking)
}

/// Cancels a hold or a confirmed booking, freeing its place; otherwise a no-op.
pub fn cancel(conn: &mut Connection, id: &str) -> Result<Booking, ApiError> {
    let tx = immediate(conn)?;
    let booking = find(&tx, id)?;
    if booking.status == "held" || booking.status == "confirmed" {
        set_status(&tx, id, "cancelled")?;
    }
    let booking = find(&tx, id)?;
    tx.commit()?;
    Ok(booking)
}

/// Marks every lapsed hold `expired`; returns how many.
pub fn expire_due(conn: &mut Connection) -> Result<usize, ApiError> {
    let sql = "UPDATE bookings SET status = 'expired', updated_ms = ?1 \
               WHERE status = 'held' AND expires_ms <= ?1";
    Ok(conn.execute(sql, [now_ms()])?)
}
