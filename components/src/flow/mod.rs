//! The query flow state machine, in plain Rust (tested natively):
//! `Editing → Submitting → Success | Empty | Failed`, with field errors from the client rules
//! and from department error codes, and a background `refresh` of a shown result. The views
//! only read it and send it events.

use citypanel_descriptor::mapping::{map_response, Outcome, Record};
use citypanel_descriptor::model::Widget;
use citypanel_descriptor::request::{build_request, validate_value, BuiltRequest};
use citypanel_descriptor::rules::RuleError;
use citypanel_descriptor::{Descriptor, Text, Value};
use std::collections::BTreeMap;

/// Where the flow is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Editing,
    /// A request is in flight; `seq` identifies it so stale answers are ignored.
    Submitting { seq: u64 },
    /// Something to show: `records` and single `values`; `partial` when some could not be
    /// read; `stale` when a background refresh failed and these are the previous results.
    Success { records: Vec<Record>, values: Record, truncated: bool, partial: bool, stale: bool },
    Empty,
    Failed(Failure),
}

impl Phase {
    /// The `data-state` attribute value for the panel root.
    pub fn state_name(&self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Submitting { .. } => "loading",
            Phase::Success { .. } => "success",
            Phase::Empty => "empty",
            Phase::Failed(_) => "error",
        }
    }
}

/// Why a submission failed (other than a field error).
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The platform could not be reached or did not answer in time.
    Unreachable { timed_out: bool },
    /// The department answered with an error code; `message` if the descriptor maps it.
    Department { code: String, message: Option<Text> },
    /// The answer did not match the descriptor; `detail` is for developers (console).
    Malformed { detail: String },
    /// The descriptor does not serve this city.
    NotServed,
}

/// An error shown on one field: a client rule or a department message.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldIssue {
    Rule(RuleError),
    Department(Text),
}

/// The state of one query panel.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryFlow {
    pub values: BTreeMap<String, String>,
    pub errors: BTreeMap<String, FieldIssue>,
    pub phase: Phase,
    /// True after a submit found errors: the error summary shows and takes focus.
    pub summary: bool,
    /// Last request, kept for retry and refresh.
    last: Option<BuiltRequest>,
    seq: u64,
    /// The `seq` of a background refresh in flight.
    refreshing: Option<u64>,
}

/// Whether an answer gives `widget` anything to show: record widgets need records; `key_value`
/// and `ticket` need one of their values; a `bill` needs its amount or line items.
pub fn has_content(widget: &Widget, records: &[Record], values: &Record) -> bool {
    let present = |id: &str| values.get(id) != &Value::Missing;
    match widget {
        Widget::RecordList(_) | Widget::Table(_) | Widget::Timeline(_) | Widget::StatusBoard(_) => !records.is_empty(),
        Widget::KeyValue(k) => k.fields.iter().any(|f| present(&f.field)),
        Widget::Ticket(t) => present(&t.code) || t.fields.iter().any(|f| present(&f.field)),
        Widget::Bill(b) => !records.is_empty() || present(&b.amount),
    }
}

impl QueryFlow {
    pub fn new(d: &Descriptor) -> Self {
        QueryFlow {
            values: d.inputs.iter().map(|i| (i.id.clone(), String::new())).collect(),
            errors: BTreeMap::new(),
            phase: Phase::Editing,
            summary: false,
            last: None,
            seq: 0,
            refreshing: None,
        }
    }

    pub fn value(&self, id: &str) -> &str {
        self.values.get(id).map(String::as_str).unwrap_or("")
    }

    pub fn busy(&self) -> bool {
        matches!(self.phase, Phase::Submitting { .. })
    }

    /// The user typed: keep the value; clear a department error on that field.
    pub fn input(&mut self, id: &str, value: String) {
        if matches!(self.errors.get(id), Some(FieldIssue::Department(_))) {
            self.errors.remove(id);
        }
        self.values.insert(id.to_string(), value);
    }

    /// The field lost focus: validate it (empty optional-or-untouched fields stay quiet).
    pub fn blur(&mut self, d: &Descriptor, id: &str) {
        let Some(input) = d.input(id) else { return };
        let raw = self.value(id).to_string();
        if raw.trim().is_empty() && !self.errors.contains_key(id) {
            return;
        }
        self.check(input, &raw);
    }

    fn check(&mut self, input: &citypanel_descriptor::model::Input, raw: &str) -> bool {
        match validate_value(input, raw) {
            Ok(normalized) => {
                self.errors.remove(&input.id);
                if !raw.is_empty() {
                    self.values.insert(input.id.clone(), normalized);
                }
                true
            }
            Err(e) => {
                self.errors.insert(input.id.clone(), FieldIssue::Rule(e));
                false
            }
        }
    }

