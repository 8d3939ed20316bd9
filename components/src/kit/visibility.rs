//! Whether the panels' page is hidden (issue 19: the citizen left for the wallet app, another
//! chat, the home screen): the page's own `visibilitychange`, or what the host said
//! (`handle.setHidden`, the iframe's `visibility` event) — hidden when either says so.
//! Panels [`watch`] it while mounted: polls wait while hidden, and on show a payment or booking
//! in flight is reconciled at once. One `visibilitychange` listener, there only while some
//! panel watches.

use leptos::prelude::on_cleanup;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast};

type Watcher = Rc<dyn Fn(bool)>;

thread_local! {
    static HOST_HIDDEN: Cell<bool> = const { Cell::new(false) };
    static LAST: Cell<bool> = const { Cell::new(false) };
    static NEXT: Cell<u32> = const { Cell::new(1) };
    static WATCHERS: RefCell<Vec<(u32, Watcher)>> = const { RefCell::new(Vec::new()) };
    static LISTENER: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
}

fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &"hidden".into()).ok())
        .and_then(|h| h.as_bool())
        .unwrap_or(false)
}

/// Whether the panels are hidden now.
pub fn hidden() -> bool {
    HOST_HIDDEN.with(Cell::get) || page_hidden()
}

/// The host says its page (or its city-services entry) is hidden or shown again.
pub fn set_host_hidden(hidden: bool) {
    HOST_HIDDEN.with(|h| h.set(hidden));
    changed();
}

/// Tells every watcher when the state changed since the last time.
fn changed() {
    let now = hidden();
    if LAST.with(|l| l.replace(now)) == now {
        return;
    }
    // Copied out: a watcher may start or stop watching.
    let all: Vec<Watcher> = WATCHERS.with(|w| w.borrow().iter().map(|(_, f)| f.clone()).collect());
    for f in all {
        f(now);
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Calls `f(hidden)` on each change until the current reactive owner is disposed.
pub fn watch(f: impl Fn(bool) + 'static) {
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1).max(1));
        id
    });
    let first = WATCHERS.with(|w| {
        let mut w = w.borrow_mut();
        w.push((id, Rc::new(f)));
        w.len() == 1
    });
    if first {
        LAST.with(|l| l.set(hidden()));
        let listener = Closure::<dyn FnMut()>::new(changed);
        if let Some(d) = document() {
            let _ = d.add_event_listener_with_callback(
                "visibilitychange",
                listener.as_ref().unchecked_ref(),
            );
        }
        LISTENER.with(|l| *l.borrow_mut() = Some(listener));
    }
    on_cleanup(move || forget(id));
}

fn forget(id: u32) {
    let last = WATCHERS.with(|w| {
        let mut w = w.borrow_mut();
        w.retain(|(i, _)| *i != id);
        w.is_empty()
    });
    if last {
        if let Some(listener) = LISTENER.with(|l| l.borrow_mut().take()) {
            if let Some(d) = document() {
                let _ = d.remove_event_listener_with_callback(
                    "visibilitychange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    }
}
