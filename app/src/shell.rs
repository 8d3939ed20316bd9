//! A host shell (a mobile wallet's "city services" page) embedding one citypanel panel.

use citypanel::ServiceView;
use leptos::prelude::*;

/// The locale asked for in `?locale=`, defaulting to Chinese.
fn initial_locale() -> String {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    match params.and_then(|p| p.get("locale")).as_deref() {
        Some("en") => "en".to_string(),
        _ => "zh-CN".to_string(),
    }
}

fn zh(locale: &str) -> bool {
    locale.starts_with("zh")
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
    view! {
        <main class="demo">
            <header class="demo__intro">
                <h1 class="demo__title">{text("citypanel 演示：城市服务面板", "citypanel demo: city-service panels")}</h1>
                <p class="demo__lead">{text(
                    "同一份服务描述，嵌入任意宿主应用。以下为杭州交通违法查询，连接本地沙箱城市平台。",
                    "One service descriptor, embedded in any host app. Below: Hangzhou traffic-violation inquiry against the local sandbox city platform.",
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
                        <ServiceView service="traffic-violations" city="330100" locale=locale />
                    </div>
                </div>
                <aside class="demo__notes" aria-labelledby="demo-notes-title">
                    <h2 id="demo-notes-title">{text("演示数据", "Demo data")}</h2>
                    <table class="demo__table">
                        <thead><tr>
                            <th scope="col">{text("车牌", "Plate")}</th>
                            <th scope="col">{text("发动机号后6位", "Engine (last 6)")}</th>
                            <th scope="col">{text("结果", "Result")}</th>
                        </tr></thead>
                        <tbody>
                            <tr><td>"浙A12345"</td><td>"123456"</td><td>{text("3 条记录", "3 records")}</td></tr>
                            <tr><td>"浙AD12345"</td><td>"A1B2C3"</td><td>{text("1 条（新能源）", "1 record (new-energy)")}</td></tr>
                            <tr><td>"浙B67890"</td><td>"654321"</td><td>{text("5 条记录", "5 records")}</td></tr>
                            <tr><td>"浙A12345"</td><td>"000000"</td><td>{text("发动机号不匹配", "engine number mismatch")}</td></tr>
                            <tr><td>{text("其他车牌", "any other plate")}</td><td>"111111"</td><td>{text("无记录", "no records")}</td></tr>
                        </tbody>
                    </table>
                </aside>
            </div>
        </main>
    }
}
