//! Browser tests of the result widgets: `ResultView` mounted with mapped catalog fixtures in
//! headless Chromium, asserting the DOM contract (roles, names, states, masking, refresh).
#![cfg(target_arch = "wasm32")]

use citypanel::widgets::model::ResultData;
use citypanel::widgets::ResultView;
use citypanel::ServicePanel;
use citypanel_descriptor::mapping::{map_response, Outcome};
use citypanel_descriptor::model::{ResultSpec, Widget};
use citypanel_descriptor::{parse, Descriptor};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn descriptor(json: &str) -> Descriptor {
    parse(json).descriptor.expect("valid").resolve("330100").expect("Hangzhou")
}

fn host() -> HtmlElement {
    let doc = web_sys::window().and_then(|w| w.document()).expect("document");
    let host: HtmlElement = doc.create_element("div").expect("div").unchecked_into();
    doc.body().expect("body").append_child(&host).expect("append");
    host
}

/// Mounts `ResultView` for `spec` with `body` mapped by `d`; returns the host element.
fn show(d: &Descriptor, spec: ResultSpec, body: &str, locale: Signal<String>) -> HtmlElement {
    let Outcome::Records { records, values, problems, .. } = map_response(d, 200, body) else {
        panic!("records")
    };
    let (root, response) = (host(), d.response.clone());
    let data =
        ResultData { records, values, partial: !problems.is_empty(), ..ResultData::default() };
    citypanel::drafts::forget(); // each test starts from empty forms
    leptos::mount::mount_to(root.clone(), move || {
        view! { <ResultView spec=spec response=response data=data locale=locale /> }
    })
    .forget();
    root
}

fn en() -> Signal<String> {
    Signal::stored("en".to_string())
}

fn find(root: &Element, sel: &str) -> Element {
    root.query_selector(sel)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no `{sel}` in {}", root.inner_html()))
}

fn all(root: &Element, sel: &str) -> Vec<Element> {
    let list = root.query_selector_all(sel).expect("selector");
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
}

async fn tick() {
    TimeoutFuture::new(30).await;
}

#[wasm_bindgen_test]
fn table_has_a_caption_column_headers_and_a_named_scroll_region() {
    let d = descriptor(include_str!("../../catalog/lab-reports.json"));
    let root = show(
        &d,
        d.result.clone(),
        include_str!("../../tests/fixtures/responses/lab-reports/default-ok.json"),
        en(),
    );
    let region = find(&root, ".cp-table");
    assert_eq!(attr(&region, "tabindex").as_deref(), Some("0"));
    assert_eq!(attr(&region, "role").as_deref(), Some("region"));
    let caption = find(&root, "table > caption");
    assert_eq!(attr(&region, "aria-labelledby"), Some(caption.id()));
    assert!(text(&caption).starts_with("Results (reference ranges"));
    let heads: Vec<String> = all(&root, "thead th[scope=col]").iter().map(text).collect();
    assert_eq!(heads, ["Test", "Result", "Unit", "Reference range", "Flag"]);
    assert_eq!(all(&root, "tbody tr").len(), 7);
    assert_eq!(text(&find(&root, "tbody tr th[scope=row]")), "白细胞计数");
    let flag = find(&root, "tbody tr td[data-field=flag] .cp-value");
    assert_eq!(
        (attr(&flag, "data-tone").as_deref(), text(&flag).as_str()),
        (Some("warning"), "High ↑")
    );
    assert_eq!(text(&find(&root, ".cp-result__summary")), "7 records found");
}

#[wasm_bindgen_test]
async fn timeline_marks_the_current_step_and_follows_the_locale() {
    let d = descriptor(include_str!("../../catalog/exit-entry-progress.json"));
    let locale = RwSignal::new("zh-CN".to_string());
    let body = include_str!("../../tests/fixtures/responses/exit-entry-progress/default-ok.json");
    let root = show(&d, d.result.clone(), body, locale.into());
    let steps = all(&root, "ol.cp-timeline > li.cp-timeline__step");
    let states: Vec<String> = steps.iter().filter_map(|s| attr(s, "data-state")).collect();
    assert_eq!(states, ["done", "done", "done", "current", "pending"]);
    let current = all(&root, "[aria-current=step]");
    assert_eq!(current.len(), 1);
    assert_eq!(attr(&current[0], "data-state").as_deref(), Some("current"));
    assert!(text(&current[0]).contains("制证") && text(&current[0]).contains("进行中"));
    assert!(all(&steps[4], ".cp-timeline__time").is_empty(), "no time for a stage not reached");
    locale.set("en".to_string());
    tick().await;
    assert_eq!(text(&find(&root, ".cp-result__summary")), "5 stages, now: Document produced");
    assert!(text(&find(&root, "[aria-current=step]")).contains("In progress"));
}

