//! The embedded panel: a city's catalog, or one service, with its own back navigation.

use crate::i18n::is_zh;
use crate::transport::get_text;
use crate::{CatalogPanel, ServiceView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `(code, zh name, en name)` of every city in the platform's `/api/v1/cities` answer.
pub fn read_cities(body: &str) -> Vec<(String, String, String)> {
    let doc: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let name = |c: &serde_json::Value, l: &str| c["name"][l].as_str().unwrap_or_default().to_string();
    doc.as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["code"].as_str()?.to_string(), name(c, "zh-CN"), name(c, "en"))))
        .collect()
}

/// A city's services (catalog → service → back), or one service when `service` is given.
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
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// The city's name, if the host knows it; else it is looked up on the platform.
    #[prop(optional_no_strip)]
    city_name: Option<String>,
) -> impl IntoView {
    let fixed = service.is_some();
    let open = RwSignal::new(service);
    let cities = RwSignal::new(Vec::<(String, String, String)>::new());
    if city_name.is_none() {
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
                list.iter().find(|(c, _, _)| *c == code).map(|(_, z, e)| if zh { z.clone() } else { e.clone() }).unwrap_or(code.clone())
            })
        })
    };
    let on_open = Callback::new(move |id: String| open.set(Some(id)));
    // `open_service` actions of a panel open the target here, with its initial values.
    provide_context(crate::view::actions::OpenService(on_open));
    move || {
        let (city, platform) = (city.clone(), platform.clone());
        match open.get() {
            Some(target) => {
                let (id, initial) = crate::view::actions::split_target(&target);
                view! {
                {(!fixed).then(|| view! {
                    <button type="button" class="cp-button cp-button--secondary cp-embed__back" on:click=move |_| open.set(None)>
                        {move || if is_zh(&locale.get()) { "← 全部服务" } else { "← All services" }}
                    </button>
                })}
                <ServiceView service=id city=city platform=platform locale=locale initial=initial />
            }
            .into_any()
            }
            None => view! { <CatalogPanel city=city city_name=name platform=platform locale=locale on_open=on_open /> }.into_any(),
        }
    }
}
