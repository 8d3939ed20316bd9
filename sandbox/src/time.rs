//! The platform's one clock, and date helpers without a date crate: milliseconds since the
//! epoch, RFC 3339 text and strict `yyyy-MM-dd` dates (proleptic Gregorian, H. Hinnant's
//! civil-day algorithms).
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

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year, 1970–9999.
    pub year: i64,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month, 1–31.
    pub day: u32,
}

impl Date {
    /// Parses exactly `yyyy-MM-dd` (years 1970–9999), rejecting impossible days.
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let date = Date { year: i64::from(year), month, day };
        let valid = year >= 1970 && (1..=12).contains(&month) && day >= 1;
        (valid && day <= days_in_month(date.year, month)).then_some(date)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        let y = if self.month <= 2 { self.year - 1 } else { self.year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    /// `yyyy-MM-dd`.
    pub fn to_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// RFC 3339 in UTC with milliseconds, e.g. `2025-04-12T08:30:15.123Z`.
pub fn rfc3339(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let date = Date::from_days(days);
    let (h, m) = (rest / 3_600_000, rest / 60_000 % 60);
    let (s, milli) = (rest / 1000 % 60, rest % 1000);
    format!("{}T{h:02}:{m:02}:{s:02}.{milli:03}Z", date.to_iso())
}

/// An instant as a Beijing `yyyyMMddHHmmss` time, as departments write paid times.
pub fn beijing14(ms: i64) -> String {
    let local = ms + 8 * 3_600_000;
    let day = Date::from_days(local.div_euclid(86_400_000)).to_iso();
    let s = local.rem_euclid(86_400_000) / 1000;
    let compact = day.replace('-', "");
    format!("{compact}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
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
    fn dates_round_trip_and_reject_impossible_days() {
        let d = Date::parse("2024-02-29").expect("leap day");
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(Date::parse("1970-01-01").map(Date::days), Some(0));
        for bad in ["2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-01-0x", ""] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert_eq!(Date::parse("2030-01-07").map(Date::to_iso).as_deref(), Some("2030-01-07"));
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
