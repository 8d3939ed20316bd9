//! The key-value result widget: labelled single values.

use super::model::layout::key_values;
use super::Rows;
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{KeyValueSpec, ResponseSpec};
use leptos::prelude::*;

/// A `<dl>` of the descriptor's labelled values (a missing one shows as "—"); enumerated
/// values carry their tone, personal data is masked.
#[component]
pub fn KeyValueList(
    /// The widget's section of the descriptor.
    spec: KeyValueSpec,
    /// The response mapping (personal-data classes of the values).
    response: ResponseSpec,
    /// The mapped single values.
    values: Record,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let items = key_values(&spec, &response, &values);
    view! { <dl class="cp-kv"><Rows items=items block="cp-kv" locale=locale /></dl> }
}
