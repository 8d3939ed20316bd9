//! The result of a query: summary, notes and the widget the descriptor names.

use super::model::has_content;
use super::model::{summary, ResultData};
use super::{
    BillView, DataTable, KeyValueList, RecordActions, StatusBoard, TicketView, TimelineView,
};
use crate::i18n::{t, Msg};
use crate::kit::availability::zone_note;
use crate::kit::util::redraw;
use crate::kit::util::shared;
use crate::widgets::records::RecordList;
use citypanel_descriptor::model::{Format, ResponseSpec, ResultSpec, Widget};
use leptos::prelude::*;

/// A mapped result shown with its widget: a focusable summary (`.cp-result__summary`), notes
/// (refresh failed, partial, truncated), then the widget in `.cp-widget[data-widget]`; the
/// descriptor's empty text (`.cp-empty`) when the widget has nothing to show. New `data`
/// updates the text in place; a status board keeps its refresh timer and controls.
#[component]
pub fn ResultView(
    /// The descriptor's result section: the widget and its empty text.
    spec: ResultSpec,
    /// The response mapping the data came through (personal-data classes, reveal).
    response: ResponseSpec,
    /// The mapped records and values, with the partial / truncated / stale flags.
    #[prop(into)]
    data: Signal<ResultData>,
    /// Display locale.
    locale: Signal<String>,
    /// Re-runs the query in the background (status boards with `refresh_s`).
    #[prop(optional)]
    on_refresh: Option<Callback<()>>,
    /// Leave out the summary line (receipts have their own title).
    #[prop(optional)]
    no_summary: bool,
    /// Each record's own actions, shown in its card or row by record widgets.
    #[prop(optional)]
    record_actions: Option<RecordActions>,
) -> impl IntoView {
    let widget = spec.widget.clone();
    // Wall-clock times from the department are Beijing time: said once for other readers.
    let timed =
        response.fields.iter().chain(&response.values).any(|f| {
            matches!(f.format, Format::DateTime14 | Format::Iso8601 | Format::EpochMillis)
        });
    let showing = Memo::new(move |_| data.with(|d| has_content(&widget, &d.records, &d.values)));
    let empty = spec.empty.clone();
    redraw(move || {
        if !showing.get() {
            let empty = empty.clone();
            return view! { <p class="cp-empty" tabindex="-1">{move || empty.get(&locale.get()).to_string()}</p> }.into_any();
        }
        let heading = {
            let (widget, response) = (spec.widget.clone(), response.clone());
            shared(move || {
                data.with(|d| summary(&widget, &response, &d.records, &d.values, &locale.get()))
            })
        };
        let note = move |flag: fn(&ResultData) -> bool, text: fn(&str) -> &'static str| {
            redraw(move || {
                data.with(flag)
                    .then(|| view! { <p class="cp-result__note">{move || text(&locale.get())}</p> })
                    .into_any()
            })
        };
        view! {
            {(!no_summary).then(|| view! { <p class="cp-result__summary" tabindex="-1">{heading.clone()}</p> })}
            {note(|d| d.stale, |l| t(l, Msg::Stale))}
            {note(|d| d.partial, |l| t(l, Msg::Partial))}
            {note(|d| d.truncated, |l| t(l, Msg::Truncated))}
            {move || timed.then(|| zone_note(&locale.get())).flatten().map(|z| view! { <p class="cp-result__zone">{z}</p> })}
            <div class="cp-widget" data-widget=spec.widget.kind().as_str()>
                {widget_view(spec.widget.clone(), response.clone(), data, locale, on_refresh, record_actions.clone())}
            </div>
        }
        .into_any()
    })
}

/// The widget itself: redrawn when its records or values change, except the status board,
/// which keeps its refresh timer and controls and redraws only its roads.
fn widget_view(
    widget: Widget,
    response: ResponseSpec,
    data: Signal<ResultData>,
    locale: Signal<String>,
    on_refresh: Option<Callback<()>>,
    actions: Option<RecordActions>,
) -> AnyView {
    let records = Memo::new(move |_| data.with(|d| d.records.clone()));
    if let Widget::StatusBoard(s) = widget {
        return match on_refresh {
            Some(cb) => view! { <StatusBoard spec=s response=response records=records locale=locale on_refresh=cb /> }.into_any(),
            None => view! { <StatusBoard spec=s response=response records=records locale=locale /> }.into_any(),
        };
    }
    let values = Memo::new(move |_| data.with(|d| d.values.clone()));
    redraw(move || {
        let (response, records, values, actions) =
            (response.clone(), records.get(), values.get(), actions.clone());
        match widget.clone() {
            Widget::RecordList(s) => view! { <RecordList spec=s response=response records=records locale=locale actions=actions /> }.into_any(),
            Widget::Table(s) => view! { <DataTable spec=s response=response records=records locale=locale actions=actions /> }.into_any(),
            Widget::KeyValue(s) => view! { <KeyValueList spec=s response=response values=values locale=locale /> }.into_any(),
            Widget::Bill(s) => view! { <BillView spec=s response=response records=records values=values locale=locale /> }.into_any(),
            Widget::Ticket(s) => view! { <TicketView spec=s response=response values=values locale=locale /> }.into_any(),
            Widget::Timeline(s) => view! { <TimelineView spec=s response=response records=records locale=locale /> }.into_any(),
            Widget::StatusBoard(_) => ().into_any(),
        }
    })
}
