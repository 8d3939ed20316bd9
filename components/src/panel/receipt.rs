//! The receipt of a transaction or booking, with cancelling where the descriptor allows it.

use crate::flow::{PanelCtx, Phase};
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use crate::panel::status::failure_text;
use crate::widgets::{model::ResultData, ResultView};
use citypanel_descriptor::model::ResultSpec;
use leptos::prelude::*;

/// Receipt title, the receipt widget, and a cancel button (bookings that allow it).
#[component]
pub fn Receipt(
    ctx: PanelCtx,
    /// The lifecycle's receipt widget (or the result widget).
    spec: ResultSpec,
    #[prop(into)] data: Signal<ResultData>,
    /// Whether this is the receipt of a cancelled booking.
    cancelled: bool,
) -> impl IntoView {
    let (flow, locale, d) = (ctx.flow, ctx.locale, ctx.d.clone());
    let cancel = d.lifecycle.as_ref().and_then(|l| l.cancel.clone()).filter(|_| !cancelled);
    let title = if cancelled { Msg::CancelledTitle } else { Msg::DoneTitle };
    let cancel_view = cancel.map(|c| {
        let ctx = ctx.clone();
        let on_cancel = move |_| {
            let d = ctx.d.clone();
            if let Some(job) = flow.try_update(|f| f.cancel(&d)).flatten() {
                ctx.run(job, true);
            }
        };
        view! {
            <button type="button" class="cp-button cp-button--danger cp-cancel" on:click=click(on_cancel)
                aria-disabled=move || flow.with(|f| f.cancelling().then_some("true"))>
                {move || if flow.with(|f| f.cancelling()) { t(&locale.get(), Msg::Cancelling).to_string() } else { c.label.get(&locale.get()).to_string() }}
            </button>
            {move || flow.with(|f| match &f.phase {
                Phase::Done { cancel_error, .. } => cancel_error.clone(),
                _ => None,
            }).map(|e| view! {
                <p class="cp-error cp-cancel__error" role="alert">{move || failure_text(&e, &locale.get())}</p>
            }).into_any()}
        }
    });
    let reschedule = d
        .lifecycle
        .as_ref()
        .and_then(|l| l.reschedule.clone())
        .filter(|_| !cancelled && crate::flow::QueryFlow::holds(&d));
    let reschedule_view = reschedule.map(|label| {
        let (d, root) = (d.clone(), ctx.root);
        let on_move = move |_| {
            if flow.try_update(|f| f.reschedule(&d)).unwrap_or(false) {
                crate::kit::util::focus_later(root, ".cp-slot__radio, .cp-field__input");
            }
        };
        view! {
            <button type="button" class="cp-button cp-button--secondary cp-reschedule" on:click=click(on_move)
                aria-disabled=move || flow.with(|f| f.cancelling().then_some("true"))>
                {move || label.get(&locale.get()).to_string()}
            </button>
        }
    });
    let moved = move || {
        flow.with(|f| match &f.phase {
            Phase::Done { moved_from, .. } => moved_from.clone(),
            _ => None,
        }).filter(|_| !cancelled).map(|r| view! {
        <p class="cp-receipt__moved" role="note">{move || t(&locale.get(), Msg::MovedFrom)}" "<span>{r.clone()}</span></p>
    })
    };
    view! {
        <div class="cp-receipt" data-cancelled=cancelled.then_some("true")>
            <h3 class="cp-receipt__title" tabindex="-1" data-tone=if cancelled { "neutral" } else { "success" }>
                <span class="cp-receipt__icon" aria-hidden="true">{if cancelled { "×" } else { "✓" }}</span>
                {move || t(&locale.get(), title)}
            </h3>
            {moved}
            <ResultView spec=spec response=d.response.clone() data=data locale=locale no_summary=true />
            <div class="cp-actions">{reschedule_view}{cancel_view}</div>
        </div>
    }
}
