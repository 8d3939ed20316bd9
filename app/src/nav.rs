//! What the Rust demo hosts share for issue 19: the "open a link" box (as if a citizen tapped a
//! link in a message) and the words a host shows when a step back is refused or leaves.

use citypanel::flow::link::{parse_link, Link};
use citypanel::i18n::is_zh as zh;
use leptos::prelude::*;

/// A text box and button that read a deep link (`citypanel:1/…`) and hand it to `on_link`;
/// an unreadable one is explained under the box.
#[component]
pub fn LinkBox(
    /// Which host (for ids and classes).
    host: &'static str,
    locale: RwSignal<String>,
    on_link: Callback<Link>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let id = format!("{host}-link");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_link(&text.get_untracked()) {
            Ok(link) => {
                problem.set(None);
                on_link.run(link);
            }
            Err(e) => problem.set(Some(e.to_string())),
        }
    };
    let word =
        move |z: &'static str, e: &'static str| move || if zh(&locale.get()) { z } else { e };
    view! {
        <form class="demo-link" on:submit=submit>
            <label for=id.clone()>{word("打开链接", "Open a link")}</label>
            <input id=id type="text" autocomplete="off" spellcheck="false" placeholder="citypanel:1/330100/…"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
            <button type="submit">{word("打开", "Open")}</button>
            <p class="demo-link__problem" role="alert">
                {move || problem.get().map(|p| format!("{}{p}", if zh(&locale.get()) { "无法识别这个链接：" } else { "This link cannot be read: " }))}
            </p>
        </form>
    }
}

/// What a host says when the citizen has left its city-services entry by its back button.
pub fn left_text(locale: &str, host_home: (&'static str, &'static str)) -> String {
    if zh(locale) {
        format!("已离开城市服务，回到{}。", host_home.0)
    } else {
        format!("You left City services for {}.", host_home.1)
    }
}
