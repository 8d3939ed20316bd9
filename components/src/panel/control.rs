//! What every control of a field shares ([`FieldCtx`]): the plain context [`super::field`]
//! builds and the controls ([`super::choice`], the text box) take. Its own file so that the
//! field and the controls do not import each other.

use crate::flow::QueryFlow;
use citypanel_descriptor::model::Input;
use citypanel_descriptor::Descriptor;
use leptos::prelude::*;
use std::sync::Arc;

/// What every control of a field shares.
#[derive(Clone)]
pub struct FieldCtx {
    pub d: Arc<Descriptor>,
    pub input: Input,
    pub dom_id: String,
    pub flow: RwSignal<QueryFlow>,
    pub on_blur: Callback<String>,
    pub locale: Signal<String>,
    /// `aria-describedby` of the control.
    pub describedby: Signal<Option<String>>,
    pub invalid: Signal<&'static str>,
}

impl FieldCtx {
    /// Sets the value and validates at once (pickers have no separate blur).
    pub fn pick(&self, v: String) {
        let (d, id) = (self.d.clone(), self.input.id.clone());
        self.flow.update(|f| {
            f.input(&d, &id, v);
            f.blur(&d, &id);
        });
    }
}
