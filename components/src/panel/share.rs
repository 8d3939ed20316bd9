//! "分享 / Share": the service (with its non-personal values) as a deep link — through the
//! host's share sheet when it declares `share`, else shown to copy (and copied where the
//! browser lets the page write the clipboard).

use crate::bridge::{Bridge, HostCapability};
use crate::flow::link::share_link;
use crate::flow::QueryFlow;
use crate::i18n::{t, Msg};
use citypanel_descriptor::Descriptor;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// What the last press did.
#[derive(Debug, Clone, PartialEq)]
enum Shared {
    /// The host's sheet shared it.
    Host,
    /// No sheet: the link to copy (`copied`: it is on the clipboard too).
    Copy { link: String, copied: bool },
}

/// Writes `text` to the clipboard where the page may (`navigator.clipboard.writeText`).
async fn copy(text: &str) -> bool {
    copy_with(text).await.unwrap_or(false)
}

async fn copy_with(text: &str) -> Option<bool> {
    let window = web_sys::window()?;
    let navigator = js_sys::Reflect::get(&window, &"navigator".into()).ok()?;
    let clipboard =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).ok().filter(|c| c.is_object());
    let clipboard = clipboard?;
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
        .ok()
        .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok())?;
    let promise = write.call1(&clipboard, &text.into()).ok()?;
    Some(wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise)).await.is_ok())
}

/// The share button and what it says.
#[component]
pub fn Share(
    descriptor: Arc<Descriptor>,
    #[prop(into)] city: String,
    flow: RwSignal<QueryFlow>,
    locale: Signal<String>,
    uid: String,
) -> impl IntoView {
    let state = RwSignal::new(None::<Shared>);
    let bridge = use_context::<Bridge>().filter(|b| b.can(HostCapability::Share));
    let press = move |_| {
        let d = descriptor.clone();
        let values: Vec<(String, String)> = flow.with_untracked(|f| {
            d.inputs.iter().map(|i| (i.id.clone(), f.value(&i.id).to_string())).collect()
        });
        let link = share_link(&d, &city, &values);
        let title = d.title.get(&locale.get_untracked()).to_string();
        let bridge = bridge.clone();
        spawn_local(async move {
            if let Some(b) = bridge {
                match b.0.share(title, link.clone()).await {
                    Ok(_) => {
                        let _ = state.try_set(Some(Shared::Host));
                        return;
                    }
                    Err(e) => {
                        web_sys::console::warn_1(&format!("citypanel: host share: {e}").into())
                    }
                }
            }
            let copied = copy(&link).await;
            let _ = state.try_set(Some(Shared::Copy { link, copied }));
        });
    };
    let link_id = format!("{uid}-share");
    view! {
        <div class="cp-share">
            <button type="button" class="cp-button cp-button--secondary cp-share__button" on:click=press>
                {move || t(&locale.get(), Msg::Share)}
            </button>
            <div class="cp-share__note" role="status">
                {move || match state.get() {
                    None => ().into_any(),
                    Some(Shared::Host) => t(&locale.get(), Msg::Shared).into_any(),
                    Some(Shared::Copy { link, copied }) => view! {
                        <label for=link_id.clone()>{move || t(&locale.get(), if copied { Msg::ShareCopied } else { Msg::ShareCopy })}</label>
                        <input id=link_id.clone() class="cp-share__link" type="text" readonly value=link />
                    }.into_any(),
                }}
            </div>
        </div>
    }
}
