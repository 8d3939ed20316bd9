//! Picking controls: a select (static or remote options), an appointment-slot picker showing
//! places left, and a consent box.

use super::control::FieldCtx;
use crate::flow::{Choice, Options};
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use crate::kit::util::redraw;
use leptos::prelude::*;

/// The choices of an input now: static options, or the loaded remote ones.
fn choices(ctx: &FieldCtx, locale: &str) -> Result<Vec<Choice>, Msg> {
    if ctx.input.options_from.is_none() {
        return Ok(ctx
            .input
            .options
            .iter()
            .map(|o| Choice {
                value: o.value.clone(),
                label: o.label.get(locale).to_string(),
                capacity: None,
            })
            .collect());
    }
    ctx.flow.with(|f| match f.options.get(&ctx.input.id) {
        Some(Options::Ready(c)) if c.is_empty() => Err(Msg::OptionsEmpty),
        Some(Options::Ready(c)) => Ok(c.clone()),
        Some(Options::Loading { .. }) => Err(Msg::OptionsLoading),
        Some(Options::Failed { .. }) => Err(Msg::OptionsFailed),
        Some(Options::Waiting) | None => Err(Msg::Choose),
    })
}

/// "3 left" / "余3".
fn places(locale: &str, n: u32) -> String {
    crate::i18n::catalog(locale).left(n)
}

/// A native select: keyboard and screen-reader friendly everywhere.
#[component]
pub fn SelectBox(ctx: FieldCtx) -> impl IntoView {
    let (flow, locale, id) = (ctx.flow, ctx.locale, ctx.input.id.clone());
    let on_blur = ctx.on_blur;
    let c2 = ctx.clone();
    let options = redraw(move || {
        let loc = locale.get();
        let current = flow.with(|f| f.value(&c2.input.id).to_string());
        match choices(&c2, &loc) {
            Ok(list) => {
                let head = view! { <option value="" selected=current.is_empty()>{t(&loc, Msg::Choose)}</option> };
                let rest = list.into_iter().map(|c| {
                    let selected = c.value == current;
                    view! { <option value=c.value.clone() selected=selected>{c.label.clone()}</option> }
                }).collect_view();
                view! { {head}{rest} }.into_any()
            }
            Err(msg) => view! { <option value="">{t(&loc, msg)}</option> }.into_any(),
        }
    });
    let disabled = {
        let c = ctx.clone();
        move || choices(&c, &locale.get()).is_err()
    };
    let c3 = ctx.clone();
    let failed = {
        let id = id.clone();
        move || flow.with(|f| matches!(f.options.get(&id), Some(Options::Failed { .. })))
    };
    let retry_id = id.clone();
    view! {
        <select
            class="cp-field__input cp-field__select"
            id=ctx.dom_id.clone()
            name=id.clone()
            aria-required=if ctx.input.required { "true" } else { "false" }
            aria-invalid=ctx.invalid
            aria-describedby=ctx.describedby
            aria-disabled=move || disabled().then_some("true")
            on:change=move |ev| c3.pick(event_target_value(&ev))
            on:blur=move |_| {
                // A blur as the panel is removed (focus was here) finds its callback gone.
                on_blur.try_run(id.clone()); }
        >
            {options}
        </select>
        {move || failed().then(|| {
            let id = retry_id.clone();
            view! {
                <button type="button" class="cp-link-button cp-field__reload" on:click=click(move |_| flow.update(|f| f.reload_options(&id)))>
                    {move || t(&locale.get(), Msg::Retry)}
                </button>
            }
        }).into_any()}
    }
}

/// Appointment slots as a radio group, each with its places left; full slots are disabled.
#[component]
pub fn SlotPicker(ctx: FieldCtx) -> impl IntoView {
    let (flow, locale) = (ctx.flow, ctx.locale);
    let legend_id = format!("{}-legend", ctx.dom_id);
    let group_label = legend_id.clone();
    let label = ctx.input.label.clone();
    let required = ctx.input.required;
    let c2 = ctx.clone();
    let body = redraw(move || {
        let loc = locale.get();
        let current = flow.with(|f| f.value(&c2.input.id).to_string());
        match choices(&c2, &loc) {
            Err(msg) => view! { <p class="cp-slots__note" role="status">{t(&loc, msg)}</p> }.into_any(),
            Ok(list) => list.into_iter().enumerate().map(|(n, c)| {
                let opt_id = format!("{}-{n}", c2.dom_id);
                let first = n == 0;
                let checked = c.value == current;
                let free = c.available();
                let cap = c.capacity.map(|k| if k == 0 { t(&loc, Msg::Full).to_string() } else { places(&loc, k) });
                let (c3, v) = (c2.clone(), c.value.clone());
                view! {
                    <label class="cp-slot" data-full=(!free).then_some("true")>
                        <input type="radio" class="cp-slot__radio" name=c2.dom_id.clone() id=if first { c2.dom_id.clone() } else { opt_id }
                            value=c.value.clone() checked=checked disabled=!free
                            aria-describedby=c2.describedby
                            on:change=move |_| c3.pick(v.clone()) />
                        <span class="cp-slot__time">{c.label.clone()}</span>
                        {cap.map(|k| view! { <span class="cp-slot__left">{k}</span> })}
                    </label>
                }
            }).collect_view().into_any(),
        }
    });
    view! {
        <fieldset class="cp-slots" role="radiogroup" aria-labelledby=group_label aria-invalid=ctx.invalid aria-required=if required { "true" } else { "false" }>
            <legend class="cp-field__label" id=legend_id>
                {move || label.get(&locale.get()).to_string()}
                {required.then(|| view! { <span class="cp-field__required" aria-hidden="true">" *"</span> })}
            </legend>
            {move || crate::kit::availability::zone_note(&locale.get()).map(|z| view! { <p class="cp-slots__zone">{z}</p> })}
            <div class="cp-slots__grid">{body}</div>
        </fieldset>
    }
}

/// A consent checkbox; its value is `true` or empty.
#[component]
pub fn ConsentBox(ctx: FieldCtx) -> impl IntoView {
    let (flow, locale, id) = (ctx.flow, ctx.locale, ctx.input.id.clone());
    let label = ctx.input.label.clone();
    let c2 = ctx.clone();
    view! {
        <label class="cp-consent">
            <input type="checkbox" class="cp-consent__box" id=ctx.dom_id.clone() name=id.clone()
                aria-required=if ctx.input.required { "true" } else { "false" }
                aria-invalid=ctx.invalid aria-describedby=ctx.describedby
                prop:checked=move || flow.with(|f| f.value(&id) == "true")
                on:change=move |ev| c2.pick(if event_target_checked(&ev) { "true".into() } else { String::new() }) />
            <span class="cp-consent__text">
                {move || label.get(&locale.get()).to_string()}
                {ctx.input.required.then(|| view! { <span class="cp-field__required" aria-hidden="true">" *"</span> })}
            </span>
        </label>
    }
}
