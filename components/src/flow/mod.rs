//! The service flow state machine, in plain Rust (tested natively). One machine serves every
//! kind; the descriptor's kind and lifecycle decide which steps apply:
//! `Editing → [Review →] Submitting → [Checking →] Success | Done | Empty | Failed`; a booking
//! whose descriptor declares `confirm` holds its slot first: `Editing → Submitting → Held →
//! Submitting → [Checking →] Done`, and may be moved to another slot (`reschedule`). With
//! field errors from the client rules and from department error codes, remote options,
//! background refresh of a shown result, status polling and cancelling a booking.
//! The views only read it and send it events; the machine hands back the requests to send.

mod booking;
pub mod ctx;
pub mod hook;
mod lifecycle;
pub mod link;
pub mod nav;
pub mod offers;
pub mod options;
pub mod report;

pub use crate::widgets::model::has_content;
pub use ctx::PanelCtx;
pub use options::{Choice, Options};
pub use report::MatterState;

use citypanel_descriptor::map::Map;
use citypanel_descriptor::mapping::{map_with, Outcome, Record};
use citypanel_descriptor::model::{InputKind, ResponseSpec, ServiceKind, Widget};
use citypanel_descriptor::request::{build_request, BuiltRequest};
use citypanel_descriptor::rules::RuleError;
use citypanel_descriptor::{validate_value_on, Date, Descriptor, Text};

/// Where the flow is.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    Editing,
    /// Every value shown for a last check before a transaction or booking is sent.
    Review,
    /// The submission is in flight; `confirming` names the held slot it confirms (the
    /// booking's number when the department's answer gives none).
    Submitting {
        confirming: Option<String>,
    },
    /// A booking's slot is held (`reference`) for the lifecycle's `hold_s` — until `expires`
    /// (epoch ms) when the department says: every value shown for a last check; confirming
    /// books it.
    Held {
        reference: String,
        expires: Option<i64>,
    },
    /// Submitted; the outcome is still being settled (`polls` status polls so far).
    /// `reopened`: a matter opened from My City by its number, in the state My City has it
    /// in (its receipt shows cancelled when it was).
    Checking {
        reference: String,
        polls: u32,
        reopened: Option<MatterState>,
    },
    /// A query result: `records` and single `values`; `partial` when some could not be read;
    /// `stale` when a background refresh failed and these are the previous results.
    Success {
        records: Vec<Record>,
        values: Record,
        truncated: bool,
        partial: bool,
        stale: bool,
    },
    /// A transaction or booking went through: its receipt. `moved_from`: the booking this
    /// one replaced (shown on the ticket); `cancel_error`: a cancel that failed, shown under
    /// the receipt.
    Done {
        values: Record,
        reference: Option<String>,
        moved_from: Option<String>,
        cancel_error: Option<Failure>,
    },
    /// A booking was cancelled: the cancelled receipt.
    Cancelled {
        values: Record,
    },
    Empty,
    Failed(Failure),
}

impl Phase {
    /// The `data-state` attribute value for the panel root.
    pub fn state_name(&self) -> &'static str {
        match self {
            Phase::Editing => "editing",
            Phase::Review => "review",
            Phase::Submitting { .. } => "loading",
            Phase::Held { .. } => "held",
            Phase::Checking { .. } => "checking",
            Phase::Success { .. } => "success",
            Phase::Done { .. } => "done",
            Phase::Cancelled { .. } => "cancelled",
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
    /// Still not settled after the lifecycle's longest wait: the citizen must not resubmit.
    Unsettled { reference: String },
}

/// An error shown on one field: a client rule or a department message.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldIssue {
    Rule(RuleError),
    Department(Text),
    /// The hold on this slot ran out before it was confirmed.
    HoldLapsed,
}

/// What a request in flight is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Job {
    Submit,
    Refresh,
    Poll,
    Cancel,
}

/// A request to send, with the sequence number its answer must carry back.
pub type Send = (u64, BuiltRequest);

