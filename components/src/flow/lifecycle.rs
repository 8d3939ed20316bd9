//! The parts of the flow after a submission — receipts, status polling, cancelling — and
//! loading remote options.

use super::options::{options_request, parse_options, signature, Options};
use super::report::MatterState;
use super::{post, settled, Attempt, Failure, Job, Phase, QueryFlow, Send};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::ServiceKind;
use citypanel_descriptor::Descriptor;
use serde_json::{json, Value as Json};

/// A `{"reference","state":"processing"}` answer (HTTP 202, or `state` says so).
fn processing(status: u16, body: &str) -> Option<String> {
    let json: Json = serde_json::from_str(body).ok()?;
    let reference = json.get("reference").and_then(Json::as_str).map(str::to_string);
    let says = json.get("state").and_then(Json::as_str) == Some("processing");
    match (status == 202 || says, reference) {
        (true, Some(r)) if !r.is_empty() => Some(r),
        _ => None,
    }
}

/// The reference of a settled submission, at the lifecycle's status pointer.
fn reference_in(d: &Descriptor, body: &str) -> Option<String> {
    let pointer = &d.lifecycle.as_ref()?.status.as_ref()?.reference;
    let json: Json = serde_json::from_str(body).ok()?;
    match json.pointer(pointer)? {
        Json::String(s) if !s.is_empty() => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl QueryFlow {
    pub(super) fn submitted(&mut self, d: &Descriptor, status: u16, body: &str) {
        let hold = match &self.phase {
            Phase::Submitting { confirming } => confirming.clone(),
            _ => None,
        };
        if Self::holds(d) && hold.is_none() {
            return self.held(d, status, body);
        }
        if d.kind != ServiceKind::Query && d.kind != ServiceKind::Payment {
            if let Some(reference) = processing(status, body) {
                self.phase = Phase::Checking { reference, polls: 0, reopened: None };
                return;
            }
        }
        let response = d.response.clone();
        self.phase =
            self.outcome(d, &response, status, body, |f, records, values, truncated, problems| {
                if matches!(d.kind, ServiceKind::Query | ServiceKind::Payment) {
                    return settled(&d.result.widget, records, values, truncated, problems);
                }
                // The attempt is over: a new submission is a new attempt.
                f.key = None;
                let reference = reference_in(d, body).or(hold);
                f.done(values, reference)
            });
    }

    /// How many polls the lifecycle allows before the outcome counts as unsettled.
    pub fn max_polls(d: &Descriptor) -> u32 {
        d.lifecycle
            .as_ref()
            .and_then(|l| l.status.as_ref())
            .map_or(1, |s| (s.max_wait_ms / s.interval_ms.max(1)).max(1))
    }

    /// The poll interval in ms (the view waits this long before calling [`QueryFlow::poll`]).
    pub fn poll_interval(d: &Descriptor) -> u32 {
        d.lifecycle.as_ref().and_then(|l| l.status.as_ref()).map_or(2_000, |s| s.interval_ms)
    }

    /// The next status poll while checking (`None` when not checking, already polling, or
    /// the descriptor has no status endpoint).
    pub fn poll(&mut self, d: &Descriptor) -> Option<Send> {
        self.check_budget(d);
        let Phase::Checking { reference, .. } = &self.phase else { return None };
        if self.pending.is_some() {
            return None;
        }
        let spec = d.lifecycle.as_ref()?.status.as_ref()?;
        let req = post(&spec.endpoint, json!({ "reference": reference }), d.request.timeout_ms);
        Some((self.next(Job::Poll), req))
    }

    pub(super) fn poll_missed(&mut self) {
        if let Phase::Checking { polls, .. } = &mut self.phase {
            *polls += 1;
        }
    }

    /// Gives up after the lifecycle's longest wait: the outcome stays unknown.
    pub fn check_budget(&mut self, d: &Descriptor) {
        if let Phase::Checking { reference, polls, .. } = &self.phase {
            if *polls >= Self::max_polls(d) {
                self.phase = Phase::Failed(Failure::Unsettled { reference: reference.clone() });
            }
        }
    }

    pub(super) fn polled(&mut self, d: &Descriptor, status: u16, body: &str) {
        let Phase::Checking { reference, reopened, .. } = self.phase.clone() else { return };
        if processing(status, body).is_some() {
            self.poll_missed();
            self.check_budget(d);
            return;
        }
        let response = d.response.clone();
        self.phase = self.outcome(d, &response, status, body, |f, _, values, _, _| {
            f.key = None;
            let done = f.done(values, Some(reference));
            match (reopened, done) {
                (Some(MatterState::Cancelled), Phase::Done { values, .. }) => {
                    Phase::Cancelled { values }
                }
                (_, done) => done,
            }
        });
    }

    /// Opens a booking or handling made earlier (from My City) at its receipt: read from the
    /// department's status endpoint by its number, as after a submission that settled late;
    /// shown cancelled when `cancelled`. Only from the form with nothing in flight; `None` for
    /// other kinds, without a status endpoint or for an empty number.
    pub fn reopen(&mut self, d: &Descriptor, reference: &str, cancelled: bool) -> Option<Send> {
        let reference = reference.trim();
        let kind = matches!(d.kind, ServiceKind::Transaction | ServiceKind::Booking);
        if !kind || reference.is_empty() || self.phase != Phase::Editing || self.pending.is_some() {
            return None;
        }
        d.lifecycle.as_ref()?.status.as_ref()?;
        let state = if cancelled { MatterState::Cancelled } else { MatterState::Done };
        let reference = reference.to_string();
        self.phase =
            Phase::Checking { reference: reference.clone(), polls: 0, reopened: Some(state) };
        let send = self.poll(d)?;
        self.last = Some(Attempt::Reopen { reference, state, req: send.1.clone() });
        Some(send)
    }

    /// Cancels the booking shown in the receipt (`None` if not allowed or already cancelling).
    pub fn cancel(&mut self, d: &Descriptor) -> Option<Send> {
        if self.pending.is_some() {
            return None;
        }
        let spec = d.lifecycle.as_ref()?.cancel.as_ref()?;
        let Phase::Done { reference: Some(reference), cancel_error, .. } = &mut self.phase else {
            return None;
        };
        let req = post(&spec.endpoint, json!({ "reference": reference }), d.request.timeout_ms);
        *cancel_error = None;
        Some((self.next(Job::Cancel), req))
    }

    pub(super) fn cancelled(&mut self, d: &Descriptor, status: u16, body: &str) {
        let before @ Phase::Done { .. } = self.phase.clone() else { return };
        let response = d.response.clone();
        let next = self
            .outcome(d, &response, status, body, |_, _, values, _, _| Phase::Cancelled { values });
        self.phase = match (next, before) {
            (next @ Phase::Cancelled { .. }, _) => next,
            (Phase::Failed(f), Phase::Done { values, reference, moved_from, .. }) => {
                Phase::Done { values, reference, moved_from, cancel_error: Some(f) }
            }
            (_, before) => before,
        };
    }

    /// The receipt values on screen, if any.
    pub fn receipt(&self) -> Option<&Record> {
        match &self.phase {
            Phase::Done { values, .. } | Phase::Cancelled { values } => Some(values),
            _ => None,
        }
    }

    /// Remote inputs whose options are not loaded for the current values, with the values'
    /// signature.
    fn stale_options<'d>(
        &self,
        d: &'d Descriptor,
    ) -> Vec<(&'d citypanel_descriptor::model::Input, String)> {
        d.inputs
            .iter()
            .filter(|i| i.is_visible(&self.values))
            .filter_map(|i| Some((i, signature(i.options_from.as_ref()?, &self.values)?)))
            .filter(|(i, sig)| self.loaded_for.get(&i.id) != Some(sig))
            .collect()
    }

    /// Whether some remote options must be (re)loaded (a cheap check before
    /// [`QueryFlow::options_to_load`], which changes the flow).
    pub fn needs_options(&self, d: &Descriptor) -> bool {
        !self.stale_options(d).is_empty()
    }

    /// Remote options to (re)load now: visible inputs whose dependencies are filled and
    /// changed since the last load. Marks them loading; the view sends the requests and
    /// calls [`QueryFlow::options_answered`].
    pub fn options_to_load(&mut self, d: &Descriptor) -> Vec<(String, Send)> {
        let mut out = Vec::new();
        for (input, sig) in self.stale_options(d) {
            let Some(req) = options_request(input, &self.values) else { continue };
            self.seq += 1;
            self.loaded_for.insert(input.id.clone(), sig);
            self.options.insert(input.id.clone(), Options::Loading { seq: self.seq });
            out.push((input.id.clone(), (self.seq, req)));
        }
        out
    }

    /// The options of `id` arrived (`status`, `body`), or failed in transport (`None`).
    pub fn options_answered(
        &mut self,
        d: &Descriptor,
        id: &str,
        seq: u64,
        answer: Option<(u16, &str)>,
    ) {
        if self.options.get(id) != Some(&Options::Loading { seq }) {
            return;
        }
        let Some(from) = d.input(id).and_then(|i| i.options_from.as_ref()) else { return };
        let next = match answer {
            None => Options::Failed {
                detail: format!("options endpoint `{}` unreachable", from.endpoint),
            },
            Some((status, body)) => match parse_options(from, status, body) {
                Ok(choices) => Options::Ready(choices),
                Err(detail) => Options::Failed { detail },
            },
        };
        // A value no longer offered is cleared.
        if let Options::Ready(choices) = &next {
            let v = self.value(id).to_string();
            if !v.is_empty() && !choices.iter().any(|c| c.value == v && c.available()) {
                self.values.insert(id.to_string(), String::new());
            }
        }
        self.options.insert(id.to_string(), next);
    }

    /// Loads the options of `id` again after a failure.
    pub fn reload_options(&mut self, id: &str) {
        self.loaded_for.remove(id);
    }
}
