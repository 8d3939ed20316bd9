//! Raw request and response mapping.

use super::{Expect, FromJson, Lenient, RawText};
use crate::map::Map;
use crate::vocab::{FormatName, Method, PiiClass, Tone};
use serde_json::Value as Json;

raw_struct! {
    /// How to call the department.
    pub struct RawRequest as "Request" {
        req {
            method: Method,
        }
        opt {
            /// JSON template; strings may contain `{input_id}` placeholders. Not with `GET`.
            body: Json,
            /// Query-string templates; no PII-classed input may appear.
            query: Map<Lenient<String>>,
            /// Extra headers, no placeholders; not `Authorization`, `Cookie` or `Host`.
            headers: Map<Lenient<String>>,
            /// 100–60000, default 10000.
            timeout_ms: i64,
            /// `query` services: seconds the same inputs may be answered from cache (default 0).
            cache_ttl_s: i64,
        }
    }
}

raw_struct! {
    /// How to read the department's answer.
    pub struct RawResponse as "Response" {
        req {}
        opt {
            /// Where the department's own status code is. Absent: HTTP 2xx means success.
            status: RawStatus,
            /// Department error code → message (and the input it concerns).
            errors: Map<Lenient<RawErrorSpec>>,
            /// JSON pointer to the array of records.
            records: String,
            /// Uniform fields of each record.
            fields: Vec<Lenient<RawField>>,
            /// Single values from the whole answer.
            values: Vec<Lenient<RawField>>,
        }
    }
}

raw_struct! {
    /// The department's status code and its success values.
    pub struct RawStatus as "Status" {
        req {
            pointer: String,
            /// Codes meaning success (strings or numbers, compared as strings).
            success: Vec<Lenient<RawCode>>,
        }
        opt {}
    }
}

/// A status code as written.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Code"),
    serde(untagged)
)]
pub enum RawCode {
    Text(String),
    Number(serde_json::Number),
}

impl FromJson for RawCode {
    fn from_json(v: &Json) -> Option<Self> {
        match v {
            Json::String(s) => Some(RawCode::Text(s.clone())),
            Json::Number(n) => Some(RawCode::Number(n.clone())),
            _ => None,
        }
    }
}

impl Expect for RawCode {
    const WHAT: &'static str = "a string or a number";
}

raw_struct! {
    /// A department error's message.
    pub struct RawErrorSpec as "ErrorSpec" {
        req {
            message: RawText,
        }
        opt {
            /// The input the message is shown on.
            field: String,
        }
    }
}

raw_struct! {
    /// One uniform field (or single value) read with a JSON pointer and a formatter.
    pub struct RawField as "Field" {
        req {
            id: String,
            /// Relative to the record (fields) or the document root (values).
            pointer: String,
        }
        opt {
            /// Default `text`.
            format: RawFormat,
            pii: PiiClass,
            reveal: bool,
        }
    }
}

/// A formatter: a name, or `{ "enum": { code: label } }`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Format"),
    serde(untagged)
)]
pub enum RawFormat {
    Name(FormatName),
    Enum(RawEnumFormat),
}

impl FromJson for RawFormat {
    fn from_json(v: &Json) -> Option<Self> {
        match v {
            Json::String(s) => FormatName::parse(s).map(RawFormat::Name),
            other => RawEnumFormat::from_json(other).map(RawFormat::Enum),
        }
    }
}

impl Expect for RawFormat {
    const WHAT: &'static str = "a formatter name or an `enum` object";
    fn unknown(s: &str) -> Option<(&'static str, String)> {
        FormatName::unknown(s)
    }
}

raw_struct! {
    /// Codes → labels (optionally with a tone).
    pub struct RawEnumFormat as "EnumFormat" {
        req {
            r#enum: Map<Lenient<RawEnumEntry>>,
        }
        opt {}
    }
}

/// An enum label: text, or `{ "label": text, "tone": … }`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "EnumEntry"),
    serde(untagged)
)]
pub enum RawEnumEntry {
    Toned(RawToned),
    Plain(RawText),
}

impl FromJson for RawEnumEntry {
    fn from_json(v: &Json) -> Option<Self> {
        if v.as_object()?.contains_key("label") {
            RawToned::from_json(v).map(RawEnumEntry::Toned)
        } else {
            RawText::from_json(v).map(RawEnumEntry::Plain)
        }
    }
}

impl Expect for RawEnumEntry {
    const WHAT: &'static str = "an object";
}

raw_struct! {
    /// A label with a tone.
    pub struct RawToned as "Toned" {
        req {
            label: RawText,
        }
        opt {
            tone: Tone,
        }
    }
}