#[wasm_bindgen_test]
async fn status_board_draws_a_labelled_picture_and_a_list() {
    let d = descriptor(include_str!("../../catalog/road-conditions.json"));
    let locale = RwSignal::new("en".to_string());
    let body = include_str!("../../tests/fixtures/responses/road-conditions/default-ok.json");
    let root = show(&d, d.result.clone(), body, locale.into());
    let svg = find(&root, "svg.cp-roadmap");
    assert_eq!(attr(&svg, "role").as_deref(), Some("img"));
    let label = attr(&svg, "aria-label").unwrap_or_default();
    assert_eq!(label, "Road conditions map — 15 roads: Congested 5, Blocked 2, Slow 4, Smooth 4");
    assert_eq!(text(&find(&svg, "title")), label);
    assert_eq!(attr(&svg, "viewBox").as_deref(), Some("0 0 320 220"));
    let roads = all(&svg, "polyline.cp-roadmap__road");
    assert_eq!(roads.len(), 15);
    assert_eq!(attr(&roads[7], "data-tone").as_deref(), Some("danger"));
    let items = all(&root, "ul.cp-board__list > li.cp-board__road");
    assert_eq!(items.len(), 15);
    assert_eq!(text(&find(&items[2], ".cp-board__level")), "Smooth");
    assert_eq!(attr(&items[2], "data-tone").as_deref(), Some("success"));
    assert!(all(&root, ".cp-board__pause").is_empty(), "no refresh without a refresh callback");
    locale.set("zh-CN".to_string());
    tick().await;
    assert!(attr(&svg, "aria-label")
        .unwrap_or_default()
        .starts_with("路况示意图，共 15 条道路：拥堵 5 条"));
}

#[wasm_bindgen_test]
async fn status_board_refreshes_on_its_interval_pauses_and_stops_on_unmount() {
    let d = descriptor(include_str!("../../catalog/road-conditions.json"));
    let mut spec = d.result.clone();
    if let Widget::StatusBoard(s) = &mut spec.widget {
        s.refresh_s = Some(1); // the descriptor minimum is 15 s; the widget takes what it is given
    }
    let Outcome::Records { records, .. } = map_response(
        &d,
        200,
        include_str!("../../tests/fixtures/responses/road-conditions/default-ok.json"),
    ) else {
        panic!("records")
    };
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let on_refresh = Callback::new(move |()| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let (root, response) = (host(), d.response.clone());
    citypanel::drafts::forget(); // each test starts from empty forms
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let data = ResultData { records, stale: true, ..ResultData::default() };
        view! { <ResultView spec=spec response=response data=data locale=en() on_refresh=on_refresh /> }
    });
    assert!(text(&find(&root, ".cp-result__note")).starts_with("Could not refresh"));
    let count = || calls.load(Ordering::SeqCst);
    let more_than = |n: usize| async move {
        for _ in 0..120 {
            if count() > n {
                return;
            }
            TimeoutFuture::new(25).await;
        }
        panic!("no refresh after {n}");
    };
    more_than(0).await;
    let pause: HtmlElement = find(&root, ".cp-board__pause").unchecked_into();
    assert_eq!(attr(&pause, "aria-pressed").as_deref(), Some("false"));
    pause.click();
    tick().await;
    assert_eq!(attr(&pause, "aria-pressed").as_deref(), Some("true"));
    let paused_at = count();
    TimeoutFuture::new(1_500).await;
    assert_eq!(count(), paused_at, "no refresh while paused");
    pause.click();
    more_than(paused_at).await;
    drop(handle);
    let unmounted_at = count();
    TimeoutFuture::new(1_500).await;
    assert_eq!(count(), unmounted_at, "the interval stops on unmount");
    assert!(root.query_selector(".cp-board").ok().flatten().is_none());
}

