//! Status blocks of a panel: error summary, loading, failure, empty.

use crate::flow::{Failure, QueryFlow};
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use crate::kit::util::redraw;
use crate::panel::field::{input_dom_id, issue_text};
use citypanel_descriptor::Descriptor;
use leptos::prelude::*;
use std::sync::Arc;

/// The list of field errors after a failed submit; each links to its field.
#[component]
pub fn ErrorSummary(
    /// The descriptor (for field labels and order).
    descriptor: Arc<Descriptor>,
    /// The panel's unique id prefix.
    uid: String,
    /// The panel's flow state.
    flow: RwSignal<QueryFlow>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    // Only the errors shown redraw it: options loading or typing elsewhere must not replace
    // the summary (and lose its focus).
    let shown = Memo::new(move |_| {
        flow.with(|f| (f.summary && !f.errors.is_empty()).then(|| f.errors.clone()))
    });
    redraw(move || {
        let loc = locale.get();
        let Some(errors) = shown.get() else { return ().into_any() };
        let items = descriptor
            .inputs
            .iter()
            .filter_map(|i| errors.get(&i.id).map(|e| (i, e)))
            .map(|(i, e)| {
                let href = format!("#{}", input_dom_id(&uid, &i.id));
                let text = format!(
                    "{}{}{}",
                    i.label.get(&loc),
                    crate::i18n::colon(&loc),
                    issue_text(e, &loc)
                );
                view! { <li><a href=href class="cp-error-summary__link">{text}</a></li> }
            })
            .collect_view();
        view! {
            <div class="cp-error-summary" role="alert" tabindex="-1">
                <p class="cp-error-summary__title">{t(&loc, Msg::SummaryTitle)}</p>
                <ul class="cp-error-summary__list">{items}</ul>
            </div>
        }
        .into_any()
    })
}

/// `（x）` in Chinese, ` (x)` otherwise.
fn paren(locale: &str, x: &str) -> String {
    crate::i18n::catalog(locale).paren(x)
}

/// The message for a failure in `locale`.
pub fn failure_text(failure: &Failure, locale: &str) -> String {
    match failure {
        Failure::Unreachable { timed_out: true } => t(locale, Msg::TimedOut).to_string(),
        Failure::Unreachable { timed_out: false } => t(locale, Msg::Unreachable).to_string(),
        Failure::Malformed { .. } => t(locale, Msg::Malformed).to_string(),
        Failure::NotServed => t(locale, Msg::NotServed).to_string(),
        Failure::Unsettled { reference } => {
            format!("{}{}", t(locale, Msg::Unsettled), paren(locale, reference))
        }
        Failure::Department { code, message: Some(m) } => {
            format!("{}{}", m.get(locale), paren(locale, code))
        }
        Failure::Department { code, message: None } => {
            format!("{}{}", t(locale, Msg::DepartmentError), paren(locale, code))
        }
    }
}

/// A failure with a retry button.
#[component]
pub fn FailureBlock(
    /// What went wrong.
    failure: Failure,
    /// Called when the user asks to retry.
    on_retry: Callback<()>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let retryable = !matches!(failure, Failure::NotServed | Failure::Unsettled { .. });
    view! {
        <div class="cp-error" role="alert">
            <p class="cp-error__message">{move || failure_text(&failure, &locale.get())}</p>
            {retryable.then(|| view! {
                <button type="button" class="cp-button cp-button--secondary cp-retry" on:click=click(move |_| on_retry.run(()))>
                    {move || t(&locale.get(), Msg::Retry)}
                </button>
            })}
        </div>
    }
}
