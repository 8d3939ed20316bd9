//! The record-list result widget (violations, loans, contributions, …).

use crate::widgets::model::layout::list_items;
use crate::widgets::{RecordActions, Rows, ValueText};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{RecordListSpec, ResponseSpec};
use leptos::prelude::*;

/// A list of uniform records, each with a heading, a status badge (`data-code`, and
/// `data-tone` when the descriptor gives the code a tone) and labelled fields; personal data
/// is masked. A record's own actions (pay this fine) end its card.
#[component]
pub fn RecordList(
    /// The widget's section of the descriptor.
    spec: RecordListSpec,
    /// The response mapping (personal-data classes of the fields).
    response: ResponseSpec,
    /// The mapped records.
    records: Vec<Record>,
    /// Display locale.
    locale: Signal<String>,
    /// Each record's actions, shown in its card.
    #[prop(optional_no_strip)]
    actions: Option<RecordActions>,
) -> impl IntoView {
    let items = list_items(&spec, &response, &records)
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let title = item.title.map(|t| view! { <h3 class="cp-record__title"><ValueText cell=t locale=locale /></h3> });
            let badge = item.badge.map(|b| {
                let code = b.code().unwrap_or_default().to_string();
                let tone = b.tone();
                view! { <span class="cp-record__badge" data-code=code data-tone=tone>{move || b.text(&locale.get(), false)}</span> }
            });
            view! {
                <li class="cp-record">
                    <div class="cp-record__head">{title}{badge}</div>
                    <dl class="cp-record__fields"><Rows items=item.fields block="cp-record" locale=locale /></dl>
                    {actions.as_ref().and_then(|a| (a.0)(i))}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="cp-records">{items}</ul> }
}
