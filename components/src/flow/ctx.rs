//! The panel controller: what a mounted panel's async work needs (descriptor, platform,
//! caller, flow, timers, root) and the one place that sends the flow's requests, feeds the
//! answers back, reports to My City, releases holds, polls and loads remote options. No
//! markup: the views in [`crate::panel`] build it and call it.

use super::report::{report_body, MatterKind, Reporter, RECORDS_PATH};
use super::{Phase, QueryFlow, Send};
use crate::bridge::Bridge;
use crate::i18n::{t, Msg};
use crate::kit::util::{focus_later, Timers};
use crate::notice::Notice;
use crate::transport::{send, Caller, Reply};
use citypanel_descriptor::Descriptor;
use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::{Arc, Mutex};

/// Where focus goes when an answer moved the flow to `phase`: the outcome's heading, or what
/// the citizen must act on.
fn focus_target(phase: &Phase) -> &'static str {
    match phase {
        Phase::Success { .. } | Phase::Done { .. } | Phase::Cancelled { .. } => {
            ".cp-result__summary, .cp-receipt__title"
        }
        Phase::Held { .. } => ".cp-review__title",
        Phase::Empty => ".cp-empty",
        Phase::Editing => ".cp-error-summary",
        Phase::Failed(_) | Phase::Checking { .. } => ".cp-error, .cp-checking",
        Phase::Review | Phase::Submitting { .. } => ".cp-panel__title",
    }
}

/// What the panel's async work needs: descriptor, platform, caller, flow, timers, root.
#[derive(Clone)]
pub struct PanelCtx {
    pub d: Arc<Descriptor>,
    pub platform: Arc<String>,
    pub caller: RwSignal<Caller>,
    pub flow: RwSignal<QueryFlow>,
    pub timers: Timers,
    pub root: NodeRef<Section>,
    pub locale: Signal<String>,
    pub bridge: Option<Bridge>,
    /// What the last host notice said (a polite status above the result).
    pub notice: RwSignal<Option<String>>,
    /// What this panel reported to the citizen's "My City".
    pub reporter: Arc<Mutex<Reporter>>,
    /// A payment of this panel is in flight (its sheet says so): a step back is refused.
    pub paying: RwSignal<bool>,
    /// A status poll came due while the page was hidden: it is made when the page is shown.
    pub poll_due: RwSignal<bool>,
}

impl PanelCtx {
    /// Sends one of the flow's requests and feeds the answer back; then moves focus to the
    /// outcome (`focus`) and schedules the next status poll while checking.
    pub fn run(&self, (seq, req): Send, focus: bool) {
        let ctx = self.clone();
        spawn_local(async move {
            let caller = ctx.caller.get_untracked();
            let reply = send(&ctx.platform, &req, &caller).await;
            let d = ctx.d.clone();
            let updated = match reply {
                Reply::Answer { status, body } => {
                    ctx.flow.try_update(|f| f.answered(&d, seq, status, &body))
                }
                Reply::NoAnswer { timed_out, detail } => {
                    web_sys::console::warn_1(
                        &format!("citypanel: `{}` {}: {detail}", d.id, req.path).into(),
                    );
                    ctx.flow.try_update(|f| f.unreachable(seq, timed_out))
                }
            };
            if updated.is_none() {
                return; // unmounted
            }
            ctx.report();
            let (checking, target) = ctx.flow.with_untracked(|f| {
                (matches!(f.phase, Phase::Checking { .. }), focus_target(&f.phase))
            });
            if checking {
                ctx.schedule_poll();
            }
            if focus {
                focus_later(ctx.root, target);
            }
        });
    }

