//! The service panel: a descriptor-driven form and what follows it — a query's result, a
//! transaction's review and receipt, a booking's confirmation, ticket and cancel, a bill and
//! its payment. The logic is the plain-Rust [`QueryFlow`]; this view wires it to the network,
//! the host bridge and timers.

use crate::bridge::{Bridge, HostCapability, Identity};
use crate::flow::{Phase, QueryFlow, Send};
use crate::i18n::{colon, t, Msg};
use crate::mine::{report_body, MatterKind, MatterState, Reporter, RECORDS_PATH};
use crate::notice::{Notice, Notices};
use crate::transport::{send, Caller, Reply};
use crate::view::availability::AvailabilityNote;
use crate::view::field::Field;
use crate::view::outcome::Outcome;
use crate::view::status::ErrorSummary;
use crate::view::util::redraw;
use crate::view::util::{focus_later, fresh_key, now_ms, Timers};
use citypanel_descriptor::model::{Capability, CapabilityState, ServiceKind};
use citypanel_descriptor::{Date, Descriptor};
use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

static NEXT_UID: AtomicUsize = AtomicUsize::new(1);

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
            let state = ctx.flow.with_untracked(|f| f.phase.state_name());
            if state == "checking" {
                ctx.schedule_poll();
            }
            if focus {
                focus_later(
                    ctx.root,
                    match state {
                        "success" | "done" | "cancelled" => {
                            ".cp-result__summary, .cp-receipt__title"
                        }
                        "held" => ".cp-review__title",
                        "empty" => ".cp-empty",
                        "editing" => ".cp-error-summary",
                        "error" | "checking" => ".cp-error, .cp-checking",
                        _ => ".cp-panel__title",
                    },
                );
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
            reporter.due(self.d.kind, &f.phase, f.moved_from.as_deref())
        });
        for (reference, state) in due {
            let body = report_body(&self.d.id, &caller.city, kind, &reference, state);
            let req = crate::flow::post(RECORDS_PATH, body, self.d.request.timeout_ms);
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
        self.flow.update(|f| f.back_from(&d));
        self.notice.set(None);
        self.release();
        focus_later(self.root, ".cp-field__input, .cp-slot__radio, .cp-consent__box");
    }

    /// Releases a hold the citizen gave up (best effort: an unreleased hold lapses anyway).
    pub fn release(&self) {
        let Some(req) = self.flow.try_update(|f| f.take_release()).flatten() else { return };
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
            let d = ctx.d.clone();
            if let Some(Some(job)) = ctx.flow.try_update(|f| f.poll(&d)) {
                ctx.run(job, false);
            }
        });
    }

    /// Loads remote options whose dependencies are now filled.
    fn load_options(&self) {
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

/// The submit button's text for a kind (`holds`: a booking whose submission holds a slot).
fn submit_text(kind: ServiceKind, holds: bool, busy: bool, locale: &str) -> &'static str {
    if holds && !busy {
        return t(locale, Msg::HoldSlot);
    }
    match (kind, busy) {
        (ServiceKind::Query | ServiceKind::Payment, false) => t(locale, Msg::Search),
        (ServiceKind::Query | ServiceKind::Payment, true) => t(locale, Msg::Searching),
        (_, false) => t(locale, Msg::Submit),
        (_, true) => t(locale, Msg::Submitting),
    }
}

