//! Degraded states from the descriptor's availability: outside hours, paused for maintenance.
//! Shown as a notice, not an error; the panel disables only what is paused.

use crate::i18n::{colon, t, Msg};
use citypanel_descriptor::model::CapabilityState;
use citypanel_descriptor::time::beijing;
use leptos::prelude::*;

/// `yyyy-MM-dd HH:mm` (Beijing) of an instant.
pub fn beijing_text(epoch_ms: i64) -> String {
    beijing(epoch_ms).map(|l| format!("{} {:02}:{:02}", l.date, l.hh, l.mm)).unwrap_or_default()
}

/// The notice for a capability state, if it is not open.
pub fn availability_text(state: &CapabilityState, locale: &str) -> Option<String> {
    match state {
        CapabilityState::Open => None,
        CapabilityState::Closed { next_open } => Some(match next_open {
            Some(at) => format!(
                "{}{}{}{}{}",
                t(locale, Msg::Closed),
                if crate::i18n::is_zh(locale) { "。" } else { ". " },
                t(locale, Msg::NextOpen),
                colon(locale),
                beijing_text(*at)
            ),
            None => t(locale, Msg::Closed).to_string(),
        }),
        CapabilityState::Paused { until, message } => Some(match message {
            Some(m) => m.get(locale).to_string(),
            None => format!("{}（{}）", t(locale, Msg::Paused), beijing_text(*until)),
        }),
    }
}

/// A notice above the form when the service's main capability is not open now.
#[component]
pub fn AvailabilityNote(state: CapabilityState, locale: Signal<String>) -> impl IntoView {
    let closed = !matches!(state, CapabilityState::Open);
    closed.then(|| {
        let kind = match state {
            CapabilityState::Paused { .. } => "paused",
            _ => "closed",
        };
        view! {
            <p class="cp-availability" role="status" data-availability=kind>
                {move || availability_text(&state, &locale.get())}
            </p>
        }
    })
}
