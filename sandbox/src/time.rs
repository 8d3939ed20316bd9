//! The platform's one clock, and time text without a date crate: milliseconds since the
//! epoch, RFC 3339 and the departments' Beijing times. Dates are the descriptor crate's
//! [`Date`] (one calendar for the whole workspace).
//!
//! Every part of the sandbox that needs "now" (opening hours, maintenance windows, today's
//! slots and bills, hold expiry, token lifetimes, record times) reads [`now_ms`]. It is the
//! machine's clock unless the process was started with `--now` ([`set_now`]): then the clock
//! starts at that instant and runs on in real time, so tests and demos see a chosen time of
//! day (holds still expire). The setting is per process.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// What is added to the machine's clock: 0 unless `--now` moved it.
static OFFSET_MS: AtomicI64 = AtomicI64::new(0);

/// The machine's own clock, in milliseconds since the epoch (0 before 1970).
pub fn wall_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The platform's "now": milliseconds since 1970-01-01T00:00:00Z on the platform's clock.
pub fn now_ms() -> i64 {
    wall_ms().saturating_add(OFFSET_MS.load(Ordering::Relaxed))
}

/// Moves this process's clock so that "now" is `at_ms` (epoch ms); it runs on from there.
pub fn set_now(at_ms: i64) {
    OFFSET_MS.store(at_ms.saturating_sub(wall_ms()), Ordering::Relaxed);
}

/// Reads a `--now` value: an RFC 3339 instant with its offset, such as
/// `2030-01-07T09:00:00+08:00` or `2030-01-07T01:00:00Z` (a time without an offset is read as
/// Beijing time, a date alone is refused).
pub fn parse_instant(text: &str) -> Option<i64> {
    match citypanel_descriptor::time::parse_iso8601(text)? {
        citypanel_descriptor::time::Iso::Instant(ms) => Some(ms),
        citypanel_descriptor::time::Iso::Date(_) => None,
    }
}

pub use citypanel_descriptor::time::Date;
use citypanel_descriptor::time::{beijing, civil_from_days};

/// The date `days` after 1970-01-01, clamped to years 0–9999.
pub fn date_of_days(days: i64) -> Date {
    let last = Date { y: 9999, m: 12, d: 31 };
    civil_from_days(days).unwrap_or(if days < 0 { Date { y: 0, m: 1, d: 1 } } else { last })
}

/// Today's date in Beijing, on the platform's clock.
pub fn beijing_today() -> Date {
    date_of_days((now_ms() + 8 * 3_600_000).div_euclid(86_400_000))
}

/// RFC 3339 in UTC with milliseconds, e.g. `2025-04-12T08:30:15.123Z`.
pub fn rfc3339(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let date = date_of_days(days);
    let (h, m) = (rest / 3_600_000, rest / 60_000 % 60);
    let (s, milli) = (rest / 1000 % 60, rest % 1000);
    format!("{date}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
}

/// An instant as a Beijing `yyyyMMddHHmmss` time, as departments write paid times.
pub fn beijing14(ms: i64) -> String {
    match beijing(ms) {
        Some(t) => {
            let Date { y, m, d } = t.date;
            format!("{y:04}{m:02}{d:02}{:02}{:02}{:02}", t.hh, t.mm, t.ss)
        }
        None => "00000000000000".into(),
    }
}

/// ISO 8601 (`+08:00`) of a Beijing `yyyyMMddHHmmss` time.
pub fn iso_of14(t14: &str) -> String {
    let p = |r: std::ops::Range<usize>| t14.get(r).unwrap_or("00");
    format!("{}-{}-{}T{}:{}:{}+08:00", p(0..4), p(4..6), p(6..8), p(8..10), p(10..12), p(12..14))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates() {
        assert_eq!(date_of_days(0), Date { y: 1970, m: 1, d: 1 });
        assert_eq!(date_of_days(Date { y: 2024, m: 2, d: 29 }.days()).to_string(), "2024-02-29");
        assert_eq!(date_of_days(i64::MAX), Date { y: 9999, m: 12, d: 31 });
        assert_eq!(date_of_days(i64::MIN), Date { y: 0, m: 1, d: 1 });
    }

    #[test]
    fn reads_now_instants() {
        assert_eq!(parse_instant("2030-01-07T09:00:00+08:00"), Some(1_893_978_000_000));
        assert_eq!(parse_instant("2030-01-07T01:00:00Z"), Some(1_893_978_000_000));
        assert_eq!(parse_instant("2030-01-07T09:00"), Some(1_893_978_000_000));
        assert_eq!(parse_instant("2030-01-07"), None);
        assert_eq!(parse_instant("tomorrow"), None);
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339(1_744_446_615_123), "2025-04-12T08:30:15.123Z");
        assert_eq!(beijing14(0), "19700101080000");
        assert_eq!(iso_of14("20250428103042"), "2025-04-28T10:30:42+08:00");
    }
}
