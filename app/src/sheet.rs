//! A Rust host's own payment sheet: confirm or cancel, then settle the order on the platform.

use crate::bridge::{settle, DemoBridge};
use citypanel::i18n::is_zh;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

fn yuan(fen: i64) -> String {
    format!("¥{}", citypanel_descriptor::rules::format_yuan(fen))
}

/// The payment sheet of `bridge`'s host, shown while `pay()` is outstanding.
#[component]
pub fn PaySheet(bridge: DemoBridge, #[prop(into)] locale: Signal<String>) -> impl IntoView {
    let busy = RwSignal::new(false);
    let host = bridge.host;
    let answer = move |outcome: &'static str| {
        let Some(sheet) = bridge.sheet.get_untracked() else { return };
        busy.set(true);
        let token = bridge.token.get_untracked();
        spawn_local(async move {
            let settled = settle(
                &sheet.order.order,
                if outcome == "success" { "success" } else { "cancelled" },
                token,
            )
            .await;
            let word = if settled { outcome } else { "unknown" };
            if settled && outcome == "success" {
                bridge.spent.update(|s| *s += sheet.order.amount_fen);
            }
            let _ = sheet.answer.call1(&JsValue::NULL, &word.into());
            busy.set(false);
        });
    };
    move || {
        bridge.sheet.get().map(|sheet| {
            let zh = is_zh(&locale.get());
            let method = if zh { host.pay_zh } else { host.pay_en }.unwrap_or_default();
            view! {
                <div class="demo-sheet" data-host=host.id>
                    <div class="demo-sheet__panel" role="dialog" aria-modal="true" aria-labelledby="demo-sheet-title">
                        <h2 id="demo-sheet-title" class="demo-sheet__title">{host.name(zh)}" · "{if zh { "确认付款" } else { "Confirm payment" }}</h2>
                        <p class="demo-sheet__amount">{yuan(sheet.order.amount_fen)}</p>
                        <dl class="demo-sheet__facts">
                            <dt>{if zh { "项目" } else { "For" }}</dt><dd>{sheet.order.title.clone()}</dd>
                            <dt>{if zh { "收款方" } else { "Payee" }}</dt><dd>{sheet.order.payee.clone()}</dd>
                            <dt>{if zh { "付款方式" } else { "Pay with" }}</dt><dd>{method}</dd>
                            <dt>{if zh { "订单号" } else { "Order" }}</dt><dd class="demo-sheet__order">{sheet.order.order.clone()}</dd>
                        </dl>
                        <div class="demo-sheet__actions">
                            <button type="button" class="demo-sheet__cancel" disabled=move || busy.get() on:click=move |_| answer("cancelled")>
                                {if zh { "取消" } else { "Cancel" }}
                            </button>
                            <button type="button" class="demo-sheet__confirm" disabled=move || busy.get() on:click=move |_| answer("success")>
                                {if zh { "确认支付" } else { "Pay now" }}
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
