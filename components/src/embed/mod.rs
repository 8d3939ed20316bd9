//! Embedding without Rust: `mount(element, config) → handle` exported to JS, and the iframe
//! entry ([`start_frame`]) that talks to its host over `postMessage`.
//!
//! Leptos hosts use the same pieces directly: `provide_context(Bridge::new(…))` around
//! [`EmbeddedPanel`] (or `CatalogPanel` / `ServiceView`), with the theme applied by
//! [`apply_theme`] on an ancestor.

pub mod config;
pub mod panel;
pub mod trap;

pub use config::{parse_config, EmbedConfig};
pub use panel::{EmbedNav, EmbeddedPanel};

use crate::bridge::envelope::valid_origin;
use crate::bridge::js::JsBridge;
use crate::bridge::post_message::PostMessageBridge;
use crate::bridge::Bridge;
use crate::notice::{parse_notice, Notices};
use crate::theme::{parse_theme, Theme};
use js_sys::{Reflect, JSON};
use leptos::prelude::*;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Sets the theme on `el`: custom properties, `data-cp-theme` and `data-cp-mode`.
pub fn apply_theme(el: &web_sys::HtmlElement, theme: &Theme) {
    let style = el.style();
    for (prop, value) in &theme.vars {
        let _ = style.set_property(prop, value);
    }
    let _ = el.set_attribute("data-cp-theme", if theme.dark { "dark" } else { "light" });
    let _ = el.set_attribute("data-cp-mode", if theme.elder { "elder" } else { "standard" });
}

struct Mounted {
    view: Box<dyn Any>,
    root: web_sys::HtmlElement,
    locale: RwSignal<String>,
    notices: Notices,
    nav: Option<EmbedNav>,
}

thread_local! {
    /// Every mounted panel, by handle id. A panel lives here, not in its [`MountHandle`], so a
    /// handle the host drops (JS garbage-collects it and wasm-bindgen frees it) never takes the
    /// panel down with it: only `unmount()` does.
    static MOUNTED: RefCell<Vec<(u32, Mounted)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

/// Runs `f` on the panel mounted under `id`, if it still is.
fn with_mounted<T>(id: u32, f: impl FnOnce(&Mounted) -> T) -> Option<T> {
    MOUNTED.with(|all| all.borrow().iter().find(|(i, _)| *i == id).map(|(_, m)| f(m)))
}

/// A mounted panel. `unmount()` removes its DOM, listeners and timers; dropping the handle
/// (or losing it to the garbage collector) leaves the panel mounted.
#[wasm_bindgen]
pub struct MountHandle {
    /// The panel's id in `MOUNTED`; 0 when nothing was mounted.
    id: u32,
}

impl MountHandle {
    /// [`MountHandle::back`] for Rust callers (and the iframe's `back` message).
    pub fn step_back(&self) -> crate::flow::nav::Back {
        // Copied out first: the step re-renders, which must not find `MOUNTED` borrowed.
        match with_mounted(self.id, |m| m.nav).flatten() {
            Some(nav) => nav.back(),
            None => crate::flow::nav::Back::Root,
        }
    }

    /// The handle of the panel mounted under `id` (the iframe entry keeps its number).
    pub fn id(&self) -> u32 {
        self.id
    }

    fn keep(m: Mounted) -> MountHandle {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1).max(1));
            id
        });
        MOUNTED.with(|all| all.borrow_mut().push((id, m)));
        MountHandle { id }
    }
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the panel: its DOM, its event listeners, its timers and intervals.
    pub fn unmount(&self) {
        let taken = MOUNTED.with(|all| {
            let mut all = all.borrow_mut();
            let at = all.iter().position(|(i, _)| *i == self.id)?;
            Some(all.remove(at).1)
        });
        // Dropped outside the borrow: disposing the view may run code that mounts or unmounts.
        if let Some(m) = taken {
            drop(m.view);
            m.root.remove();
        }
    }

    /// Whether the panel is still mounted.
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        with_mounted(self.id, |_| ()).is_some()
    }

    /// Tells the panel that something changed at the host's end: `{ topic, key, message? }`
    /// (see `crate::notice`). A panel showing that key's result under that topic refreshes it
    /// and announces `message`; returns whether one did. A malformed notice throws an `Error`
    /// naming the problem.
    pub fn notify(&self, notice: JsValue) -> Result<bool, JsError> {
        let text = JSON::stringify(&notice).ok().and_then(|s| s.as_string()).unwrap_or_default();
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null);
        let notice = parse_notice(&value).map_err(config_error)?;
        let notices = with_mounted(self.id, |m| m.notices.clone());
        Ok(notices.is_some_and(|n| n.deliver(&notice)))
    }

    /// One step back inside the panel — the service's form, then the screen under it — and
    /// whether it did: `"stepped"`, `"root"` (at its first screen: the host may leave) or
    /// `"refused"` (a submission or payment is in flight; the panel says why).
    pub fn back(&self) -> String {
        self.step_back().as_str().to_string()
    }

    /// The host's page (or its city-services entry) is hidden (`true`) or shown again
    /// (`false`): polls wait while hidden; on show a payment or booking in flight is reconciled
    /// at once. (The panels also follow the page's own `visibilitychange`.)
    #[wasm_bindgen(js_name = setHidden)]
    pub fn set_hidden(&self, hidden: bool) {
        crate::kit::visibility::set_host_hidden(hidden);
    }

    /// Switches the language in place (`zh-CN` or `en`).
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, locale: &str) -> Result<(), JsError> {
        if !config::LOCALES.contains(&locale) {
            return Err(JsError::new(&format!(
                "citypanel: locale must be `zh-CN` or `en`, got `{locale}`"
            )));
        }
        with_mounted(self.id, |m| {
            let _ = m.root.set_attribute("lang", locale);
            let _ = m.locale.try_set(locale.to_string());
        });
        Ok(())
    }
}

