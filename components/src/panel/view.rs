//! The service panel: a descriptor-driven form and what follows it — a query's result, a
//! transaction's review and receipt, a booking's confirmation, ticket and cancel, a bill and
//! its payment. The logic is the plain-Rust [`QueryFlow`], driven by the controller
//! [`PanelCtx`]; this view builds both and lays the form out.

use super::field::Field;
use super::outcome::Outcome;
use super::status::ErrorSummary;
use crate::bridge::{Bridge, HostCapability, Identity};
use crate::flow::hook::BackHook;
use crate::flow::nav::PanelBack;
use crate::flow::report::{reopening, MatterState};
use crate::flow::{PanelCtx, Phase, QueryFlow};
use crate::i18n::{colon, t, Msg};
use crate::kit::availability::{watch_availability, AvailabilityNote};
use crate::kit::press::PressHold;
use crate::kit::util::{focus_later, fresh_key, now_ms, redraw, Timers};
use crate::notice::Notices;
use crate::transport::Caller;
use citypanel_descriptor::model::{Capability, CapabilityState, ServiceKind};
use citypanel_descriptor::{Date, Descriptor};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

static NEXT_UID: AtomicUsize = AtomicUsize::new(1);

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

/// The values of a deep link this panel may use; the others are dropped with a warning.
fn from_link(d: &Descriptor, initial: Vec<(String, String)>) -> Vec<(String, String)> {
    let (number, values): (Vec<_>, Vec<_>) =
        initial.into_iter().partition(|(k, _)| k == crate::flow::report::REOPEN_KEY);
    let (mut kept, dropped) = crate::flow::link::link_inputs(d, &values);
    if !dropped.is_empty() {
        web_sys::console::warn_1(
            &format!(
                "citypanel: a link may not carry `{}` (personal data, consent, slot or unknown)",
                dropped.join("`, `")
            )
            .into(),
        );
    }
    kept.extend(number);
    kept
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
    /// `initial` came from a deep link: only values the standard lets travel in a link are
    /// used (no personal data, consent or slot), plus a receipt's number.
    #[prop(optional)]
    linked: bool,
) -> impl IntoView {
    // The city's own request/response overrides apply from here on.
    let d = Arc::new(descriptor.resolve(&city).unwrap_or(descriptor));
    let initial = if linked { from_link(&d, initial) } else { initial };
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
        paying: RwSignal::new(false),
        poll_due: RwSignal::new(false),
    };
    // Shown again after the citizen was away: what is in flight is reconciled at once.
    {
        let ctx = ctx.clone();
        crate::kit::visibility::watch(move |hidden| {
            if !hidden {
                ctx.shown();
            }
        });
    }
    // Host notices about the result on screen refresh it, while the panel is mounted.
    if let Some(hub) = use_context::<Notices>() {
        let listening = ctx.clone();
        let id = hub.listen(move |n| listening.on_notice(n));
        on_cleanup(move || hub.forget(id));
    }
    // The container's step back (a host's back button) asks this panel first.
    if let Some(hook) = use_context::<BackHook>() {
        let (ctx, has_inputs) = (ctx.clone(), !d.inputs.is_empty());
        hook.register(Callback::new(move |()| {
            let paying = ctx.paying.get_untracked();
            let step = ctx.flow.with_untracked(|f| f.back_step(has_inputs, paying));
            if step == PanelBack::Form {
                ctx.back_to_form();
            }
            step
        }));
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
    let availability = watch_availability(d.clone(), form_capability, ctx.timers.clone());
    let open = move || matches!(availability.get(), CapabilityState::Open);
    // Opened from My City at a matter made earlier: its receipt, read from the department.
    if let Some((reference, cancelled)) = reopening(&initial) {
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
    // A blur caused by pressing a button is checked after the press's click (kit::press).
    let press = PressHold::new();
    let check = {
        let d = d.clone();
        move |id: String| {
            let _ = flow.try_update(|f| f.blur(&d, &id));
        }
    };
    let on_blur = Callback::new({
        let check = check.clone();
        move |id: String| press.blur(id, check.clone())
    });
    let on_press = {
        let timers = ctx.timers.clone();
        move |_: leptos::ev::PointerEvent| press.press(check.clone(), timers.clone())
    };
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
            <super::share::Share descriptor=d.clone() city=city.clone() flow=flow locale=locale uid=uid.clone() />
            <AvailabilityNote state=availability.into() locale=locale />
            <ErrorSummary descriptor=d.clone() uid=uid.clone() flow=flow locale=locale />
            {has_inputs.then(|| view! {
                <form class="cp-form" novalidate hidden=move || !editing() on:submit=on_submit on:pointerdown=on_press>
                    <super::review::Moving ctx=ctx.clone() />
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
