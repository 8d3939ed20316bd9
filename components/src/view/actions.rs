//! The actions under a result: pay (opens the payment sheet), subscribe, open a service.

use crate::actions::{offers, yuan, Offer};
use crate::bridge::HostCapability;
use crate::i18n::{t, Msg};
use crate::view::availability::availability_text;
use crate::view::panel::PanelCtx;
use crate::view::pay::PaySheet;
use crate::view::util::now_ms;
use crate::view::widgets::model::ResultData;
use citypanel_descriptor::model::{Capability, CapabilityState, Effect};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A `{field}` template filled from an offer's values.
fn fill(template: &str, offer: &Offer) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        out.push_str(&offer.text(&rest[start + 1..start + len]).unwrap_or_default());
        rest = &rest[start + len + 1..];
    }
    out + rest
}

/// The `open(target)` target of an `open_service`/`book` action: `service?input=value&…`.
pub fn open_target(offer: &Offer) -> Option<String> {
    match &offer.action.effect {
        Effect::OpenService { service, inputs } => {
            let q: Vec<String> = inputs.iter().map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&fill(v, offer)))).collect();
            Some(if q.is_empty() { service.clone() } else { format!("{service}?{}", q.join("&")) })
        }
        Effect::Book { service } => Some(service.clone()),
        _ => None,
    }
}

fn effect_kind(e: &Effect) -> &'static str {
    match e {
        Effect::Pay { .. } => "pay",
        Effect::Subscribe { .. } => "subscribe",
        Effect::OpenService { .. } => "open_service",
        Effect::Book { .. } => "book",
    }
}

/// Buttons for every offer; a pay offer opens the payment sheet in place.
#[component]
pub fn Actions(ctx: PanelCtx, #[prop(into)] data: Signal<ResultData>) -> impl IntoView {
    let (locale, d) = (ctx.locale, ctx.d.clone());
    let spec = d.result.clone();
    let list = Memo::new(move |_| data.with(|r| offers(&spec, &r.records, &r.values)));
    let paying = RwSignal::new(None::<Offer>);
    let note = RwSignal::new(None::<(Msg, bool)>);
    let pay_state = d.capability_state(Capability::Payment, now_ms());
    let pay_open = matches!(pay_state, CapabilityState::Open);
    let bridge = ctx.bridge.clone();
    let buttons = {
        let ctx = ctx.clone();
        move || {
            let ctx = ctx.clone();
            list.get().into_iter().filter_map(move |offer| {
                let label = offer.action.label.clone();
                let context = match (&offer.action.effect, offer.record) {
                    (Effect::Pay { .. }, _) => offer.payment().map(|(fen, r)| format!("{r} · ¥{}", yuan(fen))),
                    _ => None,
                };
                let bridge = ctx.bridge.clone();
                let target = open_target(&offer);
                let run = {
                    let offer = offer.clone();
                    move |_| match &offer.action.effect {
                        Effect::Pay { .. } => paying.set(Some(offer.clone())),
                        Effect::Subscribe { topic, key } => {
                            let Some(b) = bridge.clone().filter(|b| b.can(HostCapability::Subscribe)) else { return note.set(Some((Msg::NoHost, false))) };
                            let (topic, key) = (topic.as_str().to_string(), offer.text(key).unwrap_or_default());
                            spawn_local(async move {
                                let ok = matches!(b.0.subscribe(topic, key).await, Ok(true));
                                let _ = note.try_set(Some(if ok { (Msg::Subscribed, true) } else { (Msg::SubscribeFailed, false) }));
                            });
                        }
                        Effect::OpenService { .. } | Effect::Book { .. } => {
                            let (Some(b), Some(target)) = (bridge.clone().filter(|b| b.can(HostCapability::Open)), open_target(&offer)) else { return };
                            spawn_local(async move {
                                if let Err(e) = b.0.open(target).await {
                                    web_sys::console::warn_1(&format!("citypanel: host open: {e}").into());
                                }
                            });
                        }
                    }
                };
                let is_pay = matches!(offer.action.effect, Effect::Pay { .. });
                // An open action needs a host that can navigate.
                if target.is_some() && !ctx.bridge.as_ref().is_some_and(|b| b.can(HostCapability::Open)) {
                    return None;
                }
                if is_pay && offer.payment().is_none() {
                    return None;
                }
                Some(view! {
                    <li class="cp-offer" data-effect=effect_kind(&offer.action.effect)>
                        {context.map(|c| view! { <span class="cp-offer__context">{c}</span> })}
                        <button type="button" class=if is_pay { "cp-button cp-button--primary cp-offer__button" } else { "cp-button cp-button--secondary cp-offer__button" }
                            disabled=is_pay && !pay_open
                            on:click=run>
                            {move || label.get(&locale.get()).to_string()}
                        </button>
                    </li>
                })
            }).collect_view()
        }
    };
    let _ = bridge;
    view! {
        {(!pay_open).then(|| view! { <p class="cp-availability" role="status" data-availability="paused">{move || availability_text(&pay_state, &locale.get()).unwrap_or_default()}</p> })}
        {move || match paying.get() {
            Some(offer) => view! { <PaySheet ctx=ctx.clone() offer=offer on_close=Callback::new(move |()| paying.set(None)) /> }.into_any(),
            None => view! { <ul class="cp-offers">{buttons.clone()}</ul> }.into_any(),
        }}
        {move || note.get().map(|(m, ok)| view! { <p class="cp-offers__note" role="status" data-ok=ok.then_some("true")>{move || t(&locale.get(), m)}</p> })}
    }
}
