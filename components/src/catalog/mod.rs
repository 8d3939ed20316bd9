//! The service catalog: the plain-Rust [`model`] (reading, searching, arranging entries), its
//! thin [`view`] and the results' DOM (`dom.rs`: items built once, moved by keyed patches).

mod dom;
pub mod model;
pub mod view;

pub use model::*;
pub use view::CatalogPanel;
