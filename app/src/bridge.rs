//! The Rust demo hosts' bridge: identity from a token the host mints for its demo user, and
//! the host's own payment sheet (confirm or cancel), whose answer goes to the host's payment
//! provider, which notifies the platform with a signed notification.

use crate::hosts::Host;
use citypanel::bridge::{
    parse_outcome, BoxFuture, BridgeError, HostBridge, HostCapability, Identity, PayOrder,
};
use citypanel::payment::HostOutcome;
use citypanel_descriptor::map::Map;
use js_sys::{Function, Promise};
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// An open payment sheet: the order and the function that answers `pay()`.
#[derive(Clone)]
pub struct Sheet {
    pub order: PayOrder,
    pub answer: Function,
}

/// The demo host's bridge.
#[derive(Clone, Copy)]
pub struct DemoBridge {
    pub host: Host,
    pub token: RwSignal<Option<String>>,
    pub sheet: RwSignal<Option<Sheet>, LocalStorage>,
    /// Paid from the host's balance so far, in fen.
    pub spent: RwSignal<i64>,
}

impl DemoBridge {
    pub fn new(host: Host) -> Self {
        let token = RwSignal::new(None);
        leptos::task::spawn_local(async move {
            let _ = token.try_set(mint_token(&host).await);
        });
        DemoBridge { host, token, sheet: RwSignal::new_local(None), spent: RwSignal::new(0) }
    }
}

/// Mints a token for the host's demo user on the sandbox (a loopback-only demo route; a real
/// host signs tokens on its own server).
pub async fn mint_token(host: &Host) -> Option<String> {
    let body =
        serde_json::json!({ "host": host.id, "sub": host.user_id, "ttl_s": 3600 }).to_string();
    let resp = gloo_net::http::Request::post("/admin/tokens")
        .header("content-type", "application/json")
        .body(body)
        .ok()?
        .send()
        .await
        .ok()?;
    let v: serde_json::Value = serde_json::from_str(&resp.text().await.ok()?).ok()?;
    v["token"].as_str().map(str::to_string)
}

/// Hands the sheet's answer to the host's payment provider, which tells the platform with a
/// notification it signs on its server (`POST /sandbox/provider/orders/{order}/settle`, the
/// sandbox's stand-in for the wallet's backend: the browser never holds the pay key, and the
/// platform never takes the page's own word for a payment).
pub async fn settle(order: &str, outcome: &str, token: Option<String>) -> bool {
    let body = serde_json::json!({ "outcome": outcome }).to_string();
    let mut req = gloo_net::http::Request::post(&format!(
        "/sandbox/provider/orders/{}/settle",
        js_sys::encode_uri_component(order)
    ))
    .header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("authorization", &format!("Bearer {t}"));
    }
    match req.body(body) {
        Ok(r) => r.send().await.is_ok_and(|r| r.ok()),
        Err(_) => false,
    }
}

impl HostBridge for DemoBridge {
    fn capabilities(&self) -> Vec<HostCapability> {
        // Every capability of the contract; `pay` only for hosts with a wallet.
        let wallet = self.host.pay_zh.is_some();
        HostCapability::ALL
            .iter()
            .copied()
            .filter(|c| *c != HostCapability::Pay || wallet)
            .collect()
    }

    fn identity(&self) -> BoxFuture<Result<Identity, BridgeError>> {
        let (host, token) = (self.host, self.token.get_untracked());
        Box::pin(async move {
            let token = match token {
                Some(t) => Some(t),
                None => mint_token(&host).await,
            };
            let mut attributes = Map::new();
            for (k, v) in [
                ("name", host.user_name),
                ("id_number", host.id_number),
                ("mobile", host.mobile),
                ("plates", host.plates),
            ] {
                if !v.is_empty() {
                    attributes.insert(k.to_string(), v.to_string());
                }
            }
            Ok(Identity { token, attributes })
        })
    }

    fn pay(&self, order: PayOrder) -> BoxFuture<Result<HostOutcome, BridgeError>> {
        if self.host.pay_zh.is_none() {
            return Box::pin(async { Err(BridgeError::Unsupported(HostCapability::Pay.as_str())) });
        }
        let sheet = self.sheet;
        let promise = Promise::new(&mut |resolve, _| {
            sheet.set(Some(Sheet { order: order.clone(), answer: resolve }));
        });
        Box::pin(async move {
            let v = JsFuture::from(promise).await.unwrap_or(JsValue::NULL);
            sheet.try_set(None);
            v.as_string().as_deref().and_then(parse_outcome).ok_or(BridgeError::Invalid {
                method: HostCapability::Pay.as_str(),
                detail: "no outcome".into(),
            })
        })
    }

    fn location(&self) -> BoxFuture<Result<String, BridgeError>> {
        Box::pin(async { Ok("330100".to_string()) })
    }

    /// The host's notifications: follows `key` under `topic` for its user on the platform's
    /// subscriptions (a real host would also push the notices itself).
    fn subscribe(
        &self,
        topic: String,
        key: String,
        city: String,
    ) -> BoxFuture<Result<bool, BridgeError>> {
        let (host, token) = (self.host, self.token.get_untracked());
        Box::pin(async move {
            let body = serde_json::json!({ "topic": topic, "key": key, "user": host.user_id, "city": city }).to_string();
            let mut req = gloo_net::http::Request::post("/api/v1/subscriptions")
                .header("content-type", "application/json");
            if let Some(t) = token {
                req = req.header("authorization", &format!("Bearer {t}"));
            }
            let sent = req.body(body).map_err(|e| BridgeError::Host {
                method: HostCapability::Subscribe.as_str(),
                detail: e.to_string(),
            })?;
            let resp = sent.send().await.map_err(|e| BridgeError::Host {
                method: HostCapability::Subscribe.as_str(),
                detail: e.to_string(),
            })?;
            Ok(resp.ok())
        })
    }

    fn open(&self, target: String) -> BoxFuture<Result<(), BridgeError>> {
        Box::pin(async move {
            if target.starts_with("https://")
                || target.starts_with("http://")
                || target.starts_with('/')
            {
                if let Some(w) = web_sys::window() {
                    let _ = w.open_with_url_and_target(&target, "_blank");
                }
            }
            Ok(())
        })
    }
}
