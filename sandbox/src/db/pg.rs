//! The PostgreSQL store (`--database-url postgres://…`): a `deadpool-postgres` pool of
//! `tokio-postgres` connections, shared by every platform instance on the database.
//!
//! How each `BEGIN IMMEDIATE` transaction of the SQLite store keeps its meaning here (the
//! isolation level is PostgreSQL's default, `READ COMMITTED`: every statement sees what was
//! committed before it started, so a read made after taking a lock sees the latest rows):
//!
//! - **Orders** ([`crate::orders::pg`]): each transaction first takes a transaction-scoped
//!   advisory lock on the bill (`service`, `city`, `reference`) and one on the idempotency key,
//!   so two instances creating or paying orders of one bill run one after the other, and the
//!   unique index `orders_paid_once` (one `paid` order per bill) and the unique
//!   `idempotency_key` stay as a last line: a violation is answered as the conflict it means.
//! - **Bookings** ([`crate::bookings::pg`]): a hold locks its slot's row (`FOR UPDATE`) before
//!   counting the places taken, so holds of one slot are serialized across instances; booking
//!   numbers are issued under an advisory lock. The sweeper expires lapsed holds with
//!   `FOR UPDATE SKIP LOCKED`: each lapsed hold is expired by exactly one instance.
//! - **Payment notifications**: the notification id is a primary key (`ON CONFLICT DO
//!   NOTHING`), so a replay is refused whichever instance it reaches.
//!
//! Nothing that must be shared stays in one process: the departments' books are read from
//! the database on every query (the SQLite process caches them; see
//! [`crate::departments::books::BooksCache`]).

use deadpool_postgres::{Manager, ManagerConfig, RecyclingMethod};
use tokio_postgres::error::SqlState;
use tokio_postgres::NoTls;

use super::pg_migrations::{PG_LATEST_VERSION, PG_MIGRATIONS};
use super::DbError;
use crate::error::ApiError;

/// The connection pool.
pub type Pool = deadpool_postgres::Pool;

/// The most connections one instance opens.
pub const POOL_SIZE: usize = 16;

/// The features that run on PostgreSQL; every other route that needs the database answers
/// `503 not_on_postgres` there (logged at startup).
pub const AVAILABLE: &str = "orders and payments (/api/v1/orders, /platform/pay/*), slots and \
    bookings with holds (/api/v1/slots, /api/v1/bookings/*), the departments' books";

/// The features that do not run on PostgreSQL yet.
pub const NOT_YET: &str =
    "subscriptions (/api/v1/subscriptions) and My City (/api/v1/me/*): answered `503 not_on_postgres`";

/// The advisory lock the migration takes, so that instances starting together migrate once.
const MIGRATION_LOCK: i64 = 0x6369_7479_7061_6e6c; // "citypanl"

impl From<tokio_postgres::Error> for DbError {
    fn from(error: tokio_postgres::Error) -> DbError {
        match error.as_db_error() {
            Some(db) => DbError::Postgres(format!("{}: {}", db.code().code(), db.message())),
            None => DbError::Postgres(error.to_string()),
        }
    }
}

impl From<deadpool_postgres::PoolError> for DbError {
    fn from(error: deadpool_postgres::PoolError) -> DbError {
        match error {
            deadpool_postgres::PoolError::Backend(e) => DbError::from(e),
            other => DbError::Postgres(format!("connection pool: {other}")),
        }
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(error: tokio_postgres::Error) -> ApiError {
        ApiError::from(DbError::from(error))
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(error: deadpool_postgres::PoolError) -> ApiError {
        ApiError::from(DbError::from(error))
    }
}

/// Whether `error` is the violation of a unique constraint.
pub fn is_unique_violation(error: &tokio_postgres::Error) -> bool {
    error.code() == Some(&SqlState::UNIQUE_VIOLATION)
}

/// A 64-bit advisory-lock key for `parts` (FNV-1a; stable across instances and builds).
pub fn lock_key(parts: &[&str]) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0u8]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// Checks `url`, opens the pool, and migrates the database.
pub async fn connect(url: &str) -> Result<Pool, DbError> {
    let config: tokio_postgres::Config =
        url.parse().map_err(|e| DbError::Postgres(format!("invalid --database-url: {e}")))?;
    let manager = Manager::from_config(
        config,
        NoTls,
        ManagerConfig { recycling_method: RecyclingMethod::Fast },
    );
    let pool = Pool::builder(manager)
        .max_size(POOL_SIZE)
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .map_err(|e| DbError::Postgres(format!("connection pool: {e}")))?;
    migrate(&pool).await?;
    Ok(pool)
}

/// Applies every PostgreSQL migration newer than the recorded version, in one transaction
/// under an advisory lock. Refuses a database from a newer build.
pub async fn migrate(pool: &Pool) -> Result<i64, DbError> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_version (
            version BIGINT PRIMARY KEY,
            applied_ms BIGINT NOT NULL
        )",
    )
    .await?;
    let found: i64 =
        tx.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]).await?.get(0);
    if found > PG_LATEST_VERSION {
        return Err(DbError::TooNew { found, known: PG_LATEST_VERSION });
    }
    for (version, sql) in PG_MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.batch_execute(sql).await?;
        tx.execute(
            "INSERT INTO schema_version (version, applied_ms) VALUES ($1, $2)",
            &[version, &crate::time::now_ms()],
        )
        .await?;
        tracing::info!(version, "database migrated (PostgreSQL)");
    }
    tx.commit().await?;
    Ok(PG_LATEST_VERSION)
}

/// `SELECT` the schema version: the database answers.
pub async fn ready(pool: &Pool) -> Result<i64, DbError> {
    let client = pool.get().await?;
    let row = client.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version", &[]).await?;
    Ok(row.get(0))
}

/// The departments' books of `city` (for a paying department's answer).
pub async fn books(
    pool: &Pool,
    city: &str,
) -> Result<Vec<crate::departments::books::Settlement>, DbError> {
    let client = pool.get().await?;
    let sql = "SELECT service, reference, amount_fen, paid_ms FROM settlements WHERE city = $1";
    let mut books = Vec::new();
    for row in client.query(sql, &[&city]).await? {
        books.push(crate::departments::books::Settlement {
            service: row.try_get(0)?,
            reference: row.try_get(1)?,
            amount_fen: row.try_get(2)?,
            paid_ms: row.try_get(3)?,
        });
    }
    Ok(books)
}
