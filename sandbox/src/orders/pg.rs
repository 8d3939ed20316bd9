//! The orders store on PostgreSQL: the same state machine as [`super::store`], each step one
//! transaction that first takes advisory locks on what it decides about (see
//! [`crate::db::pg`]): the idempotency key, then the bill and every reference its department
//! links to it, in a fixed order. Under those locks a read sees every commit before it, so
//! "is this bill paid or being paid?" and "was this key used?" have one answer across all
//! instances; the unique indexes (`idempotency_key`, `orders_paid_once`) remain the last line.

use deadpool_postgres::{GenericClient, Transaction};
use tokio_postgres::Row;

use super::model::{NewOrder, Order, Outcome};
use super::store::Created;
use crate::db::pg::{is_unique_violation, lock_key, Pool};
use crate::departments::books::{Books, Settlement};
use crate::departments::payments;
use crate::error::ApiError;
use crate::ids::new_id;
use crate::time::{now_ms, rfc3339};

const COLUMNS: &str =
    "id, status, service, city, reference, amount_fen, user_id, created_ms, updated_ms, paid_ms";

fn order(row: &Row) -> Result<Order, tokio_postgres::Error> {
    let paid: Option<i64> = row.try_get(9)?;
    Ok(Order {
        id: row.try_get(0)?,
        status: row.try_get(1)?,
        service: row.try_get(2)?,
        city: row.try_get(3)?,
        reference: row.try_get(4)?,
        amount_fen: row.try_get(5)?,
        user: row.try_get(6)?,
        created_at: rfc3339(row.try_get(7)?),
        updated_at: rfc3339(row.try_get(8)?),
        paid_at: paid.map(rfc3339),
        paid_ms: paid,
    })
}

async fn one<C: GenericClient>(
    c: &C,
    filter: &str,
    value: &str,
) -> Result<Option<Order>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM orders WHERE {filter} = $1");
    match c.query_opt(&sql, &[&value]).await? {
        Some(row) => Ok(Some(order(&row)?)),
        None => Ok(None),
    }
}

async fn order_in<C: GenericClient>(
    c: &C,
    service: &str,
    city: &str,
    reference: &str,
    status: &str,
) -> Result<Option<Order>, ApiError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM orders WHERE service = $1 AND city = $2 AND reference = $3 \
         AND status = $4 ORDER BY created_ms, id LIMIT 1"
    );
    match c.query_opt(&sql, &[&service, &city, &reference, &status]).await? {
        Some(row) => Ok(Some(order(&row)?)),
        None => Ok(None),
    }
}

/// Locks (until the transaction ends) the bill `reference` of `city` and every reference its
/// department links to it, in sorted order so two transactions never wait on each other.
async fn lock_bill(
    tx: &Transaction<'_>,
    service: &str,
    city: &str,
    reference: &str,
) -> Result<(), ApiError> {
    let mut references =
        payments::paying(service).map(|p| (p.linked)(city, reference)).unwrap_or_default();
    references.push(reference.to_string());
    let mut keys: Vec<i64> = references.iter().map(|r| lock_key(&["bill", city, r])).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&key]).await?;
    }
    Ok(())
}

fn already_paid(reference: &str, by: &str) -> ApiError {
    ApiError::Conflict(
        "already_paid",
        format!("reference `{reference}` is already paid by order `{by}`"),
    )
}

/// The department's books of `reference` and the references linked to it.
async fn is_settled<C: GenericClient>(c: &C, new: &NewOrder) -> Result<bool, ApiError> {
    let Some(paying) = payments::paying(&new.service) else {
        return Ok(false);
    };
    let mut rows = Vec::new();
    for linked in (paying.linked)(&new.city, &new.reference) {
        rows.extend(read_books(c, &new.city, Some(&linked)).await?);
    }
    let books = Books::from_settlements(&new.city, rows);
    Ok((paying.settled)(&new.city, &new.reference, &books))
}