/// A panel for one service in one city, driven entirely by its descriptor.
#[component]
pub fn ServicePanel(
    /// The validated descriptor.
    descriptor: Descriptor,
    /// City code (GB/T 2260), e.g. `330100`.
    #[prop(into)]
    city: String,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// Display locale (`zh-CN`, `en`).
    #[prop(into)]
    locale: Signal<String>,
    /// Initial input values (e.g. from another service's `open_service` action); unknown
    /// inputs are ignored, values are validated like typed ones.
    #[prop(optional)]
    initial: Vec<(String, String)>,
) -> impl IntoView {
    // The city's own request/response overrides apply from here on.
    let d = Arc::new(descriptor.resolve(&city).unwrap_or(descriptor));
    let uid = format!("cp{}", NEXT_UID.fetch_add(1, Ordering::Relaxed));
    let flow = RwSignal::new(QueryFlow::new(&d));
    // What the citizen typed here earlier on this page comes back; values a host or another
    // service passes (`initial`) win over it.
    let typed = crate::drafts::recall(&city, &d.id);
    let restored = typed.iter().filter(|(id, _)| !initial.iter().any(|(i, _)| i == id));
    flow.update_untracked(|f| {
        f.set_today(Date::beijing(now_ms()));
        for (id, v) in restored.chain(initial.iter()).filter(|(id, _)| d.input(id).is_some()) {
            f.input(&d, id, v.clone());
            f.blur(&d, id);
        }
    });
    // Every change is kept for the next visit (in memory only).
    Effect::new({
        let (d, city) = (d.clone(), city.clone());
        move |_| flow.with(|f| crate::drafts::keep(&city, &d, &f.values))
    });
    let bridge = use_context::<Bridge>();
    let ctx = PanelCtx {
        d: d.clone(),
        platform: Arc::new(platform),
        caller: RwSignal::new(Caller { city: city.clone(), token: None }),
        flow,
        timers: Timers::new(),
        root: NodeRef::new(),
        locale,
        bridge: bridge.clone(),
        notice: RwSignal::new(None),
        reporter: Arc::default(),
    };
    // Host notices about the result on screen refresh it, while the panel is mounted.
    if let Some(hub) = use_context::<Notices>() {
        let listening = ctx.clone();
        let id = hub.listen(move |n| listening.on_notice(n));
        on_cleanup(move || hub.forget(id));
    }
    let root = ctx.root;
    let identity = RwSignal::new(None::<Identity>);
    if let Some(b) = bridge.clone().filter(|b| b.can(HostCapability::Identity)) {
        let caller = ctx.caller;
        spawn_local(async move {
            match b.0.identity().await {
                Ok(id) => {
                    let _ = caller.try_update(|c| c.token = id.token.clone());
                    let _ = identity.try_set(Some(id));
                }
                Err(e) => {
                    web_sys::console::warn_1(&format!("citypanel: host identity: {e}").into())
                }
            }
        });
    }
    // Remote options follow the values they depend on.
    Effect::new({
        let ctx = ctx.clone();
        move |_| {
            flow.track();
            ctx.load_options();
        }
    });
    // The form of a payment service looks the bill up: paused payments leave it working
    // (the pay action says it is paused); every other kind's form uses its capability.
    let form_capability =
        if d.kind == ServiceKind::Payment { Capability::Query } else { d.capability() };
    let availability = crate::view::availability::watch_availability(
        d.clone(),
        form_capability,
        ctx.timers.clone(),
    );
    let open = move || matches!(availability.get(), CapabilityState::Open);
    // Opened from My City at a matter made earlier: its receipt, read from the department.
    if let Some((reference, cancelled)) = crate::mine::reopening(&initial) {
        let state = if cancelled { MatterState::Cancelled } else { MatterState::Done };
        ctx.reporter.lock().unwrap_or_else(|e| e.into_inner()).known(reference.trim(), state);
        if let Some(job) = flow.try_update(|f| f.reopen(&d, reference, cancelled)).flatten() {
            ctx.run(job, false);
        }
    }
    // A query without inputs (road conditions) runs at once.
    if d.inputs.is_empty() && d.kind == ServiceKind::Query && open() {
        if let Some(job) = flow.try_update(|f| f.submit(&d, &city, "")).flatten() {
            ctx.run(job, false);
        }
    }
    let on_submit = {
        let (ctx, city) = (ctx.clone(), city.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let d = ctx.d.clone();
            match flow.try_update(|f| f.submit(&d, &city, &fresh_key())).flatten() {
                Some(job) => ctx.run(job, true),
                None if flow.with_untracked(|f| f.phase == Phase::Review) => {
                    focus_later(root, ".cp-review__title")
                }
                None => focus_later(root, ".cp-error-summary"),
            }
        }
    };
    let on_blur = Callback::new({
        let d = d.clone();
        move |id: String| flow.update(|f| f.blur(&d, &id))
    });
    let on_prefill = Some({
        Callback::new({
            let d = d.clone();
            move |id: String| {
                let Some(input) = d.input(&id) else { return };
                let source = input.prefill.map(|p| p.as_str()).unwrap_or_default();
                let value = identity
                    .with(|i| i.as_ref().and_then(|i| i.attribute(source)).map(str::to_string));
                if let Some(v) = value {
                    flow.update(|f| f.prefill(&d, &id, v));
                }
            }
        })
    });
    let can_prefill = move || identity.with(Option::is_some);

    let binding = d.city(&city).cloned();
    let (title, summary) = (d.title.clone(), d.summary.clone());
    let title_id = format!("{uid}-title");
    let fields = d
        .inputs
        .iter()
        .map(|i| {
            let (d, uid, i) = (d.clone(), uid.clone(), i.clone());
            let prefill = on_prefill.filter(|_| i.prefill.is_some());
            redraw(move || match (prefill, can_prefill()) {
                (Some(cb), true) => view! { <Field descriptor=d.clone() input=i.clone() uid=uid.clone() flow=flow on_blur=on_blur on_prefill=cb locale=locale /> }.into_any(),
                _ => view! { <Field descriptor=d.clone() input=i.clone() uid=uid.clone() flow=flow on_blur=on_blur locale=locale /> }.into_any(),
            })
        })
        .collect_view();
    let kind = d.kind;
    let holds = QueryFlow::holds(&d);
    let editing = move || flow.with(|f| f.phase == Phase::Editing);
    let has_inputs = !d.inputs.is_empty();
    let notice = ctx.notice;

    view! {
        <section
            class="cp-panel"
            node_ref=root
            data-service=d.id.clone()
            data-kind=kind.as_str()
            data-state=move || flow.with(|f| f.phase.state_name())
            lang=move || locale.get()
            aria-labelledby=title_id.clone()
        >
            <header class="cp-panel__header">
                <h2 class="cp-panel__title" id=title_id.clone() tabindex="-1">{move || title.get(&locale.get()).to_string()}</h2>
                <p class="cp-panel__summary">{move || summary.get(&locale.get()).to_string()}</p>
                {binding.map(|b| view! {
                    <p class="cp-panel__dept">
                        <span>{move || format!("{}{}{}", t(&locale.get(), Msg::Department), colon(&locale.get()), b.department.get(&locale.get()))}</span>
                        <span>{move || format!("{}{}", t(&locale.get(), Msg::Hotline), colon(&locale.get()))}<a href=format!("tel:{}", b.hotline)>{b.hotline.clone()}</a></span>
                    </p>
                })}
            </header>
            <AvailabilityNote state=availability.into() locale=locale />
            <ErrorSummary descriptor=d.clone() uid=uid.clone() flow=flow locale=locale />
            {has_inputs.then(|| view! {
                <form class="cp-form" novalidate hidden=move || !editing() on:submit=on_submit>
                    <crate::view::review::Moving ctx=ctx.clone() />
                    {fields}
                    <button type="submit" class="cp-button cp-button--primary" disabled=move || !open()
                        aria-disabled=move || flow.with(|f| f.busy().then_some("true"))>
                        {move || submit_text(kind, holds, flow.with(|f| f.busy()), &locale.get())}
                    </button>
                </form>
            })}
            <p class="cp-notice" role="status">{move || notice.get().filter(|_| flow.with(|f| matches!(f.phase, Phase::Success { .. } | Phase::Empty)))}</p>
            <Outcome ctx=ctx.clone() city=city.clone() />
        </section>
    }
}
