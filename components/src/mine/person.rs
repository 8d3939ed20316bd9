//! My City's person view: the consent step (the first time: which departments would be asked,
//! with what, masked), the departments' matters for the citizen, and the consent kept
//! changeable. The logic (reading answers, rows, bodies) is [`crate::mine::digest`].

use crate::i18n::Msg;
use crate::kit::util::{click, redraw, shared};
use crate::mine::digest::{
    attributes_text, consent_body, digest_rows, parse_consent, parse_digest, Consent, Department,
    Digest, CONSENT_PATH, DIGEST_PATH,
};
use crate::mine::model::{Row, RowAction};
use crate::transport::{put_json, send, Caller, Reply};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The departments' digest as loaded.
#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    /// Not asked for (nobody to ask, or no consent yet).
    Idle,
    Loading,
    Failed,
    Ready(Digest),
}

fn warn(what: &str) {
    web_sys::console::warn_1(&format!("citypanel: {what}").into());
}

async fn get_consent(platform: &str, caller: &Caller) -> Option<Consent> {
    let req = crate::flow::get(&format!("{CONSENT_PATH}?city={}", caller.city), 10_000);
    match send(platform, &req, caller).await {
        Reply::Answer { status: 200, body } => read_consent(&body),
        other => {
            warn(&format!("`{CONSENT_PATH}`: {other:?}"));
            None
        }
    }
}

fn read_consent(body: &str) -> Option<Consent> {
    match parse_consent(body) {
        Ok((consent, skipped)) => {
            skipped.iter().for_each(|s| warn(s));
            Some(consent)
        }
        Err(e) => {
            warn(&e);
            None
        }
    }
}

async fn get_digest(platform: &str, caller: &Caller) -> Loaded {
    // The platform answers within its per-department deadlines (at most 3 s) plus its own work.
    let req = crate::flow::get(&format!("{DIGEST_PATH}?city={}", caller.city), 10_000);
    match send(platform, &req, caller).await {
        Reply::Answer { status: 200, body } => match parse_digest(&body) {
            Ok((digest, skipped)) => {
                skipped.iter().for_each(|s| warn(s));
                Loaded::Ready(digest)
            }
            Err(e) => {
                warn(&e);
                Loaded::Failed
            }
        },
        other => {
            warn(&format!("`{DIGEST_PATH}`: {other:?}"));
            Loaded::Failed
        }
    }
}

/// One My City row as shown, with its button (if any) — the one markup of every row.
pub fn item(r: Row, button: Option<AnyView>) -> AnyView {
    view! {
        <li class="cp-mine__item" data-kind=r.kind data-state=r.state data-service=r.service>
            <span class="cp-mine__name">{r.name}</span>
            {r.badge.map(|b| view! { <span class="cp-mine__badge" data-state=r.state>{b}</span> })}
            {r.detail.map(|d| view! { <span class="cp-mine__detail">{d}</span> })}
            {button}
        </li>
    }
    .into_any()
}

