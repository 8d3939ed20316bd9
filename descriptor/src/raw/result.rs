//! Raw result widgets and actions. Widget-specific fields are all optional here; the reader
//! checks which ones the chosen widget needs.

use super::{Lenient, RawText};
use crate::map::Map;
use crate::vocab::{MapStyle, Topic};

raw_struct! {
    /// A result widget (also a lifecycle `receipt`).
    pub struct RawResult as "Result" {
        req {
            /// `record_list`, `table`, `bill`, `ticket`, `timeline`, `key_value` or `status_board`
            /// (a newer widget needs `fallback`).
            widget: String,
            /// Text shown when there is nothing.
            empty: RawText,
        }
        opt {
            /// Widget used if `widget` is unknown to the reader.
            fallback: String,
            /// What the citizen can do next (at most 16).
            actions: Vec<Lenient<RawAction>>,
            /// `record_list`: field shown as each record's heading.
            title: String,
            /// `record_list`: field shown as each record's badge.
            badge: String,
            /// `record_list`, `ticket`, `key_value`: labelled fields.
            fields: Vec<Lenient<RawFieldLabel>>,
            /// `table`: columns.
            columns: Vec<Lenient<RawFieldLabel>>,
            /// `table`: caption.
            caption: RawText,
            /// `bill`: the money value due.
            amount: String,
            /// `bill`: the due-date value.
            due: String,
            /// `bill`: the status value (an enum).
            status: String,
            /// `bill`: the payee value.
            payee: String,
            /// `bill`: record fields shown as line items.
            items: Vec<Lenient<RawFieldLabel>>,
            /// `ticket`: the booking or confirmation number value.
            code: String,
            /// `ticket`: a notice under the ticket.
            notice: RawText,
            /// `timeline`: the stage field.
            stage: String,
            /// `timeline`: the time field.
            time: String,
            /// `timeline`: the state field (enum with `done`, `current`, `pending` codes).
            state: String,
            /// `timeline`: the note field.
            note: String,
            /// `status_board`: the segment (road name) field.
            segment: String,
            /// `status_board`: the level field (enum with tones).
            level: String,
            /// `status_board`: seconds between refreshes, 15–3600.
            refresh_s: i64,
            /// `status_board`: `roads` draws a picture of the city's main roads.
            map: MapStyle,
        }
    }
}

raw_struct! {
    /// A field shown with a label.
    pub struct RawFieldLabel as "FieldLabel" {
        req {
            field: String,
            label: RawText,
        }
        opt {}
    }
}

raw_struct! {
    /// Something the citizen can do next. Unknown kinds are dropped with a warning.
    pub struct RawAction as "Action" {
        req {
            /// `pay`, `book`, `subscribe` or `open_service`.
            kind: String,
            label: RawText,
        }
        opt {
            /// Only for records whose field has the given code.
            when: RawWhen,
            /// `pay`: the money field or value.
            amount: String,
            /// `pay`: the payment order.
            order: RawOrder,
            /// `book`, `open_service`: the service id to open.
            service: String,
            /// `subscribe`: what to follow.
            topic: Topic,
            /// `subscribe`: the input whose value identifies what to follow.
            key: String,
            /// `open_service`: target input → `{field or input}` template.
            inputs: Map<Lenient<String>>,
        }
    }
}

raw_struct! {
    /// A payment order created on the platform.
    pub struct RawOrder as "Order" {
        req {
            endpoint: String,
            /// The field or value identifying what is paid.
            reference: String,
        }
        opt {}
    }
}

raw_struct! {
    /// `when`: a field and the code it must have.
    pub struct RawWhen as "When" {
        req {
            field: String,
            equals: String,
        }
        opt {}
    }
}
