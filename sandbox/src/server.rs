//! Router assembly, binding and the running-server handle.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{middleware, Router};
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;

use crate::catalog::{Catalog, CatalogError};
use crate::error::{self, ApiError};
use crate::faults::Faults;
use crate::{api, departments, faults, logging, Config};

/// The largest request body accepted, in bytes (64 KiB).
pub const BODY_LIMIT: usize = 64 * 1024;

/// Why the server could not start or stopped with an error.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The catalog directory could not be read.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// `--dist` does not name a directory.
    #[error("--dist `{0}` is not a directory")]
    Dist(String),
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
    /// The server task ended abnormally.
    #[error("server task failed: {0}")]
    Task(String),
}

impl ServeError {
    /// The process exit code: 2 for configuration errors, 1 for everything else.
    pub fn exit_code(&self) -> i32 {
        match self {
            ServeError::Catalog(_) | ServeError::Dist(_) => 2,
            _ => 1,
        }
    }
}

/// The state shared by every route.
#[derive(Clone)]
pub struct AppState {
    /// The loaded descriptors.
    pub catalog: Arc<Catalog>,
    /// The department faults currently set.
    pub faults: Faults,
    dist: Option<ServeDir>,
}

impl AppState {
    /// State over a catalog, with no faults and no static files.
    pub fn new(catalog: Catalog) -> AppState {
        AppState {
            catalog: Arc::new(catalog),
            faults: Faults::default(),
            dist: None,
        }
    }
}

/// The complete application. Serve it with `into_make_service_with_connect_info::<SocketAddr>`
/// (the admin routes need the peer address).
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::router())
        .merge(departments::router())
        .merge(faults::router())
        .fallback(fallback)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(logging::request_log))
        .with_state(state)
}

/// Static files from `--dist` (GET/HEAD outside the API prefixes), else a JSON 404.
async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    let api = ["/api/", "/dept/", "/admin/"]
        .iter()
        .any(|p| path.starts_with(p));
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    let Some(mut dist) = state.dist.filter(|_| readable && !api) else {
        return error::not_found(request.uri().clone())
            .await
            .into_response();
    };
    let uri = request.uri().clone();
    match dist.try_call(request).await {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => {
            error::not_found(uri).await.into_response()
        }
        Ok(response) => response.map(Body::new),
        Err(e) => ApiError::Internal(format!("cannot read static file: {e}")).into_response(),
    }
}

/// A running server: its address and a way to stop it gracefully.
#[derive(Debug)]
pub struct Running {
    addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
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

    /// Stops accepting, lets in-flight requests finish, and waits for the server to end.
    pub async fn shutdown(self) -> Result<(), ServeError> {
        let _ = self.stop.send(());
        join(self.task).await
    }

    /// Runs until `signal` completes (then shuts down gracefully) or the server fails.
    pub async fn run_until(mut self, signal: impl Future<Output = ()>) -> Result<(), ServeError> {
        tokio::select! {
            () = signal => self.shutdown().await,
            ended = &mut self.task => join_result(ended),
        }
    }
}

async fn join(task: JoinHandle<std::io::Result<()>>) -> Result<(), ServeError> {
    join_result(task.await)
}

fn join_result(
    ended: Result<std::io::Result<()>, tokio::task::JoinError>,
) -> Result<(), ServeError> {
    match ended {
        Ok(result) => Ok(result?),
        Err(e) => Err(ServeError::Task(e.to_string())),
    }
}

/// Loads the catalog, binds `host:port` and starts serving in the background.
pub async fn serve(config: Config) -> Result<Running, ServeError> {
    let catalog = Catalog::load(&config.catalog)?;
    tracing::info!(services = catalog.len(), "catalog loaded");
    let mut state = AppState::new(catalog);
    if let Some(dir) = &config.dist {
        if !dir.is_dir() {
            return Err(ServeError::Dist(dir.display().to_string()));
        }
        state.dist = Some(ServeDir::new(dir));
    }
    let addr = SocketAddr::new(config.host, config.port);
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    let addr = listener.local_addr()?;
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Running { addr, stop, task })
}
