//! Browser tests: mount the panel into a real DOM in headless Chromium.
#![cfg(target_arch = "wasm32")]

use citypanel::ServicePanel;
use citypanel_descriptor::parse;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("document")
}

/// Mounts a traffic-violation panel that talks to `platform`, returns its host element.
fn mount(platform: &'static str, locale: &'static str) -> HtmlElement {
    let host: HtmlElement = document().create_element("div").expect("div").unchecked_into();
    document().body().expect("body").append_child(&host).expect("append");
    let d = parse(include_str!("../../catalog/traffic-violations.json")).descriptor.expect("valid");
    citypanel::drafts::forget(); // each test starts from empty forms
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <ServicePanel descriptor=d city="330100" platform=platform locale=Signal::stored(locale.to_string()) /> }
    });
    handle.forget();
    host
}

fn find(root: &HtmlElement, sel: &str) -> Option<Element> {
    root.query_selector(sel).ok().flatten()
}

fn fire(el: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let ev = Event::new_with_event_init_dict(kind, &init).expect("event");
    el.dispatch_event(&ev).expect("dispatch");
}

fn type_into(root: &HtmlElement, name: &str, value: &str) {
    let input: HtmlInputElement =
        find(root, &format!("input[name={name}]")).expect("input").unchecked_into();
    input.set_value(value);
    fire(&input, "input");
    fire(&input, "blur");
}

async fn until(root: &HtmlElement, sel: &str) -> Element {
    for _ in 0..200 {
        if let Some(el) = find(root, sel) {
            return el;
        }
        TimeoutFuture::new(25).await;
    }
    panic!("`{sel}` never appeared; panel html: {}", root.inner_html());
}

#[wasm_bindgen_test]
async fn renders_labelled_fields_from_the_descriptor() {
    let root = mount("", "zh-CN");
    let panel = until(&root, ".cp-panel[data-service=traffic-violations]").await;
    assert_eq!(panel.get_attribute("data-state").as_deref(), Some("editing"));
    assert_eq!(panel.get_attribute("lang").as_deref(), Some("zh-CN"));
    for name in ["plate", "engine"] {
        let input = find(&root, &format!("input[name={name}]")).expect("input");
        let id = input.id();
        let label = find(&root, &format!("label[for='{id}']")).expect("label for input");
        assert!(!label.text_content().unwrap_or_default().trim().is_empty());
    }
    assert_eq!(
        find(&root, "button[type=submit]").and_then(|b| b.text_content()).as_deref(),
        Some("查询")
    );
}

#[wasm_bindgen_test]
async fn invalid_plate_shows_inline_error_on_blur() {
    let root = mount("", "en");
    until(&root, ".cp-form").await;
    type_into(&root, "plate", "AB123");
    let err = until(&root, "[data-input=plate] .cp-field__error").await;
    assert!(err.text_content().unwrap_or_default().contains("province"));
    let input = find(&root, "input[name=plate]").expect("input");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(input.get_attribute("aria-describedby").unwrap_or_default().contains(&err.id()));
    type_into(&root, "plate", "浙a12345");
    TimeoutFuture::new(50).await;
    assert!(find(&root, "[data-input=plate] .cp-field__error").is_none());
    let input: HtmlInputElement = input.unchecked_into();
    assert_eq!(input.value(), "浙A12345", "normalized after blur");
}

#[wasm_bindgen_test]
async fn submitting_empty_form_focuses_the_error_summary() {
    let root = mount("", "en");
    let form = until(&root, ".cp-form").await;
    fire(&form, "submit");
    let summary = until(&root, ".cp-error-summary").await;
    assert_eq!(summary.query_selector_all("a").expect("links").length(), 2);
    TimeoutFuture::new(100).await;
    assert_eq!(
        document().active_element().map(|e| e.class_name()).as_deref(),
        Some("cp-error-summary")
    );
}

#[wasm_bindgen_test]
async fn a_panel_does_not_take_focus_from_what_the_citizen_uses_outside_it() {
    let root = mount("", "en");
    let form = until(&root, ".cp-form").await;
    // The host's own control (a pay sheet, another panel, a search box) has focus.
    let outside: HtmlInputElement =
        document().create_element("input").expect("input").unchecked_into();
    document().body().expect("body").append_child(&outside).expect("append");
    outside.focus().expect("focus");
    fire(&form, "submit");
    until(&root, ".cp-error-summary").await;
    TimeoutFuture::new(100).await;
    let active = document().active_element().expect("an active element");
    assert!(
        active.is_same_node(Some(&outside)),
        "focus stayed outside, on {}",
        active.outer_html()
    );
    outside.remove();
}

#[wasm_bindgen_test]
async fn unreachable_platform_shows_error_with_retry() {
    // Port 9 (discard) on loopback refuses connections: the platform is down.
    let root = mount("http://127.0.0.1:9", "en");
    until(&root, ".cp-form").await;
    type_into(&root, "plate", "浙A12345");
    type_into(&root, "engine", "123456");
    fire(&find(&root, ".cp-form").expect("form"), "submit");
    let error = until(&root, ".cp-error").await;
    assert!(error.text_content().unwrap_or_default().contains("cannot be reached"));
    assert!(find(&root, ".cp-retry").is_some());
    let panel = find(&root, ".cp-panel").expect("panel");
    assert_eq!(panel.get_attribute("data-state").as_deref(), Some("error"));
    let input: HtmlInputElement = find(&root, "input[name=plate]").expect("input").unchecked_into();
    assert_eq!(input.value(), "浙A12345", "nothing entered is lost");
}
