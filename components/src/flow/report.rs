//! What a panel reports to the citizen's "My City" on the platform (`POST
//! /api/v1/me/records`): a booking or handling that went through or was cancelled, once per
//! state; and the link back, a panel opened at a matter's receipt by its number. Plain Rust.

use super::Phase;
use citypanel_descriptor::model::ServiceKind;
use serde_json::{json, Value as Json};

/// The platform route a panel reports a completed matter to.
pub const RECORDS_PATH: &str = "/api/v1/me/records";

/// What kind of matter a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatterKind {
    /// An appointment (vehicle inspection, hospital registration, marriage registration).
    Booking,
    /// An application or other handling.
    Transaction,
}

impl MatterKind {
    /// The kind a service of `kind` reports; queries and payments report none (payments are
    /// the platform's own orders).
    pub fn of(kind: ServiceKind) -> Option<MatterKind> {
        match kind {
            ServiceKind::Booking => Some(MatterKind::Booking),
            ServiceKind::Transaction => Some(MatterKind::Transaction),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MatterKind::Booking => "booking",
            MatterKind::Transaction => "transaction",
        }
    }
}

/// Whether a matter went through or was cancelled later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatterState {
    Done,
    Cancelled,
}

impl MatterState {
    pub fn as_str(self) -> &'static str {
        match self {
            MatterState::Done => "done",
            MatterState::Cancelled => "cancelled",
        }
    }
}

/// The body reporting a matter to `POST /api/v1/me/records` (the platform takes the user from
/// the identity token).
pub fn report_body(
    service: &str,
    city: &str,
    kind: MatterKind,
    reference: &str,
    state: MatterState,
) -> Json {
    json!({ "service": service, "city": city, "kind": kind.as_str(), "reference": reference, "state": state.as_str() })
}

/// What one panel has reported, so that each matter is reported once per state, however
/// often the panel redraws or the same answer comes back.
#[derive(Debug, Clone, Default)]
pub struct Reporter {
    /// The booking or receipt number on screen last (a cancel's answer does not repeat it).
    last: Option<String>,
    sent: Vec<(String, MatterState)>,
}

impl Reporter {
    /// A matter the platform already has in `state` (reopened from My City): not reported
    /// again in that state.
    pub fn known(&mut self, reference: &str, state: MatterState) {
        self.sent.push((reference.to_string(), state));
    }

    /// The reports due now that the flow is in `phase`: a receipt with its number is done; a
    /// cancelled booking is cancelled; a rescheduled booking's old number (`moved_from`) is
    /// cancelled, since the new one took its place. Empty for services of other kinds.
    pub fn due(&mut self, kind: ServiceKind, phase: &Phase) -> Vec<(String, MatterState)> {
        if MatterKind::of(kind).is_none() {
            return Vec::new();
        }
        let mut due = Vec::new();
        match phase {
            Phase::Done { reference: Some(r), moved_from, .. } => {
                self.last = Some(r.clone());
                due.push((r.clone(), MatterState::Done));
                if let Some(old) = moved_from.as_ref().filter(|old| *old != r) {
                    due.push((old.clone(), MatterState::Cancelled));
                }
            }
            Phase::Cancelled { .. } => {
                if let Some(r) = &self.last {
                    due.push((r.clone(), MatterState::Cancelled));
                }
            }
            _ => {}
        }
        due.retain(|d| !self.sent.contains(d));
        self.sent.extend(due.iter().cloned());
        due
    }
}

/// The `open_service` target value naming a matter's number: the service opens at that
/// matter's receipt (read from the department), not at an empty form.
pub const REOPEN_KEY: &str = "@reference";
/// Beside [`REOPEN_KEY`]: the matter was cancelled.
pub const CANCELLED_KEY: &str = "@cancelled";

/// The matter a panel is opened at, from its initial values: its number and whether it was
/// cancelled.
pub fn reopening(initial: &[(String, String)]) -> Option<(&str, bool)> {
    let reference = initial.iter().find(|(k, _)| k == REOPEN_KEY).map(|(_, v)| v.as_str())?;
    Some((reference, initial.iter().any(|(k, v)| k == CANCELLED_KEY && v == "1")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use citypanel_descriptor::mapping::Record;

    fn done(r: &str) -> Phase {
        moved(r, None)
    }

    fn moved(r: &str, from: Option<&str>) -> Phase {
        Phase::Done {
            values: Record::default(),
            reference: Some(r.into()),
            moved_from: from.map(str::to_string),
            cancel_error: None,
        }
    }

    #[test]
    fn each_matter_is_reported_once_per_state() {
        let mut rep = Reporter::default();
        let booking = ServiceKind::Booking;
        assert!(rep.due(booking, &Phase::Editing).is_empty());
        assert_eq!(rep.due(booking, &done("B1")), [("B1".to_string(), MatterState::Done)]);
        assert!(rep.due(booking, &done("B1")).is_empty(), "a redraw reports nothing again");
        let cancelled = Phase::Cancelled { values: Record::default() };
        assert_eq!(rep.due(booking, &cancelled), [("B1".to_string(), MatterState::Cancelled)]);
        assert!(rep.due(booking, &cancelled).is_empty());
        // A reschedule: the new booking is done, the one it replaced cancelled.
        assert_eq!(
            rep.due(booking, &moved("B3", Some("B2"))),
            [("B3".to_string(), MatterState::Done), ("B2".to_string(), MatterState::Cancelled)]
        );
        // Receipts without a number and services of other kinds report nothing.
        let no_number = Phase::Done {
            values: Record::default(),
            reference: None,
            moved_from: None,
            cancel_error: None,
        };
        assert!(Reporter::default().due(ServiceKind::Transaction, &no_number).is_empty());
        assert!(Reporter::default().due(ServiceKind::Query, &done("Q1")).is_empty());
        assert!(Reporter::default().due(ServiceKind::Payment, &done("P1")).is_empty());
        assert_eq!(
            Reporter::default().due(ServiceKind::Transaction, &done("T1")),
            [("T1".to_string(), MatterState::Done)]
        );
        // Reopened from My City: the platform has it done; only its cancel is news.
        let mut rep = Reporter::default();
        rep.known("B9", MatterState::Done);
        assert!(rep.due(booking, &done("B9")).is_empty());
        assert_eq!(rep.due(booking, &cancelled), [("B9".to_string(), MatterState::Cancelled)]);
        // A cancel with nothing done before it (another panel's booking) reports nothing.
        assert!(Reporter::default().due(booking, &cancelled).is_empty());
    }

    #[test]
    fn report_bodies() {
        assert_eq!(
            report_body(
                "vehicle-inspection-booking",
                "330100",
                MatterKind::Booking,
                "JY1",
                MatterState::Cancelled
            ),
            json!({"service":"vehicle-inspection-booking","city":"330100","kind":"booking","reference":"JY1","state":"cancelled"})
        );
    }
}
