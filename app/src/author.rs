//! The author preview (`?view=author`): a service author edits a descriptor and sees, as they
//! type, what the platform's lint says of it (every diagnostic with its code and JSON pointer)
//! and the panel it renders — in a city, a language and a theme of their choosing, talking to
//! the sandbox departments. It starts from the descriptor the platform publishes for the chosen
//! city and service; nothing is published from here.

use citypanel::catalog::parse_catalog;
use citypanel::embed::panel::read_cities;
use citypanel::i18n::is_zh as zh;
use citypanel::transport::get_text;
use citypanel::ServicePanel;
use citypanel_descriptor::{locate, parse, Descriptor, Diagnostic, Severity};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::time::Duration;

/// How long typing must pause before the preview follows.
const SETTLE_MS: u64 = 350;

/// What the last applied text gave: the descriptor (if usable) and every diagnostic.
#[derive(Clone, Default)]
struct Checked {
    descriptor: Option<Descriptor>,
    diagnostics: Vec<Diagnostic>,
    /// The text checked, for the diagnostics' positions.
    text: String,
    /// Bumped on every check, so the panel restarts from a fresh state.
    revision: u32,
}

/// The top-level members in the order `docs/descriptor.md` presents them (JSON objects here
/// come back with sorted keys); anything else follows.
const ORDER: [&str; 14] = [
    "format",
    "id",
    "kind",
    "category",
    "title",
    "summary",
    "keywords",
    "cities",
    "availability",
    "inputs",
    "request",
    "response",
    "result",
    "lifecycle",
];

/// The published (compact) descriptor, indented for editing, top-level members in spec order.
/// The UTF-16 range (what a textarea's selection counts) from 1-based (`line`, `column`) to the
/// end of that line.
fn selection(src: &str, line: usize, column: usize) -> Option<(u32, u32)> {
    let mut start = 0usize;
    for (i, text) in src.split('\n').enumerate() {
        if i + 1 == line {
            let before: usize =
                text.chars().take(column.saturating_sub(1)).map(char::len_utf16).sum();
            let end = start + text.encode_utf16().count();
            return Some((u32::try_from(start + before).ok()?, u32::try_from(end).ok()?));
        }
        start += text.encode_utf16().count() + 1;
    }
    None
}

fn pretty(body: &str) -> String {
    let Some(obj) = serde_json::from_str::<Value>(body).ok().and_then(|v| v.as_object().cloned())
    else {
        return body.to_string();
    };
    let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
    let mut keys: Vec<&String> = obj.keys().collect();
    keys.sort_by_key(|k| rank(k));
    let members: Vec<String> = keys
        .iter()
        .map(|k| {
            let value = serde_json::to_string_pretty(&obj[k.as_str()])
                .unwrap_or_default()
                .replace('\n', "\n  ");
            format!("  {}: {value}", Value::String(k.to_string()))
        })
        .collect();
    format!("{{\n{}\n}}\n", members.join(",\n"))
}

