//! Small browser helpers shared by the panel views.

use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use wasm_bindgen::{closure::Closure, JsCast};

/// Timeouts owned by a component: all cleared when it unmounts, so nothing fires afterwards.
#[derive(Clone, Default)]
pub struct Timers(Arc<Mutex<Vec<i32>>>);

impl Timers {
    /// Timers cleared when the current reactive owner is disposed.
    pub fn new() -> Self {
        let t = Self::default();
        let t2 = t.clone();
        on_cleanup(move || t2.clear());
        t
    }

    /// Runs `f` after `ms` milliseconds (unless the component is gone by then).
    pub fn after(&self, ms: u32, f: impl FnOnce() + 'static) {
        let Some(w) = web_sys::window() else { return };
        let cb = Closure::once_into_js(f);
        if let Ok(id) = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            cb.unchecked_ref(),
            ms.min(i32::MAX as u32) as i32,
        ) {
            if let Ok(mut ids) = self.0.lock() {
                ids.push(id);
            }
        }
    }

    fn clear(&self) {
        let ids = self.0.lock().map(|mut v| std::mem::take(&mut *v)).unwrap_or_default();
        if let Some(w) = web_sys::window() {
            for id in ids {
                w.clear_timeout_with_handle(id);
            }
        }
    }
}

/// A new idempotency key (an attempt's identity; not a secret).
pub fn fresh_key() -> String {
    let r = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    format!("cp{:011x}{r:014x}", now_ms() as u64)
}

/// Now, in epoch milliseconds: the one place the panels read the clock (the page's `Date`,
/// which tests pin with Playwright's `page.clock`).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Focuses the first element matching `selector` inside `root`, after the next render — only
/// when focus is in this panel or nowhere (the element the citizen used was redrawn away). A
/// panel never takes focus from what the citizen is using elsewhere: the host's pay sheet
/// open over it, another panel on the page, the host's own controls.
pub fn focus_later(root: NodeRef<leptos::html::Section>, selector: impl Into<String>) {
    focus_selector_later(root, selector.into());
}

/// Whether focus is on something outside `root` (the host's controls, another panel) rather
/// than nowhere (`body`) or inside `root`: a panel then leaves it where it is.
fn focus_is_elsewhere(root: &web_sys::Element) -> bool {
    let active = root.owner_document().and_then(|d| d.active_element());
    active.is_some_and(|a| !root.contains(Some(&a)) && a.local_name() != "body")
}

fn focus_selector_later(root: NodeRef<leptos::html::Section>, selector: String) {
    request_animation_frame(move || {
        let Some(root) = root.get_untracked() else { return };
        if focus_is_elsewhere(&root) {
            return;
        }
        let el = root.query_selector(&selector).ok().flatten();
        if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

/// After a navigation inside `root` (catalog → service, → My City, back), moves focus to the
/// new screen's heading (`.cp-panel__title`) once it has rendered — a service's title appears
/// when its descriptor has loaded, so it is looked for every 50 ms, for at most 5 s. Only when
/// focus is nowhere (the button used was redrawn away) or already in `root`: never taken from
/// the host's own controls.
pub fn focus_heading(root: NodeRef<leptos::html::Div>, timers: Timers) {
    fn attempt(root: NodeRef<leptos::html::Div>, timers: Timers, left: u32) {
        let Some(el) = root.try_get_untracked().flatten() else { return };
        if focus_is_elsewhere(&el) {
            return;
        }
        let heading = el.query_selector(".cp-panel__title").ok().flatten();
        match heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(h) => {
                let _ = h.focus();
            }
            None if left > 0 => {
                let again = timers.clone();
                timers.after(50, move || attempt(root, again, left - 1));
            }
            None => {}
        }
    }
    let again = timers.clone();
    timers.after(0, move || attempt(root, again, 100));
}

/// A view redrawn whenever the signals `f` reads change. Type-erased (one shared closure type
/// producing an `AnyView`), so every such view shares one render implementation instead of
/// one per closure type.
pub fn redraw(f: impl FnMut() -> AnyView + Send + 'static) -> AnyView {
    let f: Arc<Mutex<dyn FnMut() -> AnyView + Send>> = Arc::new(Mutex::new(f));
    f.into_any()
}

/// A reactive value (text, attribute) of the same shared closure type the `view!` macro gives
/// inline closures, so a named closure adds no render code of its own.
pub fn shared<T: 'static>(
    f: impl FnMut() -> T + Send + 'static,
) -> Arc<Mutex<dyn FnMut() -> T + Send>> {
    Arc::new(Mutex::new(f))
}

/// A click handler as one shared type (a boxed closure): every `on:click` then shares one
/// listener implementation instead of one per handler closure.
pub fn click(
    f: impl FnMut(leptos::ev::MouseEvent) + 'static,
) -> Box<dyn FnMut(leptos::ev::MouseEvent)> {
    Box::new(f)
}
