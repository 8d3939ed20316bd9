//! What the record list, table, key-value, bill and ticket widgets show, as plain data.

use crate::kit::cells::{record_cell, record_fields, value_cell, value_fields, Cell, Labelled};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{
    BillSpec, KeyValueSpec, RecordListSpec, ResponseSpec, ResultField, TableSpec, TicketSpec,
};
use citypanel_descriptor::{Text, Value};

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
    /// The line items (records).
    pub items: Vec<BillLine>,
}

/// One line of a bill: a charge, or a credit (a prepayment carried over, an adjustment).
#[derive(Debug, Clone, PartialEq)]
pub struct BillLine {
    /// Its labelled fields; a credit keeps only what says something (no zero quantity or
    /// unit price: a credit was not bought).
    pub fields: Vec<Labelled>,
    /// A line whose amount of money is negative.
    pub credit: bool,
}

impl BillLine {
    /// A line from its fields: a credit when one of its amounts of money is below zero.
    pub fn new(fields: Vec<Labelled>) -> BillLine {
        let credit = fields.iter().any(|f| matches!(f.cell.value, Value::Money(fen) if fen < 0));
        let fields = if credit {
            let zero = |v: &Value| matches!(v, Value::Money(0) | Value::Integer(0));
            fields.into_iter().filter(|f| !zero(&f.cell.value)).collect()
        } else {
            fields
        };
        BillLine { fields, credit }
    }
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
        records.iter().map(|r| BillLine::new(record_fields(response, r, &spec.items))).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(cells: &[(&str, Value)]) -> BillLine {
        BillLine::new(
            cells
                .iter()
                .map(|(id, v)| Labelled {
                    label: Text::new(&[("en", *id)]),
                    cell: Cell::new(id, v.clone(), None),
                })
                .collect(),
        )
    }

    #[test]
    fn a_credit_line_is_a_credit_not_a_purchase() {
        let credit = line(&[
            ("item", Value::Text("上期预存抵扣".into())),
            ("usage", Value::Integer(0)),
            ("price", Value::Money(0)),
            ("item_amount", Value::Money(-500)),
        ]);
        assert!(credit.credit);
        let shown: Vec<&str> = credit.fields.iter().map(|f| f.cell.field.as_str()).collect();
        assert_eq!(shown, ["item", "item_amount"], "no 'used 0 m³ at ¥0.00' on a credit");
        let charge = line(&[
            ("item", Value::Text("居民生活用气".into())),
            ("usage", Value::Integer(0)),
            ("price", Value::Money(300)),
            ("item_amount", Value::Money(0)),
        ]);
        assert!(!charge.credit);
        assert_eq!(charge.fields.len(), 4, "a charge shows every field, zeros too");
    }
}
