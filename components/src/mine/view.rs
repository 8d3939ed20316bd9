//! "My City": the signed-in citizen's appointments, applications, payments and reminders in
//! one city, across departments. The logic (reading the platform's answer, what panels
//! report) is [`crate::mine`]; this view loads, shows and lets the citizen open a service or
//! stop following a reminder.

use crate::bridge::{Bridge, HostCapability};
use crate::catalog::model::{parse_catalog, Entry};
use crate::i18n::Msg;
use crate::kit::availability::zoned_text;
use crate::kit::util::{click, redraw, shared};
use crate::mine::model::{parse, rows, Mine, Row, RowAction, ME_PATH};
use crate::mine::person::{item, PersonView};
use crate::transport::{delete, get_text, send, Caller, Reply};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    /// No signed-in citizen: the host has no identity to lend, or the platform refused it.
    SignedOut,
    Failed,
    Ready(Mine),
}

/// Who is asking: the city and the host's identity token (`None` when signed out).
async fn sign_in(bridge: Option<Bridge>, city: &str) -> Option<Caller> {
    let bridge = bridge.filter(|b| b.can(HostCapability::Identity))?;
    match bridge.0.identity().await {
        Ok(id) => Some(Caller { city: city.to_string(), token: Some(id.token?) }),
        Err(e) => {
            web_sys::console::warn_1(&format!("citypanel: host identity: {e}").into());
            None
        }
    }
}

async fn load(platform: &str, caller: &Caller) -> Load {
    let req = crate::flow::get(&format!("{ME_PATH}?city={}", caller.city), 10_000);
    match send(platform, &req, caller).await {
        Reply::Answer { status: 200, body } => match parse(&body) {
            Ok((mine, skipped)) => {
                skipped
                    .iter()
                    .for_each(|s| web_sys::console::warn_1(&format!("citypanel: {s}").into()));
                Load::Ready(mine)
            }
            Err(e) => {
                web_sys::console::error_1(&format!("citypanel: {e}").into());
                Load::Failed
            }
        },
        Reply::Answer { status: 401 | 403, .. } => Load::SignedOut,
        Reply::Answer { status, .. } => {
            web_sys::console::error_1(
                &format!("citypanel: `{ME_PATH}` answered http {status}").into(),
            );
            Load::Failed
        }
        Reply::NoAnswer { detail, .. } => {
            web_sys::console::error_1(
                &format!("citypanel: `{ME_PATH}` unreachable: {detail}").into(),
            );
            Load::Failed
        }
    }
}

