//! Input validation: from what the citizen typed to normalized values, one rule set for the
//! browser and the platform.

use crate::map::Map;
use crate::model::{Bound, Descriptor, Input, InputKind};
use crate::rules::{self, RuleError};
use crate::time::Date;

/// One input's failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub input: String,
    pub error: RuleError,
}

/// Validates one value against its input; returns the normalized value. An optional input
/// left empty yields `Ok("")`. Date bounds relative to today are not checked (no clock): use
/// [`validate_value_on`] for those.
pub fn validate_value(input: &Input, raw: &str) -> Result<String, RuleError> {
    validate_value_on(input, raw, None)
}

/// Like [`validate_value`], with today's (Beijing) date for `today`-relative date bounds.
pub fn validate_value_on(
    input: &Input,
    raw: &str,
    today: Option<Date>,
) -> Result<String, RuleError> {
    if input.kind == InputKind::Consent {
        return rules::validate_consent(raw, input.required);
    }
    if raw.trim().is_empty() {
        return if input.required { Err(RuleError::Empty) } else { Ok(String::new()) };
    }
    let int = |b: Option<Bound>| match b {
        Some(Bound::Integer(n) | Bound::Fen(n)) => Some(n),
        _ => None,
    };
    match input.kind {
        InputKind::Text => {
            rules::validate_text(raw, input.min_length, input.max_length, input.allowed)
        }
        InputKind::Number => {
            rules::validate_number(raw, int(input.min), int(input.max)).map(|n| n.to_string())
        }
        InputKind::Amount => {
            rules::validate_amount(raw, int(input.min), int(input.max)).map(rules::format_yuan)
        }
        InputKind::Date => {
            let (lo, hi) =
                (input.min.and_then(|b| b.date(today)), input.max.and_then(|b| b.date(today)));
            rules::validate_date(raw, lo, hi).map(|d| d.to_string())
        }
        InputKind::Select if input.options_from.is_none() => {
            rules::validate_option(raw, input.options.iter().map(|o| o.value.as_str()))
        }
        InputKind::Select | InputKind::Slot => rules::validate_text(raw, None, None, None),
        InputKind::Plate => rules::validate_plate(raw),
        InputKind::IdNumber => rules::validate_id_number(raw),
        InputKind::Mobile => rules::validate_mobile(raw),
        InputKind::Vin => rules::validate_vin(raw),
        InputKind::EngineTail => rules::validate_engine_tail(raw),
        InputKind::Consent => rules::validate_consent(raw, input.required),
    }
}

/// Validates every visible input; returns the normalized values (hidden inputs are left out:
/// neither validated nor sent) or every field error at once.
pub fn validate_all(d: &Descriptor, values: &Map<String>) -> Result<Map<String>, Vec<FieldError>> {
    validate_all_on(d, values, None)
}

/// Like [`validate_all`], with today's (Beijing) date for `today`-relative date bounds.
pub fn validate_all_on(
    d: &Descriptor,
    values: &Map<String>,
    today: Option<Date>,
) -> Result<Map<String>, Vec<FieldError>> {
    let mut shown = Map::new();
    let mut ok = Map::new();
    let mut errors = Vec::new();
    for input in &d.inputs {
        if !input.is_visible(&shown) {
            continue;
        }
        let raw = values.get(&input.id).map(String::as_str).unwrap_or("");
        shown.insert(input.id.clone(), raw.to_string());
        match validate_value_on(input, raw, today) {
            Ok(v) => {
                ok.insert(input.id.clone(), v);
            }
            Err(error) => errors.push(FieldError { input: input.id.clone(), error }),
        }
    }
    if errors.is_empty() {
        Ok(ok)
    } else {
        Err(errors)
    }
}
