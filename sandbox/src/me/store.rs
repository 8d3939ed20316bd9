//! Storage of "My City": records of handled matters (one per user, service, city and
//! reference), and the per-person reads over records, orders and subscriptions.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::db::immediate;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::orders::{Order, COLUMNS};
use crate::subscriptions::{self, Subscription};
use crate::time::{now_ms, rfc3339};

/// The most records, and the most payments, one answer lists.
pub const LIST_LIMIT: usize = 50;

/// A record of a handled matter as answered by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// The id, e.g. `rec_3b4c5d6e7f8a9b0c`.
    pub id: String,
    /// The service that handled it.
    pub service: String,
    /// The city code.
    pub city: String,
    /// `transaction` or `booking`.
    pub kind: String,
    /// The department's receipt or booking number.
    pub reference: String,
    /// `done` or `cancelled`.
    pub state: String,
    /// The host's opaque user id.
    pub user: String,
    /// When it was first reported (RFC 3339, UTC).
    pub created_at: String,
    /// When its kind or state last changed.
    pub updated_at: String,
}

/// A validated `POST /api/v1/me/records` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    pub service: String,
    pub city: String,
    pub kind: String,
    pub reference: String,
    pub state: String,
    pub user: String,
}

const SELECT: &str = "SELECT id, service, city, kind, reference, state, user_id, created_ms, \
                      updated_ms FROM records";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        id: row.get(0)?,
        service: row.get(1)?,
        city: row.get(2)?,
        kind: row.get(3)?,
        reference: row.get(4)?,
        state: row.get(5)?,
        user: row.get(6)?,
        created_at: rfc3339(row.get(7)?),
        updated_at: rfc3339(row.get(8)?),
    })
}

/// What [`report`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reported {
    /// A new record was stored.
    New,
    /// The record existed and its kind or state changed.
    Updated,
    /// The record existed exactly so: nothing changed.
    Same,
}

/// Stores a reported record, or updates (or leaves as it is) the one of the same user,
/// service, city and reference, in one `BEGIN IMMEDIATE` transaction.
pub fn report(conn: &mut Connection, new: &NewRecord) -> Result<(Reported, Record), ApiError> {
    let tx = immediate(conn)?;
    let find =
        format!("{SELECT} WHERE user_id = ?1 AND service = ?2 AND city = ?3 AND reference = ?4");
    let key = [&new.user, &new.service, &new.city, &new.reference];
    let existing = tx.query_row(&find, key, from_row).optional()?;
    let now = now_ms();
    let (reported, id) = match existing {
        Some(found) if found.kind == new.kind && found.state == new.state => {
            return Ok((Reported::Same, found));
        }
        Some(found) => {
            tx.execute(
                "UPDATE records SET kind = ?1, state = ?2, updated_ms = ?3 WHERE id = ?4",
                rusqlite::params![new.kind, new.state, now, found.id],
            )?;
            (Reported::Updated, found.id)
        }
        None => {
            let id = new_id("rec");
            tx.execute(
                "INSERT INTO records (id, user_id, service, city, kind, reference, state, \
                 created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                rusqlite::params![
                    id,
                    new.user,
                    new.service,
                    new.city,
                    new.kind,
                    new.reference,
                    new.state,
                    now
                ],
            )?;
            (Reported::New, id)
        }
    };
    let stored = tx.query_row(&format!("{SELECT} WHERE id = ?1"), [&id], from_row)?;
    tx.commit()?;
    Ok((reported, stored))
}

/// Everything "My City" shows of one user in one city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub user: String,
    pub city: String,
    /// Newest `updated_at` first, at most [`LIST_LIMIT`].
    pub records: Vec<Record>,
    /// `processing` orders first, then `paid` ones by `paid_at`, newest first; at most
    /// [`LIST_LIMIT`].
    pub payments: Vec<Order>,
    /// Subscriptions, oldest first.
    pub following: Vec<Subscription>,
}

/// The overview of `user` in `city`, read in one transaction (one consistent snapshot).
pub fn overview(conn: &mut Connection, user: String, city: String) -> Result<Overview, ApiError> {
    let tx = conn.transaction()?;
    let limit = LIST_LIMIT as i64;
    let params = rusqlite::params![user, city, limit];
    let records = {
        let sql = format!(
            "{SELECT} WHERE user_id = ?1 AND city = ?2 ORDER BY updated_ms DESC, id DESC LIMIT ?3"
        );
        let mut statement = tx.prepare(&sql)?;
        let rows = statement.query_map(params, from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let payments = {
        let sql = format!(
            "SELECT {COLUMNS} FROM orders WHERE user_id = ?1 AND city = ?2 \
             AND status IN ('processing', 'paid') \
             ORDER BY status = 'paid', paid_ms DESC, updated_ms DESC, id DESC LIMIT ?3"
        );
        let mut statement = tx.prepare(&sql)?;
        let rows = statement.query_map(params, Order::from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    let following = {
        let sql = format!(
            "{} WHERE user_id = ?1 AND city = ?2 ORDER BY created_ms, id",
            subscriptions::SELECT
        );
        let mut statement = tx.prepare(&sql)?;
        let rows = statement.query_map([&user, &city], subscriptions::from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    tx.commit()?;
    Ok(Overview { user, city, records, payments, following })
}
