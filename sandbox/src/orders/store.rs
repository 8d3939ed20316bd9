//! Order storage and the payment state machine, each step one `BEGIN IMMEDIATE` transaction:
//! `created → processing → paid | failed | cancelled` (`processing` may be skipped), and a
//! reference is paid at most once (also enforced by a partial unique index). A paid order is
//! reported to its department ([`crate::departments::payments::settle`]) in the same step.

use rusqlite::{Connection, OptionalExtension};

use super::model::{NewOrder, Order, Outcome, COLUMNS};
use crate::db::immediate;
use crate::departments::{self, books::Settlement};
use crate::error::ApiError;
use crate::ids::new_id;
use crate::time::now_ms;

/// What `create` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    /// A new order was stored.
    New(Order),
    /// The key was seen before with the same body: that earlier order.
    Replayed(Order),
}

fn one(conn: &Connection, filter: &str, value: &str) -> rusqlite::Result<Option<Order>> {
    let sql = format!("SELECT {COLUMNS} FROM orders WHERE {filter} = ?1");
    conn.query_row(&sql, [value], Order::from_row).optional()
}

fn order_in_sql() -> String {
    format!(
        "SELECT {COLUMNS} FROM orders WHERE service = ?1 AND city = ?2 AND reference = ?3 \
         AND status = ?4 ORDER BY created_ms, id LIMIT 1"
    )
}

fn processing_in_sql() -> String {
    format!(
        "SELECT {COLUMNS} FROM orders WHERE city = ?1 AND status = 'processing' \
         ORDER BY created_ms, id"
    )
}

/// The payment path's reads of `POST /platform/pay/orders` — the bill's order in each status
/// it checks, and the city's orders being paid — as it runs them; the number of rows read.
/// For `benches/payment_path.rs` (with and without the indexes).
pub fn payment_path_reads(
    conn: &Connection,
    service: &str,
    city: &str,
    reference: &str,
) -> rusqlite::Result<usize> {
    let mut rows = 0;
    for status in ["paid", "processing"] {
        let mut bill = conn.prepare_cached(&order_in_sql())?;
        rows += bill.query_map([service, city, reference, status], Order::from_row)?.count();
    }
    let mut paying = conn.prepare_cached(&processing_in_sql())?;
    rows += paying.query_map([city], Order::from_row)?.count();
    Ok(rows)
}

/// The oldest order of a bill in `status` (`paid`, `processing`).
fn order_in(
    conn: &Connection,
    order: &NewOrderKey<'_>,
    status: &str,
) -> rusqlite::Result<Option<Order>> {
    let sql = order_in_sql();
    let params = (order.service, order.city, order.reference, status);
    conn.query_row(&sql, params, Order::from_row).optional()
}

struct NewOrderKey<'a> {
    service: &'a str,
    city: &'a str,
    reference: &'a str,
}

fn already_paid(reference: &str, by: &str) -> ApiError {
    ApiError::Conflict(
        "already_paid",
        format!("reference `{reference}` is already paid by order `{by}`"),
    )
}

/// Creates the order of idempotency key `key`, or returns the earlier one for a retry.
pub fn create(conn: &mut Connection, key: &str, new: &NewOrder) -> Result<Created, ApiError> {
    let tx = immediate(conn)?;
    let fingerprint = new.fingerprint();
    let earlier: Option<String> = tx
        .query_row(
            "SELECT id FROM orders WHERE idempotency_key = ?1 AND fingerprint = ?2",
            [key, &fingerprint],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = earlier {
        return match one(&tx, "id", &id)? {
            Some(order) => Ok(Created::Replayed(order)),
            None => Err(ApiError::Internal(format!("order `{id}` vanished"))),
        };
    }
    if one(&tx, "idempotency_key", key)?.is_some() {
        return Err(ApiError::Conflict(
            "idempotency_mismatch",
            format!("idempotency key `{key}` was already used with a different body"),
        ));
    }
    let target = NewOrderKey { service: &new.service, city: &new.city, reference: &new.reference };
    if let Some(paid) = order_in(&tx, &target, "paid")? {
        return Err(already_paid(&new.reference, &paid.id));
    }
    // Money may be moving for another order of this bill (the host reported `processing`):
    // a second order could be paid too. Its outcome comes first; the panel reconciles it.
    if let Some(moving) = order_in(&tx, &target, "processing")? {
        let order = (moving.user == new.user).then_some(moving.id);
        return Err(ApiError::InFlight { reference: new.reference.clone(), order });
    }
    let id = new_id("ord");
    let now = now_ms();
    tx.execute(
        "INSERT INTO orders (id, idempotency_key, fingerprint, service, city, reference, \
         amount_fen, user_id, status, created_ms, updated_ms) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'created', ?9, ?9)",
        rusqlite::params![
            id,
            key,
            fingerprint,
            new.service,
            new.city,
            new.reference,
            new.amount_fen,
            new.user,
            now
        ],
    )?;
    let order = one(&tx, "id", &id)?;
    tx.commit()?;
    order.map(Created::New).ok_or_else(|| ApiError::Internal(format!("order `{id}` vanished")))
}

/// Whether another order of the same bill is paid (for an order that is not).
pub fn paid_elsewhere(conn: &mut Connection, order: &Order) -> Result<bool, ApiError> {
    if order.status == "paid" {
        return Ok(false);
    }
    let key =
        NewOrderKey { service: &order.service, city: &order.city, reference: &order.reference };
    Ok(order_in(conn, &key, "paid")?.is_some())
}

/// The order `id`.
pub fn get(conn: &mut Connection, id: &str) -> Result<Order, ApiError> {
    one(conn, "id", id)?.ok_or_else(|| ApiError::NotFound(format!("no order `{id}`")))
}

/// The order created with idempotency key `key`, if any.
pub fn keyed(conn: &mut Connection, key: &str) -> Result<Option<Order>, ApiError> {
    Ok(one(conn, "idempotency_key", key)?)
}

/// Every order of a bill or decision number, oldest first.
pub fn by_reference(conn: &mut Connection, reference: &str) -> Result<Vec<Order>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM orders WHERE reference = ?1 ORDER BY created_ms, id");
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query_map([reference], Order::from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<Order>>>()?)
}

