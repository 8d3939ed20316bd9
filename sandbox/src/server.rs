//! Starting the server and the running-server handle.

mod accept;
pub mod body;
mod limits;
mod track;

pub use limits::ConnLimits;

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use thiserror::Error;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;

use crate::app::{router, AppState};
use crate::bookings::spawn_sweeper;
use crate::catalog::{Catalog, CatalogError};
use crate::cors::Origins;
use crate::db::{Db, DbError};
use crate::faults::{load_file, FaultFileError};
use crate::identity::{HostKeys, Identity};
use crate::me::digest::Departments;
use crate::shutdown::{self, Trigger};
use crate::Config;

/// Why the server could not start or stopped with an error.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The catalog directory could not be read.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// `--dist` does not name a directory.
    #[error("--dist `{0}` is not a directory")]
    Dist(String),
    /// `--faults` names a missing or invalid file.
    #[error(transparent)]
    Faults(#[from] FaultFileError),
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Db(#[from] DbError),
    /// The address could not be bound (in use, not permitted, …).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The server failed while running.
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    /// The operating system's random source (for unguessable ids) does not work.
    #[error("the operating system's random source failed: {0}")]
    Random(String),
    /// The server task ended abnormally.
    #[error("server task failed: {0}")]
    Task(String),
    /// The HTTP client the platform calls the departments with could not be built.
    #[error("{0}")]
    Client(String),
}

impl ServeError {
    /// The process exit code: 2 for configuration errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            ServeError::Catalog(_) | ServeError::Dist(_) | ServeError::Faults(_) => 2,
            ServeError::Db(DbError::CreateDir { .. } | DbError::TooNew { .. }) => 2,
            _ => 1,
        }
    }
}

/// A running server: its address and a way to stop it gracefully.
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    trigger: Trigger,
    task: JoinHandle<std::io::Result<()>>,
    sweeper: JoinHandle<()>,
}

impl Running {
    /// The bound address (with the real port when `0` was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL, e.g. `http://127.0.0.1:8080`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, cuts department waits short, lets in-flight requests finish (for at
    /// most the shutdown deadline, then closes what is left), stops the hold sweeper, and
    /// waits for all of it.
    pub async fn shutdown(self) -> Result<(), ServeError> {
        self.trigger.fire();
        let ended = join_result(self.task.await);
        let _ = self.sweeper.await;
        ended
    }

    /// Runs until `signal` completes (then shuts down gracefully) or the server fails.
    pub async fn run_until(mut self, signal: impl Future<Output = ()>) -> Result<(), ServeError> {
        tokio::select! {
            () = signal => self.shutdown().await,
            ended = &mut self.task => {
                self.trigger.fire();
                let _ = self.sweeper.await;
                join_result(ended)
            }
        }
    }
}

fn join_result(
    ended: Result<std::io::Result<()>, tokio::task::JoinError>,
) -> Result<(), ServeError> {
    match ended {
        Ok(result) => Ok(result?),
        Err(e) => Err(ServeError::Task(e.to_string())),
    }
}

/// How often lapsed holds are swept: half the hold time, from 1 to 5 seconds.
pub fn sweep_interval(hold_seconds: u64) -> Duration {
    Duration::from_secs((hold_seconds / 2).clamp(1, 5))
}

/// The address to reach a server listening on `addr` from this machine: a wildcard address
/// (`0.0.0.0`, `::`) is reached on loopback.
fn reachable(addr: SocketAddr) -> SocketAddr {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port())
}

/// Loads the catalog and faults, opens the database, binds `host:port` and starts serving
/// (and sweeping lapsed holds) in the background.
pub async fn serve(config: Config) -> Result<Running, ServeError> {
    // `new_id` needs the OS random source: fail here, not on a citizen's request.
    getrandom::fill(&mut [0u8; 16]).map_err(|e| ServeError::Random(e.to_string()))?;
    let catalog = Catalog::load(&config.catalog)?;
    tracing::info!(services = catalog.len(), "catalog loaded");
    let store = config.data.clone();
    let db = match &store {
        crate::db::DataStore::Postgres(url) => {
            let db = Db::open_postgres(url).await?;
            tracing::info!(available = crate::db::pg::AVAILABLE, "store: PostgreSQL");
            tracing::warn!(not_yet = crate::db::pg::NOT_YET, "not on PostgreSQL yet");
            db
        }
        _ => tokio::task::spawn_blocking(move || Db::open(&store))
            .await
            .map_err(|e| ServeError::Task(e.to_string()))??,
    };
    let (trigger, listener_shutdown) = shutdown::channel();
    let mut state = AppState::new(catalog, db.clone());
    state.hold_ms = i64::try_from(config.hold_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
    state.shutdown = listener_shutdown.clone();
    let keys = if config.host_keys.is_empty() { HostKeys::dev() } else { config.host_keys.clone() };
    state.identity = Arc::new(Identity { keys, allow_anonymous: config.dev_allow_anonymous });
    if !config.pay_keys.is_empty() {
        state.pay_keys = Arc::new(config.pay_keys.clone());
    }
    if let Some(path) = &config.faults {
        let count = load_file(path, &state.faults)?;
        tracing::info!(departments = count, "faults loaded");
    }
    if let Some(dir) = &config.dist {
        if !dir.is_dir() {
            return Err(ServeError::Dist(dir.display().to_string()));
        }
        // `x.wasm.br` and `x.wasm.gz` beside `x.wasm` (what `cargo xtask build` writes) are
        // sent to clients that accept Brotli or gzip, as a CDN would: the demo loads the bytes
        // the size figures count.
        state.dist = Some(ServeDir::new(dir).precompressed_br().precompressed_gzip());
    }
    let addr = SocketAddr::new(config.host, config.port);
    let listener =
        TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
    let addr = listener.local_addr()?;
    let base = match &config.departments_url {
        Some(url) => url.clone(),
        None => format!("http://{}", reachable(addr)),
    };
    state.departments = Some(Departments::new(&base).map_err(ServeError::Client)?);
    let origins = Origins::new(config.allow_origins.clone());
    let app = router(state, origins);
    let stopped = listener_shutdown.clone();
    let limits = config.limits;
    let task = tokio::spawn(async move {
        accept::run(listener, app, limits, stopped).await;
        Ok(())
    });
    let every = sweep_interval(config.hold_seconds);
    let sweeper = spawn_sweeper(db, every, listener_shutdown);
    Ok(Running { addr, trigger, task, sweeper })
}
