//! The record-list result widget (violations, loans, …).

use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::ResultSpec;
use leptos::prelude::*;

/// A list of uniform records, each with a heading, a status badge and labelled fields.
#[component]
pub fn RecordList(
    /// The descriptor's result section.
    spec: ResultSpec,
    /// The mapped records.
    records: Vec<Record>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let list = spec.record_list().cloned().unwrap_or_default();
    let items = records
        .into_iter()
        .map(|r| {
            let title = list.title.as_ref().map(|t| r.get(t).clone());
            let badge = list.badge.as_ref().map(|b| r.get(b).clone());
            let fields = list
                .fields
                .iter()
                .map(|f| {
                    let value = r.get(&f.field).clone();
                    let label = f.label.clone();
                    view! {
                        <div class="cp-record__row">
                            <dt class="cp-record__label">{move || label.get(&locale.get()).to_string()}</dt>
                            <dd class="cp-record__value" data-field=f.field.clone()>
                                {move || value.display(&locale.get())}
                            </dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <li class="cp-record">
                    <div class="cp-record__head">
                        {title.map(|t| view! { <h3 class="cp-record__title">{move || t.display(&locale.get())}</h3> })}
                        {badge.map(|b| {
                            let code = b.code().unwrap_or_default().to_string();
                            view! { <span class="cp-record__badge" data-code=code>{move || b.display(&locale.get())}</span> }
                        })}
                    </div>
                    <dl class="cp-record__fields">{fields}</dl>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="cp-records">{items}</ul> }
}
