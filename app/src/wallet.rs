//! The mobile-wallet host: city select, the city's catalog, pays from its balance.

use crate::bridge::DemoBridge;
use crate::hosts::WALLET;
use crate::nav::{left_text, LinkBox};
use crate::param;
use crate::sheet::PaySheet;
use citypanel::bridge::Bridge;
use citypanel::embed::panel::{read_cities, refusal_text};
use citypanel::flow::hook::BackHook;
use citypanel::flow::link::{Link, View};
use citypanel::flow::nav::PanelBack;
use citypanel::i18n::is_zh as zh;
use citypanel::i18n::t;
use citypanel::kit::util::{focus_heading, Timers};
use citypanel::transport::get_text;
use citypanel::{CatalogPanel, MinePanel, ServiceView};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The demo user's wallet balance before paying anything, in fen.
const START_BALANCE_FEN: i64 = 268_050;

/// `¥2,680.50`.
fn balance_text(fen: i64) -> String {
    let (yuan, cents) = (fen / 100, fen % 100);
    let digits = yuan.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("¥{grouped}.{cents:02}")
}

/// A language switch button.
#[component]
pub fn LocaleButton(
    code: &'static str,
    label: &'static str,
    locale: RwSignal<String>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class=if class.is_empty() { "demo-host__locale-button" } else { class }
            data-locale=code
            lang=code
            aria-pressed=move || if locale.get() == code { "true" } else { "false" }
            on:click=move |_| {
                crate::set_param("locale", Some(code));
                locale.set(code.to_string());
            }
        >
            {label}
        </button>
    }
}

/// A node ref that puts `theme`'s custom properties on its element through the CSSOM
/// (`apply_theme`), not a `style` attribute: the page's Content-Security-Policy allows no
/// inline styles (`style-src 'self'`), and a policy does not govern the CSSOM.
pub fn themed(theme: citypanel::theme::Theme) -> NodeRef<leptos::html::Div> {
    let node = NodeRef::new();
    node.on_load(move |el: web_sys::HtmlDivElement| citypanel::embed::apply_theme(&el, &theme));
    node
}

