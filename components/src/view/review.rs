//! The review step of a transaction or booking: every value as it will be sent, then confirm.

use crate::flow::{Options, QueryFlow};
use crate::i18n::{t, Msg};
use crate::view::panel::PanelCtx;
use crate::view::util::{focus_later, fresh_key};
use citypanel_descriptor::model::{InputKind, PiiClass};
use citypanel_descriptor::{mask, Descriptor, ServiceKind};
use crate::view::util::redraw;
use crate::view::util::click;
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

/// Review list with confirm and change buttons.
#[component]
pub fn Review(ctx: PanelCtx, city: String) -> impl IntoView {
    let (flow, locale, root, d) = (ctx.flow, ctx.locale, ctx.root, ctx.d.clone());
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
    let edit = move |_| {
        flow.update(|f| f.back());
        focus_later(root, ".cp-field__input, .cp-slot__radio, .cp-consent__box");
    };
    let confirm_text = if d.kind == ServiceKind::Booking { Msg::ConfirmBooking } else { Msg::Confirm };
    view! {
        <div class="cp-review">
            <h3 class="cp-review__title" tabindex="-1">{move || t(&locale.get(), Msg::ReviewTitle)}</h3>
            <dl class="cp-review__list">{rows}</dl>
            <p class="cp-review__hint">{move || t(&locale.get(), Msg::ReviewHint)}</p>
            <div class="cp-actions">
                <button type="button" class="cp-button cp-button--primary cp-confirm" on:click=click(confirm)
                    aria-disabled=move || flow.with(|f| f.busy().then_some("true"))>
                    {move || t(&locale.get(), confirm_text)}
                </button>
                <button type="button" class="cp-button cp-button--secondary cp-edit" on:click=click(edit)>
                    {move || t(&locale.get(), Msg::Edit)}
                </button>
            </div>
        </div>
    }
}
