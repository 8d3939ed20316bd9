//! One form input with its label, help text, prefill offer and inline error; the control
//! itself depends on the input kind (text box, select, slot picker, date, consent box).

use super::choice::{ConsentBox, SelectBox, SlotPicker};
use super::control::FieldCtx;
use crate::flow::{FieldIssue, QueryFlow};
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use citypanel_descriptor::model::{Allowed, Bound, Input, InputKind};
use citypanel_descriptor::Descriptor;
use leptos::prelude::*;
use std::sync::Arc;

/// The message shown for a field issue in `locale`.
pub fn issue_text(issue: &FieldIssue, locale: &str) -> String {
    match issue {
        FieldIssue::Rule(e) => e.user_message(locale),
        FieldIssue::Department(t) => t.get(locale).to_string(),
        FieldIssue::HoldLapsed => t(locale, Msg::HoldLapsed).to_string(),
    }
}

/// The DOM id of an input's element, unique per panel.
pub fn input_dom_id(uid: &str, input: &str) -> String {
    format!("{uid}-in-{input}")
}

/// `min`/`max` of a date input as `yyyy-MM-dd`, given today.
fn date_attr(b: Option<Bound>, flow: &QueryFlow) -> Option<String> {
    b.and_then(|b| b.date(flow.today())).map(|d| d.to_string())
}

/// A labelled field bound to one descriptor input.
#[component]
pub fn Field(
    /// The descriptor the input belongs to.
    descriptor: Arc<Descriptor>,
    /// The descriptor input this field edits.
    input: Input,
    /// The panel's unique id prefix.
    uid: String,
    /// The panel's flow state.
    flow: RwSignal<QueryFlow>,
    /// Called when the field loses focus.
    on_blur: Callback<String>,
    /// Offered when the host can share identity and the input declares a prefill source.
    #[prop(optional)]
    on_prefill: Option<Callback<String>>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let dom_id = input_dom_id(&uid, &input.id);
    let (help_id, err_id) = (format!("{dom_id}-help"), format!("{dom_id}-err"));
    let id = input.id.clone();
    let issue = Signal::derive({
        let id = id.clone();
        move || flow.with(|f| f.errors.get(&id).map(|i| issue_text(i, &locale.get())))
    });
    let has_help = input.help.is_some();
    let describedby = Signal::derive({
        let (help_id, err_id) = (help_id.clone(), err_id.clone());
        move || {
            let mut ids = Vec::new();
            if issue.with(Option::is_some) {
                ids.push(err_id.clone());
            }
            if has_help {
                ids.push(help_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    });
    let invalid = Signal::derive({
        let id = id.clone();
        move || flow.with(|f| if f.errors.contains_key(&id) { "true" } else { "false" })
    });
    let visible = {
        let input = input.clone();
        move || flow.with(|f| input.is_visible(&f.values))
    };
    let ctx = FieldCtx {
        d: descriptor,
        input: input.clone(),
        dom_id: dom_id.clone(),
        flow,
        on_blur,
        locale,
        describedby,
        invalid,
    };
    let label = input.label.clone();
    let required = input
        .required
        .then(|| view! { <span class="cp-field__required" aria-hidden="true">" *"</span> });
    // Slots and consent label themselves (a legend, a checkbox label).
    let own_label = matches!(input.kind, InputKind::Slot | InputKind::Consent);
    let label_view = (!own_label).then(|| view! {
        <label class="cp-field__label" for=dom_id.clone()>{move || label.get(&locale.get()).to_string()}{required}</label>
    });
    let help = input.help.clone().map(|h| view! {
        <p class="cp-field__help" id=help_id.clone()>{move || h.get(&locale.get()).to_string()}</p>
    });
    let prefill = match (on_prefill, input.prefill.is_some()) {
        (Some(cb), true) => {
            let (pid, id2) = (id.clone(), id.clone());
            Some(view! {
                {move || flow.with(|f| f.prefilled.contains(&id2)).then(|| view! {
                    <p class="cp-field__prefilled">{move || t(&locale.get(), Msg::Prefilled)}</p>
                }).into_any()}
                <button type="button" class="cp-link-button cp-field__prefill"
                    hidden=move || flow.with(|f| f.prefilled.contains(&pid))
                    on:click={let id = id.clone(); click(move |_| cb.run(id.clone()))}>
                    {move || t(&locale.get(), Msg::UsePrefill)}
                </button>
            })
        }
        _ => None,
    };
    let control = match input.kind {
        InputKind::Slot => view! { <SlotPicker ctx=ctx.clone() /> }.into_any(),
        InputKind::Consent => view! { <ConsentBox ctx=ctx.clone() /> }.into_any(),
        InputKind::Select => view! { <SelectBox ctx=ctx.clone() /> }.into_any(),
        _ => text_box(ctx.clone()),
    };
    view! {
        <div class="cp-field" data-input=id.clone() data-kind=input.kind.as_str() hidden=move || !visible()>
            {label_view}
            {help}
            {prefill}
            {control}
            {move || issue.get().map(|msg| view! {
                <p class="cp-field__error" id=err_id.clone()>
                    <span class="cp-field__error-icon" aria-hidden="true">"!"</span>
                    {msg}
                </p>
            }).into_any()}
        </div>
    }
}

/// A text box (also for dates, numbers, amounts and the civic formats).
fn text_box(ctx: FieldCtx) -> AnyView {
    let input = ctx.input.clone();
    let (ty, mode, maxlength, autocap) = match input.kind {
        InputKind::Plate | InputKind::EngineTail => ("text", "text", 12, "characters"),
        InputKind::Vin => ("text", "text", 17, "characters"),
        InputKind::IdNumber => ("text", "text", 18, "characters"),
        InputKind::Mobile => ("tel", "numeric", 13, "off"),
        InputKind::Number => ("text", "numeric", 20, "off"),
        InputKind::Amount => ("text", "decimal", 20, "off"),
        InputKind::Date => ("date", "", 10, "off"),
        // Digits-only text (account numbers): the phone's numeric keypad.
        _ if input.allowed == Some(Allowed::Digits) => {
            ("text", "numeric", input.max_length.unwrap_or(200).min(200) as i32, "off")
        }
        _ => ("text", "text", input.max_length.unwrap_or(200).min(200) as i32, "off"),
    };
    let flow = ctx.flow;
    let (min, max) = if input.kind == InputKind::Date {
        flow.with_untracked(|f| (date_attr(input.min, f), date_attr(input.max, f)))
    } else {
        (None, None)
    };
    let (value_id, input_id, blur_id) = (input.id.clone(), input.id.clone(), input.id.clone());
    let d = ctx.d.clone();
    let on_blur = ctx.on_blur;
    view! {
        <input
            class="cp-field__input"
            id=ctx.dom_id.clone()
            name=input.id.clone()
            type=ty
            inputmode=(!mode.is_empty()).then_some(mode)
            min=min
            max=max
            autocomplete="off"
            autocapitalize=autocap
            spellcheck="false"
            maxlength=maxlength
            aria-required=if input.required { "true" } else { "false" }
            aria-invalid=ctx.invalid
            aria-describedby=ctx.describedby
            prop:value=move || flow.with(|f| f.value(&value_id).to_string())
            on:input=move |ev| {
                let v = event_target_value(&ev);
                flow.update(|f| f.input(&d, &input_id, v));
            }
            on:blur=move |_| {
                // A blur as the panel is removed (focus was here) finds its callback gone.
                on_blur.try_run(blur_id.clone()); }
        />
    }
    .into_any()
}
