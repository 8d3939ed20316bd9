//! The bill result widget (display only; paying is an action).

use super::model::layout::bill;
use super::model::{Cell, Labelled};
use super::{next_id, Rows, ValueText};
use crate::i18n::{t, Msg};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{BillSpec, ResponseSpec};
use citypanel_descriptor::Text;
use leptos::prelude::*;

/// A built-in label as descriptor-like text, so [`Rows`] can show it.
fn builtin(w: Msg) -> Text {
    Text::new(&[("zh-CN", t("zh-CN", w)), ("en", t("en", w))])
}

/// A bill: the amount, prominent, with the status badge (toned); the due date and payee;
/// then the line items (records), each a small list of labelled fields.
#[component]
pub fn BillView(
    /// The widget's section of the descriptor.
    spec: BillSpec,
    /// The response mapping (personal-data classes).
    response: ResponseSpec,
    /// Line items.
    records: Vec<Record>,
    /// The bill's single values (amount, due date, status, payee).
    values: Record,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let model = bill(&spec, &response, &records, &values);
    let status = model.status.map(|s: Cell| {
        let (code, tone) = (s.code().unwrap_or_default().to_string(), s.tone());
        view! { <span class="cp-bill__status" data-code=code data-tone=tone>{move || s.text(&locale.get(), false)}</span> }
    });
    let meta: Vec<Labelled> = [(Msg::PayBy, model.due), (Msg::Payee, model.payee)]
        .into_iter()
        .filter_map(|(w, c)| c.map(|cell| Labelled { label: builtin(w), cell }))
        .collect();
    let meta = (!meta.is_empty()).then(|| view! { <dl class="cp-bill__meta"><Rows items=meta block="cp-bill" locale=locale /></dl> });
    let items = (!model.items.is_empty()).then(|| {
        let id = next_id("charges");
        let lines = model
            .items
            .into_iter()
            .map(|line| {
                let tag = line.credit.then(|| view! { <span class="cp-bill__credit">{move || t(&locale.get(), Msg::Credit)}</span> });
                view! {
                    <li class="cp-bill__item" data-kind=if line.credit { "credit" } else { "charge" }>
                        {tag}
                        <dl class="cp-bill__item-fields"><Rows items=line.fields block="cp-bill-item" locale=locale /></dl>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3 class="cp-bill__items-title" id=id.clone()>{move || t(&locale.get(), Msg::Charges)}</h3>
            <ul class="cp-bill__items" aria-labelledby=id>{lines}</ul>
        }
    });
    let amount_field = model.amount.field.clone();
    view! {
        <div class="cp-bill">
            <div class="cp-bill__head">
                <p class="cp-bill__amount">
                    <span class="cp-bill__amount-label">{move || t(&locale.get(), Msg::BillAmount)}</span>
                    <strong class="cp-bill__amount-value" data-field=amount_field>
                        <ValueText cell=model.amount locale=locale />
                    </strong>
                </p>
                {status}
            </div>
            {meta}
            {items}
        </div>
    }
}