fn config_error(msg: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("citypanel: {msg}"))
}

/// Forgets what citizens typed into forms on this page (see [`crate::drafts`]): for a host
/// signing its user out without a reload.
#[wasm_bindgen(js_name = forgetTyped)]
pub fn forget_typed() {
    crate::drafts::forget();
}

/// Mounts a panel into `element`: the city's catalog, or `config.service`.
///
/// Throws a JS `Error` with a precise message when `element` or `config` is wrong.
/// `prefetch` (optional, from `embed/citypanel.js`): the descriptor request already under way,
/// `{ url, response }` (see [`crate::prefetch`]).
#[wasm_bindgen]
pub fn mount(element: JsValue, config: JsValue, prefetch: JsValue) -> Result<MountHandle, JsError> {
    let element: web_sys::Element =
        element.dyn_into().map_err(|_| config_error("`element` must be a DOM element"))?;
    if !config.is_object() {
        return Err(config_error(
            "`config` must be an object like `{ city: \"330100\", locale: \"zh-CN\" }`",
        ));
    }
    let text = JSON::stringify(&config)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| config_error("`config` could not be read as JSON"))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| config_error(format!("`config` could not be read: {e}")))?;
    let cfg = parse_config(&value).map_err(config_error)?;
    let bridge = match Reflect::get(&config, &"bridge".into()) {
        Ok(b) if !b.is_undefined() && !b.is_null() => {
            Some(Bridge::new(JsBridge::new(b).map_err(config_error)?))
        }
        _ => None,
    };
    if prefetch.is_object() {
        crate::prefetch::offer(&prefetch);
    }
    let handle = mount_config(&element, cfg, bridge);
    crate::prefetch::withdraw();
    Ok(handle)
}

/// What the mounted view hands back: its locale signal and its navigation.
type Slot = Rc<Cell<Option<(RwSignal<String>, EmbedNav)>>>;

/// Mounts a checked config with an optional bridge (also used by Rust hosts).
pub fn mount_config(
    element: &web_sys::Element,
    cfg: EmbedConfig,
    bridge: Option<Bridge>,
) -> MountHandle {
    mount_with(element, cfg, bridge, Notices::new())
}