/// What the departments hold for the signed-in citizen, and their consent to asking them.
/// `has_matters` tells My City whether anything is shown (for its empty state).
#[component]
pub fn PersonView(
    platform: String,
    caller: Caller,
    #[prop(into)] locale: Signal<String>,
    on_open: Option<Callback<String>>,
    has_matters: RwSignal<bool>,
) -> impl IntoView {
    let consent = RwSignal::new(None::<Consent>);
    let loaded = RwSignal::new(Loaded::Idle);
    // Services ticked in the first-time step; a save in flight; a save that failed.
    let chosen = RwSignal::new(Vec::<String>::new());
    let saving = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let refresh = {
        let (platform, caller) = (platform.clone(), caller.clone());
        move || {
            let (platform, caller) = (platform.clone(), caller.clone());
            let _ = loaded.try_set(Loaded::Loading);
            spawn_local(async move {
                let next = get_digest(&platform, &caller).await;
                let _ = loaded.try_set(next);
            });
        }
    };
    {
        let (platform, caller, refresh) = (platform.clone(), caller.clone(), refresh.clone());
        spawn_local(async move {
            let found = get_consent(&platform, &caller).await;
            let ask = found.as_ref().is_some_and(|c| !c.needs_asking() && c.granted() > 0);
            let _ = consent.try_set(found);
            if ask {
                refresh();
            }
        });
    }
    Effect::new(move |_| {
        let shown = matches!(loaded.get(), Loaded::Ready(ref d) if !digest_rows(d, "en").is_empty())
            || consent.with(|c| c.as_ref().is_some_and(Consent::needs_asking));
        has_matters.set(shown);
    });
    // Saves choices, then asks the departments again when one was granted. Each save is
    // numbered: only the newest answer is kept (changes may overlap).
    let serial = StoredValue::new(0u32);
    let save = {
        let (platform, caller, refresh) = (platform.clone(), caller.clone(), refresh.clone());
        move |choices: Vec<(String, bool)>| {
            serial.update_value(|n| *n += 1);
            let mine = serial.get_value();
            saving.set(true);
            failed.set(false);
            // Withdrawn departments' cards go at once, before the platform answers.
            loaded.update(|l| {
                if let Loaded::Ready(d) = l {
                    choices.iter().filter(|(_, on)| !on).for_each(|(s, _)| d.withdraw(s));
                }
            });
            let (platform, caller, refresh) = (platform.clone(), caller.clone(), refresh.clone());
            spawn_local(async move {
                let body = consent_body(&caller.city, &choices);
                let saved = match put_json(&platform, CONSENT_PATH, &body, &caller).await {
                    Reply::Answer { status: 200, body } => read_consent(&body),
                    other => {
                        warn(&format!("`PUT {CONSENT_PATH}`: {other:?}"));
                        None
                    }
                };
                if serial.try_get_value() != Some(mine) {
                    return;
                }
                let _ = saving.try_set(false);
                match saved {
                    Some(c) => {
                        let any = c.granted() > 0;
                        let _ = consent.try_set(Some(c));
                        if !any {
                            let _ = loaded.try_set(Loaded::Idle);
                        } else if choices.iter().any(|(_, on)| *on) {
                            refresh();
                        }
                    }
                    None => {
                        let _ = failed.try_set(true);
                    }
                }
            });
        }
    };
    let t = move |m: Msg| shared(move || crate::i18n::t(&locale.get(), m));
    let problem = move || {
        failed.get().then(|| view! { <p class="cp-error" role="alert">{t(Msg::ConsentFailed)}</p> })
    };
    // The first time: which departments would be asked, with what; nothing ticked in advance.
    let ask = {
        let save = save.clone();
        move || {
            let c = consent.get().filter(Consent::needs_asking)?;
            let loc = locale.get();
            let choices = c
                .departments
                .iter()
                .map(|d| {
                    let service = d.service.clone();
                    let id = format!("cp-ask-{}", d.service);
                    let on = {
                        let s = service.clone();
                        move || chosen.with(|c| c.contains(&s))
                    };
                    view! {
                        <li class="cp-ask__choice" data-service=d.service.clone()>
                            <input type="checkbox" id=id.clone() prop:checked=on
                                on:change=move |ev| {
                                    let ticked = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|s| s != &service);
                                        if ticked { c.push(service.clone()) }
                                    });
                                } />
                            <label for=id>
                                <span class="cp-ask__department">{d.department.get(&loc).to_string()}</span>
                                <span class="cp-ask__service">{d.title.get(&loc).to_string()}</span>
                                <span class="cp-ask__sent">{attributes_text(d, &loc)}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view();
            let all: Vec<String> = c.departments.iter().map(|d| d.service.clone()).collect();
            let (allow, decline) = (save.clone(), save.clone());
            let all2 = all.clone();
            Some(view! {
                <form class="cp-ask" aria-labelledby="cp-ask-title"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        let ticked = chosen.get_untracked();
                        allow(all.iter().map(|s| (s.clone(), ticked.contains(s))).collect());
                    }>
                    <h3 class="cp-ask__title" id="cp-ask-title">{t(Msg::ConsentTitle)}</h3>
                    <p class="cp-ask__intro">{t(Msg::ConsentIntro)}</p>
                    <ul class="cp-ask__list">{choices}</ul>
                    {problem}
                    <div class="cp-ask__actions">
                        <button type="submit" class="cp-button cp-button--primary cp-ask__allow" disabled=move || saving.get()>
                            {move || crate::i18n::t(&locale.get(), if saving.get() { Msg::ConsentSaving } else { Msg::ConsentAllow })}
                        </button>
                        <button type="button" class="cp-button cp-button--secondary cp-ask__decline" disabled=move || saving.get()
                            on:click=click(move |_| decline(all2.iter().map(|s| (s.clone(), false)).collect()))>
                            {t(Msg::ConsentNotNow)}
                        </button>
                    </div>
                </form>
            })
        }
    };
    let open = on_open;
    let matters = redraw(move || {
        let loc = locale.get();
        match loaded.get() {
            Loaded::Idle => ().into_any(),
            Loaded::Loading => {
                view! { <p class="cp-loading" role="status">{t(Msg::Loading)}</p> }.into_any()
            }
            Loaded::Failed => view! {
                <p class="cp-error" role="alert">{t(Msg::DigestFailed)}</p>
            }
            .into_any(),
            Loaded::Ready(d) => {
                let rows = digest_rows(&d, &loc);
                if rows.is_empty() {
                    return ().into_any();
                }
                let items = rows
                    .into_iter()
                    .map(|r| {
                        let button = match (&r.action, open) {
                            (Some(RowAction::Open(target)), Some(cb)) => {
                                let (target, class, hidden) = (target.clone(), r.button_class, r.name.clone());
                                Some(view! {
                                    <button type="button" class=class on:click=move |_| cb.run(target.clone())>
                                        {t(Msg::MineView)}<span class="cp-visually-hidden">" "{hidden}</span>
                                    </button>
                                }.into_any())
                            }
                            _ => None,
                        };
                        item(r, button)
                    })
                    .collect_view();
                view! {
                    <h3 class="cp-mine__group">{t(Msg::SectionWaiting)}</h3>
                    <ul class="cp-mine__list cp-mine__digest">{items}</ul>
                }
                .into_any()
            }
        }
    });
    // After the first answer: each department can be ticked or unticked at any time. The list
    // is drawn again only when the departments change, not when a tick does (focus stays).
    let roster = Memo::new(move |_| {
        consent.with(|c| {
            c.as_ref().filter(|c| c.asked && !c.departments.is_empty()).map(|c| {
                c.departments
                    .iter()
                    .map(|d| Department { granted: false, ..d.clone() })
                    .collect::<Vec<_>>()
            })
        })
    });
    let granted =
        move |service: &str| consent.with(|c| c.as_ref().is_some_and(|c| c.allows(service)));
    let manage_open = RwSignal::new(false);
    let manage = move || {
        let list = roster.get()?;
        let loc = locale.get();
        let save = save.clone();
        let total = list.len();
        let rows = list
            .into_iter()
            .map(|d| {
                let id = format!("cp-ask-manage-{}", d.service);
                let service = d.service.clone();
                let checked = {
                    let s = d.service.clone();
                    move || granted(&s)
                };
                let save = save.clone();
                view! {
                    <li class="cp-ask__choice" data-service=d.service.clone()>
                        <input type="checkbox" id=id.clone() prop:checked=checked
                            on:change=move |ev| save(vec![(service.clone(), event_target_checked(&ev))]) />
                        <label for=id>
                            <span class="cp-ask__department">{d.department.get(&loc).to_string()}</span>
                            <span class="cp-ask__service">{d.title.get(&loc).to_string()}</span>
                            <span class="cp-ask__sent">{attributes_text(&d, &loc)}</span>
                        </label>
                    </li>
                }
            })
            .collect_view();
        let count = move || {
            format!(" ({}/{total})", consent.with(|c| c.as_ref().map_or(0, Consent::granted)))
        };
        Some(view! {
            <details class="cp-ask cp-ask--manage" prop:open=move || manage_open.get()
                on:toggle=move |ev| {
                    use wasm_bindgen::JsCast;
                    let open = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|d| d.has_attribute("open"));
                    manage_open.set(open);
                }>
                <summary class="cp-ask__summary">{t(Msg::ConsentManage)}{count}</summary>
                <p class="cp-ask__intro">{t(Msg::ConsentManageIntro)}</p>
                {problem}
                <ul class="cp-ask__list">{rows}</ul>
            </details>
        })
    };
    view! { <div class="cp-mine__person">{ask}{matters}{manage}</div> }
}
