//! The service panel's views: the form ([`field`], [`choice`] and what their controls share,
//! [`control`]; [`status`]), what follows a
//! submission ([`outcome`], [`review`], [`receipt`], [`actions`], whose plain-Rust
//! offers are [`crate::flow::offers`]), the panel itself ([`view`]) and its descriptor [`loader`]. The machine and
//! its controller are [`crate::flow`].

pub mod actions;
pub mod choice;
pub mod control;
pub mod field;
pub mod loader;
pub mod outcome;
pub mod receipt;
pub mod review;
pub mod share;
pub mod status;
pub mod view;

pub use loader::ServiceView;
pub use view::ServicePanel;
