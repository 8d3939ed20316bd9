//! The citypanel demo host gallery and the one wasm build every embedding uses.
//!
//! - `index.html` (`<body data-demo="gallery">`): the host gallery;
//! - `/?frame=1&host=<origin>&…`: a panel inside a host's iframe, bridged over postMessage;
//! - any other page that imports the module (`embed/citypanel.js`): nothing until it calls
//!   `mount(element, config)` (exported below) or uses `<city-services>`/`<city-service>`.

// The demo host shells (the gallery). Without the `demo` feature (on by default) the build is
// the SDK alone — `mount`, the custom elements' module and the iframe entry — which is what
// `cargo xtask size` measures as the SDK figure.
#[cfg(feature = "demo")]
mod author;
#[cfg(feature = "demo")]
mod bridge;
#[cfg(feature = "demo")]
mod frames;
#[cfg(feature = "demo")]
mod hosts;
#[cfg(feature = "demo")]
mod nav;
#[cfg(feature = "demo")]
mod samples;
#[cfg(feature = "demo")]
mod sheet;
#[cfg(feature = "demo")]
mod shell;
#[cfg(feature = "demo")]
mod shop;
#[cfg(feature = "demo")]
mod wallet;

// `mount(element, config) → handle` is exported to JavaScript by `citypanel::embed::mount`
// (`#[wasm_bindgen]` in the library), so the module trunk generates exports it.
pub use citypanel::embed::mount;

/// A query parameter of the page URL (`?locale=en&city=330100&service=…&host=…&frame=1`).
pub fn param(name: &str) -> Option<String> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get(name))
        .filter(|v| !v.is_empty())
}

#[cfg(feature = "demo")]
/// Writes `name=value` into the page URL in place (no new history entry, no reload), or removes
/// it for `None`: what the citizen chose survives a reload, and the host can read it.
pub fn set_param(name: &str, value: Option<&str>) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return };
    match value {
        Some(v) => params.set(name, v),
        None => params.delete(name),
    }
    let query = String::from(params.to_string());
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let url =
        if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

fn main() {
    console_error_panic_hook::set_once();
    if param("frame").is_some() {
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-demo", "frame");
        }
        citypanel::embed::start_frame();
        return;
    }
    #[cfg(feature = "demo")]
    mount_gallery();
}

/// On the gallery page (`index.html`), mounts the host gallery.
#[cfg(feature = "demo")]
fn mount_gallery() {
    let gallery = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.get_attribute("data-demo").as_deref() == Some("gallery"));
    if gallery {
        leptos::mount::mount_to_body(shell::App);
    }
}
