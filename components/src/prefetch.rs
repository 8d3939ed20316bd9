//! The descriptor request the JS loader (`embed/citypanel.js`) starts while the wasm is still
//! downloading: handed to [`crate::embed::mount`] and taken by the [`ServiceView`] of the same
//! URL, so the first form needs no request in series after the wasm has started.
//!
//! [`ServiceView`]: crate::ServiceView

use crate::transport::get_text;
use js_sys::{Promise, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static OFFERED: RefCell<Option<(String, Promise)>> = const { RefCell::new(None) };
}

/// Offers `prefetch` (`{ url, response }`, `response` a promise of `{ status, body }` or
/// `{ error }`) to the panel about to be mounted; anything else is ignored.
pub fn offer(prefetch: &JsValue) {
    let url = Reflect::get(prefetch, &"url".into()).ok().and_then(|u| u.as_string());
    let response =
        Reflect::get(prefetch, &"response".into()).ok().and_then(|p| p.dyn_into::<Promise>().ok());
    let offered = url.zip(response);
    OFFERED.with(|o| *o.borrow_mut() = offered);
}

/// Drops an offer no panel took (called once the mount is done).
pub fn withdraw() {
    OFFERED.with(|o| o.borrow_mut().take());
}

/// The offered request for `url`, if there is one (taken: used once).
pub fn take(url: &str) -> Option<Promise> {
    OFFERED.with(|o| {
        let mut o = o.borrow_mut();
        if o.as_ref().is_some_and(|(u, _)| u == url) {
            o.take().map(|(_, p)| p)
        } else {
            None
        }
    })
}

fn field(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The status and body of `url`: from the offered request when there is one, else fetched now.
pub async fn get_descriptor(url: &str, offered: Option<Promise>) -> Result<(u16, String), String> {
    let Some(promise) = offered else { return get_text(url).await };
    let answer = JsFuture::from(promise).await.map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.to_string()))
            .unwrap_or_else(|| format!("the prefetched request of `{url}` failed"))
    })?;
    if let Some(error) = field(&answer, "error").as_string() {
        return Err(error);
    }
    let status = field(&answer, "status").as_f64().filter(|s| (100.0..=599.0).contains(s));
    match (status, field(&answer, "body").as_string()) {
        (Some(status), Some(body)) => Ok((status as u16, body)),
        _ => Err(format!("the prefetched answer of `{url}` has no `status` and `body`")),
    }
}
