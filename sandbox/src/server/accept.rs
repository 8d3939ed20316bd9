//! The accept loop: one task per connection, each with a watchdog for its timeouts, a cap on
//! how many are served at once, and a shutdown that waits at most its deadline.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;
use tower_service::Service;

use super::body::{TimedBody, TrackedBody};
use super::limits::ConnLimits;
use super::track::{clock_ms, ConnState, Phase, Tracked};
use crate::shutdown::Shutdown;

/// The open connections, by accept number.
#[derive(Debug, Default)]
struct Registry {
    open: Mutex<HashMap<u64, Arc<ConnState>>>,
    /// Wakes waiters whenever a connection has closed.
    ended: Notify,
}

impl Registry {
    fn insert(&self, id: u64, state: Arc<ConnState>) {
        if let Ok(mut map) = self.open.lock() {
            map.insert(id, state);
        }
    }

    fn remove(&self, id: u64) {
        if let Ok(mut map) = self.open.lock() {
            map.remove(&id);
        }
        self.ended.notify_waiters();
    }

    /// Closes a connection and waits (briefly) until it has, to free its file descriptor.
    async fn make_room(&self) {
        let ended = self.ended.notified();
        if self.evict_one() {
            let _ = tokio::time::timeout(Duration::from_millis(100), ended).await;
        } else {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Closes the connection that has waited longest on its client; `false` if every
    /// connection is being worked on.
    fn evict_one(&self) -> bool {
        let Ok(map) = self.open.lock() else { return false };
        let oldest = map
            .values()
            .filter(|s| !s.is_closing())
            .map(|s| (s, s.load()))
            .filter(|(_, (phase, _))| phase.waits_on_client())
            .min_by_key(|(_, (_, since))| *since);
        oldest.is_some_and(|(state, _)| state.close())
    }
}

/// Whether an accept error means the process is out of file descriptors.
fn out_of_files(error: &std::io::Error) -> bool {
    // EMFILE (24) and ENFILE (23) on Linux and the BSDs.
    matches!(error.raw_os_error(), Some(23 | 24))
}

/// Serves `app` on `listener` until `shutdown` fires, then lets connections finish for at
/// most `limits.shutdown_deadline` and closes the rest.
pub async fn run(listener: TcpListener, app: Router, limits: ConnLimits, shutdown: Shutdown) {
    let registry = Arc::new(Registry::default());
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let mut tasks = JoinSet::new();
    let mut next_id = 0u64;
    loop {
        while tasks.try_join_next().is_some() {}
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = shutdown.fired() => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                // Never fatal: out of files, make room; otherwise (a connection reset
                // before it was accepted, …) go on after a breath.
                if out_of_files(&error) {
                    registry.make_room().await;
                } else {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
                continue;
            }
        };
        let permit = match Arc::clone(&permits).try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                registry.evict_one();
                let acquired = tokio::select! {
                    permit = Arc::clone(&permits).acquire_owned() => permit,
                    () = shutdown.fired() => break,
                };
                match acquired {
                    Ok(permit) => permit,
                    Err(_) => break,
                }
            }
        };
        next_id += 1;
        let id = next_id;
        let state = Arc::new(ConnState::new());
        registry.insert(id, Arc::clone(&state));
        let (app, shutdown, registry) = (app.clone(), shutdown.clone(), Arc::clone(&registry));
        tasks.spawn(async move {
            serve_connection(stream, peer, app, Arc::clone(&state), limits, shutdown).await;
            registry.remove(id);
            drop(permit);
        });
    }
    drop(listener);
    let drained = async { while tasks.join_next().await.is_some() {} };
    if tokio::time::timeout(limits.shutdown_deadline, drained).await.is_err() {
        tracing::warn!(open = tasks.len(), "shutdown deadline passed; closing connections");
        tasks.shutdown().await;
    }
}

/// Serves one connection until it ends, its watchdog or the accept loop closes it, or (after
/// shutdown fires) its in-flight request is answered.
async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    state: Arc<ConnState>,
    limits: ConnLimits,
    shutdown: Shutdown,
) {
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(Tracked::new(stream, Arc::clone(&state)));
    let service_state = Arc::clone(&state);
    let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let mut app = app.clone();
        let state = Arc::clone(&service_state);
        state.enter(Phase::Busy);
        let (mut parts, body) = request.into_parts();
        parts.extensions.insert(ConnectInfo(peer));
        let body = TimedBody::new(body, limits.body_timeout, Arc::clone(&state));
        let request = axum::http::Request::from_parts(parts, axum::body::Body::new(body));
        async move {
            let response = app.call(request).await?;
            Ok::<_, std::convert::Infallible>(response.map(|body| TrackedBody::new(body, state)))
        }
    });
    let mut builder = http1::Builder::new();
    // The watchdog enforces the header timeout from a request's first byte; hyper's own
    // (counted from the end of the previous response) is a backstop.
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout.saturating_add(limits.idle_timeout));
    let connection = builder.serve_connection(io, service);
    tokio::pin!(connection);
    let watchdog = watchdog(&state, limits);
    tokio::pin!(watchdog);
    let mut stopping = false;
    loop {
        tokio::select! {
            ended = connection.as_mut() => {
                if let Err(error) = ended {
                    tracing::debug!(%error, "connection ended");
                }
                break;
            }
            () = &mut watchdog => break,
            () = state.closed() => break,
            () = shutdown.fired(), if !stopping => {
                stopping = true;
                connection.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Completes when the connection has waited on its client too long: idle (or an unread
/// response) past the idle limit, or headers begun and unfinished past the header timeout.
/// Bodies have their own deadline ([`TimedBody`]). It looks again at least every quarter of
/// the shorter limit (20 ms to 1 s), as the phase may change while it sleeps.
async fn watchdog(state: &ConnState, limits: ConnLimits) {
    let nap = (limits.idle_timeout.min(limits.header_timeout) / 4)
        .clamp(Duration::from_millis(20), Duration::from_secs(1));
    loop {
        let (phase, since) = state.load();
        let limit = match phase {
            Phase::Idle | Phase::Sending => limits.idle_timeout,
            Phase::Head => limits.header_timeout,
            Phase::Body | Phase::Busy => {
                tokio::time::sleep(nap).await;
                continue;
            }
        };
        let limit_ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
        let deadline = since.saturating_add(limit_ms);
        let now = clock_ms();
        if now >= deadline {
            return;
        }
        let wait = Duration::from_millis(deadline - now).min(nap);
        tokio::time::sleep(wait).await;
    }
}
