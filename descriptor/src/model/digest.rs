//! The `digest` section of format 1.1 (person queries) as validated; what is done with it —
//! the person request, the matters — is [`crate::digest`].

use super::{RequestSpec, ResponseSpec};
use crate::map::Map;
use crate::text::Text;
use crate::vocab::{AttributeClass, MatterStatus};

/// Default `due_soon_days` of a matter.
pub const DEFAULT_DUE_SOON_DAYS: u32 = 7;
/// Longest `due_soon_days`.
pub const MAX_DUE_SOON_DAYS: i64 = 366;
/// At most this many matter specs per digest.
pub const MAX_MATTER_SPECS: usize = 16;
/// The placeholders a matter's text has besides record fields.
pub const RESERVED: [&str; 3] = ["count", "amount", "date"];

/// A validated `digest` section.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestSpec {
    /// The attribute classes the department needs, in the declared order, without repeats.
    pub needs: Vec<AttributeClass>,
    /// The person request; its placeholders are attribute classes.
    pub request: RequestSpec,
    /// How to read the department's person answer.
    pub response: ResponseSpec,
    pub matters: Vec<MatterSpec>,
    /// The city's `person_endpoint`, set by [`crate::Descriptor::digest_for`]; `None` in the
    /// top-level spec.
    pub endpoint: Option<String>,
}

/// How records become matters.
#[derive(Debug, Clone, PartialEq)]
pub struct MatterSpec {
    /// `{count}`, `{amount}`, `{date}` and `{field}` placeholders.
    pub text: Text,
    /// Used when the count is 1.
    pub one: Option<Text>,
    pub filter: Option<WhereSpec>,
    /// One matter per distinct value of this field.
    pub group: Option<String>,
    /// A money field, summed.
    pub amount: Option<String>,
    /// A date field; the earliest is the next date.
    pub date: Option<String>,
    pub due_soon_days: u32,
    /// The status of a matter without a next date (`info` unless the descriptor says).
    pub undated: MatterStatus,
    /// Input id → template of record fields (of the matter's first record).
    pub open: Map<String>,
}

/// Keeps records whose `field` has one of `values` (enum code, or the value as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhereSpec {
    pub field: String,
    pub values: Vec<String>,
}

/// A template string that is exactly one placeholder: its name.
pub fn whole_placeholder(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('{')?.strip_suffix('}')?;
    (!inner.contains(['{', '}'])).then_some(inner)
}
