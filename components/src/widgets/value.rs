//! A single value on screen (masked personal data with a "show" toggle, tones) and rows of
//! labelled values.

use super::model::{Cell, Labelled};
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use citypanel_descriptor::Text;
use leptos::prelude::*;

/// A value: masked by its field's PII class; when the field allows `reveal`, followed by a
/// `<button aria-pressed>` that shows or masks it again. An enumerated value with a tone
/// carries `data-tone`.
#[component]
pub fn ValueText(
    /// The value and its field's masking rules.
    cell: Cell,
    /// The field's label, naming the toggle ("显示姓名" / "Show Name").
    #[prop(optional)]
    label: Option<Text>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let revealed = RwSignal::new(false);
    let toggle = cell.can_reveal().then(|| {
        let label = label.unwrap_or_default();
        view! {
            <button type="button" class="cp-reveal"
                aria-pressed=move || if revealed.get() { "true" } else { "false" }
                aria-label=move || { let l = locale.get(); crate::i18n::catalog(&l).show(label.get(&l)) }
                on:click=click(move |_| revealed.update(|r| *r = !*r))>
                {move || t(&locale.get(), Msg::Show)}
            </button>
        }
    });
    let masked = cell.masked();
    let tone = cell.tone();
    view! {
        <span class="cp-value" data-tone=tone
            data-masked=move || (masked && !revealed.get()).then_some("true")>
            {move || cell.text(&locale.get(), revealed.get())}
        </span>
        {toggle}
    }
}

/// Labelled values as `<div class="{block}__row"><dt class="{block}__label">` +
/// `<dd class="{block}__value" data-field>` rows, for a surrounding `<dl>`.
#[component]
pub fn Rows(
    /// The labelled values, in order.
    items: Vec<Labelled>,
    /// BEM block of the classes, e.g. `cp-kv`.
    block: &'static str,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    items
        .into_iter()
        .map(|Labelled { label, cell }| {
            let field = cell.field.clone();
            let shown = label.clone();
            view! {
                <div class=format!("{block}__row")>
                    <dt class=format!("{block}__label")>{move || shown.get(&locale.get()).to_string()}</dt>
                    <dd class=format!("{block}__value") data-field=field>
                        <ValueText cell=cell label=label locale=locale />
                    </dd>
                </div>
            }
        })
        .collect_view()
}