/// The last request of the current attempt, kept for its retry (and a query's refresh).
#[derive(Debug, Clone, PartialEq)]
enum Attempt {
    /// A submission, or the confirmation of the held slot `confirming`.
    Submit { req: BuiltRequest, confirming: Option<String> },
    /// A matter reopened from My City by its number: its status request.
    Reopen { reference: String, state: MatterState, req: BuiltRequest },
}

/// The state of one service panel.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryFlow {
    pub values: Map<String>,
    pub errors: Map<FieldIssue>,
    pub phase: Phase,
    /// True after a submit found errors: the error summary shows and takes focus.
    pub summary: bool,
    /// Remote options by input id.
    pub options: Map<Options>,
    /// Inputs filled from the host identity (shown as such).
    pub prefilled: Vec<String>,
    /// A booking being moved to another slot: its reference and receipt, until the new slot
    /// is confirmed in its place.
    pub replacing: Option<(String, Record)>,
    /// The dependency values each remote input's options were loaded for.
    loaded_for: Map<String>,
    /// Today in Beijing, for `today`-relative date bounds.
    today: Option<Date>,
    /// The last request of the current attempt, kept for retry and refresh.
    last: Option<Attempt>,
    /// The idempotency key of the current attempt; kept for its retries.
    key: Option<String>,
    seq: u64,
    /// The request in flight that matters, if any.
    pending: Option<(u64, Job)>,
}

/// A platform `GET` of `path` (with its query), e.g. the citizen's My City.
pub fn get(path: &str, timeout_ms: u32) -> BuiltRequest {
    BuiltRequest {
        method: citypanel_descriptor::model::Method::Get,
        body: None,
        ..post(path, serde_json::Value::Null, timeout_ms)
    }
}

/// A platform `POST` of a JSON body (status polls, cancels, option lists, payment orders).
pub fn post(path: &str, body: serde_json::Value, timeout_ms: u32) -> BuiltRequest {
    BuiltRequest {
        method: citypanel_descriptor::model::Method::Post,
        path: path.to_string(),
        body: Some(body),
        headers: Vec::new(),
        timeout_ms,
        cache_ttl_s: 0,
        idempotency_key: false,
    }
}

impl QueryFlow {
    pub fn new(d: &Descriptor) -> Self {
        // Insert loops, not `collect()`: collecting runs `FromIterator`, one more instantiation per call site (wasm size).
        let mut values = Map::new();
        let mut options = Map::new();
        for i in &d.inputs {
            values.insert(i.id.clone(), i.default.clone().unwrap_or_default());
            if i.options_from.is_some() {
                options.insert(i.id.clone(), Options::Waiting);
            }
        }
        QueryFlow {
            values,
            errors: Map::new(),
            phase: Phase::Editing,
            summary: false,
            options,
            prefilled: Vec::new(),
            replacing: None,
            loaded_for: Map::new(),
            today: None,
            last: None,
            key: None,
            seq: 0,
            pending: None,
        }
    }

    /// Sets today's (Beijing) date, used by `today`-relative date bounds.
    pub fn set_today(&mut self, today: Option<Date>) {
        self.today = today;
    }

    pub fn today(&self) -> Option<Date> {
        self.today
    }

    pub fn value(&self, id: &str) -> &str {
        self.values.get(id).map(String::as_str).unwrap_or("")
    }

    /// True while the submission (or a cancel) is in flight.
    pub fn busy(&self) -> bool {
        matches!(self.pending, Some((_, Job::Submit | Job::Cancel)))
    }

    /// True while a cancel is in flight.
    pub fn cancelling(&self) -> bool {
        matches!(self.pending, Some((_, Job::Cancel)))
    }

    fn next(&mut self, job: Job) -> u64 {
        self.seq += 1;
        self.pending = Some((self.seq, job));
        self.seq
    }

    fn take(&mut self, seq: u64) -> Option<Job> {
        match self.pending {
            Some((s, job)) if s == seq => {
                self.pending = None;
                Some(job)
            }
            _ => None,
        }
    }

