//! The citypanel service-descriptor standard: pure data, parsed in three stages
//! (raw JSON → normalize & validate with [`Diagnostic`]s → the validated [`model`]),
//! plus the value rules and response mapping shared by the browser and the sandbox.
//!
//! This crate has no web dependencies and never panics on outside input.

pub mod diag;
pub mod mapping;
pub mod model;
pub mod parse;
mod parse_inputs;
mod parse_io;
pub mod request;
pub mod rules;
pub mod text;
pub mod value;
mod walk;

pub use diag::{Diagnostic, Severity};
pub use mapping::{map_response, Outcome, Record};
pub use model::Descriptor;
pub use parse::{parse, parse_value, Parsed};
pub use request::{build_request, validate_all, validate_value, BuiltRequest, FieldError};
pub use text::Text;
pub use value::Value;
