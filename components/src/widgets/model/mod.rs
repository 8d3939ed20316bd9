//! The presentation logic of the result widgets, in plain Rust (tested natively): which
//! cells each widget shows, masked or not, with which tone, in which state.

pub mod board;
pub mod layout;
pub mod roads;
pub mod timeline;

pub use crate::kit::cells::{Cell, Labelled};

use crate::i18n::count;
use crate::i18n::{t, Msg};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, Widget};
use citypanel_descriptor::Value;

/// A mapped result as the widgets show it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultData {
    pub records: Vec<Record>,
    pub values: Record,
    /// The answer had more records than are shown.
    pub truncated: bool,
    /// Some values could not be read (shown as "—").
    pub partial: bool,
    /// A background refresh failed: these are the previous results.
    pub stale: bool,
}

/// The one-line summary above a result (focused when the result appears): a record count,
/// the current stage, the roads by level, the bill's amount, or a plain "found".
pub fn summary(
    widget: &Widget,
    response: &ResponseSpec,
    records: &[Record],
    values: &Record,
    locale: &str,
) -> String {
    match widget {
        Widget::RecordList(_) | Widget::Table(_) => count(locale, records.len()),
        Widget::Timeline(t) => timeline::summary(&timeline::steps(t, response, records), locale),
        Widget::StatusBoard(s) => board::summary(&board::roads(s, response, records), locale),
        Widget::Bill(b) => {
            let amount = crate::kit::cells::value_cell(response, values, &b.amount);
            if amount.is_missing() {
                t(locale, Msg::Found).to_string()
            } else {
                let sep = crate::i18n::colon(locale);
                format!("{}{sep}{}", t(locale, Msg::BillAmount), amount.text(locale, false))
            }
        }
        Widget::KeyValue(_) | Widget::Ticket(_) => t(locale, Msg::Found).to_string(),
    }
}

/// Whether an answer gives `widget` anything to show: record widgets need records; `key_value`
/// and `ticket` need one of their values; a `bill` needs its amount or line items.
pub fn has_content(widget: &Widget, records: &[Record], values: &Record) -> bool {
    let present = |id: &str| values.get(id) != &Value::Missing;
    match widget {
        Widget::RecordList(_) | Widget::Table(_) | Widget::Timeline(_) | Widget::StatusBoard(_) => {
            !records.is_empty()
        }
        Widget::KeyValue(k) => k.fields.iter().any(|f| present(&f.field)),
        Widget::Ticket(t) => present(&t.code) || t.fields.iter().any(|f| present(&f.field)),
        Widget::Bill(b) => !records.is_empty() || present(&b.amount),
    }
}
