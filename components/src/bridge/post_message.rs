//! The postMessage transport: citypanel runs in an iframe and talks to the host page (its
//! parent window) with the v1 [envelope](super::envelope).
//!
//! Security: exactly one host origin is allowed. Outgoing messages use it as `targetOrigin`
//! (never `"*"`); incoming messages are accepted only when `event.origin` equals it *and*
//! `event.source` is the parent window. Everything else — other origins, other windows,
//! malformed or unknown messages, answers to no request — is ignored, warned about on the
//! console and counted (`data-cp-bridge-accepted` / `data-cp-bridge-rejected` on the report
//! element). Requests time out (5 s; `pay` 10 min). Dropping the bridge removes its listener
//! and settles every outstanding request, so no timer outlives it.

use super::contract::Event;
use super::envelope::{
    self, decode_capabilities, decode_city, decode_identity, decode_outcome, pay_payload, Envelope,
    Kind, Rejection,
};
use super::js::with_timeout;
use super::{BoxFuture, BridgeError, HostBridge, HostCapability, Identity, PayOrder};
use crate::notice::{parse_notice, Notices};
use crate::payment::HostOutcome;
use js_sys::{Function, Promise, JSON};
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

const UNMOUNTED: &str = "__citypanel_unmounted__";

/// A mounted panel's step back: `(answer, reason)`, e.g. `("refused", Some("paying"))`.
type StepBack = Box<dyn Fn() -> (&'static str, Option<&'static str>)>;

struct Inner {
    target: web_sys::Window,
    origin: String,
    capabilities: RefCell<Vec<HostCapability>>,
    /// Outstanding requests by id: a handful at most, so a list (no hashing code in the wasm).
    pending: RefCell<Vec<(String, (Function, Function))>>,
    hello: RefCell<Option<Function>>,
    next: Cell<u32>,
    accepted: Cell<u32>,
    rejected: Cell<u32>,
    report: Option<web_sys::Element>,
    notices: Notices,
    /// The panel's step back, for the host's `back` event (set once the panel is mounted):
    /// the answer's word and, for a refusal, its reason.
    back: RefCell<Option<StepBack>>,
}

impl Inner {
    fn count(&self, ok: bool) {
        let (cell, attr) = if ok {
            (&self.accepted, "data-cp-bridge-accepted")
        } else {
            (&self.rejected, "data-cp-bridge-rejected")
        };
        cell.set(cell.get().saturating_add(1));
        if let Some(el) = &self.report {
            let _ = el.set_attribute(attr, &cell.get().to_string());
        }
    }

    fn take_pending(&self, id: &str) -> Option<(Function, Function)> {
        let mut pending = self.pending.borrow_mut();
        let at = pending.iter().position(|(i, _)| i == id)?;
        Some(pending.swap_remove(at).1)
    }

    fn reject(&self, why: &str) {
        web_sys::console::warn_1(&format!("citypanel bridge: ignored a message: {why}").into());
        self.count(false);
    }

    fn post(&self, msg: &Value) -> Result<(), String> {
        let js = JSON::parse(&msg.to_string())
            .map_err(|_| "could not encode the message".to_string())?;
        self.target
            .post_message(&js, &self.origin)
            .map_err(|e| format!("postMessage failed: {e:?}"))
    }

    fn on_message(&self, ev: &web_sys::MessageEvent) {
        if ev.origin() != self.origin {
            return self.reject(&format!(
                "origin `{}` is not the host origin `{}`",
                ev.origin(),
                self.origin
            ));
        }
        let from_host = ev.source().is_some_and(|s| js_sys::Object::is(&s, self.target.as_ref()));
        if !from_host {
            return self.reject("it did not come from the host window");
        }
        let data = ev.data();
        let text = JSON::stringify(&data).ok().and_then(|s| s.as_string()).unwrap_or_default();
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        match envelope::parse_envelope(&value) {
            Ok(env) => self.dispatch(env),
            Err(Rejection::Foreign) => self.reject("not a citypanel envelope"),
            Err(e) => self.reject(&e.to_string()),
        }
    }

