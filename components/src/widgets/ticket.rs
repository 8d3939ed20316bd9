//! The ticket result widget: a booking or payment confirmation (display only).

use super::model::layout::ticket;
use super::{Rows, ValueText};
use crate::i18n::{t, Msg};
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, TicketSpec};
use leptos::prelude::*;

/// A ticket: the confirmation code, prominent; the labelled values; the notice text.
#[component]
pub fn TicketView(
    /// The widget's section of the descriptor.
    spec: TicketSpec,
    /// The response mapping (personal-data classes of the values).
    response: ResponseSpec,
    /// The mapped single values.
    values: Record,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let model = ticket(&spec, &response, &values);
    let notice = model.notice.map(
        |n| view! { <p class="cp-ticket__notice">{move || n.get(&locale.get()).to_string()}</p> },
    );
    let code_field = model.code.field.clone();
    view! {
        <div class="cp-ticket">
            <p class="cp-ticket__code">
                <span class="cp-ticket__code-label">{move || t(&locale.get(), Msg::ConfirmationCode)}</span>
                <strong class="cp-ticket__code-value" data-field=code_field>
                    <ValueText cell=model.code locale=locale />
                </strong>
            </p>
            <dl class="cp-ticket__fields"><Rows items=model.fields block="cp-ticket" locale=locale /></dl>
            {notice}
        </div>
    }
}
