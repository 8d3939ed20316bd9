//! The shopping-app host: its own "城市服务" entry on the store home, pays at its checkout.

use crate::bridge::DemoBridge;
use crate::hosts::SHOP;
use crate::nav::{left_text, LinkBox};
use crate::sheet::PaySheet;
use crate::wallet::{themed, LocaleButton};
use citypanel::bridge::Bridge;
use citypanel::embed::panel::refusal_text;
use citypanel::embed::{EmbedNav, EmbeddedPanel};
use citypanel::flow::link::{format_link, Link};
use citypanel::flow::nav::Back;
use citypanel::i18n::is_zh as zh;
use leptos::prelude::*;

/// The shop host shell.
#[component]
pub fn ShopShell(locale: RwSignal<String>) -> impl IntoView {
    let bridge = DemoBridge::new(SHOP);
    provide_context(Bridge::new(bridge));
    let text = move |zh_text: &'static str, en_text: &'static str| {
        move || if zh(&locale.get()) { zh_text } else { en_text }
    };
    let theme = SHOP.theme();
    // Deep links open in the shop's entry (pasted, or `?link=` in the page address); its back
    // button (top left) asks the panel first and leaves the entry only at the panel's root.
    let link = RwSignal::new(crate::param("link"));
    let nav = EmbedNav::default();
    let note = RwSignal::new(None::<String>);
    let on_link = Callback::new(move |l: Link| {
        note.set(None);
        link.set(Some(format_link(&l)));
    });
    let back = move |_| {
        let loc = locale.get_untracked();
        note.set(match nav.back() {
            Back::Stepped => None,
            Back::Refused(r) => Some(citypanel::i18n::t(&loc, refusal_text(r)).to_string()),
            Back::Root => Some(left_text(&loc, ("商城首页", "the mall's home"))),
        });
    };
    let tiles: [(&str, &str, &str); 4] = [
        ("超", "超市", "Grocery"),
        ("数", "数码", "Digital"),
        ("服", "服饰", "Fashion"),
        ("城", "城市服务", "City"),
    ];
    view! {
        <div class="demo-phone demo-shop" data-host="shop" role="region" aria-label=text("宿主应用：优选商城", "Host app: Youxuan Mall")>
            <div class="demo-shop__statusbar" aria-hidden="true"><span>"9:41"</span><span>"5G ▮▮▮"</span></div>
            <header class="demo-shop__top">
                <div class="demo-shop__brandline">
                    <button type="button" class="demo-shop__back" on:click=back aria-label=text("返回", "Back")>"‹"</button>
                    <span class="demo-shop__brand">{text("优选商城", "Youxuan Mall")}</span>
                    <div class="demo-shop__locale" role="group" aria-label=text("语言", "Language")>
                        <LocaleButton code="zh-CN" label="中" locale=locale class="demo-shop__locale-button" />
                        <LocaleButton code="en" label="EN" locale=locale class="demo-shop__locale-button" />
                    </div>
                </div>
                <p class="demo-shop__search" aria-hidden="true">{text("搜索商品、城市服务", "Search products and city services")}</p>
            </header>
            <ul class="demo-shop__tiles" aria-hidden="true">
                {tiles.into_iter().map(|(icon, z, e)| view! {
                    <li class="demo-shop__tile"><span class="demo-shop__icon">{icon}</span><span>{move || if zh(&locale.get()) { z } else { e }}</span></li>
                }).collect_view()}
            </ul>
            <section class="demo-shop__entry" aria-labelledby="demo-shop-entry">
                <h2 id="demo-shop-entry" class="demo-shop__entry-title">
                    {text("城市服务 · 杭州", "City services · Hangzhou")}
                    <span class="demo-shop__user">{SHOP.user_name}</span>
                </h2>
                <LinkBox host="shop" locale=locale on_link=on_link />
                <p class="demo-host__note" role="status">{move || note.get()}</p>
                <div class="cp-root demo-shop__panel" data-cp-theme="light" data-cp-mode="standard" node_ref=themed(theme.clone())>
                    {move || view! { <EmbeddedPanel city="330100" locale=locale link=link.get() nav=Some(nav) /> }}
                </div>
            </section>
            <nav class="demo-shop__tabbar" aria-hidden="true">
                <span data-current="true">{text("首页", "Home")}</span><span>{text("分类", "Categories")}</span>
                <span>{text("购物车", "Cart")}</span><span>{text("我的", "Me")}</span>
            </nav>
            <PaySheet bridge=bridge locale=locale />
        </div>
    }
}