#[wasm_bindgen_test]
async fn personal_data_is_masked_and_revealed_only_by_its_toggle() {
    let mut d = descriptor(include_str!("../../catalog/driving-licence-points.json"));
    for v in d.response.values.iter_mut().filter(|v| v.id == "licence") {
        v.reveal = true;
    }
    let body =
        include_str!("../../tests/fixtures/responses/driving-licence-points/default-ok.json");
    let root = show(&d, d.result.clone(), body, Signal::stored("zh-CN".to_string()));
    assert_eq!(text(&find(&root, "dl.cp-kv dd[data-field=name]")), "陈*", "masked, no toggle");
    assert!(all(&root, "dd[data-field=name] button").is_empty());
    let value = find(&root, "dd[data-field=licence] .cp-value");
    assert_eq!(text(&value), "330***********3216");
    let toggle: HtmlElement =
        find(&root, "dd[data-field=licence] button.cp-reveal").unchecked_into();
    assert_eq!(attr(&toggle, "aria-pressed").as_deref(), Some("false"));
    assert_eq!(attr(&toggle, "aria-label").as_deref(), Some("显示驾驶证号"));
    assert_eq!(text(&toggle), "显示");
    toggle.click();
    tick().await;
    assert_eq!(text(&value), "330106********3216");
    assert_eq!(attr(&toggle, "aria-pressed").as_deref(), Some("true"));
    toggle.click();
    tick().await;
    assert_eq!(text(&value), "330***********3216");
    assert_eq!(
        attr(&find(&root, "dd[data-field=status] .cp-value"), "data-tone").as_deref(),
        Some("success")
    );
}

#[wasm_bindgen_test]
fn empty_answer_shows_the_descriptor_empty_text() {
    let d = descriptor(include_str!("../../catalog/water-bill.json"));
    let body = include_str!("../../tests/fixtures/responses/water-bill/default-empty.json");
    let root = show(&d, d.result.clone(), body, en());
    assert_eq!(text(&find(&root, ".cp-empty")), "Nothing to pay on this account right now");
    assert!(all(&root, ".cp-result__summary, .cp-bill").is_empty());
}

#[wasm_bindgen_test]
fn bill_shows_the_amount_status_and_line_items() {
    let d = descriptor(include_str!("../../catalog/water-bill.json"));
    let root = show(
        &d,
        d.result.clone(),
        include_str!("../../tests/fixtures/responses/water-bill/default-ok.json"),
        en(),
    );
    assert_eq!(text(&find(&root, ".cp-bill__amount-value")), "¥51.30");
    let status = find(&root, ".cp-bill__status");
    assert_eq!(
        (text(&status).as_str(), attr(&status, "data-tone").as_deref()),
        ("Unpaid", Some("warning"))
    );
    assert_eq!(text(&find(&root, ".cp-bill__meta dd[data-field=due]")), "2025-05-15");
    assert_eq!(all(&root, "ul.cp-bill__items > li.cp-bill__item").len(), 2);
    assert_eq!(text(&find(&root, ".cp-result__summary")), "Bill amount: ¥51.30");
}

#[wasm_bindgen_test]
fn ticket_shows_the_code_fields_and_notice() {
    let d = descriptor(include_str!("../../catalog/hospital-registration.json"));
    let receipt = d.lifecycle.as_ref().and_then(|l| l.receipt.clone()).expect("receipt");
    let root = show(
        &d,
        receipt,
        include_str!("../../tests/fixtures/responses/hospital-registration/status-ok.json"),
        en(),
    );
    assert_eq!(text(&find(&root, ".cp-ticket__code-value")), "GH3301002505060000123");
    assert_eq!(text(&find(&root, ".cp-ticket__fields dd[data-field=patient]")), "周*");
    assert!(text(&find(&root, ".cp-ticket__notice")).contains("30 minutes early"));
}

