//! citypanel-sandbox: the reference city service platform and simulated department backends
//! used by the citypanel demo and tests. State (orders, bookings, subscriptions, records)
//! lives in SQLite; the HTTP contract is documented in `docs/platform-api.md`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), citypanel_sandbox::ServeError> {
//! let config = citypanel_sandbox::Config::ephemeral();
//! let running = citypanel_sandbox::serve(config).await?;
//! println!("listening on {}", running.url());
//! running.shutdown().await
//! # }
//! ```

pub mod api;
pub mod app;
pub mod bookings;
pub mod canned;
pub mod catalog;
pub mod config;
pub mod cors;
pub mod db;
pub mod departments;
pub mod error;
pub mod extract;
pub mod faults;
pub mod identity;
pub mod ids;
pub mod logging;
pub mod me;
pub mod orders;
pub mod pay;
pub mod published;
pub mod server;
pub mod shutdown;
pub mod subscriptions;
pub mod time;
pub mod validate;

pub use app::{router, AppState, BODY_LIMIT};
pub use catalog::{Catalog, CatalogError};
pub use config::{parse_args, usage, ArgsError, Command, Config, DataStore, USAGE};
pub use db::{Db, DbError};
pub use error::{ApiError, FieldError};
pub use faults::{Fault, FaultMode, Faults};
pub use server::{serve, Running, ServeError};
