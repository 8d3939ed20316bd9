//! Raw `digest` section (format 1.1): how a department answers for a person.

use super::{Lenient, RawCode, RawRequest, RawResponse, RawText};
use crate::map::Map;
use crate::vocab::AttributeClass;

raw_struct! {
    /// Format 1.1: the department can answer for a person (My City). The request's
    /// placeholders are attribute classes (`{plates}`, `{id_number}`…); the answer is read with
    /// the response language and turned into short matters.
    pub struct RawDigest as "Digest" {
        req {
            /// The identity attribute classes the department needs; each must be used.
            needs: Vec<Lenient<AttributeClass>>,
            /// How to call the person endpoint; `{class}` placeholders, body only.
            request: RawRequest,
            /// How to read the department's person answer.
            response: RawResponse,
            /// How records become matters; at least one.
            matters: Vec<Lenient<RawMatter>>,
        }
        opt {}
    }
}

raw_struct! {
    /// One kind of matter: which records, grouped how, summed and dated how, said how.
    pub struct RawMatter as "Matter" {
        req {
            /// `{count}`, `{amount}`, `{date}` and record field placeholders.
            text: RawText,
        }
        opt {
            /// Used instead of `text` when the count is 1.
            one: RawText,
            /// Only records whose field has one of these codes.
            r#where: RawWhere,
            /// A field: one matter per distinct value (absent: one matter for all).
            group: String,
            /// A money field, summed over the matter's records.
            amount: String,
            /// A date field; the earliest is the matter's next date.
            date: String,
            /// Days before the next date a matter is `due_soon` (0–366, default 7).
            due_soon_days: i64,
            /// The status of a matter without a next date: `info` (default), `due`,
            /// `due_soon` or `overdue` (unpaid fines carry no pay-by date, yet are to do).
            undated: String,
            /// Service input id → template of record fields: what opens the service for this
            /// matter. Never a `secret` input.
            open: Map<Lenient<String>>,
        }
    }
}

raw_struct! {
    /// A filter on one record field.
    pub struct RawWhere as "Where" {
        req {
            field: String,
            /// Codes (the enum code, or the value as text) that keep a record.
            r#in: Vec<Lenient<RawCode>>,
        }
        opt {}
    }
}