    /// The user typed or picked: keep the value; clear a department error on that field;
    /// a changed value clears the options (and values) that depend on it.
    pub fn input(&mut self, d: &Descriptor, id: &str, value: String) {
        if matches!(self.errors.get(id), Some(FieldIssue::Department(_))) {
            self.errors.remove(id);
        }
        let changed = self.value(id) != value;
        self.values.insert(id.to_string(), value);
        if changed {
            self.prefilled.retain(|p| p != id);
            self.key = None;
            for dep in options::dependents(d, id) {
                self.values.insert(dep.clone(), String::new());
                self.errors.remove(&dep);
                self.loaded_for.remove(&dep);
                self.options.insert(dep, Options::Waiting);
            }
        }
    }

    /// Fills `id` from the host identity (the citizen asked for it on this field).
    pub fn prefill(&mut self, d: &Descriptor, id: &str, value: String) {
        self.input(d, id, value);
        self.prefilled.push(id.to_string());
        self.blur(d, id);
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
        let mut result = validate_value_on(input, raw, self.today);
        if let (Ok(v), Some(Options::Ready(choices))) = (&result, self.options.get(&input.id)) {
            if !v.is_empty() {
                match choices.iter().find(|c| &c.value == v) {
                    None => result = Err(RuleError::NotAnOption(v.clone())),
                    Some(c) if !c.available() => result = Err(RuleError::NotAnOption(v.clone())),
                    _ => {}
                }
            }
        }
        match result {
            Ok(normalized) => {
                self.errors.remove(&input.id);
                if !raw.is_empty() && input.kind != InputKind::Consent {
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

    /// Whether this descriptor asks for a review step before sending (a booking that holds
    /// reviews the held slot instead).
    pub fn reviews(d: &Descriptor) -> bool {
        match d.kind {
            ServiceKind::Booking => !Self::holds(d),
            ServiceKind::Transaction => d.lifecycle.as_ref().is_none_or(|l| l.review),
            ServiceKind::Query | ServiceKind::Payment => false,
        }
    }

    /// Submit: validate every visible input. On success either move to the review step
    /// (`None`) or return the request to send. `fresh_key` names a new attempt's
    /// idempotency key; a retry of the same attempt keeps the first one.
    pub fn submit(&mut self, d: &Descriptor, city: &str, fresh_key: &str) -> Option<Send> {
        if self.busy()
            || !matches!(
                self.phase,
                Phase::Editing | Phase::Success { .. } | Phase::Empty | Phase::Failed(_)
            )
        {
            return None;
        }
        let mut ok = true;
        let values = self.values.clone();
        for input in d.inputs.iter().filter(|i| i.is_visible(&values)) {
            let raw = self.value(&input.id).to_string();
            ok &= self.check(input, &raw);
        }
        // Hidden inputs carry no error and send nothing.
        self.errors.retain(|id, _| d.input(id).is_some_and(|i| i.is_visible(&values)));
        self.summary = !ok;
        if !ok {
            self.phase = Phase::Editing;
            return None;
        }
        if Self::reviews(d) {
            self.phase = Phase::Review;
            return None;
        }
        self.send(d, city, fresh_key)
    }

    /// From the review step: send. From a held slot: confirm it (`{"reference", "replaces"?}`
    /// to the lifecycle's `confirm` endpoint, with its own idempotency key).
    pub fn confirm(&mut self, d: &Descriptor, city: &str, fresh_key: &str) -> Option<Send> {
        if self.busy() {
            return None;
        }
        match &self.phase {
            Phase::Review => self.send(d, city, fresh_key),
            Phase::Held { reference, .. } => {
                let spec = d.lifecycle.as_ref()?.confirm.as_ref()?;
                let mut body = serde_json::json!({ "reference": reference });
                if let Some((old, _)) = &self.replacing {
                    body["replaces"] = old.clone().into();
                }
                let mut req = post(&spec.endpoint, body, d.request.timeout_ms);
                req.idempotency_key = true;
                let confirming = Some(reference.clone());
                Some(self.send_attempt(req, confirming, fresh_key))
            }
            _ => None,
        }
    }

    /// The values as they will be sent: hidden inputs left out.
    pub fn sent_values(&self, d: &Descriptor) -> Map<String> {
        let mut out = Map::new();
        for (k, v) in self
            .values
            .iter()
            .filter(|(id, _)| d.input(id).is_some_and(|i| i.is_visible(&self.values)))
        {
            out.insert(k.clone(), v.clone());
        }
        out
    }

    fn send(&mut self, d: &Descriptor, city: &str, fresh_key: &str) -> Option<Send> {
        match build_request(d, city, &self.sent_values(d)) {
            Ok(req) => Some(self.send_attempt(req, None, fresh_key)),
            Err(_) => {
                self.phase = Phase::Failed(Failure::NotServed);
                None
            }
        }
    }

    /// Sends a request of the current attempt (confirming the held slot `confirming`, if
    /// any): with `Idempotency-Key` (the attempt's key, or `fresh_key` for a new attempt)
    /// when it needs one; kept for retries.
    fn send_attempt(
        &mut self,
        mut req: BuiltRequest,
        confirming: Option<String>,
        fresh_key: &str,
    ) -> Send {
        if req.idempotency_key {
            let key = self.key.get_or_insert_with(|| fresh_key.to_string()).clone();
            req.headers.push(("Idempotency-Key".into(), key));
        }
        self.last = Some(Attempt::Submit { req: req.clone(), confirming: confirming.clone() });
        self.start(req, confirming)
    }

    fn start(&mut self, req: BuiltRequest, confirming: Option<String>) -> Send {
        let seq = self.next(Job::Submit);
        self.phase = Phase::Submitting { confirming };
        (seq, req)
    }

    /// Retry the last request after a failure (same idempotency key: done at most once).
    pub fn retry(&mut self) -> Option<Send> {
        if !matches!(
            self.phase,
            Phase::Failed(
                Failure::Unreachable { .. }
                    | Failure::Department { .. }
                    | Failure::Malformed { .. }
            )
        ) {
            return None;
        }
        match self.last.clone()? {
            Attempt::Submit { req, confirming } => Some(self.start(req, confirming)),
            // A matter reopened from My City that could not be read: ask its department again.
            Attempt::Reopen { reference, state, req } => {
                self.phase = Phase::Checking { reference, polls: 0, reopened: Some(state) };
                Some((self.next(Job::Poll), req))
            }
        }
    }

    /// Re-send the last query in the background while a result shows (a status board's
    /// periodic refresh). The result stays on screen; `None` if nothing is shown or a
    /// request is in flight.
    pub fn refresh(&mut self) -> Option<Send> {
        let showing = matches!(self.phase, Phase::Success { .. } | Phase::Empty);
        if !showing || self.pending.is_some() {
            return None;
        }
        let Some(Attempt::Submit { req, .. }) = self.last.clone() else { return None };
        Some((self.next(Job::Refresh), req))
    }

    /// Whether `notice` is about what this panel shows: a result is on screen, the descriptor
    /// offers a `subscribe` action on the notice's topic, and the input that action follows
    /// was sent with the notice's key.
    pub fn concerns(&self, d: &Descriptor, notice: &crate::notice::Notice) -> bool {
        if !matches!(self.phase, Phase::Success { .. } | Phase::Empty) {
            return false;
        }
        let sent = self.sent_values(d);
        d.result.actions.iter().any(|a| match &a.effect {
            citypanel_descriptor::model::Effect::Subscribe { topic, key } => {
                *topic == notice.topic && sent.get(key).is_some_and(|v| notice.about(v))
            }
            _ => false,
        })
    }

    /// Whether a background refresh is in flight.
    pub fn refreshing(&self) -> bool {
        matches!(self.pending, Some((_, Job::Refresh)))
    }

    /// Whether [`QueryFlow::back`] is allowed: not while something is in flight or an outcome
    /// is unknown (resubmitting then could do it twice).
    pub fn can_go_back(&self) -> bool {
        !(self.busy()
            || matches!(
                self.phase,
                Phase::Checking { .. } | Phase::Failed(Failure::Unsettled { .. })
            ))
    }

    /// Back to the form, keeping every value (see [`QueryFlow::back_from`] for held slots).
    pub fn back(&mut self) {
        if !self.can_go_back() {
            return;
        }
        if matches!(self.phase, Phase::Done { .. } | Phase::Cancelled { .. }) {
            // A new submission after a receipt is a new attempt.
            self.key = None;
            self.replacing = None;
        }
        if matches!(self.last, Some(Attempt::Reopen { .. })) {
            self.last = None;
        }
        self.pending = None;
        self.phase = Phase::Editing;
    }

    /// An answer arrived (any HTTP status). Answers to anything no longer pending are ignored.
    pub fn answered(&mut self, d: &Descriptor, seq: u64, status: u16, body: &str) {
        match self.take(seq) {
            Some(Job::Submit) => self.submitted(d, status, body),
            Some(Job::Refresh) => self.refreshed(d, status, body),
            Some(Job::Poll) => self.polled(d, status, body),
            Some(Job::Cancel) => self.cancelled(d, status, body),
            None => {}
        }
    }

    /// The request failed in transport (network down, timeout).
    pub fn unreachable(&mut self, seq: u64, timed_out: bool) {
        match self.take(seq) {
            Some(Job::Submit) => self.phase = Phase::Failed(Failure::Unreachable { timed_out }),
            Some(Job::Refresh) => self.mark_stale(),
            Some(Job::Poll) => self.poll_missed(),
            Some(Job::Cancel) => {
                if let Phase::Done { cancel_error, .. } = &mut self.phase {
                    *cancel_error = Some(Failure::Unreachable { timed_out });
                }
            }
            None => {}
        }
    }

    fn mark_stale(&mut self) {
        if let Phase::Success { stale, .. } = &mut self.phase {
            *stale = true;
        }
    }

    fn refreshed(&mut self, d: &Descriptor, status: u16, body: &str) {
        match map_with(&d.response, status, body) {
            Outcome::Records { records, values, truncated, problems } => {
                self.phase = settled(&d.result.widget, records, values, truncated, problems);
            }
            _ => self.mark_stale(),
        }
    }

    /// Maps a definitive department answer to the next phase (field errors go to fields).
    fn outcome(
        &mut self,
        d: &Descriptor,
        response: &ResponseSpec,
        status: u16,
        body: &str,
        done: impl FnOnce(&mut Self, Vec<Record>, Record, bool, Vec<String>) -> Phase,
    ) -> Phase {
        match map_with(response, status, body) {
            Outcome::Records { records, values, truncated, problems } => {
                done(self, records, values, truncated, problems)
            }
            Outcome::DepartmentError { field: Some(field), message: Some(message), .. }
                if d.input(&field).is_some() =>
            {
                // A refused slot (full, or its hold lapsed) is picked again from fresh options.
                if d.input(&field).is_some_and(|i| i.kind == InputKind::Slot) {
                    self.values.insert(field.clone(), String::new());
                    self.loaded_for.remove(&field);
                }
                self.errors.insert(field, FieldIssue::Department(message));
                self.summary = true;
                self.key = None;
                Phase::Editing
            }
            Outcome::DepartmentError { code, message, .. } => {
                self.key = None;
                Phase::Failed(Failure::Department { code, message })
            }
            Outcome::Malformed(detail) => Phase::Failed(Failure::Malformed { detail }),
        }
    }
}

/// The phase for mapped records and values: `Empty` when the widget has nothing to show.
fn settled(
    widget: &Widget,
    records: Vec<Record>,
    values: Record,
    truncated: bool,
    problems: Vec<String>,
) -> Phase {
    if has_content(widget, &records, &values) {
        Phase::Success { records, values, truncated, partial: !problems.is_empty(), stale: false }
    } else {
        Phase::Empty
    }
}
