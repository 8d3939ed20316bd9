//! The citypanel demo host gallery and the one wasm build every embedding uses.
//!
//! - `index.html` (`<body data-demo="gallery">`): the host gallery;
//! - `/?frame=1&host=<origin>&…`: a panel inside a host's iframe, bridged over postMessage;
//! - any other page that imports the module (`embed/citypanel.js`): nothing until it calls
//!   `mount(element, config)` (exported below) or uses `<city-services>`/`<city-service>`.

mod bridge;
mod frames;
mod hosts;
mod sheet;
mod shell;
mod shop;
mod wallet;

use leptos::prelude::*;

// `mount(element, config) → handle` is exported to JavaScript by `citypanel::embed::mount`
// (`#[wasm_bindgen]` in the library), so the module trunk generates exports it.
pub use citypanel::embed::mount;

fn main() {
    console_error_panic_hook::set_once();
    if shell::param("frame").is_some() {
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-demo", "frame");
        }
        citypanel::embed::start_frame();
        return;
    }
    let gallery = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
        .is_some_and(|b| b.get_attribute("data-demo").as_deref() == Some("gallery"));
    if gallery {
        mount_to_body(shell::App);
    }
}
