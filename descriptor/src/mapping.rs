//! Response mapping: a department's own JSON shape → uniform records and values. Use the
//! city-resolved descriptor ([`crate::Descriptor::resolve`]) so a city's override applies.

use crate::model::{Descriptor, FieldSpec, Format, ResponseSpec};
use crate::parse::type_name;
use crate::text::Text;
use crate::value::{self, Value};
use serde_json::Value as Json;

/// Largest department body the mapper accepts.
pub const MAX_BODY: usize = 2 * 1024 * 1024;
/// Most records rendered from one answer; extra ones are reported as truncated.
pub const MAX_RECORDS: usize = 500;

/// One uniform record: field id → value, in the descriptor's field order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Record {
    pub fields: Vec<(String, Value)>,
}

impl Record {
    /// The value of a field ([`Value::Missing`] if absent).
    pub fn get(&self, id: &str) -> &Value {
        self.fields.iter().find(|(k, _)| k == id).map(|(_, v)| v).unwrap_or(&Value::Missing)
    }
}

/// What a department answer means.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Records (possibly none) and single values. `problems` lists values that could not be
    /// read (shown as "—"; the result is partial).
    Records { records: Vec<Record>, values: Record, truncated: bool, problems: Vec<String> },
    /// The department refused with a code the descriptor maps (or an unmapped one).
    DepartmentError { code: String, message: Option<Text>, field: Option<String> },
    /// The answer is not what the descriptor describes; a developer message says why.
    Malformed(String),
}

/// Maps an HTTP status and body per the descriptor's `response` section. Never panics.
pub fn map_response(d: &Descriptor, http_status: u16, body: &str) -> Outcome {
    map_with(&d.response, http_status, body)
}

/// Maps an answer with an explicit response mapping (e.g. [`Descriptor::response_for`]).
pub fn map_with(spec: &ResponseSpec, http_status: u16, body: &str) -> Outcome {
    if body.len() > MAX_BODY {
        return Outcome::Malformed(format!(
            "department answer is {} bytes; the limit is {MAX_BODY}",
            body.len()
        ));
    }
    let json: Json = match serde_json::from_str(body) {
        Ok(j) => j,
        Err(e) => {
            return Outcome::Malformed(format!(
                "department answered http {http_status} with a body that is not JSON: {e}"
            ))
        }
    };
    if let Some(status) = &spec.status {
        let code = match json.pointer(&status.pointer) {
            Some(Json::String(s)) => s.clone(),
            Some(Json::Number(n)) => n.to_string(),
            _ => return Outcome::Malformed(format!("no status code at `{}`", status.pointer)),
        };
        if !status.success.contains(&code) {
            let mapped = spec.errors.get(&code);
            return Outcome::DepartmentError {
                code,
                message: mapped.map(|s| s.message.clone()),
                field: mapped.and_then(|s| s.field.clone()),
            };
        }
    }
    if !(200..300).contains(&http_status) {
        return Outcome::Malformed(format!("department answered http {http_status}"));
    }
    let items = match spec.records.as_deref().and_then(|p| json.pointer(p)) {
        Some(Json::Array(a)) => a.as_slice(),
        Some(Json::Null) | None => &[],
        Some(other) => {
            let at = spec.records.as_deref().unwrap_or_default();
            return Outcome::Malformed(format!(
                "records at `{at}` are not an array but {}",
                type_name(other)
            ));
        }
    };
    let mut problems = Vec::new();
    let values = read(&json, &spec.values, "values", &mut problems);
    let records = items
        .iter()
        .take(MAX_RECORDS)
        .enumerate()
        .map(|(i, item)| read(item, &spec.fields, &format!("record {i}"), &mut problems))
        .collect();
    Outcome::Records { records, values, truncated: items.len() > MAX_RECORDS, problems }
}

fn read(doc: &Json, specs: &[FieldSpec], what: &str, problems: &mut Vec<String>) -> Record {
    let fields = specs
        .iter()
        .map(|f| {
            let v =
                doc.pointer(&f.pointer).map_or(Some(Value::Missing), |raw| convert(raw, &f.format));
            let v = v.unwrap_or_else(|| {
                problems.push(format!("{what}: `{}` at `{}` cannot be read", f.id, f.pointer));
                Value::Missing
            });
            (f.id.clone(), v)
        })
        .collect();
    Record { fields }
}

fn as_text(raw: &Json) -> Option<String> {
    match raw {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn as_int(raw: &Json) -> Option<i64> {
    match raw {
        Json::Number(n) => n.as_i64().or_else(|| {
            n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64)
        }),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// One raw department value through its formatter; `None` if it cannot be read.
pub fn convert(raw: &Json, format: &Format) -> Option<Value> {
    if raw.is_null() {
        return Some(Value::Missing);
    }
    match format {
        Format::Text => as_text(raw).map(Value::Text),
        Format::Integer => as_int(raw).map(Value::Integer),
        Format::MoneyFen => as_int(raw).map(Value::Money),
        Format::MoneyJiao => as_int(raw)?.checked_mul(10).map(Value::Money),
        Format::MoneyYuan => crate::rules::parse_yuan(&as_text(raw)?).map(Value::Money),
        Format::Date8 => value::parse_date8(&as_text(raw)?),
        Format::DateTime14 => value::parse_datetime14(&as_text(raw)?),
        Format::Iso8601 => value::from_iso8601(raw.as_str()?),
        Format::EpochMillis => value::from_epoch_millis(as_int(raw)?),
        Format::Enum(labels) => {
            let code = as_text(raw)?;
            let (text, tone) = match labels.get(&code) {
                Some(e) => (e.label.clone(), e.tone),
                None => (Text::new(&[("zh-CN", &code), ("en", &code)]), None),
            };
            Some(Value::Label { code, text, tone })
        }
    }
}
