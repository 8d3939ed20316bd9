//! One form input with its label, help text and inline error.

use crate::flow::{FieldIssue, QueryFlow};
use citypanel_descriptor::model::{Input, InputKind};
use leptos::prelude::*;

/// The message shown for a field issue in `locale`.
pub fn issue_text(issue: &FieldIssue, locale: &str) -> String {
    match issue {
        FieldIssue::Rule(e) => e.user_message(locale),
        FieldIssue::Department(t) => t.get(locale).to_string(),
    }
}

/// The DOM id of an input's element, unique per panel.
pub fn input_dom_id(uid: &str, input: &str) -> String {
    format!("{uid}-in-{input}")
}

/// A labelled text input bound to one descriptor input.
#[component]
pub fn Field(
    /// The descriptor input this field edits.
    input: Input,
    /// The panel's unique id prefix.
    uid: String,
    /// The panel's flow state.
    flow: RwSignal<QueryFlow>,
    /// Called when the field loses focus.
    on_blur: Callback<String>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let dom_id = input_dom_id(&uid, &input.id);
    let help_id = format!("{dom_id}-help");
    let err_id = format!("{dom_id}-err");
    let id = input.id.clone();
    let issue = {
        let id = id.clone();
        move || flow.with(|f| f.errors.get(&id).map(|i| issue_text(i, &locale.get())))
    };
    let issue_for_attr = issue.clone();
    let has_help = input.help.is_some();
    let describedby = {
        let (help_id, err_id) = (help_id.clone(), err_id.clone());
        move || {
            let mut ids = Vec::new();
            if issue_for_attr().is_some() {
                ids.push(err_id.clone());
            }
            if has_help {
                ids.push(help_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = {
        let id = id.clone();
        move || flow.with(|f| if f.errors.contains_key(&id) { "true" } else { "false" })
    };
    let label = input.label.clone();
    let help = input.help.clone();
    let (maxlength, autocap) = match input.kind {
        InputKind::Plate => (12, "characters"),
        InputKind::EngineTail => (12, "characters"),
        _ => (200, "off"),
    };
    let value_id = id.clone();
    let input_id = id.clone();
    let blur_id = id.clone();
    view! {
        <div class="cp-field" data-input=id.clone()>
            <label class="cp-field__label" for=dom_id.clone()>
                {move || label.get(&locale.get()).to_string()}
                {input.required.then(|| view! { <span class="cp-field__required" aria-hidden="true">" *"</span> })}
            </label>
            {help.map(|h| view! {
                <p class="cp-field__help" id=help_id.clone()>{move || h.get(&locale.get()).to_string()}</p>
            })}
            <input
                class="cp-field__input"
                id=dom_id
                name=id.clone()
                type="text"
                autocomplete="off"
                autocapitalize=autocap
                spellcheck="false"
                maxlength=maxlength
                aria-required=if input.required { "true" } else { "false" }
                aria-invalid=invalid
                aria-describedby=describedby
                prop:value=move || flow.with(|f| f.value(&value_id).to_string())
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    flow.update(|f| f.input(&input_id, v));
                }
                on:blur=move |_| on_blur.run(blur_id.clone())
            />
            {move || issue().map(|msg| view! {
                <p class="cp-field__error" id=err_id.clone()>
                    <span class="cp-field__error-icon" aria-hidden="true">"!"</span>
                    {msg}
                </p>
            })}
        </div>
    }
}