#[wasm_bindgen_test]
fn record_list_keeps_its_contract_and_tones_badges() {
    let d = descriptor(include_str!("../../catalog/library-loans.json"));
    let root = show(
        &d,
        d.result.clone(),
        include_str!("../../tests/fixtures/responses/library-loans/default-ok.json"),
        en(),
    );
    let items = all(&root, "ul.cp-records > li.cp-record");
    assert!(!items.is_empty());
    let badge = find(&items[0], ".cp-record__badge");
    assert!(attr(&badge, "data-code").is_some() && attr(&badge, "data-tone").is_some());
    assert!(!text(&find(&items[0], ".cp-record__title")).is_empty());
    assert!(!text(&find(&items[0], "dd[data-field=due]")).is_empty());
}

#[wasm_bindgen_test]
fn unreadable_values_show_a_partial_note() {
    let d = descriptor(include_str!("../../catalog/driving-licence-points.json"));
    let body = r#"{"code":"0000","data":{"xm":"陈*远","ljjf":{"bad":1},"zt":"A"}}"#;
    let root = show(&d, d.result.clone(), body, en());
    assert_eq!(text(&find(&root, ".cp-result__note")), "Some details could not be shown.");
    assert_eq!(text(&find(&root, "dd[data-field=points]")), "—");
}

/// Replaces `window.fetch` with a stub answering from `window.__cp.answers`, else `fallback`.
fn stub_fetch(fallback: &str) {
    let fallback = serde_json::to_string(fallback).expect("json string");
    js_sys::eval(&format!(
        "window.__cp = {{ calls: 0, answers: [], fallback: {{ status: 200, body: {fallback} }}, fetch: window.__cp ? window.__cp.fetch : window.fetch }};\
         window.fetch = async () => {{ window.__cp.calls++; const a = window.__cp.answers.shift() || window.__cp.fallback;\
           return new Response(a.body, {{ status: a.status, headers: {{ 'content-type': 'application/json' }} }}); }};"
    ))
    .expect("stub fetch");
}

fn fetch_calls() -> u32 {
    js_sys::eval("window.__cp.calls").ok().and_then(|v| v.as_f64()).unwrap_or(-1.0) as u32
}

fn queue_answer(body: &str) {
    let body = serde_json::to_string(body).expect("json string");
    js_sys::eval(&format!("window.__cp.answers.push({{ status: 200, body: {body} }})"))
        .expect("queue");
}

async fn until_calls(n: u32) {
    for _ in 0..200 {
        if fetch_calls() >= n {
            TimeoutFuture::new(50).await;
            return;
        }
        TimeoutFuture::new(25).await;
    }
    panic!("only {} department calls, expected {n}", fetch_calls());
}

async fn until(root: &Element, sel: &str) -> Element {
    for _ in 0..200 {
        if let Some(el) = root.query_selector(sel).ok().flatten() {
            return el;
        }
        TimeoutFuture::new(25).await;
    }
    panic!("`{sel}` never appeared in {}", root.inner_html());
}

fn active_is(el: &Element) -> bool {
    let doc = web_sys::window().and_then(|w| w.document()).expect("document");
    doc.active_element().is_some_and(|a| a.is_same_node(Some(el)))
}

