//! The validated descriptor model: what the UI renders. Built only by [`crate::parse`].

use crate::text::Text;
use std::collections::BTreeMap;

/// A validated service descriptor.
#[derive(Debug, Clone, PartialEq)]
pub struct Descriptor {
    /// Format version as declared, e.g. `(1, 0)`.
    pub format: (u32, u32),
    pub id: String,
    pub kind: ServiceKind,
    pub category: String,
    pub title: Text,
    pub summary: Text,
    pub cities: Vec<CityBinding>,
    pub inputs: Vec<Input>,
    pub request: RequestSpec,
    pub response: ResponseSpec,
    pub result: ResultSpec,
}

impl Descriptor {
    /// The binding for a city code (GB/T 2260), if this service serves that city.
    pub fn city(&self, code: &str) -> Option<&CityBinding> {
        self.cities.iter().find(|c| c.code == code)
    }

    /// The input with this id.
    pub fn input(&self, id: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.id == id)
    }
}

/// What kind of service this is; drives the panel's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceKind {
    Query,
    Transaction,
    Booking,
    Payment,
}

impl ServiceKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "query" => Self::Query,
            "transaction" => Self::Transaction,
            "booking" => Self::Booking,
            "payment" => Self::Payment,
            _ => return None,
        })
    }
}

/// One city this service is offered in, with its department and endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityBinding {
    pub code: String,
    pub name: Text,
    pub department: Text,
    pub hotline: String,
    /// Department endpoint, a path relative to the platform base URL.
    pub endpoint: String,
}

/// The kinds of input this version knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Plate,
    EngineTail,
}

impl InputKind {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "text" => Self::Text,
            "plate" => Self::Plate,
            "engine_tail" => Self::EngineTail,
            _ => return None,
        })
    }
}

/// Personal-data class of an input; drives masking and where the value may travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PiiClass {
    None,
    Plate,
    IdNumber,
    Mobile,
    Name,
    Secret,
}

impl PiiClass {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "none" => Self::None,
            "plate" => Self::Plate,
            "id_number" => Self::IdNumber,
            "mobile" => Self::Mobile,
            "name" => Self::Name,
            "secret" => Self::Secret,
            _ => return None,
        })
    }
}

/// One form input.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub id: String,
    pub kind: InputKind,
    pub label: Text,
    pub help: Option<Text>,
    pub required: bool,
    pub pii: PiiClass,
}

/// HTTP method of the department call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
}

/// How to build the department request from the inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestSpec {
    pub method: Method,
    /// JSON body template; strings of the form `{input}` are replaced by that input's value.
    pub body: Option<serde_json::Value>,
    /// Query-string template (never PII-classed inputs).
    pub query: BTreeMap<String, String>,
    pub timeout_ms: u32,
}

/// How to read the department's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseSpec {
    /// Where the department puts its status code, and which values mean success.
    pub status: Option<StatusSpec>,
    /// Department error codes → user messages (and optionally the input they concern).
    pub errors: BTreeMap<String, ErrorSpec>,
    /// JSON pointer to the array of records.
    pub records: String,
    pub fields: Vec<FieldSpec>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusSpec {
    pub pointer: String,
    pub success: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ErrorSpec {
    pub message: Text,
    pub field: Option<String>,
}

/// One uniform field extracted from each record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    pub id: String,
    /// JSON pointer relative to the record.
    pub pointer: String,
    pub format: Format,
}

/// How a raw department value becomes a uniform value.
#[derive(Debug, Clone, PartialEq)]
pub enum Format {
    Text,
    Integer,
    MoneyFen,
    MoneyYuan,
    Date8,
    DateTime14,
    EpochMillis,
    Enum(BTreeMap<String, Text>),
}

/// The widget that shows the result.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultSpec {
    pub widget: Widget,
    /// Field shown as each record's heading.
    pub title: Option<String>,
    /// Field shown as each record's status badge.
    pub badge: Option<String>,
    pub fields: Vec<ResultField>,
    pub empty: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    RecordList,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultField {
    pub field: String,
    pub label: Text,
}