/// [`mount_config`] with the hub its host's notices arrive at.
pub fn mount_with(
    element: &web_sys::Element,
    cfg: EmbedConfig,
    bridge: Option<Bridge>,
    notices: Notices,
) -> MountHandle {
    let root = match document()
        .create_element("div")
        .map(|e| e.unchecked_into::<web_sys::HtmlElement>())
    {
        Ok(r) => r,
        Err(_) => return MountHandle { id: 0 },
    };
    root.set_class_name("cp-root");
    let _ = root.set_attribute("lang", &cfg.locale);
    apply_theme(&root, &cfg.theme);
    let _ = element.append_child(&root);
    let slot: Slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let hub = notices.clone();
    let view = leptos::mount::mount_to(root.clone(), move || {
        if let Some(b) = bridge {
            provide_context(b);
        }
        provide_context(hub);
        let locale = RwSignal::new(cfg.locale.clone());
        let nav = EmbedNav::default();
        out.set(Some((locale, nav)));
        view! {
            <EmbeddedPanel city=cfg.city service=cfg.service mine=cfg.mine link=cfg.link
                platform=cfg.platform city_name=cfg.city_name locale=locale nav=Some(nav) />
        }
    });
    let (locale, nav) = match slot.take() {
        Some((l, n)) => (l, Some(n)),
        None => (RwSignal::new(String::new()), None),
    };
    MountHandle::keep(Mounted { view: Box::new(view), root, locale, notices, nav })
}

/// A query parameter of the page URL.
fn param(name: &str) -> Option<String> {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get(name))
        .filter(|v| !v.is_empty())
}

/// The iframe entry: `?frame=1&host=<exact host origin>&city=…&locale=…[&service=…][&view=mine][&link=…][&theme=<json>]`.
///
/// The host origin must be an exact origin and, where the browser tells (Chromium's
/// `location.ancestorOrigins`), the origin of the page that actually frames this one.
pub fn start_frame() {
    let body = document().body();
    let fail = |msg: String| {
        web_sys::console::error_1(&format!("citypanel frame: {msg}").into());
        if let Some(b) = document().body() {
            let p = document().create_element("p").ok();
            if let Some(p) = p {
                p.set_class_name("cp-embed-error");
                p.set_text_content(Some(&format!("citypanel: {msg}")));
                let _ = b.append_child(&p);
            }
        }
    };
    let host = param("host").unwrap_or_default();
    if !valid_origin(&host) {
        return fail(format!("`host` must be the exact origin of the host page, got `{host}`"));
    }
    // `location.ancestorOrigins[0]` (not in web-sys): the origin of the framing page.
    let ancestor = web_sys::window()
        .and_then(|w| Reflect::get(&w.location(), &"ancestorOrigins".into()).ok())
        .filter(|list| !list.is_undefined() && !list.is_null())
        .and_then(|list| Reflect::get(&list, &0.into()).ok())
        .and_then(|o| o.as_string());
    if let Some(actual) = ancestor {
        if actual != host {
            return fail(format!("framed by `{actual}`, not by the declared host `{host}`"));
        }
    }
    let mut value = serde_json::json!({
        "city": param("city").unwrap_or_else(|| "330100".into()),
        "locale": param("locale").unwrap_or_else(|| "zh-CN".into()),
    });
    if let Some(s) = param("service") {
        value["service"] = s.into();
    }
    if let Some(v) = param("view") {
        value["view"] = v.into();
    }
    if let Some(l) = param("link") {
        value["link"] = l.into();
    }
    if let Some(t) = param("theme") {
        match serde_json::from_str::<serde_json::Value>(&t) {
            Ok(t) => value["theme"] = t,
            Err(_) => return fail("`theme` must be JSON".into()),
        }
    }
    let cfg = match parse_config(&value) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let notices = Notices::new();
    let bridge = match PostMessageBridge::new(&host, body.clone().map(Into::into), notices.clone())
    {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    // Outside any Leptos owner yet: the plain wasm-bindgen executor.
    wasm_bindgen_futures::spawn_local(async move {
        let said_hello = bridge.handshake(3_000).await;
        if !said_hello {
            web_sys::console::warn_1(
                &"citypanel frame: the host sent no `hello`; running without host capabilities"
                    .into(),
            );
        }
        // The host's `back` events reach the panel once it is mounted.
        let mounted = Rc::new(Cell::new(0u32));
        let seen = mounted.clone();
        bridge.on_back(move || {
            let step = MountHandle { id: seen.get() }.step_back();
            let reason = match step {
                crate::flow::nav::Back::Refused(r) => Some(r.as_str()),
                _ => None,
            };
            (step.as_str(), reason)
        });
        if let Some(b) = document().body() {
            // The frame lives as long as its page (the handle's panel stays mounted).
            let handle = mount_with(&b, cfg, Some(Bridge::new(bridge)), notices);
            mounted.set(handle.id());
        }
    });
}

/// Parses a theme given as JSON text (used by hosts that keep themes as strings).
pub fn theme_from_json(text: &str) -> Result<Theme, String> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("theme is not JSON: {e}"))?;
    parse_theme(&v)
}