#[wasm_bindgen_test]
async fn panel_refreshes_a_road_board_in_place_and_keeps_it_when_a_refresh_fails() {
    let ok = include_str!("../../tests/fixtures/responses/road-conditions/default-ok.json");
    stub_fetch(ok);
    let mut d = descriptor(include_str!("../../catalog/road-conditions.json"));
    if let Widget::StatusBoard(s) = &mut d.result.widget {
        s.refresh_s = Some(1);
    }
    let root = host();
    citypanel::drafts::forget(); // each test starts from empty forms
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ServicePanel descriptor=d city="330100" locale=en() /> },
    );
    // A service without inputs runs at once: no form, and focus is not taken.
    until(&root, ".cp-board").await;
    assert!(root.query_selector(".cp-form").ok().flatten().is_none(), "no form without inputs");
    assert_eq!(fetch_calls(), 1);
    let summary = find(&root, ".cp-result__summary");
    assert!(text(&summary).starts_with("15 roads: Congested 5"));
    TimeoutFuture::new(100).await;
    assert!(!active_is(&summary), "an automatic run does not move focus");
    let pause: HtmlElement = find(&root, ".cp-board__pause").unchecked_into();
    pause.focus().expect("focus");

    queue_answer(include_str!(
        "../../tests/fixtures/responses/road-conditions/default-error-503.json"
    ));
    until_calls(2).await;
    assert!(text(&find(&root, ".cp-result__note")).starts_with("Could not refresh"));
    assert_eq!(all(&root, ".cp-board__road").len(), 15, "the old roads stay");
    assert_eq!(attr(&find(&root, ".cp-panel"), "data-state").as_deref(), Some("success"));
    assert!(active_is(&pause), "a refresh does not move focus");

    queue_answer(r#"{"code":0,"data":{"roads":[{"roadName":"之江路","status":1,"speed":50}]}}"#);
    until_calls(3).await;
    assert!(all(&root, ".cp-result__note").is_empty(), "a good refresh clears the note");
    assert_eq!(all(&root, ".cp-board__road").len(), 1);
    assert_eq!(
        attr(&find(&root, "svg.cp-roadmap"), "aria-label").as_deref(),
        Some("Road conditions map — 1 road: Smooth 1")
    );
    assert!(active_is(&pause), "focus is still on the pause toggle");

    drop(handle);
    TimeoutFuture::new(50).await;
    assert!(root.query_selector(".cp-board").ok().flatten().is_none(), "unmounted");
    let calls = fetch_calls();
    TimeoutFuture::new(1_300).await;
    assert_eq!(fetch_calls(), calls, "no refresh once the board is gone");
    js_sys::eval("window.fetch = window.__cp.fetch").expect("restore fetch");
}

/// Sets a form control's value and fires the event a user's edit would.
fn set_value(el: &Element, value: &str, event: &str) {
    js_sys::Reflect::set(el, &"value".into(), &value.into()).expect("set value");
    el.dispatch_event(&web_sys::Event::new(event).expect("event")).expect("dispatch");
}

#[wasm_bindgen_test]
async fn remote_select_and_slot_picker_load_in_a_cascade_and_full_slots_cannot_be_picked() {
    stub_fetch(include_str!(
        "../../tests/fixtures/responses/vehicle-inspection-booking/options-stations.json"
    ));
    let d = descriptor(include_str!("../../catalog/vehicle-inspection-booking.json"));
    let root = host();
    citypanel::drafts::forget(); // each test starts from empty forms
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ServicePanel descriptor=d city="330100" locale=en() /> },
    );
    // The station list has no dependency: it loads at once; the slots wait for station + date.
    until_calls(1).await;
    let station = until(&root, "select[name=station] option[value]:not([value=''])").await;
    let value = attr(&station, "value").expect("an option value");
    assert!(
        find(&root, ".cp-field[data-input=slot]").inner_html().contains("Choose"),
        "slots wait for their inputs"
    );
    queue_answer(include_str!(
        "../../tests/fixtures/responses/vehicle-inspection-booking/options-slots.json"
    ));
    set_value(&find(&root, "select[name=station]"), &value, "change");
    set_value(&find(&root, "input[name=date]"), "2030-01-07", "input");
    until_calls(2).await;
    let radios = all(&root, ".cp-slot__radio");
    assert!(radios.len() >= 5, "one radio per slot, got {}", radios.len());
    let full = find(&root, ".cp-slot[data-full] .cp-slot__radio");
    assert!(full.has_attribute("disabled"), "a full slot is disabled");
    assert!(text(&find(&root, ".cp-slot[data-full]")).contains("Full"));
    assert!(
        all(&root, ".cp-slot__left").iter().any(|e| text(e) == "4 left"),
        "places left are shown"
    );
    assert_eq!(attr(&find(&root, "fieldset.cp-slots"), "role").as_deref(), Some("radiogroup"));
    // A changed station clears the slot list until it reloads.
    queue_answer(include_str!(
        "../../tests/fixtures/responses/vehicle-inspection-booking/options-slots.json"
    ));
    set_value(&find(&root, "select[name=station]"), "", "change");
    tick().await;
    assert!(all(&root, ".cp-slot__radio").is_empty(), "no slots without a station");
    drop(handle);
    js_sys::eval("window.fetch = window.__cp.fetch").expect("restore fetch");
}

