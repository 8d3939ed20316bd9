//! The payment sheet as a lazy boundary (issue 14, the wasm-split spike). Compiled only with
//! the `split` feature (`CITYPANEL_SPLIT=1 cargo xtask build`: cargo with `--emit-relocs`, then
//! `wasm-split-cli`, then wasm-bindgen): the sheet's code sits in its own wasm chunk, fetched
//! when a citizen first opens a pay sheet. Without the feature `pay::PaySheet` is the sheet.
//!
//! A chunk that fails to load (network, a stale deployment) shows a message and a retry
//! button, never a dead panel: the loader does not remember a failure, so a retry fetches
//! again.

use crate::flow::offers::Offer;
use crate::flow::PanelCtx;
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The chunk could not be loaded (the browser console has the cause).
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

#[leptos::wasm_split::wasm_split(cp_pay_sheet, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sheet(ctx: PanelCtx, offer: Offer, on_close: Callback<bool>) -> Result<AnyView, ChunkFailed> {
    Ok(view! { <super::sheet::PaySheet ctx=ctx offer=offer on_close=on_close /> }.into_any())
}

/// The sheet for one pay offer, its code loaded on first use.
#[component]
pub fn PaySheet(ctx: PanelCtx, offer: Offer, on_close: Callback<bool>) -> impl IntoView {
    let locale = ctx.locale;
    // 0 loading, 1 loaded (the view is in `slot`), 2 failed.
    let state = RwSignal::new(0u8);
    let slot = StoredValue::new_local(None::<AnyView>);
    let load = move || {
        let (ctx, offer) = (ctx.clone(), offer.clone());
        state.set(0);
        spawn_local(async move {
            match sheet(ctx, offer, on_close).await {
                Ok(view) => {
                    slot.set_value(Some(view));
                    state.set(1);
                }
                Err(ChunkFailed) => state.set(2),
            }
        });
    };
    load();
    move || {
        match state.get() {
        1 => slot.try_update_value(Option::take).flatten().unwrap_or_else(|| ().into_any()),
        2 => {
            let load = load.clone();
            view! {
                <section class="cp-pay" data-pay-state="chunk-failed">
                    <p class="cp-pay__status cp-error" role="alert" tabindex="-1">{move || t(&locale.get(), Msg::Unreachable)}</p>
                    <button type="button" class="cp-button cp-button--primary cp-pay__retry" on:click=click(move |_| load())>{move || t(&locale.get(), Msg::Retry)}</button>
                    <button type="button" class="cp-button cp-button--secondary cp-pay__close" on:click=click(move |_| on_close.run(false))>{move || t(&locale.get(), Msg::Close)}</button>
                </section>
            }
            .into_any()
        }
        _ => view! {
            <section class="cp-pay" data-pay-state="chunk-loading">
                <p class="cp-pay__status cp-loading" role="status"><span class="cp-loading__spinner" aria-hidden="true"></span>{move || t(&locale.get(), Msg::Loading)}</p>
            </section>
        }
        .into_any(),
    }
    }
}
