//! What a result offers: pay (opens the payment sheet), subscribe, open a service — in each
//! record's card for record-bound offers, under the result for the others.

use crate::bridge::HostCapability;
use crate::flow::offers::{button_text, offers, record_name, Offer};
use crate::flow::PanelCtx;
use crate::i18n::{t, Msg};
use crate::kit::availability::availability_text;
use crate::kit::util::click;
use crate::kit::util::redraw;
use crate::kit::util::{focus_later, now_ms};
use crate::pay::PaySheet;
use crate::widgets::model::ResultData;
use crate::widgets::RecordActions;
use citypanel_descriptor::map::Map;
use citypanel_descriptor::model::{Capability, CapabilityState, Effect};
use citypanel_descriptor::rules::format_yuan as yuan;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

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
        .map(|(k, v)| {
            (
                k.to_string(),
                js_sys::decode_uri_component(v)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    (id.to_string(), values)
}

/// A `{field}` template filled from an offer's values.
fn fill(template: &str, offer: &Offer, inputs: &Map<String>) -> String {
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
pub fn open_target(offer: &Offer, values: &Map<String>) -> Option<String> {
    match &offer.action.effect {
        Effect::OpenService { service, inputs } => {
            let q: Vec<String> = inputs
                .iter()
                .map(|(k, v)| {
                    format!("{k}={}", js_sys::encode_uri_component(&fill(v, offer, values)))
                })
                .collect();
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

/// The offers of one result and what their buttons share: the payment sheet shown (one at a
/// time, below the result) and the last note. Record-bound offers (pay this fine) are drawn in
/// their record's card or row ([`Offers::record`]), the others under the result ([`Actions`]).
#[derive(Clone)]
pub struct Offers {
    ctx: PanelCtx,
    list: Memo<Vec<Offer>>,
    paying: RwSignal<Option<Offer>>,
    note: RwSignal<Option<(Msg, bool)>>,
    pay_state: CapabilityState,
    opener: Option<OpenService>,
}

impl Offers {
    pub fn new(ctx: PanelCtx, data: Signal<ResultData>) -> Self {
        let spec = ctx.d.result.clone();
        let list = Memo::new(move |_| data.with(|r| offers(&spec, &r.records, &r.values)));
        let pay_state = ctx.d.capability_state(Capability::Payment, now_ms());
        Offers {
            ctx,
            list,
            paying: RwSignal::new(None),
            note: RwSignal::new(None),
            pay_state,
            opener: use_context::<OpenService>(),
        }
    }

    fn pay_open(&self) -> bool {
        matches!(self.pay_state, CapabilityState::Open)
    }

    /// The record widgets' slot: each record's buttons, in its card or row.
    pub fn slot(&self) -> RecordActions {
        let this = self.clone();
        RecordActions(Arc::new(move |i| this.record(i)))
    }

    /// The buttons of record `i` (hidden while a payment sheet is open); `None` without any.
    pub fn record(&self, i: usize) -> Option<AnyView> {
        let mine: Vec<Offer> = self
            .list
            .with_untracked(|l| l.iter().filter(|o| o.record == Some(i)).cloned().collect());
        let buttons: Vec<AnyView> = mine.into_iter().filter_map(|o| self.button(o)).collect();
        let paying = self.paying;
        (!buttons.is_empty()).then(|| view! {
            <div class="cp-record__actions" data-record=i hidden=move || paying.with(Option::is_some)>{buttons}</div>
        }.into_any())
    }

    /// One offer's button, `None` when this panel cannot offer it (an open without a host
    /// that navigates, a pay without an amount).
    fn button(&self, offer: Offer) -> Option<AnyView> {
        let ctx = &self.ctx;
        let locale = ctx.locale;
        let (paying, note, opener) = (self.paying, self.note, self.opener);
        let is_pay = matches!(offer.action.effect, Effect::Pay { .. });
        let effect = effect_kind(&offer.action.effect);
        let inputs = ctx.flow.with_untracked(|f| f.sent_values(&ctx.d));
        let target = open_target(&offer, &inputs);
        // An open action needs a host that can navigate.
        if target.is_some()
            && opener.is_none()
            && !ctx.bridge.as_ref().is_some_and(|b| b.can(HostCapability::Open))
        {
            return None;
        }
        if is_pay && offer.payment().is_none() {
            return None;
        }
        let bridge = ctx.bridge.clone();
        let (root, caller) = (ctx.root, ctx.caller);
        let run = {
            let offer = offer.clone();
            move |_| match &offer.action.effect {
                Effect::Pay { .. } => {
                    paying.set(Some(offer.clone()));
                    focus_later(root, ".cp-pay__go");
                }
                Effect::Subscribe { topic, key } => {
                    let Some(b) = bridge.clone().filter(|b| b.can(HostCapability::Subscribe))
                    else {
                        return note.set(Some((Msg::NoHost, false)));
                    };
                    let (topic, key) =
                        (topic.as_str().to_string(), offer.text(key).unwrap_or_default());
                    let city = caller.with_untracked(|c| c.city.clone());
                    spawn_local(async move {
                        let ok = matches!(b.0.subscribe(topic, key, city).await, Ok(true));
                        let _ = note.try_set(Some(if ok {
                            (Msg::Subscribed, true)
                        } else {
                            (Msg::SubscribeFailed, false)
                        }));
                    });
                }
                Effect::OpenService { .. } | Effect::Book { .. } => {
                    let Some(target) = target.clone() else { return };
                    if let Some(o) = opener {
                        return o.0.run(target);
                    }
                    let Some(b) = bridge.clone().filter(|b| b.can(HostCapability::Open)) else {
                        return;
                    };
                    spawn_local(async move {
                        if let Err(e) = b.0.open(target).await {
                            web_sys::console::warn_1(&format!("citypanel: host open: {e}").into());
                        }
                    });
                }
            }
        };
        let class = if is_pay {
            "cp-button cp-button--primary cp-offer__button"
        } else {
            "cp-button cp-button--secondary cp-offer__button"
        };
        let label = offer.action.label.clone();
        let record = offer.record;
        // In a record's card: the amount on the button, which record in its name (for screen
        // readers). Under the result: what it pays (reference and amount) above the button.
        let context = if record.is_some() {
            None
        } else {
            offer.payment().map(|(fen, r)| format!("{r} · ¥{}", yuan(fen)))
        };
        let d = ctx.d.clone();
        let content = redraw(move || {
            let l = locale.get();
            if record.is_none() {
                return label.get(&l).to_string().into_any();
            }
            let (shown, hidden) = button_text(
                &offer,
                label.get(&l),
                &record_name(&d.result, &d.response, &offer, &l),
                &l,
            );
            view! { {shown}<span class="cp-visually-hidden">{hidden}</span> }.into_any()
        });
        let button = view! {
            <button type="button" class=class data-effect=effect disabled=is_pay && !self.pay_open() on:click=click(run)>{content}</button>
        };
        Some(match record {
            Some(_) => button.into_any(),
            None => view! {
                <li class="cp-offer" data-effect=effect>
                    {context.map(|c| view! { <span class="cp-offer__context">{c}</span> })}
                    {button}
                </li>
            }
            .into_any(),
        })
    }
}

/// Under a result: the payment paused note, the offers on the result as a whole (subscribe,
/// pay a bill), the payment sheet when one is open, and the last note.
#[component]
pub fn Actions(offers: Offers) -> impl IntoView {
    let (ctx, paying, note, locale) =
        (offers.ctx.clone(), offers.paying, offers.note, offers.ctx.locale);
    let pay_state = offers.pay_state.clone();
    let whole = offers.list;
    let buttons = {
        let offers = offers.clone();
        move || {
            whole
                .get()
                .into_iter()
                .filter(|o| o.record.is_none())
                .filter_map(|o| offers.button(o))
                .collect_view()
                .into_any()
        }
    };
    let root = ctx.root;
    let close = Callback::new(move |refreshed: bool| {
        // Back to the button that opened the sheet (a record's, or one under the result) —
        // or, when the bill is being refreshed after paying (its button goes away), to the
        // result's summary.
        let record = paying.get_untracked().and_then(|o| o.record);
        paying.set(None);
        focus_later(
            root,
            match record {
                _ if refreshed => ".cp-result__summary".to_string(),
                Some(i) => format!(".cp-record__actions[data-record=\"{i}\"] .cp-offer__button"),
                None => ".cp-offers .cp-offer__button".to_string(),
            },
        );
    });
    view! {
        {(!offers.pay_open()).then(|| view! { <p class="cp-availability" role="status" data-availability="paused">{move || availability_text(&pay_state, &locale.get()).unwrap_or_default()}</p> })}
        {move || match paying.get() {
            Some(offer) => view! { <PaySheet ctx=ctx.clone() offer=offer on_close=close /> }.into_any(),
            None => view! { <ul class="cp-offers">{redraw(buttons.clone())}</ul> }.into_any(),
        }}
        {move || note.get().map(|(m, ok)| view! { <p class="cp-offers__note" role="status" data-ok=ok.then_some("true")>{move || t(&locale.get(), m)}</p> }).into_any()}
    }
}
