//! The JS-object transport: the host passes an object with the bridge methods to `mount`.
//!
//! ```js
//! { version: "1.0", capabilities: ["identity", "pay"],
//!   identity: async () => ({ token: "…", attributes: { name: "陈思远", plates: "浙A12345" } }),
//!   pay: async (order) => "success" | "processing" | "cancelled" | "failed" | "unknown",
//!   location: async () => "330100", subscribe: async (topic, key) => true, open: async (target) => {} }
//! ```
//! Every answer is shape-checked; a missing method is `Unsupported`, a throw is `Host`, a
//! wrong shape is `Invalid`, and a host that never answers times out.

use super::contract::OUTCOME_WORDS;
pub use super::contract::{CALL_TIMEOUT_MS, PAY_TIMEOUT_MS};
use super::envelope::pay_payload;
use super::{
    parse_outcome, BoxFuture, BridgeError, HostBridge, HostCapability, Identity, PayOrder,
};
use crate::payment::HostOutcome;
use citypanel_descriptor::map::Map;
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A bridge over a host-supplied JS object.
#[derive(Clone)]
pub struct JsBridge {
    host: Object,
}

fn describe(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| Reflect::get(v, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| format!("{v:?}"))
}

/// Awaits `p`, rejecting after `ms`; the timer is always cleared.
pub async fn with_timeout(
    p: Promise,
    ms: u32,
    method: &'static str,
) -> Result<JsValue, BridgeError> {
    let window = web_sys::window();
    let mut handle = None;
    let timer = Promise::new(&mut |_resolve, reject| {
        if let Some(w) = &window {
            let cb = Closure::once_into_js(move || {
                let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("__citypanel_timeout__"));
            });
            handle = w
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    cb.unchecked_ref(),
                    ms as i32,
                )
                .ok();
        }
    });
    let result = JsFuture::from(Promise::race(&Array::of2(&p, &timer))).await;
    if let (Some(w), Some(h)) = (&window, handle) {
        w.clear_timeout_with_handle(h);
    }
    result.map_err(|e| match e.as_string().as_deref() {
        Some("__citypanel_timeout__") => BridgeError::Timeout(method, ms),
        _ => BridgeError::Host { method, detail: describe(&e) },
    })
}

impl JsBridge {
    /// Checks the object's shape: it must be an object; methods it has must be functions.
    pub fn new(host: JsValue) -> Result<Self, String> {
        let host: Object = host.dyn_into().map_err(|_| "`bridge` must be an object".to_string())?;
        for &name in HostCapability::NAMES {
            let f = Reflect::get(&host, &name.into()).unwrap_or(JsValue::UNDEFINED);
            if !f.is_undefined() && !f.is_function() {
                return Err(format!("`bridge.{name}` must be a function"));
            }
        }
        Ok(JsBridge { host })
    }

    /// Calls the host's method for `capability` with `args` (as [`HostCapability::params`]).
    fn call(
        &self,
        capability: HostCapability,
        args: &[JsValue],
    ) -> BoxFuture<Result<JsValue, BridgeError>> {
        let (method, ms) = (capability.as_str(), capability.timeout_ms());
        let f = Reflect::get(&self.host, &method.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        let Some(f) = f else {
            return Box::pin(async move { Err(BridgeError::Unsupported(method)) });
        };
        let array = args.iter().collect::<Array>();
        let called = f.apply(&self.host, &array);
        Box::pin(async move {
            let v = called.map_err(|e| BridgeError::Host { method, detail: describe(&e) })?;
            with_timeout(Promise::resolve(&v), ms, method).await
        })
    }
}

fn string_map(v: &JsValue) -> Map<String> {
    let mut out = Map::new();
    if let Some(obj) = v.dyn_ref::<Object>() {
        for entry in Object::entries(obj).iter() {
            let pair: Array = entry.unchecked_into();
            let (k, val) = (pair.get(0).as_string(), pair.get(1));
            let val = if Array::is_array(&val) {
                Array::from(&val)
                    .iter()
                    .filter_map(|x| x.as_string())
                    .collect::<Vec<_>>()
                    .join(",")
                    .into()
            } else {
                val
            };
            if let (Some(k), Some(val)) = (k, val.as_string()) {
                out.insert(k, val);
            }
        }
    }
    out
}

impl HostBridge for JsBridge {
    fn capabilities(&self) -> Vec<HostCapability> {
        let caps = Reflect::get(&self.host, &"capabilities".into()).unwrap_or(JsValue::UNDEFINED);
        if Array::is_array(&caps) {
            return Array::from(&caps)
                .iter()
                .filter_map(|c| c.as_string())
                .filter_map(|c| HostCapability::parse(&c))
                .collect();
        }
        // Without a declared list: what the object implements.
        HostCapability::ALL
            .iter()
            .copied()
            .filter(|c| Reflect::get(&self.host, &c.as_str().into()).is_ok_and(|f| f.is_function()))
            .collect()
    }

    fn identity(&self) -> BoxFuture<Result<Identity, BridgeError>> {
        let call = self.call(HostCapability::Identity, &[]);
        Box::pin(async move {
            let v = call.await?;
            if !v.is_object() {
                return Err(BridgeError::Invalid {
                    method: "identity",
                    detail: "expected an object `{ token, attributes }`".into(),
                });
            }
            let token = Reflect::get(&v, &"token".into()).ok().and_then(|t| t.as_string());
            let attributes =
                Reflect::get(&v, &"attributes".into()).map(|a| string_map(&a)).unwrap_or_default();
            Ok(Identity { token, attributes })
        })
    }

    fn pay(&self, order: PayOrder) -> BoxFuture<Result<HostOutcome, BridgeError>> {
        // The same object as the postMessage payload.
        let o = JSON::parse(&pay_payload(&order).to_string()).unwrap_or(JsValue::NULL);
        let call = self.call(HostCapability::Pay, &[o]);
        Box::pin(async move {
            let v = call.await?;
            let word = v
                .as_string()
                .or_else(|| Reflect::get(&v, &"outcome".into()).ok().and_then(|x| x.as_string()));
            word.as_deref().and_then(parse_outcome).ok_or_else(|| BridgeError::Invalid {
                method: "pay",
                detail: format!("expected {OUTCOME_WORDS}, got `{}`", describe(&v)),
            })
        })
    }

    fn location(&self) -> BoxFuture<Result<String, BridgeError>> {
        let call = self.call(HostCapability::Location, &[]);
        Box::pin(async move {
            let v = call.await?;
            v.as_string().filter(|c| citypanel_descriptor::rules::is_city_code(c)).ok_or_else(
                || BridgeError::Invalid {
                    method: "location",
                    detail: format!("expected a 6-digit city code, got `{}`", describe(&v)),
                },
            )
        })
    }

    fn subscribe(
        &self,
        topic: String,
        key: String,
        city: String,
    ) -> BoxFuture<Result<bool, BridgeError>> {
        let call = self.call(HostCapability::Subscribe, &[topic.into(), key.into(), city.into()]);
        Box::pin(async move { Ok(call.await?.as_bool().unwrap_or(true)) })
    }

    fn open(&self, target: String) -> BoxFuture<Result<(), BridgeError>> {
        let call = self.call(HostCapability::Open, &[target.into()]);
        Box::pin(async move { call.await.map(|_| ()) })
    }

    fn share(&self, title: String, link: String) -> BoxFuture<Result<bool, BridgeError>> {
        let call = self.call(HostCapability::Share, &[title.into(), link.into()]);
        Box::pin(async move { Ok(call.await?.as_bool().unwrap_or(true)) })
    }
}