/// The departments' books of `city` (of one reference, if given).
pub async fn read_books<C: GenericClient>(
    c: &C,
    city: &str,
    reference: Option<&str>,
) -> Result<Vec<Settlement>, ApiError> {
    let sql = "SELECT service, reference, amount_fen, paid_ms FROM settlements WHERE city = $1 \
               AND ($2::TEXT IS NULL OR reference = $2)";
    let rows = c.query(sql, &[&city, &reference]).await?;
    let mut books = Vec::with_capacity(rows.len());
    for row in rows {
        books.push(Settlement {
            service: row.try_get(0)?,
            reference: row.try_get(1)?,
            amount_fen: row.try_get(2)?,
            paid_ms: row.try_get(3)?,
        });
    }
    Ok(books)
}

/// Creates the order of idempotency key `key`, or returns the earlier one for a retry. With
/// `department_checks` (`POST /platform/pay/orders`), also refuses a reference the department
/// already counts as paid, or one a linked order being paid would settle.
pub async fn create(
    pool: &Pool,
    key: &str,
    new: &NewOrder,
    department_checks: bool,
) -> Result<Created, ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key(&["order-key", key])]).await?;
    lock_bill(&tx, &new.service, &new.city, &new.reference).await?;
    let fingerprint = new.fingerprint();
    if let Some(earlier) = one(&tx, "idempotency_key", key).await? {
        let print: Option<String> = tx
            .query_opt("SELECT fingerprint FROM orders WHERE id = $1", &[&earlier.id])
            .await?
            .map(|row| row.try_get(0))
            .transpose()?;
        if print.as_deref() == Some(fingerprint.as_str()) {
            return Ok(Created::Replayed(earlier));
        }
        return Err(ApiError::Conflict(
            "idempotency_mismatch",
            format!("idempotency key `{key}` was already used with a different body"),
        ));
    }
    if department_checks {
        if is_settled(&tx, new).await? {
            return Err(ApiError::Conflict(
                "already_paid",
                format!("reference `{}` is already paid", new.reference),
            ));
        }
        let sql = format!(
            "SELECT {COLUMNS} FROM orders WHERE city = $1 AND status = 'processing' \
             ORDER BY created_ms, id"
        );
        for row in tx.query(&sql, &[&new.city]).await? {
            let moving = order(&row)?;
            let payment = Settlement {
                service: moving.service.clone(),
                reference: moving.reference.clone(),
                amount_fen: moving.amount_fen,
                paid_ms: 0,
            };
            let linked = moving.reference != new.reference
                && payments::would_settle(&payment, &new.city, &new.service, &new.reference);
            if linked {
                let order = (moving.user == new.user).then_some(moving.id);
                return Err(ApiError::InFlight { reference: new.reference.clone(), order });
            }
        }
    }
    if let Some(paid) = order_in(&tx, &new.service, &new.city, &new.reference, "paid").await? {
        return Err(already_paid(&new.reference, &paid.id));
    }
    if let Some(moving) =
        order_in(&tx, &new.service, &new.city, &new.reference, "processing").await?
    {
        let order = (moving.user == new.user).then_some(moving.id);
        return Err(ApiError::InFlight { reference: new.reference.clone(), order });
    }
    let id = new_id("ord");
    let now = now_ms();
    let inserted = tx
        .query_one(
            &format!(
                "INSERT INTO orders (id, idempotency_key, fingerprint, service, city, reference, \
                 amount_fen, user_id, status, created_ms, updated_ms) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'created', $9, $9) RETURNING {COLUMNS}"
            ),
            &[
                &id,
                &key,
                &fingerprint,
                &new.service,
                &new.city,
                &new.reference,
                &new.amount_fen,
                &new.user,
                &now,
            ],
        )
        .await?;
    let created = order(&inserted)?;
    tx.commit().await?;
    Ok(Created::New(created))
}

/// The order `id`.
pub async fn get(pool: &Pool, id: &str) -> Result<Order, ApiError> {
    let client = pool.get().await?;
    one(&client, "id", id).await?.ok_or_else(|| ApiError::NotFound(format!("no order `{id}`")))
}

