//! Hosts that are separate web pages without Rust: the microblog (plain JavaScript, the ES
//! module and custom element) and the messenger (citypanel in an iframe over postMessage).
//! The gallery shows each page in a phone frame.

use crate::hosts::Host;
use citypanel::i18n::is_zh as zh;
use leptos::prelude::*;

/// A phone showing a host web page from `embed/hosts/`.
#[component]
pub fn FrameShell(host: Host, locale: RwSignal<String>) -> impl IntoView {
    let src = move || format!("embed/hosts/{}.html?locale={}", host.id, locale.get());
    let title = move || {
        if zh(&locale.get()) {
            format!("宿主应用：{}", host.name_zh)
        } else {
            format!("Host app: {}", host.name_en)
        }
    };
    view! {
        <div class="demo-phone demo-phone--framed" data-host=host.id>
            <iframe class="demo-phone__screen" src=src title=title></iframe>
        </div>
    }
}
