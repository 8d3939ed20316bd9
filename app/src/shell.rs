//! The demo gallery: four host apps, switchable (`?host=wallet|shop|microblog|messenger`),
//! each embedding the same city-service panels its own way.

use crate::hosts::{Host, HOSTS, MESSENGER, MICROBLOG, SHOP, WALLET};
use crate::{author, frames, param, shop, wallet};
use citypanel::i18n::is_zh as zh;
use leptos::prelude::*;

/// The locale asked for in `?locale=`, defaulting to Chinese.
fn initial_locale() -> String {
    match param("locale").as_deref() {
        Some("en") => "en".to_string(),
        _ => "zh-CN".to_string(),
    }
}

/// The gallery page.
#[component]
pub fn App() -> impl IntoView {
    let locale = RwSignal::new(initial_locale());
    Effect::new(move |_| {
        if let Some(html) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", &locale.get());
        }
    });
    let authoring = param("view").as_deref() == Some("author");
    let host = param("host").and_then(|h| Host::by_id(&h)).unwrap_or(WALLET);
    // The city the host shows: the wallet lets the citizen choose it; the others are Hangzhou.
    let city = RwSignal::new(match host.id {
        "wallet" => param("city").unwrap_or_else(|| "330100".to_string()),
        _ => "330100".to_string(),
    });
    let text = move |zh_text: &'static str, en_text: &'static str| {
        move || if zh(&locale.get()) { zh_text } else { en_text }
    };
    let href = move |h: &Host| format!("?host={}&locale={}", h.id, locale.get());
    let stage = match if authoring { "" } else { host.id } {
        "" => ().into_any(),
        "shop" => view! { <shop::ShopShell locale=locale /> }.into_any(),
        "microblog" => view! { <frames::FrameShell host=MICROBLOG locale=locale /> }.into_any(),
        "messenger" => view! { <frames::FrameShell host=MESSENGER locale=locale /> }.into_any(),
        _ => view! { <wallet::WalletShell locale=locale city=city /> }.into_any(),
    };
    let _ = SHOP;
    view! {
        <main class="demo" data-host=host.id>
            <header class="demo__intro">
                <h1 class="demo__title">{text("citypanel 演示：城市服务面板", "citypanel demo: city-service panels")}</h1>
                <p class="demo__lead">{text(
                    "同一份服务描述，嵌入四个不同的宿主应用：各自的主题、登录用户和支付方式。",
                    "One service descriptor, embedded in four host apps — each with its own theme, signed-in user and way to pay.",
                )}</p>
                <nav class="demo__hosts" aria-label=text("宿主应用", "Host apps")>
                    {HOSTS.iter().map(|h| {
                        let h = *h;
                        let current = h.id == host.id && !authoring;
                        view! {
                            <a class="demo__host-link" data-host=h.id href=move || href(&h)
                                aria-current=if current { Some("page") } else { None }
                                style=("--demo-accent", h.primary)>
                                <span class="demo__host-name">{move || h.name(zh(&locale.get()))}</span>
                                <span class="demo__host-tagline">{move || if zh(&locale.get()) { h.tagline_zh } else { h.tagline_en }}</span>
                            </a>
                        }
                    }).collect_view()}
                    <a class="demo__host-link demo__host-link--author" href=move || format!("?view=author&locale={}", locale.get())
                        aria-current=authoring.then_some("page") style=("--demo-accent", "#535b66")>
                        <span class="demo__host-name">{text("服务作者", "Service authors")}</span>
                        <span class="demo__host-tagline">{text("描述预览 · 检查结果 + 实时面板", "Descriptor preview · lint + live panel")}</span>
                    </a>
                </nav>
            </header>
            {authoring.then(|| view! { <author::AuthorPreview locale=locale /> })}
            {(!authoring).then(move || view! {
            <div class="demo__stage">
                {stage}
                <aside class="demo__notes" aria-labelledby="demo-notes-title">
                    <p class="demo__signed-in">
                        {text("当前宿主登录用户：", "Signed in to this host: ")}<strong>{host.user_name}</strong>
                    </p>
                    <crate::samples::DemoInputs city=city.into() locale=locale />
                    <p class="demo__hint">{text(
                        "城市钱包和优选商城用 Rust（Leptos 组件）嵌入；微语用纯 JavaScript（ES 模块 + 自定义元素）嵌入；信使在 iframe 中通过 postMessage 桥接。",
                        "City Wallet and Youxuan Mall embed the Leptos components from Rust; Weiyu embeds from plain JavaScript (ES module + custom element); Xinshi runs the panel in an iframe over postMessage.",
                    )}</p>
                </aside>
            </div>
            })}
        </main>
    }
}