/// Whether another order of the same bill is paid (for an order that is not).
pub async fn paid_elsewhere(pool: &Pool, order: &Order) -> Result<bool, ApiError> {
    if order.status == "paid" {
        return Ok(false);
    }
    let client = pool.get().await?;
    let paid = order_in(&client, &order.service, &order.city, &order.reference, "paid").await?;
    Ok(paid.is_some())
}

/// Every order of a bill or decision number, oldest first.
pub async fn by_reference(pool: &Pool, reference: &str) -> Result<Vec<Order>, ApiError> {
    let client = pool.get().await?;
    let sql = format!("SELECT {COLUMNS} FROM orders WHERE reference = $1 ORDER BY created_ms, id");
    let rows = client.query(&sql, &[&reference]).await?;
    let mut orders = Vec::with_capacity(rows.len());
    for row in rows {
        orders.push(order(&row)?);
    }
    Ok(orders)
}

/// Applies what the payment side reported, as [`super::store::settle`] does. The order's row
/// and its bill are locked first, so of concurrent payments of one bill (on any instances)
/// exactly one pays it; the others end `409 already_paid` with their order cancelled.
pub async fn settle(pool: &Pool, id: &str, outcome: Outcome) -> Result<Order, ApiError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let found =
        one(&tx, "id", id).await?.ok_or_else(|| ApiError::NotFound(format!("no order `{id}`")))?;
    lock_bill(&tx, &found.service, &found.city, &found.reference).await?;
    // Read again under the lock: another instance may have changed it meanwhile.
    let sql = format!("SELECT {COLUMNS} FROM orders WHERE id = $1 FOR UPDATE");
    let current = order(&tx.query_one(&sql, &[&id]).await?)?;
    let target = outcome.status();
    if current.status == "paid" || current.status == target {
        return Ok(current);
    }
    if current.status != "created" && current.status != "processing" {
        return Err(ApiError::Conflict(
            "invalid_transition",
            format!("order `{id}` is `{}` and cannot become `{target}`", current.status),
        ));
    }
    let now = now_ms();
    if outcome == Outcome::Success {
        let paid =
            order_in(&tx, &current.service, &current.city, &current.reference, "paid").await?;
        if let Some(paid) = paid {
            tx.execute(
                "UPDATE orders SET status = 'cancelled', updated_ms = $1 WHERE id = $2",
                &[&now, &id],
            )
            .await?;
            tx.commit().await?;
            return Err(already_paid(&current.reference, &paid.id));
        }
    }
    let paid_ms = (outcome == Outcome::Success).then_some(now);
    let updated = tx
        .execute(
            "UPDATE orders SET status = $1, updated_ms = $2, paid_ms = $3 WHERE id = $4",
            &[&target, &now, &paid_ms, &id],
        )
        .await;
    match updated {
        Err(e) if is_unique_violation(&e) => {
            return Err(already_paid(&current.reference, "another order"));
        }
        other => other?,
    };
    if let Some(paid_ms) = paid_ms {
        if payments::is_paying(&current.service) {
            tx.execute(
                "INSERT INTO settlements (order_id, city, service, reference, amount_fen, \
                 paid_ms) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                &[
                    &id,
                    &current.city,
                    &current.service,
                    &current.reference,
                    &current.amount_fen,
                    &paid_ms,
                ],
            )
            .await?;
        }
    }
    let settled = one(&tx, "id", id).await?;
    tx.commit().await?;
    settled.ok_or_else(|| ApiError::Internal(format!("order `{id}` vanished")))
}

/// Records a payment notification's id (once: `409 notification_replayed` after); the caller
/// then checks and settles the order, as [`crate::pay::notify::apply`] does on SQLite.
pub async fn record_notification(
    pool: &Pool,
    id: &str,
    host: &str,
    order: &str,
) -> Result<(), ApiError> {
    let client = pool.get().await?;
    let inserted = client
        .execute(
            "INSERT INTO pay_notifications (id, host, order_id, received_ms) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            &[&id, &host, &order, &now_ms()],
        )
        .await?;
    if inserted == 0 {
        let message = format!("notification `{id}` was received before; ids are used once");
        return Err(ApiError::Conflict("notification_replayed", message));
    }
    Ok(())
}
