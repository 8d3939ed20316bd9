//! The presentation logic of the result widgets, in plain Rust (tested natively): which
//! cells each widget shows, masked or not, with which tone, in which state.

pub mod board;
pub mod cells;
pub mod layout;
pub mod roads;
pub mod timeline;

pub use cells::{Cell, Labelled};

use crate::i18n::count;
use crate::view::widgets::text::{wt, W};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, Widget};

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
            let amount = cells::value_cell(response, values, &b.amount);
            if amount.is_missing() {
                wt(locale, W::Found).to_string()
            } else {
                let sep = crate::i18n::colon(locale);
                format!("{}{sep}{}", wt(locale, W::BillAmount), amount.text(locale, false))
            }
        }
        Widget::KeyValue(_) | Widget::Ticket(_) => wt(locale, W::Found).to_string(),
    }
}
