//! "My City": the signed-in citizen's appointments, applications, payments and reminders in
//! one city, across departments. The logic (reading the platform's answer, what panels
//! report) is [`crate::mine`]; this view loads, shows and lets the citizen open a service or
//! stop following a reminder.

use crate::bridge::{Bridge, HostCapability};
use crate::catalog::{parse_catalog, Entry};
use crate::i18n::is_zh;
use crate::mine::{parse, shown_key, topic_label, Follow, Matter, MatterKind, MatterState, Mine, Payment, ME_PATH};
use crate::transport::{delete, get_text, send, Caller, Reply};
use crate::view::availability::beijing_text;
use crate::view::util::{click, redraw, shared};
use citypanel_descriptor::model::Method;
use citypanel_descriptor::rules::format_yuan;
use citypanel_descriptor::BuiltRequest;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    /// No signed-in citizen: the host has no identity to lend, or the platform refused it.
    SignedOut,
    Failed,
    Ready(Mine),
}

fn get(path: String) -> BuiltRequest {
    BuiltRequest { method: Method::Get, path, body: None, headers: Vec::new(), timeout_ms: 10_000, cache_ttl_s: 0, idempotency_key: false }
}

/// Who is asking: the city and the host's identity token (`None` when signed out).
async fn sign_in(bridge: Option<Bridge>, city: &str) -> Option<Caller> {
    let bridge = bridge.filter(|b| b.can(HostCapability::Identity))?;
    match bridge.0.identity().await {
        Ok(id) => Some(Caller { city: city.to_string(), token: Some(id.token?) }),
        Err(e) => {
            web_sys::console::warn_1(&format!("citypanel: host identity: {e}").into());
            None
        }
    }
}

async fn load(platform: &str, caller: &Caller) -> Load {
    let req = get(format!("{ME_PATH}?city={}", caller.city));
    match send(platform, &req, caller).await {
        Reply::Answer { status: 200, body } => match parse(&body) {
            Ok((mine, skipped)) => {
                skipped.iter().for_each(|s| web_sys::console::warn_1(&format!("citypanel: {s}").into()));
                Load::Ready(mine)
            }
            Err(e) => {
                web_sys::console::error_1(&format!("citypanel: {e}").into());
                Load::Failed
            }
        },
        Reply::Answer { status: 401 | 403, .. } => Load::SignedOut,
        Reply::Answer { status, .. } => {
            web_sys::console::error_1(&format!("citypanel: `{ME_PATH}` answered http {status}").into());
            Load::Failed
        }
        Reply::NoAnswer { detail, .. } => {
            web_sys::console::error_1(&format!("citypanel: `{ME_PATH}` unreachable: {detail}").into());
            Load::Failed
        }
    }
}

/// What the state badge of a matter says.
fn matter_badge(m: &Matter, zh: bool) -> &'static str {
    match (m.kind, m.state, zh) {
        (MatterKind::Booking, MatterState::Done, true) => "已预约",
        (MatterKind::Booking, MatterState::Done, false) => "Booked",
        (MatterKind::Booking, MatterState::Cancelled, true) => "已取消",
        (MatterKind::Booking, MatterState::Cancelled, false) => "Cancelled",
        (MatterKind::Transaction, MatterState::Done, true) => "已提交",
        (MatterKind::Transaction, MatterState::Done, false) => "Submitted",
        (MatterKind::Transaction, MatterState::Cancelled, true) => "已撤回",
        (MatterKind::Transaction, MatterState::Cancelled, false) => "Withdrawn",
    }
}

