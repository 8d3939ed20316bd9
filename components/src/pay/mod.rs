//! Paying a bill: the plain-Rust payment [`machine`] and [`order`] requests, and the thin
//! [`sheet`] view that drives them through the platform and the host bridge.

pub mod lazy;
pub mod machine;
pub mod order;
pub mod sheet;

// The sheet behind its lazy boundary (its own wasm chunk with the `split` feature).
pub use lazy::PaySheet;
