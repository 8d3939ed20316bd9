//! Degraded states from the descriptor's availability: outside hours, paused for maintenance.
//! Shown as a notice, not an error; the panel disables only what is paused.

use crate::i18n::{colon, is_zh, t, Msg};
use citypanel_descriptor::model::CapabilityState;
use citypanel_descriptor::time::beijing;
use leptos::prelude::*;

/// `yyyy-MM-dd HH:mm` (Beijing) of an instant.
pub fn beijing_text(epoch_ms: i64) -> String {
    beijing(epoch_ms).map(|l| format!("{} {:02}:{:02}", l.date, l.hh, l.mm)).unwrap_or_default()
}

/// The UTC offset, in minutes east, of Beijing time (all of China: no daylight saving).
const BEIJING_OFFSET_MIN: i32 = 8 * 60;

/// The reader's own UTC offset at `epoch_ms`, in minutes east (the browser's time zone).
#[cfg(target_arch = "wasm32")]
fn reader_offset_min(epoch_ms: i64) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch_ms as f64));
    // `getTimezoneOffset` is minutes *west* of UTC.
    -(date.get_timezone_offset() as i32)
}

/// Native builds (tests) read on Beijing time.
#[cfg(not(target_arch = "wasm32"))]
fn reader_offset_min(_epoch_ms: i64) -> i32 {
    BEIJING_OFFSET_MIN
}

/// `text` (a Beijing wall-clock time) with the zone named when the reader's own clock, at
/// `reader_offset_min` minutes east of UTC, is not on Beijing time.
pub fn with_zone(text: String, locale: &str, reader_offset_min: i32) -> String {
    if reader_offset_min == BEIJING_OFFSET_MIN || text.is_empty() {
        return text;
    }
    let zone = t(locale, Msg::BeijingTime);
    if is_zh(locale) {
        format!("{zone} {text}")
    } else {
        format!("{text} {zone}")
    }
}

/// [`beijing_text`] of an instant, naming the zone for a reader who is not on Beijing time.
pub fn zoned_text(epoch_ms: i64, locale: &str) -> String {
    with_zone(beijing_text(epoch_ms), locale, reader_offset_min(epoch_ms))
}

/// "Times shown are Beijing time (UTC+8)", for a reader whose own clock is not on Beijing time
/// now: said once above slots and results that show wall-clock times.
pub fn zone_note(locale: &str) -> Option<&'static str> {
    let now = crate::kit::util::now_ms();
    (reader_offset_min(now) != BEIJING_OFFSET_MIN).then(|| t(locale, Msg::TimesInBeijing))
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
                zoned_text(*at, locale)
            ),
            None => t(locale, Msg::Closed).to_string(),
        }),
        CapabilityState::Paused { until, message } => Some(match message {
            Some(m) => m.get(locale).to_string(),
            None if is_zh(locale) => format!(
                "{}（{}{}）",
                t(locale, Msg::Paused),
                t(locale, Msg::Until),
                zoned_text(*until, locale)
            ),
            None => format!(
                "{} ({}{})",
                t(locale, Msg::Paused),
                t(locale, Msg::Until),
                zoned_text(*until, locale)
            ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_names_its_zone_only_for_a_reader_elsewhere() {
        let at = "2026-12-08 06:00".to_string();
        assert_eq!(with_zone(at.clone(), "en", 480), "2026-12-08 06:00");
        assert_eq!(with_zone(at.clone(), "zh-CN", 480), "2026-12-08 06:00");
        assert_eq!(with_zone(at.clone(), "en", 60), "2026-12-08 06:00 Beijing time");
        assert_eq!(with_zone(at.clone(), "zh-CN", -300), "北京时间 2026-12-08 06:00");
        assert_eq!(with_zone(String::new(), "en", 60), "");
    }

    #[test]
    fn notices_read_naturally_in_each_language() {
        // 2026-12-08 06:00 Beijing time.
        let at = 1796680800000;
        assert_eq!(beijing_text(at), "2026-12-08 06:00");
        let paused = CapabilityState::Paused { until: at, message: None };
        assert_eq!(
            availability_text(&paused, "en").as_deref(),
            Some("Paused for maintenance (until 2026-12-08 06:00)")
        );
        assert_eq!(
            availability_text(&paused, "zh-CN").as_deref(),
            Some("系统维护中，暂停办理（至 2026-12-08 06:00）")
        );
        assert_eq!(availability_text(&CapabilityState::Open, "en"), None);
    }
}
