//! The timeline result widget: the stages of an application.

use super::model::timeline::steps;
use super::ValueText;
use citypanel_descriptor::mapping::Record;
use citypanel_descriptor::model::{ResponseSpec, TimelineSpec};
use leptos::prelude::*;

/// An ordered list of stages, each with its state in words, time and note; `data-state`
/// (`done`/`current`/`pending`) drives the marker, and the current stage has
/// `aria-current="step"`.
#[component]
pub fn TimelineView(
    /// The widget's section of the descriptor.
    spec: TimelineSpec,
    /// The response mapping (personal-data classes of the fields).
    response: ResponseSpec,
    /// The mapped records, one per stage.
    records: Vec<Record>,
    /// Display locale.
    locale: Signal<String>,
) -> impl IntoView {
    let items = steps(&spec, &response, &records)
        .into_iter()
        .map(|step| {
            let time = step.time.clone().map(|c| view! { <p class="cp-timeline__time"><ValueText cell=c locale=locale /></p> });
            let note = step.note.clone().map(|c| view! { <p class="cp-timeline__note"><ValueText cell=c locale=locale /></p> });
            let state = step.state.as_str();
            let current = step.is_current.then_some("step");
            let stage = step.stage.clone();
            view! {
                <li class="cp-timeline__step" data-state=state aria-current=current>
                    <span class="cp-timeline__marker" aria-hidden="true"></span>
                    <div class="cp-timeline__body">
                        <p class="cp-timeline__head">
                            <span class="cp-timeline__stage"><ValueText cell=stage locale=locale /></span>
                            <span class="cp-timeline__state">{move || step.state_text(&locale.get())}</span>
                        </p>
                        {time}
                        {note}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="cp-timeline">{items}</ol> }
}
