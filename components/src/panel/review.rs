//! The review step of a transaction or booking: every value as it will be sent, then confirm.
//! A booking that holds its slot reviews the held slot, with the time left to confirm it.

use crate::flow::PanelCtx;
use crate::flow::{Options, QueryFlow};
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use crate::kit::util::redraw;
use crate::kit::util::{focus_later, fresh_key};
use citypanel_descriptor::model::{InputKind, PiiClass};
use citypanel_descriptor::{mask, Descriptor, ServiceKind};
use leptos::prelude::*;

/// The value of an input as the citizen knows it: option labels instead of codes; secrets
/// starred. `None` for consent boxes and empty optional inputs.
pub fn shown_value(d: &Descriptor, f: &QueryFlow, id: &str, locale: &str) -> Option<String> {
    let input = d.input(id)?;
    let v = f.value(id);
    if input.kind == InputKind::Consent || v.is_empty() {
        return None;
    }
    if let Some(o) = input.options.iter().find(|o| o.value == v) {
        return Some(o.label.get(locale).to_string());
    }
    if let Some(Options::Ready(choices)) = f.options.get(id) {
        if let Some(c) = choices.iter().find(|c| c.value == v) {
            return Some(c.label.clone());
        }
    }
    Some(if input.pii == PiiClass::Secret { mask(PiiClass::Secret, v) } else { v.to_string() })
}

/// `m:ss` of a number of seconds.
fn clock(s: i64) -> String {
    format!("{}:{:02}", s / 60, s % 60)
}

/// Counts the held slot's seconds down once a second; at zero the hold has lapsed.
fn tick(ctx: PanelCtx, deadline: i64, left: RwSignal<i64>) {
    let now = crate::kit::util::now_ms();
    let s = ((deadline - now).max(0) + 999) / 1000;
    if left.try_set(s).is_some() {
        return; // unmounted
    }
    let held = ctx.flow.with_untracked(|f| matches!(f.phase, crate::flow::Phase::Held { .. }));
    if !held {
        return;
    }
    if s == 0 {
        let d = ctx.d.clone();
        ctx.flow.update(|f| f.hold_lapsed(&d));
        focus_later(ctx.root, ".cp-error-summary");
        return;
    }
    let next = ctx.clone();
    ctx.timers.after(((deadline - now) % 1000).max(1) as u32, move || tick(next, deadline, left));
}

/// The booking being moved, with a way to keep it (shown over the form and the held slot).
#[component]
pub fn Moving(ctx: PanelCtx) -> impl IntoView {
    let (flow, locale, root, d) = (ctx.flow, ctx.locale, ctx.root, ctx.d.clone());
    let keep = {
        let ctx = ctx.clone();
        move |_| {
            let release = flow.try_update(|f| f.keep_booking(&d)).flatten();
            ctx.release(release);
            focus_later(root, ".cp-receipt__title");
        }
    };
    redraw(move || {
        match flow.with(|f| f.replacing.as_ref().map(|r| r.0.clone())) {
        None => ().into_any(),
        Some(reference) => view! {
            <div class="cp-moving" role="note">
                <p>{move || t(&locale.get(), Msg::Rescheduling)}" "<span class="cp-moving__ref">{reference.clone()}</span></p>
                <button type="button" class="cp-button cp-button--secondary cp-keep" on:click=click(keep.clone())>
                    {move || t(&locale.get(), Msg::KeepBooking)}
                </button>
            </div>
        }.into_any(),
    }
    })
}

/// Review list with confirm and change buttons; `held` when the slot is held (with the
/// time left to confirm it).
#[component]
pub fn Review(ctx: PanelCtx, city: String, #[prop(optional)] held: bool) -> impl IntoView {
    let (flow, locale, d) = (ctx.flow, ctx.locale, ctx.d.clone());
    let rows = {
        let d = d.clone();
        redraw(move || {
            let loc = locale.get();
            flow.with(|f| {
                d.inputs
                    .iter()
                    .filter(|i| i.is_visible(&f.values))
                    .filter_map(|i| Some((i.label.get(&loc).to_string(), shown_value(&d, f, &i.id, &loc)?)))
                    .map(|(k, v)| view! { <div class="cp-review__row"><dt>{k}</dt><dd>{v}</dd></div> })
                    .collect_view()
                    .into_any()
            })
        })
    };
    let confirm = {
        let (ctx, d) = (ctx.clone(), d.clone());
        move |_| {
            if let Some(job) = flow.try_update(|f| f.confirm(&d, &city, &fresh_key())).flatten() {
                ctx.run(job, true);
            }
        }
    };
    let edit = {
        let ctx = ctx.clone();
        move |_| ctx.back_to_form()
    };
    let confirm_text =
        if d.kind == ServiceKind::Booking { Msg::ConfirmBooking } else { Msg::Confirm };
    let left = RwSignal::new(0i64);
    let countdown = held.then(|| {
        let hold_ms = i64::from(d.lifecycle.as_ref().and_then(|l| l.hold_s).unwrap_or(300)) * 1000;
        let now = crate::kit::util::now_ms();
        let expires = flow.with_untracked(|f| match f.phase {
            crate::flow::Phase::Held { expires, .. } => expires,
            _ => None,
        });
        // The department's own expiry when it gives one; `hold_s` when it does not, or when
        // this device's clock disagrees with it by more than the hold itself.
        let left_ms = expires.map(|e| e - now).filter(|l| (1..=hold_ms).contains(l)).unwrap_or(hold_ms);
        tick(ctx.clone(), now + left_ms, left);
        view! {
            <p class="cp-held">
                {move || t(&locale.get(), Msg::HeldLeft)}" "
                <span class="cp-held__left" role="timer" aria-live="off">{move || clock(left.get())}</span>
            </p>
        }
    });
    let (title, edit_text) =
        if held { (Msg::HeldTitle, Msg::ChangeSlot) } else { (Msg::ReviewTitle, Msg::Edit) };
    view! {
        <div class="cp-review" data-held=held.then_some("true")>
            <Moving ctx=ctx.clone() />
            <h3 class="cp-review__title" tabindex="-1">{move || t(&locale.get(), title)}</h3>
            {countdown}
            <dl class="cp-review__list">{rows}</dl>
            <p class="cp-review__hint">{move || t(&locale.get(), Msg::ReviewHint)}</p>
            <div class="cp-actions">
                <button type="button" class="cp-button cp-button--primary cp-confirm" on:click=click(confirm)
                    aria-disabled=move || flow.with(|f| f.busy().then_some("true"))>
                    {move || t(&locale.get(), confirm_text)}
                </button>
                <button type="button" class="cp-button cp-button--secondary cp-edit" on:click=click(edit)>
                    {move || t(&locale.get(), edit_text)}
                </button>
            </div>
        </div>
    }
}
