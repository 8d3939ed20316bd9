//! Thin Leptos views over the plain-Rust flow.
pub mod actions;
pub mod availability;
pub mod catalog;
pub mod choice;
pub mod field;
pub mod loader;
pub mod mine;
pub mod outcome;
pub mod panel;
pub mod pay;
pub mod receipt;
pub mod records;
pub mod review;
pub mod status;
pub mod util;
pub mod widgets;

pub use catalog::CatalogPanel;
pub use loader::ServiceView;
pub use mine::MinePanel;
pub use panel::ServicePanel;