/// The citizen's matters in `city`, on the platform behind the host's identity.
#[component]
pub fn MinePanel(
    /// City code (GB/T 2260).
    #[prop(into)]
    city: String,
    /// The city's display name.
    #[prop(into)]
    city_name: Signal<String>,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// Display locale.
    #[prop(into)]
    locale: Signal<String>,
    /// Opens a target — a service id, or `service?@reference=…` for a matter's receipt (the
    /// catalog's navigation, see [`crate::panel::actions::split_target`]); without it, the
    /// host's `open` with the service id.
    #[prop(optional_no_strip)]
    on_open: Option<Callback<String>>,
) -> impl IntoView {
    let platform = platform.trim_end_matches('/').to_string();
    let state = RwSignal::new(Load::Loading);
    let caller = RwSignal::new(None::<Caller>);
    let titles = RwSignal::new(Vec::<Entry>::new());
    let attempt = RwSignal::new(0u32);
    let bridge = use_context::<Bridge>();
    {
        let url = format!("{platform}/api/v1/cities/{city}/catalog");
        spawn_local(async move {
            if let Ok((200, body)) = get_text(&url).await {
                if let Ok((entries, _)) = parse_catalog(&body) {
                    let _ = titles.try_set(entries);
                }
            }
        });
    }
    Effect::new({
        let (city, platform, bridge) = (city.clone(), platform.clone(), bridge.clone());
        move |_| {
            attempt.track();
            let (city, platform, bridge) = (city.clone(), platform.clone(), bridge.clone());
            let _ = state.try_set(Load::Loading);
            spawn_local(async move {
                let signed_in = match caller.try_get_untracked().flatten() {
                    Some(c) => Some(c),
                    None => sign_in(bridge, &city).await,
                };
                let next = match signed_in {
                    None => Load::SignedOut,
                    Some(c) => {
                        let _ = caller.try_set(Some(c.clone()));
                        load(&platform, &c).await
                    }
                };
                let _ = state.try_set(next);
            });
        }
    });
    let t = move |m: Msg| shared(move || crate::i18n::t(&locale.get(), m));
    let open_service: Option<Callback<String>> = on_open.or_else(|| {
        let b = bridge.clone().filter(|b| b.can(HostCapability::Open))?;
        Some(Callback::new(move |target: String| {
            // A host opens services by id (a matter's receipt needs the catalog's navigation).
            let id = target.split('?').next().unwrap_or_default().to_string();
            let b = b.clone();
            spawn_local(async move {
                if let Err(e) = b.0.open(id).await {
                    web_sys::console::warn_1(&format!("citypanel: host open: {e}").into());
                }
            });
        }))
    });
    // Every row of every section is one view type (one render implementation in the wasm).
    // A reminder being stopped, and a stop that failed, are the panel's (one at a time).
    let stopping = RwSignal::new(None::<String>);
    let problem = RwSignal::new(false);
    let platform_for_delete = platform.clone();
    let row = move |r: Row| {
        let platform = platform_for_delete.clone();
        let hidden = r.name.clone();
        let button = r.action.clone().and_then(|action| {
            let (text, run) = match action {
                RowAction::Open(target) => {
                    let cb = open_service?;
                    (
                        t(Msg::MineView),
                        Box::new(move |_| cb.run(target.clone()))
                            as Box<dyn FnMut(leptos::ev::MouseEvent)>,
                    )
                }
                RowAction::Unfollow(id) => (
                    t(Msg::MineUnfollow),
                    Box::new(move |_| {
                        let Some(c) = caller.get_untracked() else { return };
                        if stopping.get_untracked().is_some() {
                            return;
                        }
                        stopping.set(Some(id.clone()));
                        problem.set(false);
                        let (platform, id) = (platform.clone(), id.clone());
                        spawn_local(async move {
                            let path = format!(
                                "/api/v1/subscriptions/{}",
                                js_sys::encode_uri_component(&id)
                            );
                            let gone = matches!(
                                delete(&platform, &path, &c).await,
                                Reply::Answer { status: 204 | 404, .. }
                            );
                            if gone {
                                let _ = state.try_update(|s| {
                                    if let Load::Ready(m) = s {
                                        m.unfollow(&id)
                                    }
                                });
                            } else {
                                let _ = problem.try_set(true);
                            }
                            let _ = stopping.try_set(None);
                        });
                    }) as Box<dyn FnMut(leptos::ev::MouseEvent)>,
                ),
            };
            Some(
                view! {
                    <button type="button" class=r.button_class on:click=run>
                        {text}<span class="cp-visually-hidden">" "{hidden}</span>
                    </button>
                }
                .into_any(),
            )
        });
        item(r, button)
    };
    // What the departments hold for the citizen, once signed in (and consented).
    let has_matters = RwSignal::new(false);
    let person = {
        let platform = platform.clone();
        move || {
            caller.get().map(|c| {
                view! { <PersonView platform=platform.clone() caller=c locale=locale on_open=open_service has_matters=has_matters /> }
            })
        }
    };
    let body = redraw(move || {
        match state.get() {
        Load::Loading => view! { <p class="cp-loading" role="status">{t(Msg::Loading)}</p> }.into_any(),
        Load::SignedOut => view! {
            <p class="cp-mine__signed-out" role="status">{t(Msg::SignInForMine)}</p>
        }.into_any(),
        Load::Failed => view! {
            <p class="cp-error" role="alert">{t(Msg::MineFailed)}</p>
            <button type="button" class="cp-button cp-mine__retry" on:click=click(move |_| attempt.update(|n| *n += 1))>{t(Msg::Retry)}</button>
        }.into_any(),
        Load::Ready(mine) if mine.is_empty() => (!has_matters.get()).then(|| view! {
            <p class="cp-empty">{t(Msg::MineEmpty)}</p>
        }).into_any(),
        Load::Ready(mine) => {
            let loc = locale.get();
            let title_of = |service: &str| {
                titles.with(|list| list.iter().find(|e| e.id == service).map(|e| e.title.get(&loc).to_string())).unwrap_or_else(|| service.to_string())
            };
            let sections = rows(&mine, &loc, title_of, |ms| zoned_text(ms, &loc));
            let failed = problem.get().then(|| view! {
                <p class="cp-error" role="alert">{t(Msg::MineUnfollowFailed)}</p>
            });
            let lists = sections
                .into_iter()
                .map(|(title, list)| {
                    let items = list.into_iter().map(&row).collect_view();
                    view! { <h3 class="cp-mine__group">{title}</h3><ul class="cp-mine__list">{items}</ul> }
                })
                .collect_view();
            view! { {failed}{lists} }.into_any()
        }
    }
    });
    view! {
        <section class="cp-mine cp-panel" lang=move || locale.get() aria-labelledby="cp-mine-title" aria-busy=move || stopping.get().is_some().then_some("true")
            data-state=move || match state.get() { Load::Loading => "loading", Load::SignedOut => "signed-out", Load::Failed => "error", Load::Ready(_) => "ready" }>
            <h2 class="cp-panel__title" id="cp-mine-title" tabindex="-1">{move || format!("{} · {}", crate::i18n::t(&locale.get(), Msg::MineTitle), city_name.get())}</h2>
            {person}
            {body}
        </section>
    }
}
