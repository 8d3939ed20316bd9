//! Response mapping: a department's own JSON shape → uniform records.

use crate::model::{Descriptor, Format};
use crate::text::Text;
use crate::value::{self, Value};
use serde_json::Value as Json;

/// Largest department body the mapper accepts.
pub const MAX_BODY: usize = 2 * 1024 * 1024;
/// Most records rendered from one answer; extra ones are reported as truncated.
pub const MAX_RECORDS: usize = 500;

/// One uniform record: field id → value, in the descriptor's field order.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub fields: Vec<(String, Value)>,
}

impl Record {
    pub fn get(&self, id: &str) -> &Value {
        self.fields.iter().find(|(k, _)| k == id).map(|(_, v)| v).unwrap_or(&Value::Missing)
    }
}

/// What a department answer means.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Records (possibly none). `problems` counts fields that could not be read.
    Records { records: Vec<Record>, truncated: bool, problems: Vec<String> },
    /// The department refused with a code the descriptor maps (or an unmapped one).
    DepartmentError { code: String, message: Option<Text>, field: Option<String> },
    /// The answer is not what the descriptor describes; a developer message says why.
    Malformed(String),
}

/// Maps an HTTP status and body per the descriptor's `response` section. Never panics.
pub fn map_response(d: &Descriptor, http_status: u16, body: &str) -> Outcome {
    if body.len() > MAX_BODY {
        return Outcome::Malformed(format!("department answer is {} bytes; the limit is {MAX_BODY}", body.len()));
    }
    let json: Json = match serde_json::from_str(body) {
        Ok(j) => j,
        Err(e) => {
            return Outcome::Malformed(format!("department answered http {http_status} with a body that is not JSON: {e}"))
        }
    };
    if let Some(status) = &d.response.status {
        let code = match json.pointer(&status.pointer) {
            Some(Json::String(s)) => Some(s.clone()),
            Some(Json::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let Some(code) = code else {
            return Outcome::Malformed(format!("no status code at `{}`", status.pointer));
        };
        if !status.success.contains(&code) {
            let spec = d.response.errors.get(&code);
            return Outcome::DepartmentError {
                code,
                message: spec.map(|s| s.message.clone()),
                field: spec.and_then(|s| s.field.clone()),
            };
        }
    }
    if !(200..300).contains(&http_status) {
        return Outcome::Malformed(format!("department answered http {http_status}"));
    }
    let items = match json.pointer(&d.response.records) {
        Some(Json::Array(a)) => a.as_slice(),
        Some(Json::Null) | None => &[],
        Some(other) => {
            return Outcome::Malformed(format!("records at `{}` are not an array but `{}`", d.response.records, crate::walk::type_name(other)))
        }
    };
    let truncated = items.len() > MAX_RECORDS;
    let mut problems = Vec::new();
    let records = items
        .iter()
        .take(MAX_RECORDS)
        .enumerate()
        .map(|(i, item)| Record {
            fields: d
                .response
                .fields
                .iter()
                .map(|f| {
                    let v = item.pointer(&f.pointer).map(|raw| convert(raw, &f.format)).unwrap_or(Some(Value::Missing));
                    let v = v.unwrap_or_else(|| {
                        problems.push(format!("record {i}: `{}` at `{}` cannot be read", f.id, f.pointer));
                        Value::Missing
                    });
                    (f.id.clone(), v)
                })
                .collect(),
        })
        .collect();
    Outcome::Records { records, truncated, problems }
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
        Json::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9e15).map(|f| f as i64)),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Yuan as a number or decimal string (`"12.5"`) → fen, exactly for up to two decimals.
fn yuan_to_fen(raw: &Json) -> Option<i64> {
    let s = as_text(raw)?;
    let s = s.trim();
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || frac.len() > 2 || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    let fen = whole.checked_mul(100)?.checked_add(frac)?;
    Some(if neg { -fen } else { fen })
}

fn convert(raw: &Json, format: &Format) -> Option<Value> {
    if raw.is_null() {
        return Some(Value::Missing);
    }
    match format {
        Format::Text => as_text(raw).map(Value::Text),
        Format::Integer => as_int(raw).map(Value::Integer),
        Format::MoneyFen => as_int(raw).map(Value::Money),
        Format::MoneyYuan => yuan_to_fen(raw).map(Value::Money),
        Format::Date8 => value::parse_date8(&as_text(raw)?),
        Format::DateTime14 => value::parse_datetime14(&as_text(raw)?),
        Format::EpochMillis => value::from_epoch_millis(as_int(raw)?),
        Format::Enum(labels) => {
            let code = as_text(raw)?;
            let text = labels.get(&code).cloned().unwrap_or_else(|| Text::new(&[("zh-CN", &code), ("en", &code)]));
            Some(Value::Label { code, text })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_strings_become_exact_fen() {
        assert_eq!(yuan_to_fen(&Json::from("12.5")), Some(1250));
        assert_eq!(yuan_to_fen(&Json::from("-0.05")), Some(-5));
        assert_eq!(yuan_to_fen(&serde_json::json!(200)), Some(20000));
        assert_eq!(yuan_to_fen(&Json::from("1.234")), None);
        assert_eq!(yuan_to_fen(&Json::from("abc")), None);
        assert_eq!(yuan_to_fen(&Json::from("99999999999999999999")), None);
    }
}
