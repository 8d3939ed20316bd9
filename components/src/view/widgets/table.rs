//! The table result widget: records as rows of a real `<table>`.

use super::model::layout::table;
use super::text::{wt, W};
use super::{next_id, ValueText};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, TableSpec};
use crate::view::util::shared;
use leptos::prelude::*;

/// A `<table>` with a `<caption>` (the descriptor's, else a built-in one), column headers
/// (`<th scope="col">`) and the first cell of each row as its row header, inside a
/// horizontally scrollable region that is focusable and named by the caption. Enumerated
/// cells carry their tone; personal data is masked.
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
) -> impl IntoView {
    let model = table(&spec, &response, &records);
    let caption_id = next_id("caption");
    let labelled_by = caption_id.clone();
    let caption = model.caption.clone();
    let caption_text = shared(move || {
        let l = locale.get();
        caption.as_ref().map_or_else(|| wt(&l, W::Results).to_string(), |c| c.get(&l).to_string())
    });
    let headers = model
        .columns
        .iter()
        .map(|c| {
            let label = c.label.clone();
            view! { <th scope="col" data-field=c.field.clone()>{move || label.get(&locale.get()).to_string()}</th> }
        })
        .collect_view();
    let rows = model
        .rows
        .into_iter()
        .map(|row| {
            let cells = row
                .into_iter()
                .zip(model.columns.iter())
                .enumerate()
                .map(|(i, (cell, col))| {
                    let field = cell.field.clone();
                    let value = view! { <ValueText cell=cell label=col.label.clone() locale=locale /> };
                    if i == 0 {
                        view! { <th scope="row" data-field=field>{value}</th> }.into_any()
                    } else {
                        view! { <td data-field=field>{value}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="cp-table" role="region" tabindex="0" aria-labelledby=labelled_by>
            <table class="cp-table__table">
                <caption class="cp-table__caption" id=caption_id>{caption_text}</caption>
                <thead><tr>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
