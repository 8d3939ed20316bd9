//! The city-services catalog: services grouped by category, search as you type, availability
//! badges and recently used first. Logic lives in [`crate::catalog`].

use crate::catalog::model::{arrange, category_label, parse_catalog, touch, Entry};
use crate::i18n::Msg;
use crate::kit::util::click;
use crate::kit::util::redraw;
use crate::kit::util::shared;
use crate::transport::get_text;
use citypanel_descriptor::availability::CapabilityState;
use citypanel_descriptor::model::Capability;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Vec<Entry>),
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

/// The badge (`data-availability` value, text) for a service at `now_ms`.
fn badge(e: &Entry, now_ms: i64, locale: &str) -> (&'static str, &'static str) {
    let (state, msg) = match (e.state(now_ms), e.capability()) {
        (CapabilityState::Open, _) => ("open", Msg::BadgeOpen),
        (CapabilityState::Closed { .. }, _) => ("closed", Msg::BadgeClosed),
        (CapabilityState::Paused { .. }, Capability::Payment) => ("paused", Msg::BadgePayPaused),
        (CapabilityState::Paused { .. }, _) => ("paused", Msg::BadgeMaintenance),
    };
    (state, crate::i18n::t(locale, msg))
}

/// One service button.
fn item(
    e: Entry,
    locale: Signal<String>,
    on_open: Callback<String>,
    recent: RwSignal<Vec<String>>,
    city: String,
) -> impl IntoView {
    let id = e.id.clone();
    let open = move |_| {
        recent.update(|r| touch(r, &id));
        save_recent(&city, &recent.get_untracked());
        on_open.run(id.clone());
    };
    let (title, summary, service) = (e.title.clone(), e.summary.clone(), e.id.clone());
    view! {
        <li>
            <button type="button" class="cp-catalog__item" data-service=service on:click=click(open)>
                <span class="cp-catalog__name">{move || title.get(&locale.get()).to_string()}</span>
                <span class="cp-catalog__summary">{move || summary.get(&locale.get()).to_string()}</span>
                {move || {
                    let (state, text) = badge(&e, crate::kit::util::now_ms(), &locale.get());
                    view! { <span class="cp-catalog__badge" data-availability=state>{text}</span> }.into_any()
                }}
            </button>
        </li>
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
                    Load::Ready(entries)
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
            redraw(move || {
                let loc = locale.get();
                let a = arrange(&entries, &query.get(), &recent.get());
                if a.is_empty() {
                    return view! { <p class="cp-empty">{t(Msg::NoMatch)}</p> }.into_any();
                }
                let recent_list = (!a.recent.is_empty()).then(|| {
                    let items = a.recent.into_iter().map(|e| item(e, locale, on_open, recent, city.clone())).collect_view();
                    view! { <h3 class="cp-catalog__group">{t(Msg::RecentlyUsed)}</h3><ul class="cp-catalog__list">{items}</ul> }
                });
                let groups = a.groups.into_iter().map(|(c, list)| {
                    let items = list.into_iter().map(|e| item(e, locale, on_open, recent, city.clone())).collect_view();
                    view! { <h3 class="cp-catalog__group">{category_label(c, &loc)}</h3><ul class="cp-catalog__list">{items}</ul> }
                }).collect_view();
                view! { <div class="cp-catalog__results">{recent_list}{groups}</div> }.into_any()
            })
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
