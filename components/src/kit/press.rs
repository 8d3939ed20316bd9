//! Field checks on blur, held while the pointer press that caused the blur is down.
//!
//! Pressing the submit button blurs the field being edited. Showing or clearing that field's
//! error moves the form's layout, and when the button moves from under the pointer between
//! press and release the browser fires no click: the citizen's first click is lost. So a blur
//! during a press that began in the form is checked when the press ends — after its click.

use crate::kit::util::Timers;
use leptos::prelude::*;

#[derive(Default)]
struct Held {
    pressing: bool,
    ids: Vec<String>,
    ends: Vec<WindowListenerHandle>,
}

/// The form's press state (one per form); see the module docs.
#[derive(Clone, Copy)]
pub struct PressHold(StoredValue<Held, LocalStorage>);

impl Default for PressHold {
    fn default() -> Self {
        Self::new()
    }
}

impl PressHold {
    /// A hold whose pending listeners are removed when the current owner is disposed.
    pub fn new() -> Self {
        let held = StoredValue::new_local(Held::default());
        on_cleanup(move || {
            let ends = held.try_update_value(|h| std::mem::take(&mut h.ends)).unwrap_or_default();
            ends.into_iter().for_each(WindowListenerHandle::remove);
        });
        PressHold(held)
    }

    /// A pointer press began in the form: blurs are held until it ends (released or
    /// cancelled anywhere on the page), then each held field is `check`ed after the click.
    pub fn press(self, check: impl Fn(String) + Clone + 'static, timers: Timers) {
        let held = self.0;
        if held.try_update_value(|h| std::mem::replace(&mut h.pressing, true)).unwrap_or(true) {
            return;
        }
        let end = move || {
            let Some((ids, ends)) = held.try_update_value(|h| {
                h.pressing = false;
                (std::mem::take(&mut h.ids), std::mem::take(&mut h.ends))
            }) else {
                return;
            };
            ends.into_iter().for_each(WindowListenerHandle::remove);
            let check = check.clone();
            // After this task: the click that ends the press is dispatched first.
            timers.after(0, move || ids.into_iter().for_each(check));
        };
        let up = window_event_listener(leptos::ev::pointerup, {
            let end = end.clone();
            move |_| end()
        });
        let cancel = window_event_listener(leptos::ev::pointercancel, move |_| end());
        held.update_value(|h| h.ends.extend([up, cancel]));
    }

    /// Checks field `id` now with `check`, or when the press in progress ends.
    pub fn blur(self, id: String, check: impl FnOnce(String)) {
        let pressing = self.0.try_with_value(|h| h.pressing).unwrap_or(false);
        if pressing {
            self.0.update_value(|h| {
                if !h.ids.contains(&id) {
                    h.ids.push(id)
                }
            });
        } else {
            check(id);
        }
    }
}
