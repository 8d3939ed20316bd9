//! The payment sheet: order on the platform → the host's `pay()` → every outcome handled,
//! reconciled against the platform until settled. The plain-Rust [`Payment`] machine decides;
//! this view runs its commands. A host without a wallet gets the platform's payment page.

use crate::bridge::{BridgeError, HostCapability, PayOrder};
use crate::flow::offers::Offer;
use crate::flow::PanelCtx;
use crate::flow::QueryFlow;
use crate::i18n::{t, Msg};
use crate::kit::util::click;
use crate::kit::util::redraw;
use crate::kit::util::{focus_later, fresh_key};
use crate::pay::machine::{HostOutcome, OrderStatus, PayCommand, PayEvent, PayState, Payment};
use crate::pay::order::{order_body, read_order, read_status, OrderRefusal};
use crate::transport::{send, Reply};
use crate::widgets::{model::ResultData, ResultView};
use citypanel_descriptor::model::Effect;
use citypanel_descriptor::rules::format_yuan as yuan;
use citypanel_descriptor::BuiltRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::json;

/// How long the platform may take to create or report an order.
const ORDER_TIMEOUT_MS: u32 = 10_000;

fn post(path: &str, body: serde_json::Value, key: Option<String>) -> BuiltRequest {
    let mut req = crate::flow::post(path, body, ORDER_TIMEOUT_MS);
    req.headers.extend(key.map(|k| ("Idempotency-Key".to_string(), k)));
    req
}

/// Runs the payment machine's commands.
#[derive(Clone)]
struct PayRun {
    ctx: PanelCtx,
    machine: RwSignal<Payment>,
    offer: Offer,
    note: RwSignal<Option<Msg>>,
    /// The host cannot pay: the platform payment page is offered instead.
    fallback: RwSignal<bool>,
    /// A poll came due while the page was hidden: it is made when the page is shown.
    due: RwSignal<bool>,
}

impl PayRun {
    fn event(&self, ev: PayEvent) {
        let cmds = self.machine.try_update(|m| m.on(ev)).unwrap_or_default();
        for c in cmds {
            self.exec(c);
        }
        focus_later(self.ctx.root, ".cp-pay__status");
    }

    fn call(&self, req: BuiltRequest, then: impl FnOnce(&PayRun, Reply) + 'static) {
        let run = self.clone();
        spawn_local(async move {
            let caller = run.ctx.caller.get_untracked();
            let reply = send(&run.ctx.platform, &req, &caller).await;
            if run.machine.try_get_untracked().is_some() {
                then(&run, reply);
            }
        });
    }