    fn dispatch(&self, env: Envelope) {
        match (env.kind, Event::parse(env.method)) {
            (Kind::Event, Some(Event::Hello)) => match decode_capabilities(&env.payload) {
                Ok(caps) => {
                    *self.capabilities.borrow_mut() = caps;
                    self.count(true);
                    if let Some(resolve) = self.hello.borrow_mut().take() {
                        let _ = resolve.call0(&JsValue::NULL);
                    }
                }
                Err(e) => self.reject(&format!("`hello`: {e}")),
            },
            (Kind::Event, Some(Event::Notify)) => match parse_notice(&env.payload) {
                Ok(notice) => {
                    self.count(true);
                    self.notices.deliver(&notice);
                }
                Err(e) => self.reject(&format!("`notify`: {e}")),
            },
            (Kind::Event, Some(Event::Visibility)) => match env.payload.get("hidden") {
                Some(Value::Bool(hidden)) => {
                    self.count(true);
                    crate::kit::visibility::set_host_hidden(*hidden);
                }
                _ => self.reject("`visibility`: expected `{ hidden: true | false }`"),
            },
            (Kind::Event, Some(Event::Back)) => {
                self.count(true);
                let step = self.back.borrow().as_ref().map(|f| f());
                let (answer, reason) = step.unwrap_or(("root", None));
                let mut payload = json!({ "to": env.id, "answer": answer });
                if let Some(r) = reason {
                    payload["reason"] = r.into();
                }
                let n = self.next.get().wrapping_add(1);
                self.next.set(n);
                let id = format!("cp-{n}");
                let msg = envelope::envelope(&id, Kind::Event, Event::Stepped.as_str(), payload);
                if let Err(e) = self.post(&msg) {
                    web_sys::console::warn_1(&format!("citypanel bridge: {e}").into());
                }
            }
            (Kind::Response, _) => {
                let method = env.method;
                let entry = self.take_pending(&env.id);
                let Some((resolve, reject)) = entry else {
                    return self.reject(&format!(
                        "a `{method}` response to no outstanding request (`{}`)",
                        env.id
                    ));
                };
                self.count(true);
                let _ = match env.error {
                    Some((code, message)) => {
                        reject.call1(&JsValue::NULL, &format!("{code}: {message}").into())
                    }
                    None => resolve.call1(&JsValue::NULL, &env.payload.to_string().into()),
                };
            }
            (kind, _) => self.reject(&format!(
                "a `{}` `{}` is not something the panel answers",
                kind.as_str(),
                env.method
            )),
        }
    }
}

