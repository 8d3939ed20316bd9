//! Durable state, in one of two stores behind [`Db`]:
//!
//! - SQLite (the embedded default): one connection behind a `tokio::sync::Mutex`, used on the
//!   blocking thread pool so the async workers never wait on disk. The file is
//!   `DIR/sandbox.sqlite3` (WAL mode), or an in-memory database for tests. Work that must be
//!   atomic runs in a `BEGIN IMMEDIATE` transaction (see [`immediate`]).
//! - PostgreSQL (`--database-url postgres://…`, [`pg`]): a connection pool shared by any
//!   number of platform instances; the same transactions hold their meaning there with row
//!   and advisory locks and unique constraints (see [`pg`]). Only the stores with guarantees
//!   run there so far ([`pg::AVAILABLE`]); the rest answer `503 not_on_postgres`.

mod migrations;
pub mod pg;
pub mod pg_migrations;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use thiserror::Error;
use tokio::sync::Mutex;

pub use migrations::{migrate, LATEST_VERSION, MIGRATIONS};

/// The database file name inside `--data-dir`.
pub const FILE_NAME: &str = "sandbox.sqlite3";

/// Where the platform keeps its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataStore {
    /// An in-memory database, gone when the server stops (`--memory`).
    Memory,
    /// `DIR/sandbox.sqlite3`, created (with `DIR`) when missing (`--data-dir DIR`).
    Dir(PathBuf),
    /// A PostgreSQL database shared by every instance (`--database-url postgres://…`).
    Postgres(String),
}

/// Why the database could not be opened or used.
#[derive(Debug, Error)]
pub enum DbError {
    /// The data directory could not be created.
    #[error("cannot create data directory `{dir}`: {source}")]
    CreateDir {
        /// The directory.
        dir: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file was written by a newer sandbox.
    #[error("database schema version `{found}` is newer than this sandbox knows (`{known}`)")]
    TooNew {
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// The blocking task running the query ended abnormally.
    #[error("database task failed: {0}")]
    Task(String),
    /// PostgreSQL reported an error (or the pool could not give a connection).
    #[error("database error: {0}")]
    Postgres(String),
    /// The feature's tables are not on PostgreSQL yet.
    #[error("this feature is not available on PostgreSQL yet (it runs on SQLite only)")]
    NotOnPostgres,
}

/// Which store a [`Db`] uses.
#[derive(Clone)]
enum Backend {
    Sqlite(Arc<Mutex<Connection>>),
    Postgres(pg::Pool),
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Backend::Sqlite(_) => f.write_str("Sqlite"),
            Backend::Postgres(_) => f.write_str("Postgres"),
        }
    }
}

/// A shared handle to the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    backend: Backend,
}

impl Db {
    /// Opens (creating and migrating as needed) the database of `store`.
    /// A PostgreSQL store is opened with [`Db::open_postgres`] (async) instead.
    pub fn open(store: &DataStore) -> Result<Db, DbError> {
        let mut conn = match store {
            DataStore::Memory => Connection::open_in_memory()?,
            DataStore::Dir(dir) => Connection::open(prepare_dir(dir)?)?,
            DataStore::Postgres(_) => {
                return Err(DbError::Postgres("open PostgreSQL with `Db::open_postgres`".into()))
            }
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Db { backend: Backend::Sqlite(Arc::new(Mutex::new(conn))) })
    }

    /// Connects a pool to the PostgreSQL database at `url` and migrates it (once, whichever
    /// instance comes first: the migration holds an advisory lock).
    pub async fn open_postgres(url: &str) -> Result<Db, DbError> {
        let pool = pg::connect(url).await?;
        Ok(Db { backend: Backend::Postgres(pool) })
    }

    /// The PostgreSQL pool, when this is the PostgreSQL store.
    pub fn pg(&self) -> Option<&pg::Pool> {
        match &self.backend {
            Backend::Postgres(pool) => Some(pool),
            Backend::Sqlite(_) => None,
        }
    }

    /// Runs `work` with the connection on the blocking pool, one caller at a time.
    /// The work runs to its end even if the caller stops waiting, so a transaction is
    /// either committed whole or rolled back whole.
    pub async fn call<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let Backend::Sqlite(conn) = &self.backend else {
            return Err(E::from(DbError::NotOnPostgres));
        };
        let mut guard = Arc::clone(conn).lock_owned().await;
        match tokio::task::spawn_blocking(move || work(&mut guard)).await {
            Ok(result) => result,
            Err(e) => Err(E::from(DbError::Task(e.to_string()))),
        }
    }

    /// Checks that the database answers (`SELECT 1`) and returns its schema version.
    pub async fn ready(&self) -> Result<i64, DbError> {
        if let Some(pool) = self.pg() {
            return pg::ready(pool).await;
        }
        self.call(|conn| Ok(migrations::current_version(conn)?)).await
    }
}

/// Begins a `BEGIN IMMEDIATE` transaction: the write lock is taken at once, so a
/// read-then-write inside it cannot interleave with another writer.
pub fn immediate(conn: &mut Connection) -> Result<Transaction<'_>, rusqlite::Error> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

fn prepare_dir(dir: &Path) -> Result<PathBuf, DbError> {
    std::fs::create_dir_all(dir)
        .map_err(|source| DbError::CreateDir { dir: dir.to_path_buf(), source })?;
    Ok(dir.join(FILE_NAME))
}
