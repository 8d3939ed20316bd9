//! "My City": the plain-Rust [`model`] (reading `GET /api/v1/me`, grouping it into rows), the
//! departments' [`digest`] and the citizen's consent to it, and the thin [`view`].

pub mod digest;
pub mod model;
pub mod person;
pub mod view;

pub use model::*;
pub use view::MinePanel;