/// A bridge to the parent window over `postMessage`.
pub struct PostMessageBridge {
    inner: Rc<Inner>,
    window: web_sys::Window,
    listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl PostMessageBridge {
    /// Talks to `window.parent`, accepting only `host_origin` (exact). Counters go to `report`;
    /// the host's `notify` events go to `notices`.
    pub fn new(
        host_origin: &str,
        report: Option<web_sys::Element>,
        notices: Notices,
    ) -> Result<Self, String> {
        if !envelope::valid_origin(host_origin) {
            return Err(format!(
                "host origin `{host_origin}` is not an exact origin like `https://host.example`"
            ));
        }
        let window = web_sys::window().ok_or("no window")?;
        let target = window.parent().ok().flatten().ok_or("no parent window")?;
        let inner = Rc::new(Inner {
            target,
            origin: host_origin.to_string(),
            capabilities: RefCell::new(Vec::new()),
            pending: RefCell::new(Vec::new()),
            hello: RefCell::new(None),
            next: Cell::new(0),
            accepted: Cell::new(0),
            rejected: Cell::new(0),
            report,
            notices,
            back: RefCell::new(None),
        });
        let weak = Rc::downgrade(&inner);
        let listener =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                if let Some(inner) = weak.upgrade() {
                    inner.on_message(&ev);
                }
            });
        window
            .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
            .map_err(|_| "could not listen for messages")?;
        Ok(PostMessageBridge { inner, window, listener })
    }

    /// Announces the panel (`ready`) and waits up to `ms` for the host's `hello`.
    /// Without one, the panel runs with no host capabilities.
    pub async fn handshake(&self, ms: u32) -> bool {
        let promise = Promise::new(&mut |resolve, _| {
            *self.inner.hello.borrow_mut() = Some(resolve);
        });
        let id = self.next_id();
        if self
            .inner
            .post(&envelope::envelope(
                &id,
                Kind::Event,
                Event::Ready.as_str(),
                json!({ "version": super::BRIDGE_VERSION }),
            ))
            .is_err()
        {
            return false;
        }
        let ok = with_timeout(promise, ms, "hello").await.is_ok();
        self.inner.hello.borrow_mut().take();
        ok
    }

    fn next_id(&self) -> String {
        let n = self.inner.next.get().wrapping_add(1);
        self.inner.next.set(n);
        format!("cp-{n}")
    }

    fn request(
        &self,
        capability: HostCapability,
        payload: Value,
    ) -> BoxFuture<Result<Value, BridgeError>> {
        let (method, ms) = (capability.as_str(), capability.timeout_ms());
        let inner = self.inner.clone();
        let id = self.next_id();
        let promise = Promise::new(&mut |resolve, reject| {
            inner.pending.borrow_mut().push((id.clone(), (resolve, reject)));
        });
        let sent = inner.post(&envelope::envelope(&id, Kind::Request, method, payload));
        Box::pin(async move {
            if let Err(detail) = sent {
                inner.take_pending(&id);
                return Err(BridgeError::Host { method, detail });
            }
            let result = with_timeout(promise, ms, method).await;
            inner.take_pending(&id);
            let text = result.map_err(|e| match e {
                BridgeError::Host { detail, .. } if detail.starts_with("unsupported") => {
                    BridgeError::Unsupported(method)
                }
                other => other,
            })?;
            serde_json::from_str(&text.as_string().unwrap_or_default())
                .map_err(|e| BridgeError::Invalid { method, detail: e.to_string() })
        })
    }

    /// Calls `capability` with `args` (as [`HostCapability::params`]) when the host declared
    /// it, and reads the answer with `decode`.
    fn decoded<T: 'static>(
        &self,
        capability: HostCapability,
        args: Vec<Value>,
        decode: fn(&Value) -> Result<T, String>,
    ) -> BoxFuture<Result<T, BridgeError>> {
        let method = capability.as_str();
        if !self.inner.capabilities.borrow().contains(&capability) {
            return Box::pin(async move { Err(BridgeError::Unsupported(method)) });
        }
        let call = self.request(capability, capability.request_payload(args));
        Box::pin(async move {
            decode(&call.await?).map_err(|detail| BridgeError::Invalid { method, detail })
        })
    }

    /// Answers the host's `back` events with `step` (the mounted panel's step back).
    pub fn on_back(&self, step: impl Fn() -> (&'static str, Option<&'static str>) + 'static) {
        *self.inner.back.borrow_mut() = Some(Box::new(step));
    }

    /// Messages accepted and rejected so far.
    pub fn stats(&self) -> (u32, u32) {
        (self.inner.accepted.get(), self.inner.rejected.get())
    }
}

impl Drop for PostMessageBridge {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("message", self.listener.as_ref().unchecked_ref());
        // Settle what is outstanding so every timeout timer is cleared now.
        let pending: Vec<_> = self.inner.pending.borrow_mut().drain(..).collect();
        for (_, (_, reject)) in pending {
            let _ = reject.call1(&JsValue::NULL, &UNMOUNTED.into());
        }
        if let Some(resolve) = self.inner.hello.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}

impl HostBridge for PostMessageBridge {
    fn capabilities(&self) -> Vec<HostCapability> {
        self.inner.capabilities.borrow().clone()
    }

    fn identity(&self) -> BoxFuture<Result<Identity, BridgeError>> {
        self.decoded(HostCapability::Identity, vec![], decode_identity)
    }

    fn pay(&self, order: PayOrder) -> BoxFuture<Result<HostOutcome, BridgeError>> {
        self.decoded(HostCapability::Pay, vec![pay_payload(&order)], decode_outcome)
    }

    fn location(&self) -> BoxFuture<Result<String, BridgeError>> {
        self.decoded(HostCapability::Location, vec![], decode_city)
    }

    fn subscribe(
        &self,
        topic: String,
        key: String,
        city: String,
    ) -> BoxFuture<Result<bool, BridgeError>> {
        self.decoded(HostCapability::Subscribe, vec![topic.into(), key.into(), city.into()], |v| {
            Ok(v.as_bool().unwrap_or(true))
        })
    }

    fn open(&self, target: String) -> BoxFuture<Result<(), BridgeError>> {
        self.decoded(HostCapability::Open, vec![target.into()], |_| Ok(()))
    }

    fn share(&self, title: String, link: String) -> BoxFuture<Result<bool, BridgeError>> {
        self.decoded(HostCapability::Share, vec![title.into(), link.into()], |v| {
            Ok(v.as_bool().unwrap_or(true))
        })
    }
}