    fn exec(&self, c: PayCommand) {
        let d = &self.ctx.d;
        let now = matches!(c, PayCommand::Check { .. });
        match c {
            PayCommand::CreateOrder { key } => {
                let (Effect::Pay { order, .. }, Some((fen, reference))) =
                    (&self.offer.action.effect, self.offer.payment())
                else {
                    return;
                };
                let city = self.ctx.caller.get_untracked().city;
                let req =
                    post(&order.endpoint, order_body(&d.id, &city, &reference, fen), Some(key));
                self.call(req, |run, reply| {
                    let ev = match reply {
                        Reply::Answer { status, body } => match read_order(status, &body) {
                            Ok(order) => PayEvent::OrderCreated { order },
                            Err(OrderRefusal::AlreadyPaid) => {
                                run.note.set(Some(Msg::AlreadyPaid));
                                PayEvent::OrderError { reason: "already paid".into() }
                            }
                            Err(OrderRefusal::InFlight(order)) => {
                                run.note.set(Some(Msg::PayInFlight));
                                PayEvent::InFlight { order }
                            }
                            Err(OrderRefusal::Busy) => {
                                run.note.set(Some(Msg::PayBusy));
                                PayEvent::OrderError {
                                    reason: "someone else's payment of the bill is under way"
                                        .into(),
                                }
                            }
                            Err(OrderRefusal::Other(reason)) => PayEvent::OrderError { reason },
                        },
                        Reply::NoAnswer { detail, .. } => PayEvent::OrderError { reason: detail },
                    };
                    run.event(ev);
                });
            }
            PayCommand::HostPay { order } => {
                let Some(bridge) = self.ctx.bridge.clone().filter(|b| b.can(HostCapability::Pay))
                else {
                    self.fallback.set(true);
                    return;
                };
                let (fen, _) = self.offer.payment().unwrap_or_default();
                let locale = self.ctx.locale.get_untracked();
                let payee = d
                    .city(&self.ctx.caller.get_untracked().city)
                    .map(|c| c.department.get(&locale).to_string())
                    .unwrap_or_default();
                let request = PayOrder {
                    order,
                    amount_fen: fen,
                    title: d.title.get(&locale).to_string(),
                    payee,
                    service: d.id.clone(),
                };
                let run = self.clone();
                spawn_local(async move {
                    let outcome = match bridge.0.pay(request).await {
                        Ok(o) => o,
                        Err(BridgeError::Unsupported(_)) => {
                            let _ = run.fallback.try_set(true);
                            return;
                        }
                        Err(e) => {
                            // The sheet may have taken the money: reconcile, never assume.
                            web_sys::console::warn_1(&format!("citypanel: host pay: {e}").into());
                            HostOutcome::Unknown
                        }
                    };
                    if outcome == HostOutcome::Cancelled {
                        let _ = run.note.try_set(Some(Msg::PayCancelled));
                    }
                    if run.machine.try_get_untracked().is_some() {
                        run.event(PayEvent::Host(outcome));
                    }
                });
            }
            PayCommand::Poll { order } | PayCommand::Check { order } => {
                let Some(status) = d.lifecycle.as_ref().and_then(|l| l.status.clone()) else {
                    return;
                };
                let check = status_check(status.endpoint.clone(), order);
                if now {
                    return check(self);
                }
                // A poll waits while the page is hidden: it is made when the page is shown.
                let run = self.clone();
                self.ctx.timers.after(status.interval_ms, move || {
                    if crate::kit::visibility::hidden() {
                        let _ = run.due.try_set(true);
                    } else {
                        check(&run);
                    }
                });
            }
        }
    }

    /// The page is shown again: an open sheet's order is checked at once (settled in the
    /// wallet app meanwhile?), and a poll that came due while hidden is made now.
    fn shown(&self) {
        let due = self.due.try_update(std::mem::take).unwrap_or(false);
        let paying = self.machine.with_untracked(|m| matches!(m.state, PayState::Paying { .. }));
        let checking =
            self.machine.with_untracked(|m| matches!(m.state, PayState::Checking { .. }));
        if paying || (checking && due) {
            self.event(PayEvent::Shown);
        }
    }
}

/// Asks the lifecycle's status endpoint for `order` and feeds the answer to the machine.
fn status_check(endpoint: String, order: String) -> impl FnOnce(&PayRun) {
    move |run: &PayRun| {
        let req = post(&endpoint, json!({ "reference": order }), None);
        run.call(req, |run, reply| {
            let ev = match reply {
                Reply::Answer { status, body } => match read_status(status, &body) {
                    Some(OrderStatus::PaidElsewhere) => {
                        run.note.set(Some(Msg::AlreadyPaid));
                        PayEvent::Status(OrderStatus::PaidElsewhere)
                    }
                    other => other.map_or(PayEvent::PollError, PayEvent::Status),
                },
                Reply::NoAnswer { .. } => PayEvent::PollError,
            };
            run.event(ev);
        });
    }
}