    /// Reports a booking or handling that went through (or was cancelled) to the signed-in
    /// citizen's "My City" on the platform, once per state. Best effort: the receipt on screen
    /// does not depend on it.
    fn report(&self) {
        let caller = self.caller.get_untracked();
        let Some(kind) = MatterKind::of(self.d.kind).filter(|_| caller.token.is_some()) else {
            return;
        };
        let due = self.flow.with_untracked(|f| {
            let mut reporter = self.reporter.lock().unwrap_or_else(|e| e.into_inner());
            reporter.due(self.d.kind, &f.phase)
        });
        for (reference, state) in due {
            let body = report_body(&self.d.id, &caller.city, kind, &reference, state);
            let req = super::post(RECORDS_PATH, body, self.d.request.timeout_ms);
            let (platform, caller) = (self.platform.clone(), caller.clone());
            spawn_local(async move {
                let problem = match send(&platform, &req, &caller).await {
                    Reply::Answer { status: 200 | 201, .. } => return,
                    Reply::Answer { status, .. } => format!("http {status}"),
                    Reply::NoAnswer { detail, .. } => detail,
                };
                web_sys::console::warn_1(
                    &format!("citypanel: recording in My City: {problem}").into(),
                );
            });
        }
    }

    /// A host notice: when it is about the result on screen, refresh that result in place and
    /// announce the notice (the host's words, or a built-in text). True when it was.
    pub fn on_notice(&self, notice: &Notice) -> bool {
        let d = self.d.clone();
        if !self.flow.try_with_untracked(|f| f.concerns(&d, notice)).unwrap_or(false) {
            return false;
        }
        // Already refreshing: that answer is as new as this notice.
        if let Some(Some(job)) = self.flow.try_update(|f| f.refresh()) {
            self.run(job, false);
        }
        let locale = self.locale.try_get_untracked().unwrap_or_default();
        let said = notice.message.clone().unwrap_or_else(|| t(&locale, Msg::Updated).to_string());
        let _ = self.notice.try_set(Some(said));
        true
    }

    /// Back to the form with every value kept (a held slot is released); focus on its first
    /// control.
    pub fn back_to_form(&self) {
        let d = self.d.clone();
        let release = self.flow.try_update(|f| f.back_from(&d)).flatten();
        self.notice.set(None);
        self.release(release);
        focus_later(self.root, ".cp-field__input, .cp-slot__radio, .cp-consent__box");
    }

    /// Releases a hold the citizen gave up (best effort: an unreleased hold lapses anyway).
    pub fn release(&self, req: Option<citypanel_descriptor::BuiltRequest>) {
        let Some(req) = req else { return };
        let (platform, caller) = (self.platform.clone(), self.caller.get_untracked());
        spawn_local(async move {
            if let Reply::NoAnswer { detail, .. } = send(&platform, &req, &caller).await {
                web_sys::console::warn_1(&format!("citypanel: releasing a hold: {detail}").into());
            }
        });
    }

    /// Polls the outcome after the lifecycle's interval.
    pub fn schedule_poll(&self) {
        let ctx = self.clone();
        self.timers.after(QueryFlow::poll_interval(&self.d), move || {
            if crate::kit::visibility::hidden() {
                let _ = ctx.poll_due.try_set(true);
                return;
            }
            ctx.poll_now();
        });
    }

    /// The page is shown again: a submission whose outcome is being settled is polled at once
    /// when its poll came due while hidden.
    pub fn shown(&self) {
        if self.poll_due.try_update(std::mem::take).unwrap_or(false) {
            self.poll_now();
        }
    }

    fn poll_now(&self) {
        let d = self.d.clone();
        if let Some(Some(job)) = self.flow.try_update(|f| f.poll(&d)) {
            self.run(job, false);
        }
    }

    /// Loads remote options whose dependencies are now filled.
    pub fn load_options(&self) {
        let d = self.d.clone();
        // Only write the flow when something must load: every write re-runs the caller.
        if !self.flow.with_untracked(|f| f.needs_options(&d)) {
            return;
        }
        let jobs = self.flow.try_update(|f| f.options_to_load(&d)).unwrap_or_default();
        for (id, (seq, req)) in jobs {
            let ctx = self.clone();
            spawn_local(async move {
                let caller = ctx.caller.get_untracked();
                let reply = send(&ctx.platform, &req, &caller).await;
                let d = ctx.d.clone();
                let _ = ctx.flow.try_update(|f| match &reply {
                    Reply::Answer { status, body } => {
                        f.options_answered(&d, &id, seq, Some((*status, body)))
                    }
                    Reply::NoAnswer { detail, .. } => {
                        web_sys::console::warn_1(
                            &format!("citypanel: options of `{id}`: {detail}").into(),
                        );
                        f.options_answered(&d, &id, seq, None)
                    }
                });
            });
        }
    }
}
