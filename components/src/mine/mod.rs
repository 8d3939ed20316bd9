//! "My City": the plain-Rust [`model`] (reading `GET /api/v1/me`, grouping it into rows) and
//! its thin [`view`].

pub mod model;
pub mod view;

pub use model::*;
pub use view::MinePanel;