/// Every order of a city being paid (`processing`), oldest first.
pub fn processing_in(conn: &mut Connection, city: &str) -> Result<Vec<Order>, ApiError> {
    let mut statement = conn.prepare(&processing_in_sql())?;
    let rows = statement.query_map([city], Order::from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<Order>>>()?)
}

/// Applies what the host's payment reported. A paid order never changes again; repeating
/// the current state is a no-op; `failed` and `cancelled` are final.
pub fn settle(conn: &mut Connection, id: &str, outcome: Outcome) -> Result<Order, ApiError> {
    let tx = immediate(conn)?;
    let order =
        one(&tx, "id", id)?.ok_or_else(|| ApiError::NotFound(format!("no order `{id}`")))?;
    let target = outcome.status();
    if order.status == "paid" || order.status == target {
        return Ok(order);
    }
    if order.status != "created" && order.status != "processing" {
        return Err(ApiError::Conflict(
            "invalid_transition",
            format!("order `{id}` is `{}` and cannot become `{target}`", order.status),
        ));
    }
    let now = now_ms();
    if outcome == Outcome::Success {
        let key =
            NewOrderKey { service: &order.service, city: &order.city, reference: &order.reference };
        if let Some(paid) = order_in(&tx, &key, "paid")? {
            // This order can never be paid now: it ends cancelled (the host took nothing for
            // it), so a panel reconciling it learns the bill was paid by the other order.
            tx.execute(
                "UPDATE orders SET status = 'cancelled', updated_ms = ?1 WHERE id = ?2",
                rusqlite::params![now, id],
            )?;
            tx.commit()?;
            return Err(already_paid(&order.reference, &paid.id));
        }
    }
    let paid_ms = (outcome == Outcome::Success).then_some(now);
    let updated = tx.execute(
        "UPDATE orders SET status = ?1, updated_ms = ?2, paid_ms = ?3 WHERE id = ?4",
        rusqlite::params![target, now, paid_ms, id],
    );
    match updated {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            return Err(already_paid(&order.reference, "another order"));
        }
        other => other?,
    };
    if let Some(paid_ms) = paid_ms {
        // The department of a paying service learns it is paid, in the same transaction.
        let payment = Settlement {
            service: order.service.clone(),
            reference: order.reference.clone(),
            amount_fen: order.amount_fen,
            paid_ms,
        };
        departments::payments::settle(&tx, id, &order.city, &payment)?;
    }
    let order = one(&tx, "id", id)?;
    tx.commit()?;
    order.ok_or_else(|| ApiError::Internal(format!("order `{id}` vanished")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `POST /platform/pay/orders` reads orders by idempotency key, by bill and status, and a
    /// city's orders being paid, and the departments' books of the city: never a table scan.
    #[test]
    fn the_payment_path_never_scans_a_table() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        crate::db::migrate(&mut conn).expect("migrate");
        let queries = [
            format!("SELECT {COLUMNS} FROM orders WHERE idempotency_key = 'k'"),
            "SELECT id FROM orders WHERE idempotency_key = 'k' AND fingerprint = 'f'".into(),
            order_in_sql().replace("?1", "'s'").replace("?2", "'c'").replace("?3", "'r'"),
            processing_in_sql().replace("?1", "'c'"),
            crate::departments::books::READ_SQL.replace("?1", "'c'"),
            format!("{} AND reference = 'r'", crate::departments::books::READ_SQL)
                .replace("?1", "'c'"),
        ];
        for query in queries {
            let query = query.replace("?4", "'paid'");
            let mut plan = conn.prepare(&format!("EXPLAIN QUERY PLAN {query}")).expect("plan");
            let steps: Vec<String> = plan
                .query_map([], |row| row.get::<_, String>(3))
                .and_then(|rows| rows.collect())
                .expect("steps");
            assert!(steps.iter().all(|s| !s.starts_with("SCAN")), "{query}: {steps:?}");
            assert!(steps.iter().any(|s| s.contains("USING")), "{query}: {steps:?}");
        }
    }
}