/// The wallet host shell.
#[component]
pub fn WalletShell(locale: RwSignal<String>, city: RwSignal<String>) -> impl IntoView {
    let bridge = DemoBridge::new(WALLET);
    provide_context(Bridge::new(bridge));
    let text = move |zh_text: &'static str, en_text: &'static str| {
        move || if zh(&locale.get()) { zh_text } else { en_text }
    };
    let service = RwSignal::new(param("service"));
    // The service shown was opened by a deep link (its values are checked against the PII
    // classes), and what the wallet's own back button last said.
    let linked = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
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
    // Each navigation moves focus to the new screen's heading (as the SDK's own navigation does).
    let screen = NodeRef::<leptos::html::Div>::new();
    let timers = Timers::new();
    let moved = move || focus_heading(screen, timers.clone());
    let on_open = Callback::new({
        let moved = moved.clone();
        move |id: String| {
            note.set(None);
            linked.set(false);
            service.set(Some(id));
            moved();
        }
    });
    // A panel's `open_service` action (e.g. renew a loan) opens the target here.
    provide_context(citypanel::panel::actions::OpenService(on_open));
    // "My City": the citizen's own appointments, payments and reminders, from the catalog.
    let mine = RwSignal::new(param("view").as_deref() == Some("mine"));
    // A deep link (pasted, or `?link=` in the page address) opens its city and view.
    let follow = Callback::new({
        let moved = moved.clone();
        move |link: Link| {
            note.set(None);
            crate::set_param("city", Some(&link.city));
            city.set(link.city.clone());
            let (target, to_mine) = match link.view {
                View::Catalog => (None, false),
                View::Mine => (None, true),
                View::Service { id, inputs } => {
                    let q: Vec<String> = inputs
                        .iter()
                        .map(|(k, v)| format!("{k}={}", citypanel::flow::link::encode(v)))
                        .collect();
                    (Some(if q.is_empty() { id } else { format!("{id}?{}", q.join("&")) }), false)
                }
                View::Receipt { service, number } => (
                    Some(format!(
                        "{service}?{}={}",
                        citypanel::flow::report::REOPEN_KEY,
                        citypanel::flow::link::encode(&number)
                    )),
                    false,
                ),
            };
            mine.set(to_mine);
            linked.set(target.is_some());
            service.set(target);
            moved();
        }
    });
    if let Some(Ok(link)) = param("link").map(|l| citypanel::flow::link::parse_link(&l)) {
        follow.run(link);
    }
    // The phone's back button: the service panel steps back first (to its form, or refuses
    // while money or a booking is in flight); then the wallet's own screens; then it leaves.
    let hook = BackHook::default();
    provide_context(hook);
    let system_back = {
        let moved = moved.clone();
        move |_| {
            let loc = locale.get_untracked();
            note.set(None);
            if service.get_untracked().is_some() {
                match hook.ask() {
                    Some(PanelBack::Form) => return,
                    Some(PanelBack::Refuse(r)) => {
                        note.set(Some(t(&loc, refusal_text(r)).to_string()));
                        return;
                    }
                    Some(PanelBack::Leave) | None => service.set(None),
                }
            } else if mine.get_untracked() {
                mine.set(false);
            } else {
                note.set(Some(left_text(&loc, ("钱包首页", "the wallet's home"))));
                return;
            }
            moved();
        }
    };
    let content = move || {
        let code = city.get();
        match (service.get(), mine.get()) {
            (Some(target), from_mine) => {
                let (id, initial) = citypanel::panel::actions::split_target(&target);
                view! {
                <button type="button" class="demo-host__back" on:click={ let moved = moved.clone(); move |_| { note.set(None); service.set(None); moved(); } }>
                    {move || if from_mine { text("← 我的城市", "← My City")() } else { text("← 全部服务", "← All services")() }}
                </button>
                <ServiceView service=id city=code locale=locale initial=initial linked=linked.get_untracked() />
            }
            .into_any()
            }
            (None, true) => view! {
                <button type="button" class="demo-host__back" on:click={ let moved = moved.clone(); move |_| { mine.set(false); moved(); } }>
                    {text("← 全部服务", "← All services")}
                </button>
                <MinePanel city=code city_name=city_name locale=locale on_open=Some(on_open) />
            }
            .into_any(),
            (None, false) => view! {
                <button type="button" class="demo-host__back demo-host__mine" on:click={ let moved = moved.clone(); move |_| { mine.set(true); moved(); } }>
                    {text("我的城市 →", "My City →")}
                </button>
                <CatalogPanel city=code city_name=city_name locale=locale on_open=on_open />
            }
            .into_any(),
        }
    };
    let theme = WALLET.theme();
    view! {
        <div class="cp-host demo-host demo-phone" data-host="wallet" role="region" aria-label=text("宿主应用：城市钱包", "Host app: City Wallet")>
            <div class="demo-host__statusbar" aria-hidden="true"><span>"9:41"</span><span>"5G ▮▮▮"</span></div>
            <header class="demo-host__appbar">
                <button type="button" class="demo-host__sysback" on:click=system_back aria-label=text("返回", "Back")>"‹"</button>
                <span class="demo-host__brand">{text("城市钱包 · 城市服务", "City Wallet · City services")}</span>
                <div class="demo-host__locale" role="group" aria-label=text("语言", "Language")>
                    <LocaleButton code="zh-CN" label="中文" locale=locale />
                    <LocaleButton code="en" label="EN" locale=locale />
                </div>
            </header>
            <div class="demo-wallet__balance">
                <span class="demo-wallet__hello">{text("你好，", "Hi, ")}{WALLET.user_name}</span>
                <span class="demo-wallet__label">{text("钱包余额", "Balance")}</span>
                <span class="demo-wallet__amount">{move || balance_text(START_BALANCE_FEN - bridge.spent.get())}</span>
            </div>
            <div class="demo-host__body cp-root" data-cp-theme="light" data-cp-mode="standard" node_ref=themed(theme.clone())>
                <div class="demo-host__city">
                    <label for="demo-city">{text("城市", "City")}</label>
                    <select id="demo-city" on:change=move |ev| {
                        let code = event_target_value(&ev);
                        crate::set_param("city", Some(&code));
                        crate::set_param("service", None);
                        service.set(None);
                        city.set(code);
                    }>
                        {move || {
                            let zh_names = zh(&locale.get());
                            cities.get().into_iter().map(|(code, z, e)| {
                                let selected = code == city.get_untracked();
                                view! { <option value=code.clone() selected=selected>{if zh_names { z } else { e }}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
                <LinkBox host="wallet" locale=locale on_link=follow />
                <p class="demo-host__note" role="status">{move || note.get()}</p>
                <div node_ref=screen>{content}</div>
            </div>
            <PaySheet bridge=bridge locale=locale />
        </div>
    }
}
