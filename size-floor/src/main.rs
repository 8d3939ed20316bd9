//! The stack's floor for `cargo xtask size`: the smallest panel that does what every citypanel
//! panel does at its simplest — be mounted by a host from JavaScript, read a JSON descriptor with serde, render a Leptos form from it,
//! keep the entries in a signal, send them with gloo-net and show the answer. Built with the same
//! profile, flags, wasm-bindgen and wasm-opt as the SDK, so the difference between the two is
//! what citypanel's own features cost.

use leptos::prelude::*;
use serde::Deserialize;

#[derive(Deserialize, Clone, Debug, PartialEq)]
struct Field {
    id: String,
    label: String,
    #[serde(default)]
    required: bool,
}

#[derive(Deserialize, Clone, Debug, PartialEq)]
struct Descriptor {
    title: String,
    endpoint: String,
    fields: Vec<Field>,
}

#[component]
fn Panel(descriptor: Descriptor) -> impl IntoView {
    let values = RwSignal::new(Vec::<(String, String)>::new());
    let answer = RwSignal::new(String::new());
    let endpoint = descriptor.endpoint.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let url = endpoint.clone();
        let body = serde_json::to_string(&values.get_untracked()).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let text = match gloo_net::http::Request::post(&url).body(body) {
                Ok(request) => match request.send().await {
                    Ok(response) => response.text().await.unwrap_or_default(),
                    Err(e) => e.to_string(),
                },
                Err(e) => e.to_string(),
            };
            answer.set(text);
        });
    };
    let fields = descriptor
        .fields
        .into_iter()
        .map(|f| {
            let id = f.id.clone();
            let input = move |ev| {
                let v = event_target_value(&ev);
                values.update(|vs| vs.push((id.clone(), v)));
            };
            view! { <label>{f.label}<input required=f.required on:input=input /></label> }
        })
        .collect_view();
    view! {
        <form on:submit=submit>
            <h2>{descriptor.title}</h2>
            {fields}
            <button type="submit">"Send"</button>
            <p role="status">{move || answer.get()}</p>
        </form>
    }
}

/// `mount(element, descriptorJson)` from JavaScript, as a host calls the SDK's `mount`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, descriptor: &str) -> Result<(), wasm_bindgen::JsValue> {
    let descriptor: Descriptor = serde_json::from_str(descriptor)
        .map_err(|e| wasm_bindgen::JsValue::from_str(&e.to_string()))?;
    leptos::mount::mount_to(element, move || view! { <Panel descriptor=descriptor.clone() /> })
        .forget();
    Ok(())
}

fn main() {}