    /// Submit: validate everything; on success return the request to send (with its `seq`).
    /// Returns `None` when there are errors or a request is already in flight.
    pub fn submit(&mut self, d: &Descriptor, city: &str) -> Option<(u64, BuiltRequest)> {
        if self.busy() {
            return None;
        }
        let mut ok = true;
        for input in &d.inputs {
            let raw = self.value(&input.id).to_string();
            ok &= self.check(input, &raw);
        }
        self.summary = !ok;
        if !ok {
            self.phase = Phase::Editing;
            return None;
        }
        match build_request(d, city, &self.values) {
            Ok(req) => {
                self.last = Some(req.clone());
                Some(self.start(req))
            }
            Err(_) => {
                self.phase = Phase::Failed(Failure::NotServed);
                None
            }
        }
    }

    fn start(&mut self, req: BuiltRequest) -> (u64, BuiltRequest) {
        self.seq += 1;
        self.refreshing = None;
        self.phase = Phase::Submitting { seq: self.seq };
        (self.seq, req)
    }

    /// Retry the last request after a failure.
    pub fn retry(&mut self) -> Option<(u64, BuiltRequest)> {
        if !matches!(self.phase, Phase::Failed(_)) {
            return None;
        }
        let req = self.last.clone()?;
        Some(self.start(req))
    }

    /// Re-send the last request in the background while a result shows (a status board's
    /// periodic refresh). The result stays on screen; `None` if nothing is shown, a request
    /// is in flight, or a refresh already is.
    pub fn refresh(&mut self) -> Option<(u64, BuiltRequest)> {
        let showing = matches!(self.phase, Phase::Success { .. } | Phase::Empty);
        if !showing || self.refreshing.is_some() {
            return None;
        }
        let req = self.last.clone()?;
        self.seq += 1;
        self.refreshing = Some(self.seq);
        Some((self.seq, req))
    }

    /// Whether a background refresh is in flight.
    pub fn refreshing(&self) -> bool {
        self.refreshing.is_some()
    }

    /// A refresh failed: keep the shown result, marked stale.
    fn refresh_failed(&mut self) {
        if let Phase::Success { stale, .. } = &mut self.phase {
            *stale = true;
        }
    }

    /// Back to the form from a result, keeping every value.
    pub fn back(&mut self) {
        if !self.busy() {
            self.refreshing = None;
            self.phase = Phase::Editing;
        }
    }

    fn current(&self, seq: u64) -> bool {
        self.phase == Phase::Submitting { seq }
    }

    /// The department answered (any HTTP status). Stale answers are ignored.
    /// A refresh answer replaces the result, or, if it is an error, marks the old one stale.
    pub fn answered(&mut self, d: &Descriptor, seq: u64, status: u16, body: &str) {
        if self.refreshing == Some(seq) {
            self.refreshing = None;
            match map_response(d, status, body) {
                Outcome::Records { records, values, truncated, problems } => {
                    self.phase = settled(d, records, values, truncated, problems);
                }
                _ => self.refresh_failed(),
            }
            return;
        }
        if !self.current(seq) {
            return;
        }
        self.phase = match map_response(d, status, body) {
            Outcome::Records { records, values, truncated, problems } => settled(d, records, values, truncated, problems),
            Outcome::DepartmentError { field: Some(field), message: Some(message), .. } if d.input(&field).is_some() => {
                self.errors.insert(field, FieldIssue::Department(message));
                self.summary = true;
                Phase::Editing
            }
            Outcome::DepartmentError { code, message, .. } => Phase::Failed(Failure::Department { code, message }),
            Outcome::Malformed(detail) => Phase::Failed(Failure::Malformed { detail }),
        };
    }

    /// The request failed in transport (network down, timeout).
    pub fn unreachable(&mut self, seq: u64, timed_out: bool) {
        if self.refreshing == Some(seq) {
            self.refreshing = None;
            self.refresh_failed();
        } else if self.current(seq) {
            self.phase = Phase::Failed(Failure::Unreachable { timed_out });
        }
    }
}

/// The phase for mapped records and values: `Empty` when the widget has nothing to show.
fn settled(d: &Descriptor, records: Vec<Record>, values: Record, truncated: bool, problems: Vec<String>) -> Phase {
    if has_content(&d.result.widget, &records, &values) {
        Phase::Success { records, values, truncated, partial: !problems.is_empty(), stale: false }
    } else {
        Phase::Empty
    }
}
