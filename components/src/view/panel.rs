//! The service panel: a descriptor-driven query form and its result.

use crate::flow::{Phase, QueryFlow};
use crate::i18n::{colon, t, Msg};
use crate::transport::{send, Reply};
use crate::view::field::Field;
use crate::view::status::{ErrorSummary, FailureBlock};
use crate::view::widgets::{model::ResultData, ResultView};
use citypanel_descriptor::{BuiltRequest, Descriptor};
use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

static NEXT_UID: AtomicUsize = AtomicUsize::new(1);

/// Focuses the first element matching `selector` inside the panel, after the next render.
fn focus_later(root: NodeRef<Section>, selector: &'static str) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let el = root.get_untracked().and_then(|r| r.query_selector(selector).ok().flatten());
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// A panel for one service in one city, driven entirely by its descriptor.
#[component]
pub fn ServicePanel(
    /// The validated descriptor.
    descriptor: Descriptor,
    /// City code (GB/T 2260), e.g. `330100`.
    #[prop(into)]
    city: String,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// Display locale (`zh-CN`, `en`).
    #[prop(into)]
    locale: Signal<String>,
) -> impl IntoView {
    // The city's own request/response overrides apply from here on.
    let d = Arc::new(descriptor.resolve(&city).unwrap_or(descriptor));
    let uid = format!("cp{}", NEXT_UID.fetch_add(1, Ordering::Relaxed));
    let flow = RwSignal::new(QueryFlow::new(&d));
    let root = NodeRef::<Section>::new();
    let platform = Arc::new(platform);

    // `focus`: move focus to the outcome (not for a background refresh).
    let run = {
        let (d, platform) = (d.clone(), platform.clone());
        move |(seq, req): (u64, BuiltRequest), focus: bool| {
            let (d, platform) = (d.clone(), platform.clone());
            spawn_local(async move {
                match send(&platform, &req).await {
                    Reply::Answer { status, body } => flow.update(|f| f.answered(&d, seq, status, &body)),
                    Reply::NoAnswer { timed_out, detail } => {
                        web_sys::console::warn_1(&format!("citypanel: `{}` unreachable: {detail}", d.id).into());
                        flow.update(|f| f.unreachable(seq, timed_out));
                    }
                }
                let state = flow.with_untracked(|f| f.phase.state_name());
                match state {
                    _ if !focus => {}
                    "success" => focus_later(root, ".cp-result__summary"),
                    "empty" => focus_later(root, ".cp-empty"),
                    "editing" => focus_later(root, ".cp-error-summary"),
                    _ => {}
                }
            });
        }
    };
    let on_submit = {
        let (d, city, run) = (d.clone(), city.clone(), run.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match flow.try_update(|f| f.submit(&d, &city)).flatten() {
                Some(job) => run(job, true),
                None => focus_later(root, ".cp-error-summary"),
            }
        }
    };
    let on_retry = Callback::new({
        let run = run.clone();
        move |()| {
            if let Some(job) = flow.try_update(|f| f.retry()).flatten() {
                run(job, true);
            }
        }
    });
    let on_refresh = Callback::new({
        let run = run.clone();
        move |()| {
            if let Some(job) = flow.try_update(|f| f.refresh()).flatten() {
                run(job, false);
            }
        }
    });
    let on_back = move |_| {
        flow.update(|f| f.back());
        focus_later(root, ".cp-field__input");
    };
    let on_blur = Callback::new({
        let d = d.clone();
        move |id: String| flow.update(|f| f.blur(&d, &id))
    });

    let binding = d.city(&city).cloned();
    let (title, summary) = (d.title.clone(), d.summary.clone());
    let title_id = format!("{uid}-title");
    // The phase without a success's data (`None` for success): typing re-renders nothing, and
    // a background refresh only updates the shown result in place (focus stays where it is).
    let phase = Memo::new(move |_| flow.with(|f| (!matches!(f.phase, Phase::Success { .. })).then(|| f.phase.clone())));
    let shown = Memo::new(move |prev: Option<&ResultData>| flow.with(|f| match &f.phase {
        Phase::Success { records, values, truncated, partial, stale } => ResultData {
            records: records.clone(), values: values.clone(), truncated: *truncated, partial: *partial, stale: *stale,
        },
        _ => prev.cloned().unwrap_or_default(),
    }));
    let showing_result = move || phase.with(|p| matches!(p, None | Some(Phase::Empty)));
    let fields = d
        .inputs
        .iter()
        .map(|i| view! { <Field input=i.clone() uid=uid.clone() flow=flow on_blur=on_blur locale=locale /> })
        .collect_view();
    let (spec, response) = (d.result.clone(), d.response.clone());
    let empty_text = d.result.empty.clone();

    view! {
        <section
            class="cp-panel"
            node_ref=root
            data-service=d.id.clone()
            data-state=move || flow.with(|f| f.phase.state_name())
            lang=move || locale.get()
            aria-labelledby=title_id.clone()
        >
            <header class="cp-panel__header">
                <h2 class="cp-panel__title" id=title_id.clone()>{move || title.get(&locale.get()).to_string()}</h2>
                <p class="cp-panel__summary">{move || summary.get(&locale.get()).to_string()}</p>
                {binding.map(|b| view! {
                    <p class="cp-panel__dept">
                        <span>{move || format!("{}{}{}", t(&locale.get(), Msg::Department), colon(&locale.get()), b.department.get(&locale.get()))}</span>
                        <span>{move || format!("{}{}", t(&locale.get(), Msg::Hotline), colon(&locale.get()))}<a href=format!("tel:{}", b.hotline)>{b.hotline.clone()}</a></span>
                    </p>
                })}
            </header>
            <ErrorSummary descriptor=d.clone() uid=uid.clone() flow=flow locale=locale />
            <form class="cp-form" novalidate hidden=showing_result on:submit=on_submit>
                {fields}
                <button type="submit" class="cp-button cp-button--primary"
                    aria-disabled=move || flow.with(|f| f.busy().then_some("true"))>
                    {move || t(&locale.get(), if flow.with(|f| f.busy()) { Msg::Searching } else { Msg::Search })}
                </button>
            </form>
            {move || phase.with(|p| match p {
                Some(Phase::Submitting { .. }) => view! {
                    <div class="cp-loading" role="status">
                        <span class="cp-loading__spinner" aria-hidden="true"></span>
                        {move || t(&locale.get(), Msg::Searching)}
                    </div>
                }.into_any(),
                Some(Phase::Failed(failure)) => view! { <FailureBlock failure=failure.clone() on_retry=on_retry locale=locale /> }.into_any(),
                None => view! {
                    <div class="cp-result">
                        <ResultView spec=spec.clone() response=response.clone() data=shown locale=locale on_refresh=on_refresh />
                        <button type="button" class="cp-button cp-button--secondary cp-back" on:click=on_back>
                            {move || t(&locale.get(), Msg::NewSearch)}
                        </button>
                    </div>
                }.into_any(),
                Some(Phase::Empty) => {
                    let empty_text = empty_text.clone();
                    view! {
                        <div class="cp-result">
                            <p class="cp-empty" tabindex="-1">{move || empty_text.get(&locale.get()).to_string()}</p>
                            <button type="button" class="cp-button cp-button--secondary cp-back" on:click=on_back>
                                {move || t(&locale.get(), Msg::NewSearch)}
                            </button>
                        </div>
                    }.into_any()
                }
                Some(Phase::Editing | Phase::Success { .. }) => ().into_any(),
            })}
        </section>
    }
}
