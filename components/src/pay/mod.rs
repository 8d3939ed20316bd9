//! Paying a bill: the plain-Rust payment [`machine`] and [`order`] requests, and the thin
//! [`sheet`] view that drives them through the platform and the host bridge.

#[cfg(feature = "split")]
pub mod lazy;
pub mod machine;
pub mod order;
pub mod sheet;

// With the `split` feature the sheet sits behind its lazy boundary (its own wasm chunk);
// without it, the sheet itself: the wrapper's loading state costs 2 KiB gzip of its own.
#[cfg(feature = "split")]
pub use lazy::PaySheet;
#[cfg(not(feature = "split"))]
pub use sheet::PaySheet;