/// The sheet for one pay offer.
#[component]
pub fn PaySheet(ctx: PanelCtx, offer: Offer, on_close: Callback<bool>) -> impl IntoView {
    let (locale, d) = (ctx.locale, ctx.d.clone());
    let machine = RwSignal::new(Payment::new(QueryFlow::max_polls(&d)));
    let run = PayRun {
        ctx: ctx.clone(),
        machine,
        offer: offer.clone(),
        note: RwSignal::new(None),
        fallback: RwSignal::new(false),
        due: RwSignal::new(false),
    };
    {
        let run = run.clone();
        crate::kit::visibility::watch(move |hidden| {
            if !hidden {
                run.shown();
            }
        });
    }
    let (note, fallback) = (run.note, run.fallback);
    // The panel refuses a step back while money may be moving.
    let paying = ctx.paying;
    leptos::prelude::Effect::new(move |_| {
        let _ = paying.try_set(machine.with(Payment::in_flight));
    });
    on_cleanup(move || {
        let _ = paying.try_set(false);
    });
    let (fen, reference) = offer.payment().unwrap_or_default();
    let amount = format!("¥{}", yuan(fen));
    let pay = {
        let run = run.clone();
        move |_| {
            run.note.set(None);
            run.event(PayEvent::Pay { fresh_key: fresh_key() });
        }
    };
    let i_paid = {
        let run = run.clone();
        move |_| {
            fallback.set(false);
            run.event(PayEvent::Host(HostOutcome::Unknown));
        }
    };
    let cancel_fallback = {
        let run = run.clone();
        move |_| {
            fallback.set(false);
            run.note.set(Some(Msg::PayCancelled));
            run.event(PayEvent::Host(HostOutcome::Cancelled));
        }
    };
    let flow = ctx.flow;
    let done = {
        let ctx = ctx.clone();
        move |_| {
            on_close.run(true);
            // Show the bill as the department now has it.
            if let Some(job) = flow.try_update(|f| f.refresh()).flatten() {
                ctx.run(job, false);
            }
        }
    };
    let receipt_spec = d.lifecycle.as_ref().and_then(|l| l.receipt.clone());
    let receipt_data = Signal::derive({
        let values = offer.values.clone();
        move || ResultData { values: values.clone(), ..Default::default() }
    });
    // The platform's payment page of an order (`page`), or its QR code (`qr`, an SVG the
    // platform draws: no encoder in the browser).
    let pay_page = {
        let platform = ctx.platform.clone();
        move |what: &str, order: &str| {
            format!(
                "{}/platform/pay/{what}?order={}",
                platform.trim_end_matches('/'),
                js_sys::encode_uri_component(order)
            )
        }
    };
    let shown_amount = amount.clone();
    let status = redraw(move || {
        let (loc, amount) = (locale.get(), shown_amount.clone());
        let state = machine.with(|m| m.state.clone());
        let spinner = |m: Msg| {
            view! { <p class="cp-pay__status cp-loading" role="status" tabindex="-1"><span class="cp-loading__spinner" aria-hidden="true"></span>{t(&loc, m)}</p> }.into_any()
        };
        match state {
            PayState::Ready => view! {
                {note.get().map(|m| view! { <p class="cp-pay__status cp-pay__note" role="status" tabindex="-1">{t(&loc, m)}</p> })}
                <button type="button" class="cp-button cp-button--primary cp-pay__go" on:click=click(pay.clone())>{format!("{} {}", t(&loc, Msg::PayNow), amount)}</button>
                <button type="button" class="cp-button cp-button--secondary cp-pay__close" on:click=click(move |_| on_close.run(false))>{t(&loc, Msg::Close)}</button>
            }.into_any(),
            PayState::Ordering { .. } => spinner(Msg::Ordering),
            PayState::Paying { order } if fallback.get() => view! {
                <p class="cp-pay__status" role="status" tabindex="-1">{t(&loc, Msg::PayFallback)}</p>
                <div class="cp-pay__fallback">
                    <a class="cp-button cp-button--primary cp-pay__page" href=pay_page("page", &order) target="_blank" rel="noopener">{t(&loc, Msg::OpenPayPage)}</a>
                    <img class="cp-pay__qr" src=pay_page("qr", &order) alt=format!("{} {amount}", t(&loc, Msg::ScanToPay)) width="168" height="168" />
                </div>
                <button type="button" class="cp-button cp-button--secondary cp-pay__paid" on:click=click(i_paid.clone())>{t(&loc, Msg::IPaid)}</button>
                <button type="button" class="cp-link-button cp-pay__cancel" on:click=click(cancel_fallback.clone())>{t(&loc, Msg::Close)}</button>
            }.into_any(),
            PayState::Paying { .. } => spinner(Msg::Paying),
            PayState::Checking { .. } => spinner(note.get().filter(|m| *m == Msg::PayInFlight).unwrap_or(Msg::CheckingPay)),
            PayState::Paid { order } => view! {
                <h4 class="cp-pay__status cp-receipt__title" data-tone="success" tabindex="-1"><span class="cp-receipt__icon" aria-hidden="true">"✓"</span>{t(&loc, Msg::Paid)}</h4>
                <p class="cp-pay__order">{format!("{}{}{order}", t(&loc, Msg::OrderNo), crate::i18n::colon(&loc))}</p>
                {receipt_spec.clone().map(|spec| view! { <ResultView spec=spec response=d.response.clone() data=receipt_data locale=locale no_summary=true /> })}
                <button type="button" class="cp-button cp-button--primary cp-pay__done" on:click=click(done.clone())>{t(&loc, Msg::Done)}</button>
            }.into_any(),
            PayState::Failed { .. } if note.get() == Some(Msg::AlreadyPaid) => view! {
                <p class="cp-pay__status cp-error" role="alert" tabindex="-1">{t(&loc, Msg::AlreadyPaid)}</p>
                <button type="button" class="cp-button cp-button--secondary cp-pay__done" on:click=click(done.clone())>{t(&loc, Msg::Close)}</button>
            }.into_any(),
            PayState::Failed { .. } if note.get() == Some(Msg::PayBusy) => view! {
                <p class="cp-pay__status cp-error" role="alert" tabindex="-1">{t(&loc, Msg::PayBusy)}</p>
                <button type="button" class="cp-button cp-button--primary cp-pay__go" on:click=click(pay.clone())>{t(&loc, Msg::Retry)}</button>
                <button type="button" class="cp-button cp-button--secondary cp-pay__close" on:click=click(move |_| on_close.run(false))>{t(&loc, Msg::Close)}</button>
            }.into_any(),
            PayState::Failed { reason, .. } => {
                web_sys::console::warn_1(&format!("citypanel: payment not completed: {reason}").into());
                view! {
                    <p class="cp-pay__status cp-error" role="alert" tabindex="-1">{t(&loc, Msg::PayFailed)}</p>
                    <button type="button" class="cp-button cp-button--primary cp-pay__go" on:click=click(pay.clone())>{t(&loc, Msg::Retry)}</button>
                    <button type="button" class="cp-button cp-button--secondary cp-pay__close" on:click=click(move |_| on_close.run(false))>{t(&loc, Msg::Close)}</button>
                }.into_any()
            }
            PayState::Unsettled { .. } => view! {
                <p class="cp-pay__status cp-error" role="alert" tabindex="-1">{t(&loc, Msg::PayUnsettled)}</p>
                <button type="button" class="cp-button cp-button--secondary cp-pay__done" on:click=click(done.clone())>{t(&loc, Msg::Close)}</button>
            }.into_any(),
        }
    });
    let title = offer.action.label.clone();
    view! {
        <section class="cp-pay" data-pay-state=move || machine.with(|m| pay_state_name(&m.state)) aria-label=move || title.get(&locale.get()).to_string()>
            <div class="cp-pay__summary">
                <span class="cp-pay__label">{move || t(&locale.get(), Msg::Amount)}</span>
                <span class="cp-pay__amount">{amount.clone()}</span>
                <span class="cp-pay__ref">{reference}</span>
            </div>
            <div class="cp-pay__body" aria-live="polite">{status}</div>
        </section>
    }
}

/// The `data-pay-state` value.
pub fn pay_state_name(s: &PayState) -> &'static str {
    match s {
        PayState::Ready => "ready",
        PayState::Ordering { .. } => "ordering",
        PayState::Paying { .. } => "paying",
        PayState::Checking { .. } => "checking",
        PayState::Paid { .. } => "paid",
        PayState::Failed { .. } => "failed",
        PayState::Unsettled { .. } => "unsettled",
    }
}
