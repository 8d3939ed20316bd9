//! A Leptos host app embedding citypanel with the crate's public API only: it lends the panels a
//! bridge (`impl HostBridge`: here only its user's city; no wallet, so payments fall back to the
//! platform's payment page), themes them with `--cp-*` tokens and shows one service and a
//! city's catalog.

use citypanel::bridge::{
    BoxFuture, Bridge, BridgeError, HostBridge, HostCapability, Identity, PayOrder,
};
use citypanel::embed::EmbeddedPanel;
use citypanel::payment::HostOutcome;
use leptos::prelude::*;

/// The host's side of the bridge contract: what it can do for a panel.
struct Host;

impl HostBridge for Host {
    fn capabilities(&self) -> Vec<HostCapability> {
        vec![HostCapability::Location]
    }
    fn identity(&self) -> BoxFuture<Result<Identity, BridgeError>> {
        Box::pin(async { Err(BridgeError::Unsupported("identity")) })
    }
    fn pay(&self, _order: PayOrder) -> BoxFuture<Result<HostOutcome, BridgeError>> {
        Box::pin(async { Err(BridgeError::Unsupported("pay")) })
    }
    fn location(&self) -> BoxFuture<Result<String, BridgeError>> {
        Box::pin(async { Ok("330100".to_string()) })
    }
    fn subscribe(
        &self,
        _topic: String,
        _key: String,
        _city: String,
    ) -> BoxFuture<Result<bool, BridgeError>> {
        Box::pin(async { Ok(false) })
    }
    fn open(&self, _target: String) -> BoxFuture<Result<(), BridgeError>> {
        Box::pin(async { Err(BridgeError::Unsupported("open")) })
    }
}

#[component]
fn App() -> impl IntoView {
    provide_context(Bridge::new(Host));
    let locale = RwSignal::new("zh-CN".to_string());
    view! {
        <main>
            <h1>"城市服务"</h1>
            <div class="cp-root" style="--cp-color-primary: #b93a07; --cp-radius: 12px">
                <EmbeddedPanel city="330100" locale=locale service=Some("water-bill".to_string()) />
            </div>
            <div class="cp-root">
                <EmbeddedPanel city="330100" locale=locale />
            </div>
        </main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
