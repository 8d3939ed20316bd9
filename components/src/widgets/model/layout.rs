//! What the record list, table, key-value, bill and ticket widgets show, as plain data.

use crate::kit::cells::{record_cell, record_fields, value_cell, value_fields, Cell, Labelled};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{
    BillSpec, KeyValueSpec, RecordListSpec, ResponseSpec, ResultField, TableSpec, TicketSpec,
};
use citypanel_descriptor::Text;

/// One item of a record list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub title: Option<Cell>,
    pub badge: Option<Cell>,
    pub fields: Vec<Labelled>,
}

/// The items of a record list.
pub fn list_items(
    spec: &RecordListSpec,
    response: &ResponseSpec,
    records: &[Record],
) -> Vec<ListItem> {
    records
        .iter()
        .map(|r| ListItem {
            title: spec.title.as_deref().map(|t| record_cell(response, r, t)),
            badge: spec.badge.as_deref().map(|b| record_cell(response, r, b)),
            fields: record_fields(response, r, &spec.fields),
        })
        .collect()
}

/// A table: caption, column headers and one row of cells per record.
#[derive(Debug, Clone, PartialEq)]
pub struct TableModel {
    /// `None`: the widget uses its built-in caption.
    pub caption: Option<Text>,
    pub columns: Vec<ResultField>,
    pub rows: Vec<Vec<Cell>>,
}

/// Builds the table: cells in column order, one row per record.
pub fn table(spec: &TableSpec, response: &ResponseSpec, records: &[Record]) -> TableModel {
    let rows = records
        .iter()
        .map(|r| spec.columns.iter().map(|c| record_cell(response, r, &c.field)).collect())
        .collect();
    TableModel { caption: spec.caption.clone(), columns: spec.columns.clone(), rows }
}

/// The labelled values of a key-value result.
pub fn key_values(spec: &KeyValueSpec, response: &ResponseSpec, values: &Record) -> Vec<Labelled> {
    value_fields(response, values, &spec.fields)
}

/// A bill: the amount (money), due date, status, payee, and line items.
#[derive(Debug, Clone, PartialEq)]
pub struct BillModel {
    pub amount: Cell,
    pub due: Option<Cell>,
    pub status: Option<Cell>,
    pub payee: Option<Cell>,
    /// One list of labelled fields per line item (record).
    pub items: Vec<Vec<Labelled>>,
}

/// Builds the bill; optional parts the department left out are dropped.
pub fn bill(
    spec: &BillSpec,
    response: &ResponseSpec,
    records: &[Record],
    values: &Record,
) -> BillModel {
    let opt = |id: &Option<String>| {
        id.as_deref().map(|i| value_cell(response, values, i)).filter(|c| !c.is_missing())
    };
    let items = if spec.items.is_empty() {
        Vec::new()
    } else {
        records.iter().map(|r| record_fields(response, r, &spec.items)).collect()
    };
    BillModel {
        amount: value_cell(response, values, &spec.amount),
        due: opt(&spec.due),
        status: opt(&spec.status),
        payee: opt(&spec.payee),
        items,
    }
}

/// A ticket: the confirmation code, labelled values and the notice.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketModel {
    pub code: Cell,
    pub fields: Vec<Labelled>,
    pub notice: Option<Text>,
}

/// Builds the ticket.
pub fn ticket(spec: &TicketSpec, response: &ResponseSpec, values: &Record) -> TicketModel {
    TicketModel {
        code: value_cell(response, values, &spec.code),
        fields: value_fields(response, values, &spec.fields),
        notice: spec.notice.clone(),
    }
}
