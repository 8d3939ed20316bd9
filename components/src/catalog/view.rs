//! The city-services catalog: services grouped by category, search as you type, availability
//! badges and recently used first. Logic lives in [`crate::catalog`].

use crate::catalog::dom::Built;
use crate::catalog::model::{layout, parse_catalog, touch, Entry, Layout};
use crate::i18n::Msg;
use crate::kit::util::redraw;
use crate::kit::util::shared;
use crate::transport::get_text;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Arc<Vec<Entry>>),
    Failed,
}

fn storage_key(city: &str) -> String {
    format!("citypanel.recent.{city}")
}

fn load_recent(city: &str) -> Vec<String> {
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
    let raw =
        storage.and_then(|s| s.get_item(&storage_key(city)).ok().flatten()).unwrap_or_default();
    serde_json::from_str(&raw).unwrap_or_default()
}

fn save_recent(city: &str, recent: &[String]) {
    if let (Some(s), Ok(raw)) = (
        web_sys::window().and_then(|w| w.local_storage().ok().flatten()),
        serde_json::to_string(recent),
    ) {
        let _ = s.set_item(&storage_key(city), &raw);
    }
}

/// The services of one city, ready to open.
#[component]
pub fn CatalogPanel(
    /// City code (GB/T 2260).
    #[prop(into)]
    city: String,
    /// The city's display name (from the host or the platform's city list).
    #[prop(into)]
    city_name: Signal<String>,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// Display locale.
    #[prop(into)]
    locale: Signal<String>,
    /// Called with a service id when the citizen opens it.
    on_open: Callback<String>,
) -> impl IntoView {
    let state = RwSignal::new(Load::Loading);
    let query = RwSignal::new(String::new());
    let recent = RwSignal::new(load_recent(&city));
    let url = format!("{}/api/v1/cities/{city}/catalog", platform.trim_end_matches('/'));
    spawn_local(async move {
        let next = match get_text(&url).await {
            Ok((200, body)) => match parse_catalog(&body) {
                Ok((entries, skipped)) => {
                    skipped
                        .iter()
                        .for_each(|s| web_sys::console::warn_1(&format!("citypanel: {s}").into()));
                    Load::Ready(Arc::new(entries))
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("citypanel: {e}").into());
                    Load::Failed
                }
            },
            Ok((status, _)) => {
                web_sys::console::error_1(
                    &format!("citypanel: catalog answered http {status}").into(),
                );
                Load::Failed
            }
            Err(e) => {
                web_sys::console::error_1(&format!("citypanel: catalog unreachable: {e}").into());
                Load::Failed
            }
        };
        state.set(next);
    });
    let search_id = format!("cp-catalog-search-{city}");
    let t = move |m: Msg| shared(move || crate::i18n::t(&locale.get(), m));
    let body = redraw(move || match state.get() {
        Load::Loading => {
            view! { <p class="cp-loading" role="status">{t(Msg::Loading)}</p> }.into_any()
        }
        Load::Failed => view! {
            <p class="cp-error" role="alert">{t(Msg::CatalogFailed)}</p>
        }
        .into_any(),
        Load::Ready(entries) => {
            let city = city.clone();
            // Recomputed on each keystroke (search text folded once per entry); the DOM is
            // touched only when what is shown changes (typing on within the same matches
            // changes nothing).
            let entries_ = Arc::clone(&entries);
            let shown = Memo::new(move |_| layout(&entries_, &query.get(), &recent.get()));
            let empty = Memo::new(move |_| shown.with(Layout::is_empty));
            let results = NodeRef::<Div>::new();
            Effect::new(move |built: Option<Built>| {
                let mut built = built.unwrap_or_default();
                if let Some(root) = results.get() {
                    let now = crate::kit::util::now_ms();
                    shown.with(|l| built.apply(&root, &entries, l, &locale.get(), now));
                }
                built
            });
            let open = move |ev: leptos::ev::MouseEvent| {
                let button = ev
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|el| el.closest(".cp-catalog__item").ok().flatten());
                if let Some(id) = button.and_then(|b| b.get_attribute("data-service")) {
                    recent.update(|r| touch(r, &id));
                    save_recent(&city, &recent.get_untracked());
                    on_open.run(id);
                }
            };
            view! {
                {move || empty.get().then(|| view! { <p class="cp-empty">{t(Msg::NoMatch)}</p> })}
                <div class="cp-catalog__results" node_ref=results on:click=open></div>
            }
            .into_any()
        }
    });
    view! {
        <section class="cp-catalog cp-panel" data-state=move || match state.get() { Load::Loading => "loading", Load::Ready(_) => "ready", Load::Failed => "error" }
            lang=move || locale.get() aria-labelledby="cp-catalog-title">
            <h2 class="cp-panel__title" id="cp-catalog-title" tabindex="-1">{move || format!("{} · {}", crate::i18n::t(&locale.get(), Msg::CatalogTitle), city_name.get())}</h2>
            <div class="cp-field cp-catalog__search">
                <label class="cp-field__label" for=search_id.clone()>{t(Msg::SearchServices)}</label>
                <input class="cp-field__input" id=search_id type="search" autocomplete="off"
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            </div>
            {body}
        </section>
    }
}
