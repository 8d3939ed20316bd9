//! Trap containment, the Rust side. A panic in this module is a trap (`panic = "abort"`): the
//! module must not be called again. [`on_trap`] lets the loader (`embed/citypanel.js`) learn of
//! it as it happens — before the `unreachable` unwinds through whichever event handler, timer
//! or call ran into it — so that it can show every panel's "service unavailable" and retry on a
//! fresh instance (see `docs/embedding.md#when-the-sdk-fails`).
//!
//! With the `test-trap` feature (on only in the demo build, `citypanel-app/demo`; never in the
//! SDK build hosts load from `sdk/`), `__citypanelTestTrap()` forces one, for the e2e suite.

use std::cell::RefCell;
use std::sync::Once;
use wasm_bindgen::prelude::*;

thread_local! {
    static ON_TRAP: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Calls `callback(message)` when this module panics, after the hooks installed before (the
/// console message). The callback must not call into this module: it is about to trap.
#[wasm_bindgen(js_name = onTrap)]
pub fn on_trap(callback: js_sys::Function) {
    ON_TRAP.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = Some(callback);
        }
    });
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            previous(info);
            let callback = ON_TRAP
                .try_with(|slot| slot.try_borrow().ok().and_then(|f| f.clone()))
                .ok()
                .flatten();
            if let Some(callback) = callback {
                let message = JsValue::from_str(&info.to_string());
                let _ = callback.call1(&JsValue::NULL, &message);
            }
        }));
    });
}

/// Test only (feature `test-trap`): panics on the next timer turn, as a bug in a panel's timer
/// or event handler would.
#[cfg(feature = "test-trap")]
#[wasm_bindgen(js_name = __citypanelTestTrap)]
pub fn test_trap() {
    gloo_timers::callback::Timeout::new(0, || {
        panic!("citypanel: trap forced by a test (feature `test-trap`)")
    })
    .forget();
}
