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
