//! The citypanel service-descriptor standard: pure data, parsed in three stages
//! ([`raw`] serde types → [`parse`]: normalize & validate with [`Diagnostic`]s → the validated
//! [`model`]), plus the value [`rules`], [`mask`]ing, request building and response
//! [`mapping`] shared by the browser and the sandbox.
//!
//! This crate has no web dependencies, no clock and never panics on outside input.

pub mod availability;
pub mod diag;
pub mod digest;
pub mod locate;
pub mod map;
pub mod mapping;
pub mod mask;
pub mod model;
pub mod parse;
pub mod raw;
#[cfg(feature = "validate")]
pub mod references;
pub mod request;
pub mod resolve;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
pub mod text;
pub mod time;
pub mod validate;
pub mod value;
mod vocab;

pub use availability::{Availability, CapabilityState};
pub use diag::{Diagnostic, Severity};
pub use mapping::{map_response, map_with, Outcome, Record};
pub use mask::mask;
pub use model::{Descriptor, InputKind, PiiClass, ServiceKind};
#[cfg(feature = "validate")]
pub use parse::{parse, parse_value};
pub use parse::{parse_availability, read, read_value, Parsed};
#[cfg(feature = "validate")]
pub use references::check_references;
pub use request::{build_request, BuiltRequest, RequestError};
pub use resolve::resolve_json;
pub use text::Text;
pub use time::Date;
pub use validate::{validate_all, validate_all_on, validate_value, validate_value_on, FieldError};
pub use value::Value;
