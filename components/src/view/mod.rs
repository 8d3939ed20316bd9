//! Thin Leptos views over the plain-Rust flow.
pub mod catalog;
pub mod field;
pub mod loader;
pub mod panel;
pub mod records;
pub mod status;
pub mod widgets;

pub use loader::ServiceView;
pub use panel::ServicePanel;
pub use catalog::CatalogPanel;
