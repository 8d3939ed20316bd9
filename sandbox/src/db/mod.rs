//! Durable state in SQLite: one connection behind a `tokio::sync::Mutex`, used on the
//! blocking thread pool so the async workers never wait on disk.
//!
//! The file is `DIR/sandbox.sqlite3` (WAL mode), or an in-memory database for tests. Work
//! that must be atomic runs in a `BEGIN IMMEDIATE` transaction (see [`immediate`]).

mod migrations;

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
}

/// A shared handle to the database; cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating and migrating as needed) the database of `store`.
    pub fn open(store: &DataStore) -> Result<Db, DbError> {
        let mut conn = match store {
            DataStore::Memory => Connection::open_in_memory()?,
            DataStore::Dir(dir) => Connection::open(prepare_dir(dir)?)?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Db { conn: Arc::new(Mutex::new(conn)) })
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
        let mut guard = Arc::clone(&self.conn).lock_owned().await;
        match tokio::task::spawn_blocking(move || work(&mut guard)).await {
            Ok(result) => result,
            Err(e) => Err(E::from(DbError::Task(e.to_string()))),
        }
    }

    /// Checks that the database answers (`SELECT 1`) and returns its schema version.
    pub async fn ready(&self) -> Result<i64, DbError> {
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
