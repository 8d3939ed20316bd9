//! The service catalog: the plain-Rust [`model`] (reading, searching, arranging entries) and
//! its thin [`view`].

pub mod model;
pub mod view;

pub use model::*;
pub use view::CatalogPanel;
