//! The host bridge: what a host app lends a panel — identity, payment, location,
//! notifications, navigation — behind one small, versioned contract.
//!
//! The contract — capabilities, messages, wire shapes — is defined once in [`contract`] and
//! [`wire`]; the TypeScript typings and the host glue's constants are generated from it.
//!
//! Panels find the bridge in context ([`Bridge`]); without one they still work for queries and
//! fall back where a host capability is missing (no identity → no prefill offer, no wallet →
//! the payment page fallback). Transports implement [`HostBridge`]: a JS object the host passes
//! to `mount` ([`js::JsBridge`]) and `postMessage` when the panel runs in an iframe
//! ([`post_message::PostMessageBridge`]).

pub mod contract;
pub mod envelope;
pub mod js;
pub mod post_message;
#[cfg(test)]
mod typescript;
pub mod wire;

pub use contract::{parse_outcome, HostCapability, BRIDGE_VERSION};

use crate::payment::HostOutcome;
use citypanel_descriptor::map::Map;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

/// A boxed, single-threaded future (wasm is single-threaded).
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Who is signed in to the host, as far as they agreed to share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The host-signed token, sent to the platform as `Authorization: Bearer …`.
    pub token: Option<String>,
    /// Consented attributes by name: `name`, `id_number`, `mobile`, `plates` (comma-separated).
    pub attributes: Map<String>,
}

impl Identity {
    /// The attribute for a prefill source (`plates` gives the first plate).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        let v = self.attributes.get(name)?.as_str();
        let v = if name == "plates" { v.split(',').next().unwrap_or("") } else { v };
        let v = v.trim();
        (!v.is_empty()).then_some(v)
    }
}

/// A payment the host is asked to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayOrder {
    /// The platform's order number.
    pub order: String,
    /// Amount in fen.
    pub amount_fen: i64,
    /// What is paid for, in the panel's locale (e.g. "Water bill").
    pub title: String,
    /// Who is paid (department or collector).
    pub payee: String,
    /// The service id.
    pub service: String,
}

/// Why the bridge could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BridgeError {
    #[error("the host does not offer `{0}`")]
    Unsupported(&'static str),
    #[error("the host did not answer `{0}` within {1} ms")]
    Timeout(&'static str, u32),
    #[error("the host answered `{method}` with an invalid value: {detail}")]
    Invalid { method: &'static str, detail: String },
    #[error("the host failed `{method}`: {detail}")]
    Host { method: &'static str, detail: String },
}

/// A transport to the host.
pub trait HostBridge {
    /// The declared capabilities.
    fn capabilities(&self) -> Vec<HostCapability>;
    /// The signed-in user (token + consented attributes).
    fn identity(&self) -> BoxFuture<Result<Identity, BridgeError>>;
    /// Opens the host's payment sheet for `order`.
    fn pay(&self, order: PayOrder) -> BoxFuture<Result<HostOutcome, BridgeError>>;
    /// The user's city code (GB/T 2260).
    fn location(&self) -> BoxFuture<Result<String, BridgeError>>;
    /// Asks the host to notify the user about `topic` for `key` (e.g. a plate).
    fn subscribe(
        &self,
        topic: String,
        key: String,
        city: String,
    ) -> BoxFuture<Result<bool, BridgeError>>;
    /// Asks the host to open `target` (a service id or URL).
    fn open(&self, target: String) -> BoxFuture<Result<(), BridgeError>>;
    /// Shares a deep link through the host's share sheet; true when shared. Hosts without one
    /// need not implement it (the panel then shows the link to copy).
    fn share(&self, _title: String, _link: String) -> BoxFuture<Result<bool, BridgeError>> {
        Box::pin(async { Err(BridgeError::Unsupported("share")) })
    }
}

/// The bridge a panel uses, provided as context by `mount` or the host's Leptos code.
///
/// Leptos contexts must be `Send + Sync`; wasm is single-threaded, so the `Rc` is wrapped in
/// a `SendWrapper` (it would panic if touched from another thread, which cannot happen here).
/// `bridge.0.pay(…)` reaches the transport through `Deref`.
#[derive(Clone)]
pub struct Bridge(pub SendWrapper<Rc<dyn HostBridge>>);

impl Bridge {
    pub fn new(b: impl HostBridge + 'static) -> Self {
        Bridge(SendWrapper::new(Rc::new(b)))
    }

    pub fn can(&self, c: HostCapability) -> bool {
        self.0.capabilities().contains(&c)
    }
}
