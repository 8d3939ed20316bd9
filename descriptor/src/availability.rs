//! Availability per capability: opening hours (Beijing time) and maintenance windows, shown as
//! a degraded state rather than an error. No clock here: callers pass epoch milliseconds.

use crate::text::Text;
use crate::time::{beijing, beijing_to_epoch_ms};
use crate::vocab::Capability;

/// Opening hours and maintenance windows of a service.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Availability {
    /// When the department accepts requests; empty = always.
    pub hours: Vec<Hours>,
    pub maintenance: Vec<Maintenance>,
}

/// Opening hours on some weekdays, in Beijing time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    pub days: Vec<u8>,
    /// Opening, in minutes after midnight.
    pub from: u16,
    /// Closing, in minutes after midnight (up to 1440), after `from`.
    pub to: u16,
}

/// A window during which one capability (or `all`) is paused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Maintenance {
    pub capability: Capability,
    /// Start, epoch milliseconds (inclusive).
    pub from_ms: i64,
    /// End, epoch milliseconds (exclusive).
    pub to_ms: i64,
    pub message: Option<Text>,
}

/// What the panel shows for a capability at an instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CapabilityState {
    Open,
    /// Outside opening hours; `next_open` is the next opening (epoch ms), if any within a week.
    Closed {
        next_open: Option<i64>,
    },
    /// In a maintenance window until `until` (epoch ms).
    Paused {
        until: i64,
        message: Option<Text>,
    },
}

impl Availability {
    /// Whether `at` (epoch ms) falls within the opening hours (always, without hours).
    pub fn is_open(&self, at: i64) -> bool {
        if self.hours.is_empty() {
            return true;
        }
        let Some(now) = beijing(at) else { return false };
        let (day, minute) = (now.date.weekday(), now.minute_of_day());
        self.hours.iter().any(|h| h.days.contains(&day) && h.from <= minute && minute < h.to)
    }

    /// The next opening at or after `at` (`at` itself when open), within the coming week.
    pub fn next_open(&self, at: i64) -> Option<i64> {
        if self.is_open(at) {
            return Some(at);
        }
        let now = beijing(at)?;
        let minute = now.minute_of_day();
        (0..=7).find_map(|offset| {
            let date = now.date.add_days(offset)?;
            let day = date.weekday();
            self.hours
                .iter()
                .filter(|h| h.days.contains(&day) && (offset > 0 || h.from > minute))
                .map(|h| h.from)
                .min()
                .map(|from| beijing_to_epoch_ms(date, i64::from(from)))
        })
    }

    /// The maintenance window pausing `capability` at `at`, if any (the one ending last).
    pub fn paused(&self, capability: Capability, at: i64) -> Option<&Maintenance> {
        self.maintenance
            .iter()
            .filter(|m| {
                m.capability == capability
                    || m.capability == Capability::All
                    || capability == Capability::All
            })
            .filter(|m| m.from_ms <= at && at < m.to_ms)
            .max_by_key(|m| m.to_ms)
    }

    /// The state of `capability` at `at`: paused beats closed beats open.
    pub fn state(&self, capability: Capability, at: i64) -> CapabilityState {
        if let Some(m) = self.paused(capability, at) {
            return CapabilityState::Paused { until: m.to_ms, message: m.message.clone() };
        }
        if self.is_open(at) {
            CapabilityState::Open
        } else {
            CapabilityState::Closed { next_open: self.next_open(at) }
        }
    }

    /// The first instant after `at` at which the state of `capability` can change — an
    /// opening or a closing within the coming week, or the start or end of a maintenance
    /// window — so a panel can look again exactly then; `None` when nothing is due to change.
    pub fn next_change(&self, capability: Capability, at: i64) -> Option<i64> {
        let applies = |m: &&Maintenance| {
            m.capability == capability
                || m.capability == Capability::All
                || capability == Capability::All
        };
        let windows = self.maintenance.iter().filter(applies).flat_map(|m| [m.from_ms, m.to_ms]);
        let today = beijing(at).map(|l| l.date);
        let hours = today.into_iter().flat_map(|today| {
            (0..=7).filter_map(move |offset| today.add_days(offset)).flat_map(move |date| {
                self.hours
                    .iter()
                    .filter(move |h| h.days.contains(&date.weekday()))
                    .flat_map(move |h| [h.from, h.to])
                    .map(move |minute| beijing_to_epoch_ms(date, i64::from(minute)))
            })
        });
        windows.chain(hours).filter(|t| *t > at).min()
    }
}
