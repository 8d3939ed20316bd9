//! The embedded panel: a city's catalog, or one service, or a deep link's view, with its own
//! screen stack (`crate::flow::nav`): its back buttons and the host's back (`handle.back()`, the
//! iframe's `back` message) step through it.

use crate::bridge::{Bridge, HostCapability};
use crate::flow::hook::BackHook;
use crate::flow::link::parse_link;
use crate::flow::nav::{Back, Refusal, Screen, Stack};
use crate::i18n::{is_zh, t, Msg};
use crate::kit::util::{focus_heading, Timers};
use crate::transport::get_text;
use crate::{CatalogPanel, MinePanel, ServiceView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `(code, zh name, en name)` of every city in the platform's `/api/v1/cities` answer.
pub fn read_cities(body: &str) -> Vec<(String, String, String)> {
    let doc: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let name =
        |c: &serde_json::Value, l: &str| c["name"][l].as_str().unwrap_or_default().to_string();
    doc.as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["code"].as_str()?.to_string(), name(c, "zh-CN"), name(c, "en"))))
        .collect()
}

/// The host's way into an embedded panel's navigation (`handle.back()`): set by the panel.
#[derive(Clone, Copy)]
pub struct EmbedNav(StoredValue<Option<Callback<(), Back>>>);

impl Default for EmbedNav {
    fn default() -> Self {
        EmbedNav(StoredValue::new(None))
    }
}

impl EmbedNav {
    /// One step back (see [`Stack::back`]); `Root` when no panel answers.
    pub fn back(self) -> Back {
        match self.0.try_get_value().flatten() {
            Some(cb) => cb.run(()),
            None => Back::Root,
        }
    }
}

/// The message saying why a step back was refused.
pub fn refusal_text(r: Refusal) -> Msg {
    match r {
        Refusal::Sending => Msg::BackRefusedSending,
        Refusal::Settling => Msg::BackRefusedSettling,
        Refusal::Paying => Msg::BackRefusedPaying,
    }
}

/// The screens a panel starts with: a deep link's (an unreadable link is explained over the
/// catalog), one service, My City, or the catalog.
fn first_screens(link: Option<&str>, service: Option<String>, mine: bool) -> Stack {
    match (link, service) {
        (Some(text), _) => match parse_link(text) {
            Ok(l) => Stack::from_link(&l),
            Err(e) => {
                web_sys::console::warn_1(&format!("citypanel: link: {e}").into());
                let mut s = Stack::new(Screen::Catalog);
                s.push(Screen::Explain(e.to_string()));
                s
            }
        },
        (None, Some(id)) => Stack::new(Screen::Service(id)),
        (None, None) if mine => Stack::new(Screen::Mine),
        (None, None) => Stack::new(Screen::Catalog),
    }
}

