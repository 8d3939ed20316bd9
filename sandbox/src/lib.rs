//! citypanel-sandbox: the reference city service platform and simulated department backends
//! used by the citypanel demo and tests.
//!
//! ```no_run
//! # async fn demo() -> Result<(), citypanel_sandbox::ServeError> {
//! let config = citypanel_sandbox::Config { port: 0, ..Default::default() };
//! let running = citypanel_sandbox::serve(config).await?;
//! println!("listening on {}", running.url());
//! running.shutdown().await
//! # }
//! ```

pub mod api;
pub mod catalog;
pub mod config;
pub mod departments;
pub mod error;
pub mod faults;
pub mod logging;
pub mod server;

pub use catalog::{Catalog, CatalogError};
pub use config::{parse_args, ArgsError, Command, Config, USAGE};
pub use error::ApiError;
pub use faults::{Fault, FaultMode, Faults};
pub use server::{router, serve, AppState, Running, ServeError, BODY_LIMIT};
