//! citypanel: embeddable city-service panels driven by service descriptors.
//!
//! Layered bottom to top (no module imports one above it; `xtask/tests/architecture.rs`
//! checks it): the shared kit ([`i18n`], [`kit`], [`transport`], [`prefetch`], [`notice`],
//! [`theme`], [`drafts`], [`payment`]); the result [`widgets`]; the panel machine and its controller
//! ([`flow`]); then one folder per feature, each with its plain-Rust model beside its thin
//! view: [`pay`], [`panel`], [`catalog`], [`mine`]; the host side last ([`bridge`],
//! [`embed`]).

pub mod bridge;
pub mod catalog;
pub mod drafts;
pub mod embed;
pub mod flow;
pub mod i18n;
pub mod kit;
pub mod mine;
pub mod notice;
pub mod panel;
pub mod pay;
pub mod payment;
pub mod prefetch;
pub mod theme;
pub mod transport;
pub mod widgets;

pub use catalog::CatalogPanel;
pub use mine::MinePanel;
pub use panel::{ServicePanel, ServiceView};
