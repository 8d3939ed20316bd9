//! citypanel: embeddable city-service panels driven by service descriptors.
//!
//! Logic lives in plain Rust ([`flow`]); the [`view`] components are thin.

pub mod actions;
pub mod bridge;
pub mod catalog;
pub mod drafts;
pub mod embed;
pub mod flow;
pub mod i18n;
pub mod mine;
pub mod notice;
pub mod payment;
pub mod theme;
pub mod transport;
pub mod view;

pub use view::{CatalogPanel, MinePanel, ServicePanel, ServiceView};
