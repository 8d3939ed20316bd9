//! The actions under a result: pay (opens the payment sheet), subscribe, open a service.

use crate::actions::{offers, Offer};
use citypanel_descriptor::rules::format_yuan as yuan;
use crate::bridge::HostCapability;
use crate::i18n::{t, Msg};
use crate::view::availability::availability_text;
use crate::view::panel::PanelCtx;
use crate::view::pay::PaySheet;
use crate::view::util::now_ms;
use crate::view::widgets::model::ResultData;
use citypanel_descriptor::model::{Capability, CapabilityState, Effect};
use crate::view::util::redraw;
use crate::view::util::click;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

/// Opens another service in the same embedding (catalog container), given a target
/// `service?input=value&…`. Provided as context by the container; without it, `open_service`
/// goes to the host bridge's `open`.
#[derive(Clone, Copy)]
pub struct OpenService(pub Callback<String>);

/// Splits an open target into the service id and its initial input values.
pub fn split_target(target: &str) -> (String, Vec<(String, String)>) {
    let (id, query) = target.split_once('?').unwrap_or((target, ""));
    let values = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), js_sys::decode_uri_component(v).ok().and_then(|s| s.as_string()).unwrap_or_default()))
        .collect();
    (id.to_string(), values)
}

/// A `{field}` template filled from an offer's values.
fn fill(template: &str, offer: &Offer, inputs: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        out.push_str(&rest[..start]);
        let name = &rest[start + 1..start + len];
        out.push_str(&offer.text(name).or_else(|| inputs.get(name).cloned()).unwrap_or_default());
        rest = &rest[start + len + 1..];
    }
    out + rest
}

/// The `open(target)` target of an `open_service`/`book` action: `service?input=value&…`,
/// each value from the offer's fields, else from this panel's inputs.
pub fn open_target(offer: &Offer, values: &BTreeMap<String, String>) -> Option<String> {
    match &offer.action.effect {
        Effect::OpenService { service, inputs } => {
            let q: Vec<String> = inputs.iter().map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(&fill(v, offer, values)))).collect();
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
    let opener = use_context::<OpenService>();
    let buttons = {
        let ctx = ctx.clone();
        move || {
            let ctx = ctx.clone();
            list.get().into_iter().filter_map(move |offer| {
                let label = offer.action.label.clone();
                // Which record (its title: a book, an offence) and, to pay, how much.
                let title = offer.record.and_then(|_| match &ctx.d.result.widget {
                    citypanel_descriptor::model::Widget::RecordList(s) => s.title.as_deref().and_then(|t| offer.text(t)),
                    _ => None,
                });
                let context = match (&offer.action.effect, title) {
                    (Effect::Pay { .. }, title) => offer.payment().map(|(fen, r)| format!("{} · ¥{}", title.unwrap_or(r), yuan(fen))),
                    (_, title) => title,
                };
                let bridge = ctx.bridge.clone();
                let inputs = ctx.flow.with_untracked(|f| f.sent_values(&ctx.d));
                let target = open_target(&offer, &inputs);
                let run = {
                    let (offer, target_now) = (offer.clone(), target.clone());
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
                            let Some(target) = target_now.clone() else { return };
                            if let Some(o) = opener {
                                return o.0.run(target);
                            }
                            let Some(b) = bridge.clone().filter(|b| b.can(HostCapability::Open)) else { return };
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
                if target.is_some() && opener.is_none() && !ctx.bridge.as_ref().is_some_and(|b| b.can(HostCapability::Open)) {
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
                            on:click=click(run)>
                            {move || label.get(&locale.get()).to_string()}
                        </button>
                    </li>
                })
            }).collect_view().into_any()
        }
    };
    view! {
        {(!pay_open).then(|| view! { <p class="cp-availability" role="status" data-availability="paused">{move || availability_text(&pay_state, &locale.get()).unwrap_or_default()}</p> })}
        {move || match paying.get() {
            Some(offer) => view! { <PaySheet ctx=ctx.clone() offer=offer on_close=Callback::new(move |()| paying.set(None)) /> }.into_any(),
            None => view! { <ul class="cp-offers">{redraw(buttons.clone())}</ul> }.into_any(),
        }}
        {move || note.get().map(|(m, ok)| view! { <p class="cp-offers__note" role="status" data-ok=ok.then_some("true")>{move || t(&locale.get(), m)}</p> }).into_any()}
    }
}
