//! The bookings store on PostgreSQL, with the meaning of [`super::store`] across instances: a
//! hold locks its slot's row (`FOR UPDATE`) before counting the places taken, so concurrent
//! holds of one slot, on any instances, never exceed its capacity; an idempotency key is
//! locked (advisory) before it is looked up; booking numbers are issued under an advisory
//! lock; the sweeper expires lapsed holds `FOR UPDATE SKIP LOCKED`, so each is expired by
//! exactly one instance.

use deadpool_postgres::GenericClient;
use serde_json::{json, Value};
use tokio_postgres::Row;

use super::model::{Booking, NewHold};
use super::slots::{end_of, Slot, SlotQuery, SLOT_CAPACITY, STARTS};
use super::store::Held;
use crate::db::pg::{lock_key, Pool};
use crate::error::ApiError;
use crate::ids::{derived_id, fingerprint, new_id};
use crate::time::{now_ms, rfc3339};

const SELECT: &str = "SELECT b.id, b.status, b.slot_id, s.service, s.city, s.resource, \
    s.start_at, s.end_at, b.user_id, b.party, b.number, b.expires_ms, b.created_ms, \
    b.updated_ms FROM bookings b JOIN slots s ON s.id = b.slot_id";

fn booking(row: &Row) -> Result<Booking, tokio_postgres::Error> {
    let party: String = row.try_get(9)?;
    let expires_ms: i64 = row.try_get(11)?;
    Ok(Booking {
        id: row.try_get(0)?,
        status: row.try_get(1)?,
        slot: row.try_get(2)?,
        service: row.try_get(3)?,
        city: row.try_get(4)?,
        resource: row.try_get(5)?,
        start: row.try_get(6)?,
        end: row.try_get(7)?,
        user: row.try_get(8)?,
        party: serde_json::from_str(&party).unwrap_or(Value::Null),
        number: row.try_get(10)?,
        expires_ms,
        expires_at: rfc3339(expires_ms),
        created_at: rfc3339(row.try_get(12)?),
        updated_at: rfc3339(row.try_get(13)?),
    })
}

async fn find<C: GenericClient>(c: &C, id: &str, lock: bool) -> Result<Booking, ApiError> {
    let sql = format!("{SELECT} WHERE b.id = $1{}", if lock { " FOR UPDATE OF b" } else { "" });
    match c.query_opt(&sql, &[&id]).await? {
        Some(row) => Ok(booking(&row)?),
        None => Err(ApiError::NotFound(format!("no booking `{id}`"))),
    }
}

async fn set_status<C: GenericClient>(c: &C, id: &str, status: &str) -> Result<(), ApiError> {
    let sql = "UPDATE bookings SET status = $1, updated_ms = $2 WHERE id = $3";
    c.execute(sql, &[&status, &now_ms(), &id]).await?;
    Ok(())
}

/// Seeds the day's slots if it has none yet (any instance may; the ids are derived, so the
/// seeds agree), then lists them with their places left.
pub async fn list(pool: &Pool, q: &SlotQuery) -> Result<Vec<Slot>, ApiError> {
    let client = pool.get().await?;
    let date = q.date.to_string();
    let key = [q.service.as_str(), q.city.as_str(), q.resource.as_str(), date.as_str()];
    let day = "service = $1 AND city = $2 AND resource = $3 AND date = $4";
    let seeded: i64 = client
        .query_one(
            &format!("SELECT COUNT(*) FROM slots WHERE {day}"),
            &[&key[0], &key[1], &key[2], &key[3]],
        )
        .await?
        .try_get(0)?;
    if seeded == 0 {
        for start in STARTS {
            let id = derived_id("slot", &[key[0], key[1], key[2], key[3], start]);
            let at = |time: &str| format!("{date}T{time}:00+08:00");
            client
                .execute(
                    "INSERT INTO slots (id, service, city, resource, date, start_at, end_at, \
                     capacity) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                    &[
                        &id,
                        &key[0],
                        &key[1],
                        &key[2],
                        &key[3],
                        &at(start),
                        &at(&end_of(start)),
                        &SLOT_CAPACITY,
                    ],
                )
                .await?;
        }
    }
    let sql = format!(
        "SELECT s.id, s.start_at, s.end_at, s.capacity, s.capacity - (SELECT COUNT(*) \
         FROM bookings b WHERE b.slot_id = s.id AND (b.status = 'confirmed' OR \
         (b.status = 'held' AND b.expires_ms > $5))) FROM slots s WHERE {day} ORDER BY s.start_at"
    );
    let rows = client.query(&sql, &[&key[0], &key[1], &key[2], &key[3], &now_ms()]).await?;
    let mut slots = Vec::with_capacity(rows.len());
    for row in rows {
        slots.push(Slot {
            id: row.try_get(0)?,
            start: row.try_get(1)?,
            end: row.try_get(2)?,
            capacity: row.try_get(3)?,
            left: row.try_get::<_, i64>(4)?.max(0),
        });
    }
    Ok(slots)
}

