//! A host shell (a mobile wallet's "city services" page) embedding one citypanel panel.

use citypanel::i18n::is_zh as zh;
use citypanel::transport::get_text;
use citypanel::{CatalogPanel, ServiceView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A query parameter of the page URL (`?locale=en&city=330100&service=…`).
fn param(name: &str) -> Option<String> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get(name)).filter(|v| !v.is_empty())
}

/// The locale asked for in `?locale=`, defaulting to Chinese.
fn initial_locale() -> String {
    match param("locale").as_deref() {
        Some("en") => "en".to_string(),
        _ => "zh-CN".to_string(),
    }
}

/// The cities the platform serves: (code, zh name, en name).
fn read_cities(body: &str) -> Vec<(String, String, String)> {
    let doc: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let name = |c: &serde_json::Value, l: &str| c["name"][l].as_str().unwrap_or_default().to_string();
    doc.as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| Some((c["code"].as_str()?.to_string(), name(c, "zh-CN"), name(c, "en"))))
        .collect()
}

/// A language switch button.
#[component]
fn LocaleButton(code: &'static str, label: &'static str, locale: RwSignal<String>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="demo-host__locale-button"
            data-locale=code
            lang=code
            aria-pressed=move || if locale.get() == code { "true" } else { "false" }
            on:click=move |_| locale.set(code.to_string())
        >
            {label}
        </button>
    }
}

/// The demo page.
#[component]
pub fn App() -> impl IntoView {
    let locale = RwSignal::new(initial_locale());
    Effect::new(move |_| {
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", &locale.get());
        }
    });
    let text = move |zh_text: &'static str, en_text: &'static str| move || if zh(&locale.get()) { zh_text } else { en_text };
    let city = RwSignal::new(param("city").unwrap_or_else(|| "330100".to_string()));
    let service = RwSignal::new(param("service"));
    let cities = RwSignal::new(Vec::<(String, String, String)>::new());
    spawn_local(async move {
        if let Ok((200, body)) = get_text("/api/v1/cities").await {
            cities.set(read_cities(&body));
        }
    });
    let city_name = Signal::derive(move || {
        let code = city.get();
        let zh_name = zh(&locale.get());
        cities.with(|list| {
            list.iter()
                .find(|(c, _, _)| *c == code)
                .map(|(_, z, e)| if zh_name { z.clone() } else { e.clone() })
                .unwrap_or(code.clone())
        })
    });
    let on_open = Callback::new(move |id: String| service.set(Some(id)));
    let content = move || {
        let code = city.get();
        match service.get() {
            Some(id) => view! {
                <button type="button" class="demo-host__back" on:click=move |_| service.set(None)>
                    {text("← 全部服务", "← All services")}
                </button>
                <ServiceView service=id city=code locale=locale />
            }
            .into_any(),
            None => view! { <CatalogPanel city=code city_name=city_name locale=locale on_open=on_open /> }.into_any(),
        }
    };
    view! {
        <main class="demo">
            <header class="demo__intro">
                <h1 class="demo__title">{text("citypanel 演示：城市服务面板", "citypanel demo: city-service panels")}</h1>
                <p class="demo__lead">{text(
                    "同一份服务描述，嵌入任意宿主应用。下面的宿主应用从本地沙箱城市平台加载所选城市的服务目录。",
                    "One service descriptor, embedded in any host app. The host below loads the chosen city's catalog from the local sandbox city platform.",
                )}</p>
            </header>
            <div class="demo__stage">
                <div class="cp-host demo-host" role="region" aria-label=text("宿主应用：城市钱包", "Host app: City Wallet")>
                    <div class="demo-host__statusbar" aria-hidden="true"><span>"9:41"</span><span>"5G ▮▮▮"</span></div>
                    <header class="demo-host__appbar">
                        <span class="demo-host__brand">{text("城市钱包 · 城市服务", "City Wallet · City services")}</span>
                        <div class="demo-host__locale" role="group" aria-label=text("语言", "Language")>
                            <LocaleButton code="zh-CN" label="中文" locale=locale />
                            <LocaleButton code="en" label="EN" locale=locale />
                        </div>
                    </header>
                    <div class="demo-host__body">
                        <div class="demo-host__city">
                            <label for="demo-city">{text("城市", "City")}</label>
                            <select id="demo-city" on:change=move |ev| { service.set(None); city.set(event_target_value(&ev)); }>
                                {move || {
                                    let zh_names = zh(&locale.get());
                                    cities.get().into_iter().map(|(code, z, e)| {
                                        let selected = code == city.get_untracked();
                                        view! { <option value=code.clone() selected=selected>{if zh_names { z } else { e }}</option> }
                                    }).collect_view()
                                }}
                            </select>
                        </div>
                        {content}
                    </div>
                </div>
                <aside class="demo__notes" aria-labelledby="demo-notes-title">
                    <h2 id="demo-notes-title">{text("演示数据（杭州，沙箱市民 陈思远）", "Demo data (Hangzhou, sandbox citizen 陈思远)")}</h2>
                    <table class="demo__table">
                        <thead><tr>
                            <th scope="col">{text("服务", "Service")}</th>
                            <th scope="col">{text("输入", "Enter")}</th>
                        </tr></thead>
                        <tbody>
                            <tr><td>{text("交通违法查询", "Traffic violations")}</td><td>"浙A12345 · 123456"</td></tr>
                            <tr><td>{text("…新能源 / 无记录 / 发动机号不匹配", "…new-energy / none / mismatch")}</td><td>"浙AD12345 · A1B2C3 / 浙A99999 · 111111 / 浙A12345 · 000000"</td></tr>
                            <tr><td>{text("驾驶证记分", "Licence points")}</td><td>"330106198805203216 · 330100412387"</td></tr>
                            <tr><td>{text("社保缴费记录", "Social security")}</td><td>"330106198805203216 · 陈思远"</td></tr>
                            <tr><td>{text("出入境办证进度", "Exit-entry progress")}</td><td>"330100202504200123 · 330106198805203216"</td></tr>
                            <tr><td>{text("图书借阅", "Library loans")}</td><td>"0330012345678 · 203216"</td></tr>
                            <tr><td>{text("水费 / 电费 / 燃气费账单", "Water / power / gas bill")}</td><td>"3301287645 / 3306012345 / 10234567"</td></tr>
                            <tr><td>{text("全城路况", "Road conditions")}</td><td>{text("无需输入", "nothing to enter")}</td></tr>
                        </tbody>
                    </table>
                    <p class="demo__hint">{text(
                        "查询类服务已可完整使用；办理、预约和缴费流程尚在建设中。",
                        "Query services work end to end; handling, booking and payment flows are still being built.",
                    )}</p>
                </aside>
            </div>
        </main>
    }
}
