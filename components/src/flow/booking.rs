//! The booking parts of the flow: holding a slot, the hold lapsing or being given up (and
//! released), confirming it, and moving a confirmed booking to another slot.

use super::{post, Failure, FieldIssue, Phase, QueryFlow};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{InputKind, ServiceKind};
use citypanel_descriptor::{BuiltRequest, Descriptor};
use serde_json::Value as Json;

impl QueryFlow {
    /// Whether this descriptor's bookings hold a slot first and confirm it after review.
    pub fn holds(d: &Descriptor) -> bool {
        d.kind == ServiceKind::Booking && d.lifecycle.as_ref().is_some_and(|l| l.confirm.is_some())
    }

    /// The view's clock says the held slot's time ran out: back to the form, the slot cleared
    /// with an error saying why, its options reloaded (the department lets it go too).
    pub fn hold_lapsed(&mut self, d: &Descriptor) {
        if !matches!(self.phase, Phase::Held { .. }) || self.busy() {
            return;
        }
        self.key = None;
        for input in d.inputs.iter().filter(|i| i.kind == InputKind::Slot) {
            self.values.insert(input.id.clone(), String::new());
            self.errors.insert(input.id.clone(), FieldIssue::HoldLapsed);
            self.loaded_for.remove(&input.id);
        }
        self.summary = true;
        self.phase = Phase::Editing;
    }

    /// From a booking's ticket: choose another slot for it. The booking stays until the new
    /// slot is confirmed in its place (`None` when the descriptor does not allow it).
    pub fn reschedule(&mut self, d: &Descriptor) -> bool {
        let allowed =
            d.lifecycle.as_ref().is_some_and(|l| l.reschedule.is_some()) && Self::holds(d);
        let Phase::Done { values, reference: Some(reference), .. } = &self.phase else {
            return false;
        };
        if !allowed || self.pending.is_some() {
            return false;
        }
        self.replacing = Some((reference.clone(), values.clone()));
        self.key = None;
        for input in d.inputs.iter().filter(|i| i.kind == InputKind::Slot) {
            self.values.insert(input.id.clone(), String::new());
            self.loaded_for.remove(&input.id);
        }
        self.phase = Phase::Editing;
        true
    }

    /// Gives up moving a booking: its ticket again. Returns the release of a slot held
    /// meanwhile, for the caller to send (best effort, the answer ignored).
    pub fn keep_booking(&mut self, d: &Descriptor) -> Option<BuiltRequest> {
        if self.busy()
            || !matches!(self.phase, Phase::Editing | Phase::Held { .. } | Phase::Failed(_))
        {
            return None;
        }
        let (reference, values) = self.replacing.take()?;
        let release = self.give_up_hold(d);
        self.errors.clear();
        self.summary = false;
        self.phase = Phase::Done {
            values,
            reference: Some(reference),
            moved_from: None,
            cancel_error: None,
        };
        release
    }

    /// Drops the current hold; its release when it is still only held: to the confirm's
    /// `release` endpoint, else to `cancel` (without either, the hold lapses).
    fn give_up_hold(&mut self, d: &Descriptor) -> Option<BuiltRequest> {
        self.key = None;
        let life = d.lifecycle.as_ref();
        let release = life.and_then(|l| l.confirm.as_ref()?.release.as_deref());
        let endpoint = release.or(life.and_then(|l| Some(l.cancel.as_ref()?.endpoint.as_str())));
        match (&self.phase, endpoint) {
            (Phase::Held { reference, .. }, Some(endpoint)) => Some(post(
                endpoint,
                serde_json::json!({ "reference": reference }),
                d.request.timeout_ms,
            )),
            _ => None,
        }
    }

    /// Back to the form (from a result, the review step, a held slot or a failure), keeping
    /// every value. Returns the release of a held slot, for the caller to send.
    pub fn back_from(&mut self, d: &Descriptor) -> Option<BuiltRequest> {
        if !self.can_go_back() {
            return None;
        }
        let release = self.give_up_hold(d);
        self.back();
        release
    }

    /// The receipt of a transaction or booking that went through; a booking being moved
    /// replaced the one it moved from, which the receipt names.
    pub(super) fn done(&mut self, values: Record, reference: Option<String>) -> Phase {
        let moved_from = self.replacing.take().map(|(r, _)| r);
        Phase::Done { values, reference, moved_from, cancel_error: None }
    }

    /// The answer to a hold: the held slot's reference, at the `confirm` pointer, and when it
    /// lapses, at the `expires` pointer (ignored when missing or not an ISO 8601 instant).
    pub(super) fn held(&mut self, d: &Descriptor, status: u16, body: &str) {
        let response = d.response.clone();
        self.phase = self.outcome(d, &response, status, body, |f, _, _, _, _| {
            let confirm = d.lifecycle.as_ref().and_then(|l| l.confirm.as_ref());
            let pointer = confirm.map(|c| c.reference.as_str()).unwrap_or("");
            let json: Option<Json> = serde_json::from_str(body).ok();
            let expires = confirm
                .and_then(|c| c.expires.as_deref())
                .and_then(|p| json.as_ref()?.pointer(p)?.as_str())
                .and_then(|t| match citypanel_descriptor::time::parse_iso8601(t)? {
                    citypanel_descriptor::time::Iso::Instant(ms) => Some(ms),
                    citypanel_descriptor::time::Iso::Date(_) => None,
                });
            let reference = match json.as_ref().and_then(|j| j.pointer(pointer)) {
                Some(Json::String(s)) if !s.is_empty() => s.clone(),
                Some(Json::Number(n)) => n.to_string(),
                _ => {
                    return Phase::Failed(Failure::Malformed {
                        detail: format!("the hold's answer has no reference at `{pointer}`"),
                    })
                }
            };
            // Confirming is its own attempt, with its own key.
            f.key = None;
            Phase::Held { reference, expires }
        });
    }
}
