//! The table result widget: records as rows of a real `<table>`.

use super::model::layout::table;
use super::{next_id, RecordActions, ValueText};
use crate::i18n::{t, Msg};
use crate::kit::util::shared;
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, TableSpec};
use leptos::prelude::*;

/// A `<table>` with a `<caption>` (the descriptor's, else a built-in one), column headers
/// (`<th scope="col">`) and the first cell of each row as its row header, inside a
/// horizontally scrollable region that is focusable and named by the caption. Enumerated
/// cells carry their tone; personal data is masked. Rows with actions of their own (pay this
/// fine) get them in a last "actions" column.
#[component]
pub fn DataTable(
    /// The widget's section of the descriptor.
    spec: TableSpec,
    /// The response mapping (personal-data classes of the fields).
    response: ResponseSpec,
    /// The mapped records.
    records: Vec<Record>,
    /// Display locale.
    locale: Signal<String>,
    /// Each record's actions, shown in its row.
    #[prop(optional_no_strip)]
    actions: Option<RecordActions>,
) -> impl IntoView {
    let model = table(&spec, &response, &records);
    let mut row_actions: Vec<Option<AnyView>> =
        (0..model.rows.len()).map(|i| actions.as_ref().and_then(|a| (a.0)(i))).collect();
    let has_actions = row_actions.iter().any(Option::is_some);
    let caption_id = next_id("caption");
    let labelled_by = caption_id.clone();
    let caption = model.caption.clone();
    let caption_text = shared(move || {
        let l = locale.get();
        caption.as_ref().map_or_else(|| t(&l, Msg::Results).to_string(), |c| c.get(&l).to_string())
    });
    let headers = model
        .columns
        .iter()
        .map(|c| {
            let label = c.label.clone();
            view! { <th scope="col" data-field=c.field.clone()>{move || label.get(&locale.get()).to_string()}</th> }
        })
        .collect_view();
    let actions_header = has_actions.then(|| view! { <th scope="col" class="cp-table__actions">{move || t(&locale.get(), Msg::Actions)}</th> });
    let rows = model
        .rows
        .into_iter()
        .zip(row_actions.iter_mut().map(Option::take))
        .map(|(row, actions)| {
            let cells = row
                .into_iter()
                .zip(model.columns.iter())
                .enumerate()
                .map(|(i, (cell, col))| {
                    let field = cell.field.clone();
                    let value =
                        view! { <ValueText cell=cell label=col.label.clone() locale=locale /> };
                    if i == 0 {
                        view! { <th scope="row" data-field=field>{value}</th> }.into_any()
                    } else {
                        view! { <td data-field=field>{value}</td> }.into_any()
                    }
                })
                .collect_view();
            let actions =
                has_actions.then(|| view! { <td class="cp-table__actions">{actions}</td> });
            view! { <tr>{cells}{actions}</tr> }
        })
        .collect_view();
    view! {
        <div class="cp-table" role="region" tabindex="0" aria-labelledby=labelled_by>
            <table class="cp-table__table">
                <caption class="cp-table__caption" id=caption_id>{caption_text}</caption>
                <thead><tr>{headers}{actions_header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
