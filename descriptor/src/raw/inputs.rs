//! Raw inputs.

use super::{Expect, FromJson, Lenient, RawText};
use crate::vocab::{Allowed, PiiClass, PrefillSource};
use serde_json::Value as Json;

raw_struct! {
    /// One form input.
    pub struct RawInput as "Input" {
        req {
            /// `a-z`, `0-9`, `_`, 1–64 characters; unique; used in `{placeholders}`.
            id: String,
            /// `text`, `number`, `amount`, `date`, `select`, `plate`, `id_number`, `mobile`, `vin`,
            /// `engine_tail`, `slot` or `consent` (a newer kind needs `fallback`).
            kind: String,
            label: RawText,
        }
        opt {
            /// Input kind used if `kind` is unknown to the reader.
            fallback: String,
            help: RawText,
            /// Heading grouping consecutive inputs.
            section: RawText,
            required: bool,
            pii: PiiClass,
            /// `text`: fewest characters.
            min_length: i64,
            /// `text`: most characters (default 200).
            max_length: i64,
            /// `number`, `amount` (yuan) or `date` (`yyyy-MM-dd`, `today`, `today+N`, `today-N`).
            min: RawBound,
            /// Like `min`.
            max: RawBound,
            allowed: Allowed,
            /// `select`: static options.
            options: Vec<Lenient<RawOption>>,
            /// `select`, `slot`: remote (and cascading) options.
            options_from: RawOptionsFrom,
            visible_when: RawCondition,
            prefill: RawPrefill,
            /// Whether the citizen may unmask a PII-classed value shown in results.
            reveal: bool,
            /// Initial value (never for PII-classed inputs).
            default: String,
        }
    }
}

/// A bound: a number for `number`/`amount`, a date string for `date`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "Bound"),
    serde(untagged)
)]
pub enum RawBound {
    Number(serde_json::Number),
    Text(String),
}

impl FromJson for RawBound {
    fn from_json(v: &Json) -> Option<Self> {
        match v {
            Json::Number(n) => Some(RawBound::Number(n.clone())),
            Json::String(s) => Some(RawBound::Text(s.clone())),
            _ => None,
        }
    }
}

impl Expect for RawBound {
    const WHAT: &'static str = "a number or a date string";
}

raw_struct! {
    /// A static option of a `select`.
    pub struct RawOption as "Option" {
        req {
            value: String,
            label: RawText,
        }
        opt {}
    }
}

raw_struct! {
    /// Options fetched from the platform, re-fetched when `depends_on` inputs change.
    pub struct RawOptionsFrom as "OptionsFrom" {
        req {
            endpoint: String,
            /// JSON pointer to the array of options.
            records: String,
            /// JSON pointer (in each option) to its value.
            value: String,
            /// JSON pointer (in each option) to its label.
            label: String,
        }
        opt {
            /// `slot`: JSON pointer (in each option) to the places left.
            capacity: String,
            /// Earlier inputs whose values are posted to `endpoint`.
            depends_on: Vec<Lenient<String>>,
        }
    }
}

raw_struct! {
    /// `visible_when`: one earlier input compared with exactly one of `equals`, `in`, `filled`.
    pub struct RawCondition as "Condition" {
        req {
            input: String,
        }
        opt {
            equals: String,
            r#in: Vec<Lenient<String>>,
            filled: bool,
        }
    }
}

raw_struct! {
    /// Prefill from the host's identity, with the citizen's consent per field.
    pub struct RawPrefill as "Prefill" {
        req {
            from: PrefillSource,
        }
        opt {}
    }
}
