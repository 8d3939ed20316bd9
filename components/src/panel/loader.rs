//! Loads a service's descriptor from the platform, then shows its panel — or a plain
//! "service unavailable" (with the diagnostics in the console for developers).

use crate::i18n::{t, Msg};
use crate::kit::util::redraw;
use crate::panel::ServicePanel;
use crate::prefetch;
use citypanel_descriptor::{read, Descriptor, Severity};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    Ready(Box<Descriptor>),
    Unavailable,
    /// The platform has no such service in this city (http 404).
    NotOffered,
}

/// Logs descriptor diagnostics to the developer console.
fn report(service: &str, diagnostics: &[citypanel_descriptor::Diagnostic]) {
    for d in diagnostics {
        let line = format!("citypanel: descriptor `{service}`: {d}");
        match d.severity {
            Severity::Error => web_sys::console::error_1(&line.into()),
            Severity::Warning => web_sys::console::warn_1(&line.into()),
        }
    }
}

/// The URL of a service's city-resolved descriptor on the platform.
pub fn descriptor_url(platform: &str, city: &str, service: &str) -> String {
    format!("{}/api/v1/cities/{city}/services/{service}", platform.trim_end_matches('/'))
}

/// A service panel loaded by id from the platform.
#[component]
pub fn ServiceView(
    /// Service id in the catalog, e.g. `traffic-violations`.
    #[prop(into)]
    service: String,
    /// City code (GB/T 2260).
    #[prop(into)]
    city: String,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// Display locale.
    #[prop(into)]
    locale: Signal<String>,
    /// Initial input values (e.g. from another service's `open_service` action).
    #[prop(optional)]
    initial: Vec<(String, String)>,
    /// Opened by a deep link: a service the city does not offer is explained as such.
    #[prop(optional)]
    linked: bool,
) -> impl IntoView {
    let state = RwSignal::new(Load::Loading);
    {
        let url = descriptor_url(&platform, &city, &service);
        let service = service.clone();
        let offered = prefetch::take(&url);
        spawn_local(async move {
            let next = match prefetch::get_descriptor(&url, offered).await {
                Ok((200, body)) => {
                    let parsed = read(&body);
                    report(&service, &parsed.diagnostics);
                    parsed.descriptor.map_or(Load::Unavailable, |d| Load::Ready(Box::new(d)))
                }
                Ok((404, _)) if linked => {
                    web_sys::console::warn_1(
                        &format!(
                            "citypanel: a link names `{service}`, which this city does not offer"
                        )
                        .into(),
                    );
                    Load::NotOffered
                }
                Ok((status, _)) => {
                    web_sys::console::error_1(
                        &format!(
                            "citypanel: descriptor `{service}`: platform answered http {status}"
                        )
                        .into(),
                    );
                    Load::Unavailable
                }
                Err(e) => {
                    web_sys::console::error_1(
                        &format!("citypanel: descriptor `{service}`: {e}").into(),
                    );
                    Load::Unavailable
                }
            };
            state.set(next);
        });
    }
    redraw(move || {
        match state.get() {
        Load::Loading => view! {
            <section class="cp-panel cp-panel--placeholder" data-state="loading" aria-busy="true">
                <p class="cp-loading" role="status">
                    <span class="cp-loading__spinner" aria-hidden="true"></span>
                    {move || t(&locale.get(), Msg::Loading)}
                </p>
            </section>
        }
        .into_any(),
        Load::Ready(d) => view! { <ServicePanel descriptor=*d city=city.clone() platform=platform.clone() locale=locale initial=initial.clone() linked=linked /> }.into_any(),
        Load::Unavailable => view! {
            <section class="cp-panel" data-state="unavailable" data-service-unavailable=service.clone() role="alert">
                <h2 class="cp-panel__title">{move || t(&locale.get(), Msg::Unavailable)}</h2>
                <p class="cp-panel__summary">{move || t(&locale.get(), Msg::UnavailableDetail)}</p>
            </section>
        }
        .into_any(),
        Load::NotOffered => view! {
            <section class="cp-panel cp-link-explain" data-state="unavailable" data-service-unavailable=service.clone() role="alert">
                <h2 class="cp-panel__title" tabindex="-1">{move || t(&locale.get(), Msg::LinkTitle)}</h2>
                <p class="cp-panel__summary">{move || t(&locale.get(), Msg::LinkNotOffered)}</p>
            </section>
        }
        .into_any(),
    }
    })
}