/// Holds a place in a slot for `hold_ms` milliseconds, if one is left.
pub async fn hold(pool: &Pool, key: &str, new: &NewHold, hold_ms: i64) -> Result<Held, ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let party = Value::Object(new.party.clone()).to_string();
    let print = fingerprint(json!([new.slot, new.user, party]).to_string().as_bytes());
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key(&["booking-key", key])]).await?;
    let earlier = tx
        .query_opt("SELECT id, fingerprint FROM bookings WHERE idempotency_key = $1", &[&key])
        .await?;
    if let Some(row) = earlier {
        let (id, seen): (String, String) = (row.try_get(0)?, row.try_get(1)?);
        if seen == print {
            return Ok(Held::Replayed(find(&tx, &id, false).await?));
        }
        let message = format!("idempotency key `{key}` was already used with a different body");
        return Err(ApiError::Conflict("idempotency_mismatch", message));
    }
    // The slot's row lock: every hold of this slot, on every instance, waits here in turn.
    let capacity =
        tx.query_opt("SELECT capacity FROM slots WHERE id = $1 FOR UPDATE", &[&new.slot]).await?;
    let Some(capacity) = capacity else {
        return Err(ApiError::NotFound(format!("no slot `{}`", new.slot)));
    };
    let capacity: i64 = capacity.try_get(0)?;
    let now = now_ms();
    tx.execute(
        "UPDATE bookings SET status = 'expired', updated_ms = $1 \
         WHERE slot_id = $2 AND status = 'held' AND expires_ms <= $1",
        &[&now, &new.slot],
    )
    .await?;
    let taken: i64 = tx
        .query_one(
            "SELECT COUNT(*) FROM bookings WHERE slot_id = $1 AND status IN ('held', 'confirmed')",
            &[&new.slot],
        )
        .await?
        .try_get(0)?;
    if taken >= capacity {
        let message = format!("slot `{}` has no place left", new.slot);
        return Err(ApiError::Conflict("slot_full", message));
    }
    let id = new_id("bkg");
    let expires = now.saturating_add(hold_ms);
    tx.execute(
        "INSERT INTO bookings (id, idempotency_key, fingerprint, slot_id, user_id, party, \
         status, expires_ms, created_ms, updated_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, 'held', $7, $8, $8)",
        &[&id, &key, &print, &new.slot, &new.user, &party, &expires, &now],
    )
    .await?;
    let held = find(&tx, &id, false).await?;
    tx.commit().await?;
    Ok(Held::New(held))
}

/// The booking `id`.
pub async fn get(pool: &Pool, id: &str) -> Result<Booking, ApiError> {
    let client = pool.get().await?;
    find(&client, id, false).await
}

/// Confirms a live hold with a booking number; a confirmed booking is returned as is.
pub async fn confirm(pool: &Pool, id: &str) -> Result<Booking, ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let found = find(&tx, id, true).await?;
    let expired = || ApiError::Gone("hold_expired", format!("hold `{id}` has expired"));
    match found.status.as_str() {
        "confirmed" => return Ok(found),
        "expired" => return Err(expired()),
        "cancelled" => {
            let message = format!("booking `{id}` was cancelled");
            return Err(ApiError::Conflict("booking_cancelled", message));
        }
        _ if found.expires_ms <= now_ms() => {
            set_status(&tx, id, "expired").await?;
            tx.commit().await?;
            return Err(expired());
        }
        _ => {}
    }
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key(&["booking-number"])]).await?;
    let issued: i64 = tx
        .query_one("SELECT COUNT(*) FROM bookings WHERE number IS NOT NULL", &[])
        .await?
        .try_get(0)?;
    let day: String = found.start.chars().take(10).filter(|c| *c != '-').collect();
    let number = format!("CP{day}-{:06}", issued + 1);
    tx.execute(
        "UPDATE bookings SET status = 'confirmed', number = $1, updated_ms = $2 WHERE id = $3",
        &[&number, &now_ms(), &id],
    )
    .await?;
    let confirmed = find(&tx, id, false).await?;
    tx.commit().await?;
    Ok(confirmed)
}

/// Cancels a hold or a confirmed booking, freeing its place; otherwise a no-op.
pub async fn cancel(pool: &Pool, id: &str) -> Result<Booking, ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let found = find(&tx, id, true).await?;
    if found.status == "held" || found.status == "confirmed" {
        set_status(&tx, id, "cancelled").await?;
    }
    let after = find(&tx, id, false).await?;
    tx.commit().await?;
    Ok(after)
}

/// Marks lapsed holds `expired`, skipping any another instance (or a request) has locked:
/// each lapsed hold is expired by exactly one sweeper. Returns how many this call expired.
pub async fn expire_due(pool: &Pool) -> Result<u64, ApiError> {
    let client = pool.get().await?;
    let sql = "UPDATE bookings SET status = 'expired', updated_ms = $1 \
               WHERE status = 'held' AND id IN (SELECT id FROM bookings \
               WHERE status = 'held' AND expires_ms <= $1 ORDER BY expires_ms LIMIT 1000 \
               FOR UPDATE SKIP LOCKED)";
    Ok(client.execute(sql, &[&now_ms()]).await?)
}
