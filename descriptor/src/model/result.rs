//! Result widgets and actions.

use crate::map::Map;
use crate::text::Text;
use crate::vocab::{MapStyle, Topic, WidgetKind};

/// How to show the result: a widget, its empty text and what the citizen can do next.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultSpec {
    pub widget: Widget,
    /// Text shown when there is nothing.
    pub empty: Text,
    /// Known actions (unknown ones were dropped with a warning).
    pub actions: Vec<Action>,
}

impl ResultSpec {
    /// The record list, if that is the widget.
    pub fn record_list(&self) -> Option<&RecordListSpec> {
        match &self.widget {
            Widget::RecordList(r) => Some(r),
            _ => None,
        }
    }
}

/// The widget in use (the declared `fallback` when the written widget is unknown).
#[derive(Debug, Clone, PartialEq)]
pub enum Widget {
    RecordList(RecordListSpec),
    Table(TableSpec),
    Bill(BillSpec),
    Ticket(TicketSpec),
    Timeline(TimelineSpec),
    KeyValue(KeyValueSpec),
    StatusBoard(StatusBoardSpec),
}

impl Widget {
    /// The widget's kind.
    pub fn kind(&self) -> WidgetKind {
        match self {
            Widget::RecordList(_) => WidgetKind::RecordList,
            Widget::Table(_) => WidgetKind::Table,
            Widget::Bill(_) => WidgetKind::Bill,
            Widget::Ticket(_) => WidgetKind::Ticket,
            Widget::Timeline(_) => WidgetKind::Timeline,
            Widget::KeyValue(_) => WidgetKind::KeyValue,
            Widget::StatusBoard(_) => WidgetKind::StatusBoard,
        }
    }
}

/// A field shown with a label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultField {
    pub field: String,
    pub label: Text,
}

/// `record_list`: records with a heading, a badge and labelled fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordListSpec {
    pub title: Option<String>,
    pub badge: Option<String>,
    pub fields: Vec<ResultField>,
}

/// `table`: records as rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    pub columns: Vec<ResultField>,
    pub caption: Option<Text>,
}

/// `bill`: single values, with records as line items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillSpec {
    /// A money value.
    pub amount: String,
    pub due: Option<String>,
    pub status: Option<String>,
    pub payee: Option<String>,
    /// Record fields shown per line item.
    pub items: Vec<ResultField>,
}

/// `ticket`: a booking or confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketSpec {
    /// The confirmation-number value.
    pub code: String,
    pub fields: Vec<ResultField>,
    pub notice: Option<Text>,
}

/// `timeline`: the stages of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineSpec {
    pub stage: String,
    pub time: Option<String>,
    /// Enum field with `done`, `current`, `pending` codes.
    pub state: Option<String>,
    pub note: Option<String>,
}

/// `key_value`: labelled single values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValueSpec {
    pub fields: Vec<ResultField>,
}

/// `status_board`: road segments and their levels, refreshed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusBoardSpec {
    pub segment: String,
    /// Enum field with tones.
    pub level: String,
    pub refresh_s: Option<u32>,
    pub map: Option<MapStyle>,
}

/// Something the citizen can do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub label: Text,
    /// On record widgets: only for records whose field has this code.
    pub when: Option<When>,
    pub effect: Effect,
}

/// What an [`Action`] does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Create a payment order and pay it through the host.
    Pay { amount: String, order: PayOrder },
    /// Open a booking service.
    Book { service: String },
    /// Ask the host to notify the citizen; `key` is the input identifying what to follow.
    Subscribe { topic: Topic, key: String },
    /// Open another service; target input → `{field or input}` template.
    OpenService { service: String, inputs: Map<String> },
}

/// A payment order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayOrder {
    pub endpoint: String,
    /// Field or value identifying what is paid.
    pub reference: String,
}

/// `when`: a field and the code it must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    pub field: String,
    pub equals: String,
}
