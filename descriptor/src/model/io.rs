//! The department call and the reading of its answer.

use crate::map::Map;
use crate::text::Text;
use crate::vocab::{Method, PiiClass, Tone};

/// Default `timeout_ms`.
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// How to build the department request from the inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSpec {
    pub method: Method,
    /// JSON body template; `{input}` placeholders in strings are replaced by values.
    pub body: Option<serde_json::Value>,
    /// Query-string templates (never PII-classed inputs).
    pub query: Map<String>,
    /// Extra headers (literal values).
    pub headers: Map<String>,
    pub timeout_ms: u32,
    /// Seconds the same inputs may be answered from cache (`query` services only; 0 = never).
    pub cache_ttl_s: u32,
}

/// How to read the department's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSpec {
    /// Where the department puts its status code, and which values mean success.
    pub status: Option<StatusSpec>,
    /// Department error codes → user messages (and optionally the input they concern).
    pub errors: Map<ErrorSpec>,
    /// JSON pointer to the array of records (`None`: the answer has no records).
    pub records: Option<String>,
    /// Uniform fields of each record (pointers relative to the record).
    pub fields: Vec<FieldSpec>,
    /// Single values of the whole answer (pointers from the root).
    pub values: Vec<FieldSpec>,
}

impl ResponseSpec {
    /// The record field with this id.
    pub fn field(&self, id: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The single value with this id.
    pub fn value(&self, id: &str) -> Option<&FieldSpec> {
        self.values.iter().find(|f| f.id == id)
    }
}

/// Where the department's own status code is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusSpec {
    pub pointer: String,
    /// Codes meaning success, as strings.
    pub success: Vec<String>,
}

/// A mapped department error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorSpec {
    pub message: Text,
    /// The input the message is shown on.
    pub field: Option<String>,
}

/// One uniform field of each record, or one single value of the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    pub id: String,
    /// JSON pointer, relative to the record (fields) or from the root (values).
    pub pointer: String,
    pub format: Format,
    /// Personal-data class: masked on screen.
    pub pii: PiiClass,
    /// Whether the citizen may unmask it.
    pub reveal: bool,
}

/// How a raw department value becomes a uniform value.
#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    Text,
    Integer,
    MoneyFen,
    MoneyJiao,
    MoneyYuan,
    Date8,
    DateTime14,
    Iso8601,
    EpochMillis,
    /// Codes → labels (and tones).
    Enum(Map<EnumEntry>),
}

impl Format {
    /// Whether values of this format are money.
    pub fn is_money(&self) -> bool {
        matches!(self, Format::MoneyFen | Format::MoneyJiao | Format::MoneyYuan)
    }
}

/// The label (and tone) of one enumerated code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumEntry {
    pub label: Text,
    pub tone: Option<Tone>,
}
