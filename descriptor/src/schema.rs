//! The JSON Schema of the format, generated from the raw serde types (feature `schema`).
//! Committed as `descriptor/schema/descriptor-v1.schema.json`; a test keeps it in sync.

use crate::raw::RawDescriptor;
use schemars::generate::SchemaSettings;

/// The schema's `$id`.
pub const SCHEMA_ID: &str = "urn:citypanel:descriptor:v1";

/// The JSON Schema (draft 2020-12) of format 1.x descriptors.
pub fn schema() -> schemars::Schema {
    let mut schema =
        SchemaSettings::draft2020_12().into_generator().into_root_schema_for::<RawDescriptor>();
    schema.insert("$id".into(), SCHEMA_ID.into());
    schema
}

/// The schema as pretty-printed JSON ending with a newline, as committed.
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    s.push('\n');
    s
}
