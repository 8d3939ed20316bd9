//! The shared state and the assembled router.

pub mod compress;
pub mod hygiene;
pub mod pages;

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{middleware, Router};
use tower_http::services::ServeDir;

use crate::catalog::Catalog;
use crate::cors::{self, Origins};
use crate::db::Db;
use crate::error::{self, ApiError};
use crate::faults::{self, Faults};
use crate::identity::{self, Identity};
use crate::published::Published;
use crate::shutdown::Shutdown;
use crate::{api, departments, logging, pay};

/// The largest request body accepted, in bytes (64 KiB).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The state shared by every route.
#[derive(Clone)]
pub struct AppState {
    /// The loaded descriptors.
    pub catalog: Arc<Catalog>,
    /// The catalog and descriptors as served, with their ETags.
    pub published: Arc<Published>,
    /// The department faults currently set.
    pub faults: Faults,
    /// Orders, bookings, subscriptions and records.
    pub db: Db,
    /// How long a booking hold lasts, in milliseconds.
    pub hold_ms: i64,
    /// Fires when the server stops.
    pub shutdown: Shutdown,
    /// The built web app, if served.
    pub dist: Option<ServeDir>,
    /// Host keys and whether identity tokens are required.
    pub identity: Arc<Identity>,
    /// The payment providers' notification keys per host ([`crate::pay::notify`]).
    pub pay_keys: Arc<identity::HostKeys>,
    /// The department routes' `Idempotency-Key`s and answers.
    pub dept_replies: Arc<crate::departments::idempotency::Replies>,
    /// The paying departments' books per city, as last read.
    pub books: Arc<crate::departments::books::BooksCache>,
    /// Canned department answers of the author preview ([`crate::canned`]).
    pub canned: Arc<crate::canned::Canned>,
    /// The services that answer person queries, per city (My City's digest).
    pub people: Arc<crate::me::consent::Directory>,
    /// Where the departments are called for the digest (`None`: not reachable, every
    /// consented department is `unavailable`); [`crate::serve`] sets the server's own address.
    pub departments: Option<crate::me::digest::Departments>,
    /// The departments' recent person answers.
    pub digests: Arc<crate::me::digest::Cache>,
}

impl AppState {
    /// State over a catalog and a database, with no faults, no static files, 300 s holds,
    /// the sandbox-only dev host keys and tokens required.
    pub fn new(catalog: Catalog, db: Db) -> AppState {
        AppState {
            published: Arc::new(Published::build(&catalog)),
            people: Arc::new(crate::me::consent::Directory::build(&catalog)),
            catalog: Arc::new(catalog),
            faults: Faults::default(),
            db,
            hold_ms: 300_000,
            shutdown: Shutdown::never(),
            dist: None,
            identity: Arc::new(Identity::dev()),
            pay_keys: Arc::new(pay::notify::dev_pay_keys()),
            dept_replies: Arc::default(),
            books: Arc::default(),
            canned: Arc::default(),
            departments: None,
            digests: Arc::default(),
        }
    }
}

/// The complete application. Serve it with `into_make_service_with_connect_info::<SocketAddr>`
/// (the admin routes need the peer address).
pub fn router(state: AppState, origins: Origins) -> Router {
    Router::new()
        .merge(api::router())
        .merge(departments::router())
        .merge(pay::router())
        .merge(faults::router())
        .merge(identity::router())
        .merge(crate::canned::router())
        .fallback(fallback)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(middleware::from_fn_with_state(origins.clone(), pages::page_headers))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(hygiene::hygiene))
        .layer(middleware::from_fn_with_state(origins, cors::cors))
        .layer(middleware::from_fn(logging::request_log))
        .layer(compress::layer())
        .layer(middleware::from_fn(compress::weak_etag_when_encoded))
        .with_state(state)
}

/// How long a static file may be cached: a year, `immutable`, inside a content-addressed SDK
/// folder (`/sdk/<16 hex digits>/…`, whose name changes with its bytes); everything else (HTML,
/// the stable entry points `/embed/citypanel.js`, `/sdk/citypanel-app.js`, …) is revalidated.
pub fn cache_control(path: &str) -> &'static str {
    let hashed = path
        .strip_prefix("/sdk/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(dir, _)| dir.len() == 16 && dir.bytes().all(|b| b.is_ascii_hexdigit()));
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Static files from `--dist` (GET/HEAD outside the API prefixes), else a JSON 404.
async fn fallback(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path();
    let api = pages::api_path(path);
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    let Some(mut dist) = state.dist.filter(|_| readable && !api) else {
        return error::not_found(request.uri().clone()).await.into_response();
    };
    let uri = request.uri().clone();
    match dist.try_call(request).await {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => {
            error::not_found(uri).await.into_response()
        }
        Ok(response) => {
            // The body depends on `accept-encoding` (precompressed copies): caches must know.
            let mut response = response.map(Body::new);
            let vary = axum::http::HeaderValue::from_static("accept-encoding");
            response.headers_mut().append(axum::http::header::VARY, vary);
            let cache = axum::http::HeaderValue::from_static(cache_control(uri.path()));
            response.headers_mut().insert(axum::http::header::CACHE_CONTROL, cache);
            response
        }
        Err(e) => ApiError::Internal(format!("cannot read static file: {e}")).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::cache_control;

    #[test]
    fn content_addressed_sdk_files_are_immutable_the_rest_revalidated() {
        let year = "public, max-age=31536000, immutable";
        assert_eq!(cache_control("/sdk/0123456789abcdef/citypanel-app_bg.wasm"), year);
        assert_eq!(cache_control("/sdk/0123456789ABCDEF/citypanel.js"), year);
        for path in [
            "/sdk/citypanel-app.js",
            "/embed/citypanel.js",
            "/index.html",
            "/",
            "/sdk/0123456789abcdeg/x.js",
            "/sdk/0123456789abcdef",
            "/x/sdk/0123456789abcdef/y",
        ] {
            assert_eq!(cache_control(path), "no-cache", "{path}");
        }
    }
}