/// The citizen's matters in `city`, on the platform behind the host's identity.
#[component]
pub fn MinePanel(
    /// City code (GB/T 2260).
    #[prop(into)]
    city: String,
    /// The city's display name.
    #[prop(into)]
    city_name: Signal<String>,
    /// Platform base URL; empty for the page's own origin.
    #[prop(into, optional)]
    platform: String,
    /// Display locale.
    #[prop(into)]
    locale: Signal<String>,
    /// Opens a service by id (the catalog's navigation); without it, the host's `open`.
    #[prop(optional_no_strip)]
    on_open: Option<Callback<String>>,
) -> impl IntoView {
    let platform = platform.trim_end_matches('/').to_string();
    let state = RwSignal::new(Load::Loading);
    let caller = RwSignal::new(None::<Caller>);
    let titles = RwSignal::new(Vec::<Entry>::new());
    let attempt = RwSignal::new(0u32);
    let bridge = use_context::<Bridge>();
    {
        let url = format!("{platform}/api/v1/cities/{city}/catalog");
        spawn_local(async move {
            if let Ok((200, body)) = get_text(&url).await {
                if let Ok((entries, _)) = parse_catalog(&body) {
                    let _ = titles.try_set(entries);
                }
            }
        });
    }
    Effect::new({
        let (city, platform, bridge) = (city.clone(), platform.clone(), bridge.clone());
        move |_| {
            attempt.track();
            let (city, platform, bridge) = (city.clone(), platform.clone(), bridge.clone());
            let _ = state.try_set(Load::Loading);
            spawn_local(async move {
                let signed_in = match caller.get_untracked() {
                    Some(c) => Some(c),
                    None => sign_in(bridge, &city).await,
                };
                let next = match signed_in {
                    None => Load::SignedOut,
                    Some(c) => {
                        let _ = caller.try_set(Some(c.clone()));
                        load(&platform, &c).await
                    }
                };
                let _ = state.try_set(next);
            });
        }
    });
    let zh = move || is_zh(&locale.get());
    let t = move |a: &'static str, b: &'static str| shared(move || if zh() { a } else { b });
    let title_of = move |service: &str| {
        let loc = locale.get();
        titles.with(|list| list.iter().find(|e| e.id == service).map(|e| e.title.get(&loc).to_string())).unwrap_or_else(|| service.to_string())
    };
    let open_service: Option<Callback<String>> = on_open.or_else(|| {
        let b = bridge.clone().filter(|b| b.can(HostCapability::Open))?;
        Some(Callback::new(move |id: String| {
            let b = b.clone();
            spawn_local(async move {
                if let Err(e) = b.0.open(id).await {
                    web_sys::console::warn_1(&format!("citypanel: host open: {e}").into());
                }
            });
        }))
    });
    let open_button = move |service: String, name: String| {
        open_service.map(|cb| {
            view! {
                <button type="button" class="cp-button cp-button--secondary cp-mine__open" on:click=click(move |_| cb.run(service.clone()))>
                    {t("查看", "View")}<span class="cp-visually-hidden">" "{name}</span>
                </button>
            }
        })
    };
    let matter_item = move |m: Matter| {
        let name = title_of(&m.service);
        let z = zh();
        let number = format!("{}{}", if z { "编号 " } else { "No. " }, m.reference);
        let when = m.at_ms.map(beijing_text).filter(|s| !s.is_empty());
        let detail = match when {
            Some(w) => format!("{number} · {w}"),
            None => number,
        };
        view! {
            <li class="cp-mine__item" data-kind=m.kind.as_str() data-state=m.state.as_str() data-service=m.service.clone()>
                <span class="cp-mine__name">{name.clone()}</span>
                <span class="cp-mine__badge" data-state=m.state.as_str()>{matter_badge(&m, z)}</span>
                <span class="cp-mine__detail">{detail}</span>
                {open_button(m.service.clone(), name)}
            </li>
        }
    };
    let payment_item = move |p: Payment| {
        let name = title_of(&p.service);
        let z = zh();
        let state = if p.paid { "paid" } else { "processing" };
        let badge = match (p.paid, z) {
            (true, true) => "已缴费",
            (true, false) => "Paid",
            (false, true) => "处理中",
            (false, false) => "Processing",
        };
        let when = p.at_ms.map(beijing_text).filter(|s| !s.is_empty()).map(|w| format!(" · {w}")).unwrap_or_default();
        let detail = format!("¥{} · {}{}{when}", format_yuan(p.amount_fen), if z { "单号 " } else { "Ref. " }, p.reference);
        view! {
            <li class="cp-mine__item" data-kind="payment" data-state=state data-service=p.service.clone() data-order=p.order.clone()>
                <span class="cp-mine__name">{name.clone()}</span>
                <span class="cp-mine__badge" data-state=state>{badge}</span>
                <span class="cp-mine__detail">{detail}</span>
                {open_button(p.service.clone(), name)}
            </li>
        }
    };
    let platform_for_delete = platform.clone();
    let follow_item = move |f: Follow| {
        let z = zh();
        let label = format!("{} · {}", topic_label(&f.topic, z), shown_key(&f.topic, &f.key));
        let busy = RwSignal::new(false);
        let failed = RwSignal::new(false);
        let platform = platform_for_delete.clone();
        let id = f.id.clone();
        let stop = move |_| {
            let Some(c) = caller.get_untracked() else { return };
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            failed.set(false);
            let (platform, id) = (platform.clone(), id.clone());
            spawn_local(async move {
                let path = format!("/api/v1/subscriptions/{}", js_sys::encode_uri_component(&id));
                let gone = matches!(delete(&platform, &path, &c).await, Reply::Answer { status: 204 | 404, .. });
                if gone {
                    let _ = state.try_update(|s| if let Load::Ready(m) = s { m.unfollow(&id) });
                } else {
                    let _ = failed.try_set(true);
                    let _ = busy.try_set(false);
                }
            });
        };
        view! {
            <li class="cp-mine__item" data-kind="follow" data-topic=f.topic.clone()>
                <span class="cp-mine__name">{label.clone()}</span>
                <button type="button" class="cp-button cp-button--secondary cp-mine__unfollow" disabled=move || busy.get() on:click=click(stop)>
                    {t("取消关注", "Stop following")}<span class="cp-visually-hidden">" "{label}</span>
                </button>
                {move || failed.get().then(|| view! {
                    <span class="cp-mine__problem" role="alert">{t("暂时无法取消关注，请稍后再试。", "This cannot be stopped right now. Please try again.")}</span>
                })}
            </li>
        }
    };
    let group = |title: Box<dyn Fn() -> &'static str + Send + Sync>, items: AnyView| {
        view! { <h3 class="cp-mine__group">{move || title()}</h3><ul class="cp-mine__list">{items}</ul> }
    };
    let body = redraw(move || match state.get() {
        Load::Loading => view! { <p class="cp-loading" role="status">{t("加载中…", "Loading…")}</p> }.into_any(),
        Load::SignedOut => view! {
            <p class="cp-mine__signed-out" role="status">{t(
                "登录后，这里会显示您在本市的预约、办件、缴费和关注。",
                "Sign in to see your appointments, applications, payments and reminders in this city here.",
            )}</p>
        }.into_any(),
        Load::Failed => view! {
            <p class="cp-error" role="alert">{t("暂时无法加载您的记录，请稍后再试。", "Your records cannot be loaded right now. Please try again later.")}</p>
            <button type="button" class="cp-button cp-mine__retry" on:click=click(move |_| attempt.update(|n| *n += 1))>{t("重试", "Try again")}</button>
        }.into_any(),
        Load::Ready(mine) if mine.is_empty() => view! {
            <p class="cp-empty">{t(
                "还没有记录。办理预约、缴费或订阅提醒后，会显示在这里。",
                "Nothing here yet. Appointments, payments and reminders you make will show here.",
            )}</p>
        }.into_any(),
        Load::Ready(mine) => {
            let z = zh();
            let appointments: Vec<Matter> = mine.appointments().cloned().collect();
            let handled: Vec<Matter> = mine.handled().cloned().collect();
            let sections = [
                (!appointments.is_empty()).then(|| group(Box::new(move || if z { "我的预约" } else { "Appointments" }), appointments.into_iter().map(matter_item).collect_view().into_any())),
                (!handled.is_empty()).then(|| group(Box::new(move || if z { "我的办件" } else { "Applications" }), handled.into_iter().map(matter_item).collect_view().into_any())),
                (!mine.payments.is_empty()).then(|| group(Box::new(move || if z { "缴费记录" } else { "Payments" }), mine.payments.into_iter().map(payment_item).collect_view().into_any())),
                (!mine.following.is_empty()).then(|| group(Box::new(move || if z { "我的关注" } else { "Reminders" }), mine.following.into_iter().map(follow_item.clone()).collect_view().into_any())),
            ];
            view! { <div class="cp-mine__results">{sections.into_iter().flatten().collect_view()}</div> }.into_any()
        }
    });
    view! {
        <section class="cp-mine cp-panel" lang=move || locale.get() aria-labelledby="cp-mine-title"
            data-state=move || match state.get() { Load::Loading => "loading", Load::SignedOut => "signed-out", Load::Failed => "error", Load::Ready(_) => "ready" }>
            <h2 class="cp-panel__title" id="cp-mine-title">{move || format!("{} · {}", if zh() { "我的城市" } else { "My City" }, city_name.get())}</h2>
            {body}
        </section>
    }
}