#[wasm_bindgen_test]
async fn consent_is_a_checkbox_that_the_rules_require_and_a_booking_stops_at_review() {
    stub_fetch(r#"{"code":"0000","data":{"list":[]}}"#);
    let d = descriptor(include_str!("../../catalog/violation-reminders.json"));
    let root = host();
    citypanel::drafts::forget(); // each test starts from empty forms
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ServicePanel descriptor=d city="330100" locale=en() /> },
    );
    let form = until(&root, ".cp-form").await;
    for (name, v) in [("plate", "浙A12345"), ("engine", "123456"), ("mobile", "13800138000")] {
        set_value(&find(&root, &format!("input[name={name}]")), v, "input");
    }
    form.dispatch_event(&web_sys::Event::new("submit").expect("event")).expect("submit");
    tick().await;
    assert_eq!(attr(&find(&root, "input[name=consent]"), "aria-invalid").as_deref(), Some("true"));
    assert_eq!(attr(&find(&root, "input[name=consent]"), "type").as_deref(), Some("checkbox"));
    let consent: web_sys::HtmlInputElement = find(&root, "input[name=consent]").unchecked_into();
    consent.set_checked(true);
    consent.dispatch_event(&web_sys::Event::new("change").expect("event")).expect("change");
    form.dispatch_event(&web_sys::Event::new("submit").expect("event")).expect("submit");
    tick().await;
    assert_eq!(attr(&find(&root, ".cp-panel"), "data-state").as_deref(), Some("review"));
    assert!(
        text(&find(&root, ".cp-review__list")).contains("Text message"),
        "the option's label, not its code"
    );
    drop(handle);
    js_sys::eval("window.fetch = window.__cp.fetch").expect("restore fetch");
}

#[wasm_bindgen_test]
async fn paused_payments_keep_the_bill_lookup_and_disable_only_paying() {
    stub_fetch(include_str!("../../tests/fixtures/responses/traffic-fine-payment/default-ok.json"));
    // The catalog's year-end window, moved to cover now.
    let json = include_str!("../../catalog/traffic-fine-payment.json")
        .replace("2025-12-31T22:00:00+08:00", "2020-01-01T00:00:00+08:00")
        .replace("2026-01-01T06:00:00+08:00", "2099-01-01T00:00:00+08:00");
    let d = descriptor(&json);
    let root = host();
    citypanel::drafts::forget(); // each test starts from empty forms
    let handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <ServicePanel descriptor=d city="330100" locale=en() /> },
    );
    let form = until(&root, ".cp-form").await;
    assert!(
        root.query_selector(".cp-availability").ok().flatten().is_none(),
        "looking the bill up is open"
    );
    set_value(&find(&root, "input[name=jdsbh]"), "3301061000234567", "input");
    set_value(&find(&root, "input[name=plate]"), "浙A12345", "input");
    form.dispatch_event(&web_sys::Event::new("submit").expect("event")).expect("submit");
    until_calls(1).await;
    let note = until(&root, ".cp-availability[data-availability=paused]").await;
    assert!(text(&note).contains("Payments are paused"), "{}", text(&note));
    let pay = find(&root, ".cp-offer[data-effect=pay] button");
    assert!(pay.has_attribute("disabled"), "paying is paused");
    drop(handle);
    js_sys::eval("window.fetch = window.__cp.fetch").expect("restore fetch");
}