/// A city's services (catalog → service → back), the citizen's "My City" (reached from the
/// catalog when the host lends an identity, or shown first with `mine`), one service when
/// `service` is given, or a deep link's view (`link`). Every move is one screen on its stack.
#[component]
pub fn EmbeddedPanel(
    /// City code (GB/T 2260).
    #[prop(into)]
    city: String,
    /// Display locale.
    #[prop(into)]
    locale: Signal<String>,
    /// A service to show directly (no catalog under it).
    #[prop(optional_no_strip)]
    service: Option<String>,
    /// Start on the citizen's "My City" instead of the catalog.
    #[prop(optional)]
    mine: bool,
    /// A deep link (`citypanel:1/…`, `crate::flow::link`) to open; wins over `service`/`mine`.
    #[prop(optional_no_strip)]
    link: Option<String>,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// The city's name, if the host knows it; else it is looked up on the platform.
    #[prop(optional_no_strip)]
    city_name: Option<String>,
    /// Where the host's `back()` reaches this panel.
    #[prop(optional_no_strip)]
    nav: Option<EmbedNav>,
) -> impl IntoView {
    let stack = RwSignal::new(first_screens(link.as_deref(), service, mine));
    // Only a change of the screen shown re-renders (a step inside a service panel does not).
    let top = Memo::new(move |_| stack.with(|s| s.top().clone()));
    let signed_in = use_context::<Bridge>().is_some_and(|b| b.can(HostCapability::Identity));
    let cities = RwSignal::new(Vec::<(String, String, String)>::new());
    // The city's name is shown by the catalog and My City only: a panel opened on a service
    // does not wait for (or spend a request on) the city list.
    let on_service = stack.with_untracked(|s| s.top().service().is_some());
    if city_name.is_none() && !on_service {
        let url = format!("{platform}/api/v1/cities");
        spawn_local(async move {
            if let Ok((200, body)) = get_text(&url).await {
                let _ = cities.try_set(read_cities(&body));
            }
        });
    }
    let name = {
        let code = city.clone();
        Signal::derive(move || {
            if let Some(n) = &city_name {
                return n.clone();
            }
            let zh = is_zh(&locale.get());
            cities.with(|list| {
                list.iter()
                    .find(|(c, _, _)| *c == code)
                    .map(|(_, z, e)| if zh { z.clone() } else { e.clone() })
                    .unwrap_or(code.clone())
            })
        })
    };
    // Each navigation moves focus to the new screen's heading (keyboard and screen-reader users
    // would otherwise be left on the page's body).
    let root = NodeRef::<leptos::html::Div>::new();
    let timers = Timers::new();
    let moved = {
        let timers = timers.clone();
        move || focus_heading(root, timers.clone())
    };
    // Why the last step back was refused (an alert above the screen), until the next move.
    let refused = RwSignal::new(None::<Refusal>);
    let go = {
        let moved = moved.clone();
        move |f: &dyn Fn(&mut Stack)| {
            refused.set(None);
            stack.update(|s| f(s));
            moved();
        }
    };
    let on_open = Callback::new({
        let go = go.clone();
        move |id: String| go(&|s| s.push(Screen::Service(id.clone())))
    });
    // `open_service` actions of a panel open the target here, with its initial values.
    provide_context(crate::panel::actions::OpenService(on_open));
    // The service panel shown answers a step back first (to its form, or refused).
    let hook = BackHook::default();
    provide_context(hook);
    let back_one = Callback::new({
        let moved = moved.clone();
        move |()| {
            let on_service = stack.with_untracked(|s| s.top().service().is_some());
            let panel = if on_service { hook.ask() } else { None };
            let depth = stack.with_untracked(Stack::depth);
            let mut answer = Back::Root;
            stack.update(|s| answer = s.back(panel));
            match answer {
                Back::Refused(r) => refused.set(Some(r)),
                Back::Stepped => {
                    refused.set(None);
                    if stack.with_untracked(Stack::depth) != depth {
                        moved();
                    }
                }
                Back::Root => refused.set(None),
            }
            answer
        }
    });
    if let Some(nav) = nav {
        nav.0.set_value(Some(back_one));
    }
    let button = move |label: Msg, class: &'static str, go: Box<dyn Fn() + Send + Sync>| {
        view! {
            <button type="button" class=format!("cp-button cp-button--secondary {class}") on:click=move |_| go()>
                {move || t(&locale.get(), label)}
            </button>
        }
    };
    // The way back to the screen under this one, named after it.
    let back_button = {
        let go = go.clone();
        move || {
            let under = stack.with_untracked(|s| s.under().cloned())?;
            let label = match under {
                Screen::Mine => Msg::BackToMine,
                Screen::Catalog => Msg::BackToServices,
                Screen::Service(_) | Screen::Linked(_) | Screen::Explain(_) => Msg::BackToPrevious,
            };
            let go = go.clone();
            Some(button(
                label,
                "cp-embed__back",
                Box::new(move || {
                    go(&|s| {
                        s.back(None);
                    })
                }),
            ))
        }
    };
    let screen = move || {
        let (city, platform) = (city.clone(), platform.clone());
        match top.get() {
            Screen::Service(target) | Screen::Linked(target) => {
                let linked = matches!(top.get_untracked(), Screen::Linked(_));
                let (id, initial) = crate::panel::actions::split_target(&target);
                view! {
                    {back_button()}
                    <ServiceView service=id city=city platform=platform locale=locale initial=initial linked=linked />
                }
                .into_any()
            }
            Screen::Mine => view! {
                {back_button()}
                <MinePanel city=city city_name=name platform=platform locale=locale on_open=Some(on_open) />
            }
            .into_any(),
            Screen::Catalog => {
                let go = go.clone();
                view! {
                    {signed_in.then(|| button(Msg::ToMine, "cp-embed__mine", Box::new(move || go(&|s| s.push(Screen::Mine)))))}
                    <CatalogPanel city=city city_name=name platform=platform locale=locale on_open=on_open />
                }
                .into_any()
            }
            Screen::Explain(reason) => view! {
                {back_button()}
                <section class="cp-panel cp-link-explain" data-state="explain" role="alert">
                    <h2 class="cp-panel__title" tabindex="-1">{move || t(&locale.get(), Msg::LinkTitle)}</h2>
                    <p class="cp-panel__summary">{move || t(&locale.get(), Msg::LinkUnreadable)}</p>
                    <p class="cp-link-explain__detail">{reason}</p>
                </section>
            }
            .into_any(),
        }
    };
    view! {
        <div class="cp-embed" node_ref=root data-depth=move || stack.with(|s| s.depth().to_string())>
            <p class="cp-embed__refused" role="alert" hidden=move || refused.with(Option::is_none)>
                {move || refused.get().map(|r| t(&locale.get(), refusal_text(r)))}
            </p>
            {screen}
        </div>
    }
}
