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
                t(locale, Msg::SentenceEnd),
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

/// A notice above the form while the service's main capability is not open; it follows
/// `state`, which the panel moves on at each opening, closing and maintenance edge.
#[component]
pub fn AvailabilityNote(state: Signal<CapabilityState>, locale: Signal<String>) -> impl IntoView {
    move || {
        let current = state.get();
        let kind = match current {
            CapabilityState::Open => return None,
            CapabilityState::Paused { .. } => "paused",
            CapabilityState::Closed { .. } => "closed",
        };
        Some(view! {
            <p class="cp-availability" role="status" data-availability=kind>
                {move || availability_text(&current, &locale.get())}
            </p>
        })
    }
}

/// The state of `capability` now, kept current: looked at again at the instant it can next
/// change (an opening or closing minute, a maintenance edge; at least hourly), with timers
/// owned by the panel.
pub fn watch_availability(
    d: std::sync::Arc<citypanel_descriptor::Descriptor>,
    capability: citypanel_descriptor::model::Capability,
    timers: crate::kit::util::Timers,
) -> RwSignal<CapabilityState> {
    use crate::kit::util::now_ms;
    const HOUR_MS: i64 = 3_600_000;
    fn schedule(
        d: std::sync::Arc<citypanel_descriptor::Descriptor>,
        capability: citypanel_descriptor::model::Capability,
        timers: crate::kit::util::Timers,
        state: RwSignal<CapabilityState>,
    ) {
        let now = now_ms();
        let Some(next) = d.next_availability_change(capability, now) else { return };
        let wait = (next - now).clamp(1, HOUR_MS) as u32;
        let again = timers.clone();
        timers.after(wait, move || {
            let current = d.capability_state(capability, now_ms());
            if state.try_get_untracked().is_some_and(|s| s != current) {
                state.set(current);
            }
            schedule(d, capability, again, state);
        });
    }
    let state = RwSignal::new(d.capability_state(capability, now_ms()));
    schedule(d, capability, timers, state);
    state
}
