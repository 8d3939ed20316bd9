//! The demo page's table of inputs to try: the sandbox's demo citizens' data for the city the
//! host shows (`/api/v1/cities/{code}/demo-inputs`), so every suggestion works in that city.

use citypanel::i18n::is_zh as zh;
use citypanel::transport::get_text;
use leptos::prelude::*;
use serde_json::Value;

/// `(service title zh, title en, inputs joined)` of each service with typed demo inputs.
fn rows(body: &str) -> (String, String, Vec<(String, String, String)>) {
    let doc: Value = serde_json::from_str(body).unwrap_or_default();
    let text = |v: &Value, l: &str| v[l].as_str().unwrap_or_default().to_string();
    let list = doc["services"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            // What is typed: not a choice (`sms`) or a ticked consent (`true`).
            let inputs = s["inputs"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|i| i["value"].as_str())
                .filter(|v| !v.is_empty() && !matches!(*v, "true" | "sms"))
                .collect::<Vec<_>>()
                .join(" · ");
            (text(&s["title"], "zh-CN"), text(&s["title"], "en"), inputs)
        })
        .collect();
    (text(&doc["name"], "zh-CN"), text(&doc["name"], "en"), list)
}

/// The "demo data" notes: the signed-in user, then what to enter in each service of `city`.
#[component]
pub fn DemoInputs(city: Signal<String>, locale: RwSignal<String>) -> impl IntoView {
    let data = LocalResource::new(move || {
        let code = city.get();
        async move {
            match get_text(&format!("/api/v1/cities/{code}/demo-inputs")).await {
                Ok((200, body)) => Some((code, rows(&body))),
                _ => None,
            }
        }
    });
    // What was loaded for the city shown now (not the previous city's, while the next loads).
    let current =
        move || data.get().flatten().filter(|(code, _)| *code == city.get()).map(|(_, d)| d);
    let text = move |zh_text: &'static str, en_text: &'static str| {
        move || if zh(&locale.get()) { zh_text } else { en_text }
    };
    let choices = [
        (
            "医院挂号",
            "Hospital booking",
            "依次选择医院、科室、日期、医生、时段；就诊人可用账户信息填写",
            "pick hospital, department, date, doctor, slot; fill the patient from your account",
        ),
        (
            "结婚登记预约",
            "Marriage registration",
            "陈思远 330106198805203216 · 林晓雯 330102199203154321",
            "陈思远 330106198805203216 · 林晓雯 330102199203154321",
        ),
        ("全城路况", "Road conditions", "无需输入", "nothing to enter"),
    ];
    let title = move || {
        let zh_ui = zh(&locale.get());
        let name = current().map(|(z, e, _)| if zh_ui { z } else { e });
        match (zh_ui, name) {
            (true, Some(n)) => format!("演示数据（{n}，沙箱市民）"),
            (false, Some(n)) => format!("Demo data ({n}, sandbox citizens)"),
            (true, None) => "演示数据（沙箱市民）".to_string(),
            (false, None) => "Demo data (sandbox citizens)".to_string(),
        }
    };
    let body = move || {
        let zh_ui = zh(&locale.get());
        let Some((_, _, list)) = current() else {
            return view! { <p class="demo__hint" role="status">{text("正在读取演示数据…", "Loading the demo data…")}</p> }.into_any();
        };
        let typed = list
            .into_iter()
            .map(|(z, e, inputs)| {
                view! { <tr><td>{if zh_ui { z } else { e }}</td><td>{inputs}</td></tr> }
            })
            .collect_view();
        let picked = choices.iter().map(|(z, e, hz, he)| {
            view! { <tr><td>{if zh_ui { *z } else { *e }}</td><td>{if zh_ui { *hz } else { *he }}</td></tr> }
        }).collect_view();
        view! {
            <table class="demo__table">
                <thead><tr>
                    <th scope="col">{text("服务", "Service")}</th>
                    <th scope="col">{text("输入", "Enter")}</th>
                </tr></thead>
                <tbody>{typed}{picked}</tbody>
            </table>
        }
        .into_any()
    };
    // `data-city`: the city whose inputs are shown.
    let shown = move || data.get().flatten().map(|(code, _)| code).filter(|c| *c == city.get());
    view! { <div class="demo__inputs" data-city=shown><h2 id="demo-notes-title">{title}</h2>{body}</div> }
}