#[component]
pub fn AuthorPreview(locale: RwSignal<String>) -> impl IntoView {
    let text = move |zh_text: &'static str, en_text: &'static str| {
        move || if zh(&locale.get()) { zh_text } else { en_text }
    };
    let city = RwSignal::new(crate::param("city").unwrap_or_else(|| "330100".into()));
    let service =
        RwSignal::new(crate::param("service").unwrap_or_else(|| "traffic-violations".into()));
    let city_list = RwSignal::new(Vec::<(String, String, String)>::new());
    let services = RwSignal::new(Vec::<(String, String, String)>::new());
    let source = RwSignal::new(String::new());
    let checked = RwSignal::new(Checked::default());
    let load_error = RwSignal::new(None::<String>);
    let dark = RwSignal::new(false);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let editor = NodeRef::<leptos::html::Textarea>::new();
    // A canned department answer (for a service whose department does not exist yet): kept by
    // the sandbox, which gives it at its own endpoint; the preview's city calls that instead.
    let canned_text = RwSignal::new(String::new());
    let canned_status = RwSignal::new("200".to_string());
    let canned = RwSignal::new(None::<String>);
    let canned_error = RwSignal::new(None::<String>);
    let use_canned = move |_| {
        let status = match canned_status.get_untracked().trim().parse::<u16>() {
            Ok(n) if (200..=599).contains(&n) => n,
            _ => {
                canned_error.set(Some(if zh(&locale.get_untracked()) {
                    "HTTP 状态码须为 200 到 599 之间的整数".to_string()
                } else {
                    "The HTTP status must be a whole number from 200 to 599".to_string()
                }));
                return;
            }
        };
        let answer = canned_text.get_untracked();
        spawn_local(async move {
            let body = serde_json::json!({ "status": status, "answer": answer }).to_string();
            let sent = gloo_net::http::Request::post("/sandbox/canned")
                .header("content-type", "application/json")
                .body(body);
            let reply = match sent {
                Ok(request) => request.send().await.map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            let endpoint = match reply {
                Ok(r) if r.status() == 201 => r
                    .json::<Value>()
                    .await
                    .ok()
                    .and_then(|v| v["endpoint"].as_str().map(str::to_string))
                    .ok_or_else(|| "the sandbox's answer has no `endpoint`".to_string()),
                Ok(r) => Err(format!(
                    "the sandbox refused the answer (http {}): {}",
                    r.status(),
                    r.text().await.unwrap_or_default()
                )),
                Err(e) => Err(e),
            };
            match endpoint {
                Ok(ep) => {
                    let _ = canned_error.try_set(None);
                    let _ = canned.try_set(Some(ep));
                    checked.update(|c| c.revision += 1);
                }
                Err(e) => {
                    let _ = canned_error.try_set(Some(e));
                }
            }
        });
    };
    // A diagnostic's place: the editor selects the rest of that line and scrolls to it.
    let jump = move |line: usize, column: usize| {
        let Some(el) = editor.get_untracked() else { return };
        let Some((from, to)) = selection(&source.get_untracked(), line, column) else { return };
        let _ = el.focus();
        let _ = el.set_selection_range(from, to);
        let line_height = 18.125; // 12.5px × 1.45, as styles/demo.css sets it
        el.set_scroll_top((line.saturating_sub(4) as f64 * line_height) as i32);
    };

    let check = move |body: String| {
        let parsed = parse(&body);
        checked.update(|c| {
            c.text = body;
            c.descriptor = parsed.descriptor;
            c.diagnostics = parsed.diagnostics;
            c.revision += 1;
        });
    };
    spawn_local(async move {
        if let Ok((200, body)) = get_text("/api/v1/cities").await {
            let _ = city_list.try_set(read_cities(&body));
        }
    });
    // The city's services (once per city); a service the city does not offer gives way to the
    // city's first one.
    Effect::new(move |_| {
        let code = city.get();
        spawn_local(async move {
            let Ok((200, body)) = get_text(&format!("/api/v1/cities/{code}/catalog")).await else {
                return;
            };
            let entries = parse_catalog(&body).map(|(e, _)| e).unwrap_or_default();
            let chosen = service.get_untracked();
            if let Some(first) = entries.first().filter(|_| !entries.iter().any(|e| e.id == chosen))
            {
                let _ = service.try_set(first.id.clone());
            }
            let list = entries
                .iter()
                .map(|e| {
                    (e.id.clone(), e.title.get("zh-CN").to_string(), e.title.get("en").to_string())
                })
                .collect();
            let _ = services.try_set(list);
        });
    });
    // The chosen service's published descriptor, once the city's list offers it.
    Effect::new(move |_| {
        let id = service.get();
        if !services.with(|l| l.iter().any(|e| e.0 == id)) {
            return;
        }
        let code = city.get_untracked();
        spawn_local(async move {
            match get_text(&format!("/api/v1/cities/{code}/services/{id}")).await {
                Ok((200, body)) => {
                    let body = pretty(&body);
                    let _ = load_error.try_set(None);
                    let _ = source.try_set(body.clone());
                    check(body);
                }
                Ok((status, _)) => {
                    let _ = load_error.try_set(Some(format!(
                        "the platform answered http {status} for `{id}` in `{code}`"
                    )));
                }
                Err(e) => {
                    let _ = load_error.try_set(Some(e));
                }
            }
        });
    });
    let on_input = move |ev: leptos::ev::Event| {
        source.set(event_target_value(&ev));
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let handle = set_timeout_with_handle(
            move || check(source.get_untracked()),
            Duration::from_millis(SETTLE_MS),
        )
        .ok();
        pending.set_value(handle);
    };
    let counts = move || {
        checked.with(|c| {
            let errors = c.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            (errors, c.diagnostics.len() - errors)
        })
    };
    let summary = move || {
        let (e, w) = counts();
        match (zh(&locale.get()), e, w) {
            (true, 0, 0) => "没有问题：描述有效".to_string(),
            (false, 0, 0) => "No problems: the descriptor is valid".to_string(),
            (true, e, w) => {
                format!("{e} 个错误，{w} 个警告{}", if e > 0 { "：描述不可用" } else { "" })
            }
            (false, e, w) => format!(
                "{e} error{}, {w} warning{}{}",
                if e == 1 { "" } else { "s" },
                if w == 1 { "" } else { "s" },
                if e > 0 { ": the descriptor is refused" } else { "" }
            ),
        }
    };
    let option = move |(value, zh_name, en_name): (String, String, String), selected: bool| {
        view! { <option value=value.clone() selected=selected>{move || if zh(&locale.get()) { zh_name.clone() } else { en_name.clone() }}" · "{value.clone()}</option> }
    };

    view! {
        <section class="author" aria-labelledby="author-title">
            <h2 id="author-title" class="author__title">{text("服务描述预览", "Descriptor preview")}</h2>
            <p class="author__lead">{text(
                "改动描述（JSON），检查结果和面板随输入更新；面板请求沙箱中的部门系统。这里不发布任何内容。",
                "Edit the descriptor (JSON): the lint and the panel follow as you type; the panel talks to the sandbox departments. Nothing is published from here.",
            )}</p>
            <div class="author__controls">
                <label class="author__control">{text("城市", "City")}
                    <select class="author__city" on:change=move |ev| city.set(event_target_value(&ev))>
                        {move || city_list.get().into_iter().map(|c| { let s = c.0 == city.get_untracked(); option(c, s) }).collect_view()}
                    </select>
                </label>
                <label class="author__control">{text("服务", "Service")}
                    <select class="author__service" on:change=move |ev| service.set(event_target_value(&ev))>
                        {move || services.get().into_iter().map(|c| { let s = c.0 == service.get_untracked(); option(c, s) }).collect_view()}
                    </select>
                </label>
                <div class="author__control" role="group" aria-label=text("语言", "Language")>
                    <button type="button" class="author__locale" aria-pressed=move || zh(&locale.get()).to_string()
                        on:click=move |_| locale.set("zh-CN".into())>"中文"</button>
                    <button type="button" class="author__locale" lang="en" aria-pressed=move || (!zh(&locale.get())).to_string()
                        on:click=move |_| locale.set("en".into())>"EN"</button>
                </div>
                <label class="author__control author__control--check">
                    <input type="checkbox" class="author__dark" on:change=move |ev| dark.set(event_target_checked(&ev)) />
                    {text("深色主题", "Dark theme")}
                </label>
            </div>
            {move || load_error.get().map(|e| view! { <p class="author__error" role="alert">{e}</p> })}
            <div class="author__panes">
                <div class="author__pane">
                    <label class="author__editor-label" for="author-editor">{text("描述（JSON）", "Descriptor (JSON)")}</label>
                    <textarea id="author-editor" node_ref=editor class="author__editor" spellcheck="false" autocomplete="off"
                        aria-describedby="author-summary" prop:value=move || source.get() on:input=on_input></textarea>
                    <h3 class="author__subtitle">{text("检查结果", "Lint")}</h3>
                    <p id="author-summary" class="author__summary" role="status"
                        data-errors=move || counts().0 data-warnings=move || counts().1>{summary}</p>
                    <ol class="author__diagnostics">
                        {move || checked.with(|c| c.diagnostics.iter().map(|d| {
                            let severity = if d.severity == Severity::Error { "error" } else { "warning" };
                            let path = if d.path.is_empty() { "/".to_string() } else { d.path.clone() };
                            let at = locate::position(&c.text, &d.path, &d.message);
                            view! {
                                <li class="author__diagnostic" data-severity=severity data-code=d.code>
                                    <span class="author__severity">{severity}</span>" "
                                    <code>{d.code}</code>" "<code class="author__path">{path}</code>" "
                                    {at.map(|(line, column)| view! {
                                        <button type="button" class="author__jump" data-line=line on:click=move |_| jump(line, column)>
                                            {move || if zh(&locale.get()) { format!("第 {line} 行") } else { format!("line {line}") }}
                                        </button>
                                    })}
                                    <span class="author__message">{d.message.clone()}</span>
                                </li>
                            }
                        }).collect_view())}
                    </ol>
                    <details class="author__canned">
                        <summary>{text("部门尚未接入？用一份示例答复预览", "No department yet? Preview with a canned answer")}</summary>
                        <p class="author__hint">{text(
                            "粘贴部门将返回的答复（通常为 JSON）：面板在所选城市的查询改为得到这份答复，用描述的 response 映射显示。",
                            "Paste the answer the department will give (usually JSON): the panel's query in the chosen city gets this answer instead, shown through the descriptor's response mapping.",
                        )}</p>
                        <label class="author__editor-label" for="author-canned">{text("部门答复", "Department answer")}</label>
                        <textarea id="author-canned" class="author__editor author__editor--canned" spellcheck="false" autocomplete="off"
                            prop:value=move || canned_text.get() on:input=move |ev| canned_text.set(event_target_value(&ev))></textarea>
                        <div class="author__canned-row">
                            <label class="author__control">{text("HTTP 状态码", "HTTP status")}
                                <input class="author__status" type="text" inputmode="numeric" size="4"
                                    prop:value=move || canned_status.get() on:input=move |ev| canned_status.set(event_target_value(&ev)) />
                            </label>
                            <button type="button" class="author__use-canned" on:click=use_canned>{text("用这份答复预览", "Preview with this answer")}</button>
                            <button type="button" class="author__use-department" disabled=move || canned.get().is_none()
                                on:click=move |_| { canned.set(None); checked.update(|c| c.revision += 1); }>
                                {text("改用部门系统", "Use the department")}
                            </button>
                        </div>
                        <p class="author__canned-state" role="status" data-canned=move || canned.get().is_some().to_string()>
                            {move || match (canned.get().is_some(), zh(&locale.get())) {
                                (true, true) => "面板正在使用示例答复。",
                                (true, false) => "The panel is using the canned answer.",
                                (false, true) => "面板正在请求沙箱中的部门系统。",
                                (false, false) => "The panel is talking to the sandbox department.",
                            }}
                        </p>
                        {move || canned_error.get().map(|e| view! { <p class="author__error" role="alert">{e}</p> })}
                    </details>
                </div>
                <div class="author__pane author__pane--preview">
                    <div class="cp-root author__stage" data-cp-theme=move || if dark.get() { "dark" } else { "light" } data-cp-mode="standard">
                        {move || {
                            let c = checked.get();
                            let _ = c.revision;
                            match c.descriptor {
                                Some(mut d) => {
                                    let code = city.get_untracked();
                                    if let Some(ep) = canned.get() {
                                        d.cities.iter_mut().filter(|b| b.code == code).for_each(|b| b.endpoint = ep.clone());
                                    }
                                    view! { <ServicePanel descriptor=d city=code locale=locale /> }.into_any()
                                }
                                None => view! {
                                    <p class="author__refused">{text("描述有错误，面板不显示：请看左侧的检查结果。", "The descriptor has errors, so no panel shows: see the lint.")}</p>
                                }.into_any(),
                            }
                        }}
                    </div>
                </div>
            </div>
        </section>
    }
}
