//! One value ready to show: its display text, masking decision and tone.

use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{FieldSpec, ResponseSpec, ResultField};
use citypanel_descriptor::{mask, PiiClass, Text, Value};

/// A mapped value with the personal-data class and reveal permission of its field.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// The field or value id (`data-field`).
    pub field: String,
    pub value: Value,
    pub pii: PiiClass,
    /// Whether the citizen may unmask it.
    pub reveal: bool,
}

impl Cell {
    /// A cell for `value` of the field `spec` describes (no spec: not personal data).
    pub fn new(field: &str, value: Value, spec: Option<&FieldSpec>) -> Self {
        Cell {
            field: field.to_string(),
            value,
            pii: spec.map_or(PiiClass::None, |s| s.pii),
            reveal: spec.is_some_and(|s| s.reveal),
        }
    }

    /// Whether the value is shown masked (a PII class and something to mask).
    pub fn masked(&self) -> bool {
        self.pii != PiiClass::None && self.value != Value::Missing
    }

    /// Whether a "show" toggle is offered.
    pub fn can_reveal(&self) -> bool {
        self.masked() && self.reveal
    }

    /// The text on screen: masked unless `revealed` and revealing is allowed.
    pub fn text(&self, locale: &str, revealed: bool) -> String {
        let shown = self.value.display(locale);
        if self.masked() && !(revealed && self.reveal) {
            mask(self.pii, &shown)
        } else {
            shown
        }
    }

    /// The tone name of an enumerated value (`data-tone`).
    pub fn tone(&self) -> Option<&'static str> {
        self.value.tone().map(|t| t.as_str())
    }

    /// The enumerated code, if any (`data-code`).
    pub fn code(&self) -> Option<&str> {
        self.value.code()
    }

    /// Whether the department gave nothing.
    pub fn is_missing(&self) -> bool {
        self.value == Value::Missing
    }
}

/// A cell with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    pub label: Text,
    pub cell: Cell,
}

/// The cell of record field `id`.
pub fn record_cell(response: &ResponseSpec, record: &Record, id: &str) -> Cell {
    Cell::new(id, record.get(id).clone(), response.field(id))
}

/// The cell of single value `id`.
pub fn value_cell(response: &ResponseSpec, values: &Record, id: &str) -> Cell {
    Cell::new(id, values.get(id).clone(), response.value(id))
}

/// Labelled record fields, in the widget's order.
pub fn record_fields(
    response: &ResponseSpec,
    record: &Record,
    fields: &[ResultField],
) -> Vec<Labelled> {
    fields
        .iter()
        .map(|f| Labelled { label: f.label.clone(), cell: record_cell(response, record, &f.field) })
        .collect()
}

/// Labelled single values, in the widget's order.
pub fn value_fields(
    response: &ResponseSpec,
    values: &Record,
    fields: &[ResultField],
) -> Vec<Labelled> {
    fields
        .iter()
        .map(|f| Labelled { label: f.label.clone(), cell: value_cell(response, values, &f.field) })
        .collect()
}
