//! What shows below the form: review, progress, result with its actions, receipt, failure.

use crate::flow::PanelCtx;
use crate::flow::{Failure, Phase};
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use crate::kit::util::redraw;
use crate::panel::actions::{Actions, Offers};
use crate::panel::review::Review;
use crate::panel::status::FailureBlock;
use crate::widgets::{model::ResultData, ResultView};
use leptos::prelude::*;

/// The phase without a result's data: typing re-renders nothing here, and a background
/// refresh only updates the shown result in place.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Hidden,
    Review,
    Held(String),
    Busy,
    Checking(String),
    Result,
    Empty,
    Done { cancelled: bool },
    Failed(Failure),
}

fn shape(p: &Phase) -> Shape {
    match p {
        Phase::Editing => Shape::Hidden,
        Phase::Review => Shape::Review,
        Phase::Held { reference, .. } => Shape::Held(reference.clone()),
        Phase::Submitting { .. } => Shape::Busy,
        Phase::Checking { reference, .. } => Shape::Checking(reference.clone()),
        Phase::Success { .. } => Shape::Result,
        Phase::Empty => Shape::Empty,
        Phase::Done { .. } => Shape::Done { cancelled: false },
        Phase::Cancelled { .. } => Shape::Done { cancelled: true },
        Phase::Failed(f) => Shape::Failed(f.clone()),
    }
}

/// The part of the panel after the form.
#[component]
pub fn Outcome(ctx: PanelCtx, city: String) -> impl IntoView {
    let (flow, locale) = (ctx.flow, ctx.locale);
    let d = ctx.d.clone();
    let current = Memo::new(move |_| flow.with(|f| shape(&f.phase)));
    let data = Memo::new(move |prev: Option<&ResultData>| {
        flow.with(|f| match &f.phase {
            Phase::Success { records, values, truncated, partial, stale } => ResultData {
                records: records.clone(),
                values: values.clone(),
                truncated: *truncated,
                partial: *partial,
                stale: *stale,
            },
            Phase::Done { values, .. } | Phase::Cancelled { values } => {
                ResultData { values: values.clone(), ..Default::default() }
            }
            _ => prev.cloned().unwrap_or_default(),
        })
    });
    let on_back = {
        let ctx = ctx.clone();
        move |_| ctx.back_to_form()
    };
    let back_button = move |msg: Msg| {
        view! {
            <button type="button" class="cp-button cp-button--secondary cp-back" on:click=click(on_back.clone())>{move || t(&locale.get(), msg)}</button>
        }
    };
    let on_retry = Callback::new({
        let ctx = ctx.clone();
        move |()| {
            if let Some(job) = flow.try_update(|f| f.retry()).flatten() {
                ctx.run(job, true);
            }
        }
    });
    let on_refresh = Callback::new({
        let ctx = ctx.clone();
        move |()| {
            if let Some(job) = flow.try_update(|f| f.refresh()).flatten() {
                ctx.run(job, false);
            }
        }
    });
    let pending = d.lifecycle.as_ref().and_then(|l| l.pending.clone());
    let receipt_spec =
        d.lifecycle.as_ref().and_then(|l| l.receipt.clone()).unwrap_or_else(|| d.result.clone());
    let has_inputs = !d.inputs.is_empty();
    redraw(move || {
        let d = d.clone();
        match current.get() {
            Shape::Hidden => ().into_any(),
            Shape::Review => view! { <Review ctx=ctx.clone() city=city.clone() /> }.into_any(),
            Shape::Held(_) => view! { <Review ctx=ctx.clone() city=city.clone() held=true /> }.into_any(),
            Shape::Busy => {
                let pending = pending.clone();
                view! {
                    <div class="cp-loading" role="status">
                        <span class="cp-loading__spinner" aria-hidden="true"></span>
                        {move || match &pending {
                            Some(p) if d.kind != citypanel_descriptor::ServiceKind::Query => p.get(&locale.get()).to_string(),
                            _ => t(&locale.get(), Msg::Searching).to_string(),
                        }}
                    </div>
                }.into_any()
            }
            Shape::Checking(reference) => view! {
                <div class="cp-checking" role="status" tabindex="-1">
                    <span class="cp-loading__spinner" aria-hidden="true"></span>
                    <span>{move || t(&locale.get(), Msg::Checking)}</span>
                    <span class="cp-checking__ref">{reference}</span>
                </div>
            }.into_any(),
            Shape::Failed(failure) => {
                let unsettled = matches!(failure, Failure::Unsettled { .. });
                view! {
                    <FailureBlock failure=failure on_retry=on_retry locale=locale />
                    {(!unsettled && has_inputs).then(|| back_button(Msg::Edit))}
                }.into_any()
            }
            Shape::Result => {
                let offers = Offers::new(ctx.clone(), data.into());
                view! {
                <div class="cp-result">
                    <ResultView spec=d.result.clone() response=d.response.clone() data=data locale=locale on_refresh=on_refresh record_actions=offers.slot() />
                    <Actions offers=offers />
                    {has_inputs.then(|| back_button(Msg::NewSearch))}
                </div>
                }.into_any()
            }
            Shape::Empty => {
                let empty = d.result.empty.clone();
                view! {
                    <div class="cp-result">
                        <p class="cp-empty" tabindex="-1">{move || empty.get(&locale.get()).to_string()}</p>
                        {has_inputs.then(|| back_button(Msg::NewSearch))}
                    </div>
                }.into_any()
            }
            Shape::Done { cancelled } => view! {
                <crate::panel::receipt::Receipt ctx=ctx.clone() spec=receipt_spec.clone() data=data cancelled=cancelled />
                {back_button(Msg::Done)}
            }.into_any(),
        }
    })
}
