//! Paying a bill: the plain-Rust payment [`machine`] and [`order`] requests, and the thin
//! [`sheet`] view that drives them through the platform and the host bridge.

pub mod machine;
pub mod order;
pub mod sheet;

pub use sheet::PaySheet;
