//! The embedded panel: a city's catalog, or one service, with its own back navigation.

use crate::bridge::{Bridge, HostCapability};
use crate::i18n::is_zh;
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

/// A city's services (catalog → service → back), the citizen's "My City" (reached from the
/// catalog when the host lends an identity, or shown first with `mine`), or one service when
/// `service` is given.
#[component]
pub fn EmbeddedPanel(
    /// City code (GB/T 2260).
    #[prop(into)]
    city: String,
    /// Display locale.
    #[prop(into)]
    locale: Signal<String>,
    /// A service to show directly (no catalog, no back button).
    #[prop(optional_no_strip)]
    service: Option<String>,
    /// Start on the citizen's "My City" instead of the catalog.
    #[prop(optional)]
    mine: bool,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// The city's name, if the host knows it; else it is looked up on the platform.
    #[prop(optional_no_strip)]
    city_name: Option<String>,
) -> impl IntoView {
    let fixed = service.is_some();
    let open = RwSignal::new(service);
    let home_mine = mine;
    let mine = RwSignal::new(mine);
    let signed_in = use_context::<Bridge>().is_some_and(|b| b.can(HostCapability::Identity));
    let cities = RwSignal::new(Vec::<(String, String, String)>::new());
    // The city's name is shown by the catalog and My City only: a fixed service does not wait
    // for (or spend a request on) the city list.
    if city_name.is_none() && !fixed {
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
    let on_open = Callback::new({
        let moved = moved.clone();
        move |id: String| {
            open.set(Some(id));
            moved();
        }
    });
    // `open_service` actions of a panel open the target here, with its initial values.
    provide_context(crate::panel::actions::OpenService(on_open));
    let back = move |label_zh: &'static str,
                     label_en: &'static str,
                     class: &'static str,
                     go: Box<dyn Fn() + Send + Sync>| {
        let moved = moved.clone();
        view! {
            <button type="button" class=format!("cp-button cp-button--secondary {class}") on:click=move |_| { go(); moved(); }>
                {move || if is_zh(&locale.get()) { label_zh } else { label_en }}
            </button>
        }
    };
    let screen = move || {
        let (city, platform) = (city.clone(), platform.clone());
        match (open.get(), mine.get()) {
            (Some(target), from_mine) => {
                let (id, initial) = crate::panel::actions::split_target(&target);
                let to = if from_mine { ("← 我的城市", "← My City") } else { ("← 全部服务", "← All services") };
                view! {
                {(!fixed).then(|| back(to.0, to.1, "cp-embed__back", Box::new(move || open.set(None))))}
                <ServiceView service=id city=city platform=platform locale=locale initial=initial />
            }
            .into_any()
            }
            (None, true) => view! {
                {(!home_mine).then(|| back("← 全部服务", "← All services", "cp-embed__back", Box::new(move || mine.set(false))))}
                <MinePanel city=city city_name=name platform=platform locale=locale on_open=Some(on_open) />
            }
            .into_any(),
            (None, false) => view! {
                {signed_in.then(|| back("我的城市 →", "My City →", "cp-embed__mine", Box::new(move || mine.set(true))))}
                <CatalogPanel city=city city_name=name platform=platform locale=locale on_open=on_open />
            }
            .into_any(),
        }
    };
    view! { <div class="cp-embed" node_ref=root>{screen}</div> }
}