/// The traffic-violation panel over the three Hangzhou records (two unpaid), its result shown
/// as `widget` (`record_list` as published, or the same fields as a `table`).
async fn violations_as(widget: &str) -> (HtmlElement, Box<dyn std::any::Any>) {
    stub_fetch(include_str!("../../tests/fixtures/responses/hz-traffic-3-records.json"));
    let mut json: serde_json::Value =
        serde_json::from_str(include_str!("../../catalog/traffic-violations.json")).expect("json");
    if widget == "table" {
        let result = json["result"].as_object_mut().expect("result");
        let fields = result.remove("fields").expect("fields");
        let mut columns = vec![
            serde_json::json!({ "field": "offence", "label": { "zh-CN": "违法行为", "en": "Offence" } }),
        ];
        columns.extend(fields.as_array().expect("fields").iter().cloned());
        result.remove("title");
        result.remove("badge");
        result.insert("widget".into(), "table".into());
        result.insert("columns".into(), columns.into());
    }
    let d = descriptor(&json.to_string());
    let root = host();
    citypanel::drafts::forget(); // each test starts from empty forms
    let handle: Box<dyn std::any::Any> = Box::new(leptos::mount::mount_to(
        root.clone(),
        move || view! { <ServicePanel descriptor=d city="330100" locale=en() /> },
    ));
    let form = until(&root, ".cp-form").await;
    set_value(&find(&root, "input[name=plate]"), "浙A12345", "input");
    set_value(&find(&root, "input[name=engine]"), "123456", "input");
    form.dispatch_event(&web_sys::Event::new("submit").expect("event")).expect("submit");
    until(&root, ".cp-result .cp-widget").await;
    (root, handle)
}

const FIRST_FINE: &str = "Pay the fine ¥200.00 for 机动车违反禁令标志指示的, 2025-04-12 08:30";

#[wasm_bindgen_test]
async fn a_records_pay_button_is_in_its_card_and_says_which_record() {
    let (root, handle) = violations_as("record_list").await;
    let cards = all(&root, "ul.cp-records > li.cp-record");
    assert_eq!(cards.len(), 3);
    let pays: Vec<Vec<String>> = cards
        .iter()
        .map(|c| all(c, ".cp-record__actions button[data-effect=pay]").iter().map(text).collect())
        .collect();
    assert_eq!(pays[0], [FIRST_FINE], "the unpaid records, in their own cards");
    assert_eq!(pays[1], ["Pay the fine ¥100.00 for 机动车违反规定停放的, 2025-03-02 17:45"]);
    assert!(pays[2].is_empty(), "a handled record offers no payment");
    assert_eq!(
        text(&find(&cards[0], "button[data-effect=pay] .cp-visually-hidden")),
        "for 机动车违反禁令标志指示的, 2025-04-12 08:30"
    );
    assert!(all(&root, ".cp-offers [data-effect=pay]").is_empty(), "nothing to pay under the list");
    assert_eq!(
        all(&root, ".cp-offers .cp-offer[data-effect=subscribe] button").len(),
        1,
        "the whole-result action stays"
    );

    // Paying one record: the sheet under the list, the cards' buttons hidden meanwhile.
    let button: HtmlElement = find(&cards[1], "button[data-effect=pay]").unchecked_into();
    button.click();
    let sheet = until(&root, ".cp-pay[data-pay-state=ready]").await;
    assert_eq!(text(&find(&sheet, ".cp-pay__amount")), "¥100.00");
    assert!(all(&root, ".cp-record__actions").iter().all(|a| a.has_attribute("hidden")));
    let close: HtmlElement = find(&sheet, ".cp-pay__close").unchecked_into();
    close.click();
    tick().await;
    assert!(all(&root, ".cp-record__actions").iter().all(|a| !a.has_attribute("hidden")));
    drop(handle);
    js_sys::eval("window.fetch = window.__cp.fetch").expect("restore fetch");
}

#[wasm_bindgen_test]
async fn a_table_rows_actions_get_their_own_column() {
    let (root, handle) = violations_as("table").await;
    let heads: Vec<String> = all(&root, "thead th[scope=col]").iter().map(text).collect();
    assert_eq!(heads.last().map(String::as_str), Some("Actions"));
    let rows = all(&root, "tbody > tr");
    assert_eq!(rows.len(), 3);
    let pays: Vec<Vec<String>> = rows
        .iter()
        .map(|r| all(r, "td.cp-table__actions button[data-effect=pay]").iter().map(text).collect())
        .collect();
    assert_eq!(pays[0], [FIRST_FINE]);
    assert_eq!(pays[1].len(), 1);
    assert!(
        pays[2].is_empty()
            && rows[2].query_selector("td.cp-table__actions").ok().flatten().is_some(),
        "an empty cell keeps the columns"
    );
    assert!(all(&root, ".cp-offers [data-effect=pay]").is_empty());
    drop(handle);
    js_sys::eval("window.fetch = window.__cp.fetch").expect("restore fetch");
}
