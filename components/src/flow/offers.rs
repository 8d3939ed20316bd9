//! What a result offers next (pay, subscribe, open a service), in plain Rust: which records
//! an action applies to, the payment order's request, and reading the platform's answers.

use crate::i18n::{t, Msg};
use crate::kit::cells::record_cell;
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{Action, Effect, ResponseSpec, ResultSpec, When, Widget};
use citypanel_descriptor::rules::format_yuan as yuan;
use citypanel_descriptor::{Text, Value};

/// One action offered on screen: the action and, on record widgets, the record it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub action: Action,
    /// Index of the record (record widgets), `None` for the result as a whole.
    pub record: Option<usize>,
    /// The values the action reads: the record's fields, then the result's single values.
    pub values: Record,
}

impl Offer {
    /// The text of a field (codes for enums, fen for money, `None` when missing).
    pub fn text(&self, field: &str) -> Option<String> {
        value_text(self.values.get(field))
    }

    /// For `pay`: the amount in fen and the reference; `None` when either is missing or
    /// the amount is not positive.
    pub fn payment(&self) -> Option<(i64, String)> {
        let Effect::Pay { amount, order } = &self.action.effect else { return None };
        let fen = match self.values.get(amount) {
            Value::Money(f) if *f > 0 => *f,
            _ => return None,
        };
        Some((fen, self.text(&order.reference)?))
    }
}

/// A value as plain text for requests (`None` when missing).
pub fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => Some(s.clone()),
        Value::Integer(n) => Some(n.to_string()),
        Value::Money(f) => Some(yuan(*f)),
        Value::Label { code, .. } => Some(code.clone()),
        Value::Date { y, m, d } => Some(format!("{y:04}-{m:02}-{d:02}")),
        Value::DateTime { y, m, d, hh, mm, ss } => {
            Some(format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}+08:00"))
        }
        Value::Missing => None,
    }
}

/// Whether `when` holds for these values (an enum's code or a plain value equals).
pub fn holds(when: &Option<When>, values: &Record) -> bool {
    when.as_ref()
        .is_none_or(|w| value_text(values.get(&w.field)).as_deref() == Some(w.equals.as_str()))
}

fn merged(record: &Record, values: &Record) -> Record {
    let mut fields = record.fields.clone();
    fields.extend(values.fields.iter().filter(|(k, _)| record.get(k) == &Value::Missing).cloned());
    Record { fields }
}

/// Whether an `open_service` action fills an input from a field the records have (and the
/// single values do not): it is about one record, e.g. renewing one loan.
fn names_record_field(action: &Action, records: &[Record], values: &Record) -> bool {
    let Effect::OpenService { inputs, .. } = &action.effect else { return false };
    let Some(first) = records.first() else { return false };
    inputs.values().any(|t| {
        t.split('{').skip(1).filter_map(|p| p.split_once('}')).any(|(name, _)| {
            first.get(name) != &Value::Missing && values.get(name) == &Value::Missing
        })
    })
}

/// The actions to offer for a result: record widgets offer record-bound actions (those with
/// `when`, or `pay`) per matching record; everything else once for the result.
pub fn offers(spec: &ResultSpec, records: &[Record], values: &Record) -> Vec<Offer> {
    let per_record = matches!(spec.widget, Widget::RecordList(_) | Widget::Table(_));
    let mut out = Vec::new();
    for action in &spec.actions {
        let bound = per_record
            && (action.when.is_some()
                || matches!(action.effect, Effect::Pay { .. })
                || names_record_field(action, records, values));
        if bound {
            for (i, r) in records.iter().enumerate() {
                let values = merged(r, values);
                if holds(&action.when, &values) {
                    out.push(Offer { action: action.clone(), record: Some(i), values });
                }
            }
        } else if holds(&action.when, values) {
            let values = records
                .first()
                .filter(|_| !per_record)
                .map_or_else(|| values.clone(), |r| merged(r, values));
            out.push(Offer { action: action.clone(), record: None, values });
        }
    }
    // The same effect for the same record once (descriptors list one pay per city shape).
    let mut seen: Vec<(Option<usize>, Text)> = Vec::new();
    out.retain(|o| {
        let key = (o.record, o.action.label.clone());
        let fresh = !seen.contains(&key);
        seen.push(key);
        fresh
    });
    out
}

/// Which record an offer is for, as its button says to a screen reader: the record widget's
/// title and first field (an offence and its time, a book and its due date) as shown —
/// masked, labels in `locale` — e.g. `Running a red light, 2030-01-05 08:15`. Empty for an
/// offer on the result as a whole.
pub fn record_name(
    spec: &ResultSpec,
    response: &ResponseSpec,
    offer: &Offer,
    locale: &str,
) -> String {
    if offer.record.is_none() {
        return String::new();
    }
    let fields: Vec<&str> = match &spec.widget {
        Widget::RecordList(s) => s
            .title
            .iter()
            .map(String::as_str)
            .chain(s.fields.first().map(|f| f.field.as_str()))
            .collect(),
        Widget::Table(s) => s.columns.iter().take(2).map(|c| c.field.as_str()).collect(),
        _ => Vec::new(),
    };
    let shown: Vec<String> = fields
        .into_iter()
        .filter(|f| offer.values.get(f) != &Value::Missing)
        .map(|f| record_cell(response, &offer.values, f).text(locale, false))
        .collect();
    shown.join(t(locale, Msg::ListComma))
}

/// What a record's action button says: the action (with the amount, to pay) and, for screen
/// readers only (`hidden`), which record — `("Pay the fine ¥200.00", " for Running a red light,
/// 2030-01-05 08:15")`, `("缴纳罚款 ¥200.00", "（闯红灯，2030-01-05 08:15）")`.
pub fn button_text(offer: &Offer, label: &str, record: &str, locale: &str) -> (String, String) {
    let shown = match offer.payment() {
        Some((fen, _)) => format!("{label} ¥{}", yuan(fen)),
        None => label.to_string(),
    };
    let hidden = match record.is_empty() {
        true => String::new(),
        false => crate::i18n::catalog(locale).for_record(record),
    };
    (shown, hidden)
}
