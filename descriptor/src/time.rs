//! Calendar and clock arithmetic without a clock: civil dates, Beijing time (UTC+8, no daylight
//! saving) and ISO 8601 timestamps. Callers pass instants as epoch milliseconds.

use std::fmt;

/// Beijing time's offset from UTC in seconds.
pub const BEIJING_OFFSET_S: i64 = 8 * 3600;
const DAY_MS: i64 = 86_400_000;

/// A proleptic Gregorian calendar date. Orders chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub y: u16,
    pub m: u8,
    pub d: u8,
}

/// Days in month `m` of year `y` (0 for a month that does not exist).
pub fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01, if its year fits in 0–9999.
pub fn civil_from_days(days: i64) -> Option<Date> {
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe.checked_add(era.checked_mul(400)?)? + i64::from(m <= 2);
    let y = u16::try_from(y).ok().filter(|y| *y <= 9999)?;
    Some(Date { y, m, d })
}

impl Date {
    /// A real calendar date, or `None` (30 February, month 13, year 10000…).
    pub fn new(y: u16, m: u8, d: u8) -> Option<Date> {
        (y <= 9999 && d >= 1 && d <= days_in_month(y, m)).then_some(Date { y, m, d })
    }

    /// Parses exactly `yyyy-MM-dd` (ASCII digits) into a real date.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Date::new(num(s, 0..4)?, num(s, 5..7)? as u8, num(s, 8..10)? as u8)
    }

    /// Parses exactly `yyyyMMdd` into a real date.
    pub fn parse_compact(s: &str) -> Option<Date> {
        if s.len() != 8 {
            return None;
        }
        Date::new(num(s, 0..4)?, num(s, 4..6)? as u8, num(s, 6..8)? as u8)
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        days_from_civil(i64::from(self.y), self.m, self.d)
    }

    /// This date moved by `n` days (negative: earlier), if still within years 0–9999.
    pub fn add_days(self, n: i64) -> Option<Date> {
        civil_from_days(self.days().checked_add(n)?)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.days() + 3).rem_euclid(7) + 1) as u8
    }

    /// The Beijing-time date of an instant.
    pub fn beijing(epoch_ms: i64) -> Option<Date> {
        beijing(epoch_ms).map(|t| t.date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// Parses a run of ASCII digits (no sign, no spaces) at `range` of `s`.
pub(crate) fn num(s: &str, range: std::ops::Range<usize>) -> Option<u16> {
    let part = s.get(range)?;
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// A wall-clock reading in Beijing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub date: Date,
    pub hh: u8,
    pub mm: u8,
    pub ss: u8,
}

impl Local {
    /// Minutes since local midnight.
    pub fn minute_of_day(&self) -> u16 {
        u16::from(self.hh) * 60 + u16::from(self.mm)
    }
}

/// The Beijing wall-clock reading of an instant (epoch milliseconds).
pub fn beijing(epoch_ms: i64) -> Option<Local> {
    let secs = epoch_ms.div_euclid(1000).checked_add(BEIJING_OFFSET_S)?;
    let date = civil_from_days(secs.div_euclid(86_400))?;
    let rem = secs.rem_euclid(86_400);
    Some(Local { date, hh: (rem / 3600) as u8, mm: (rem % 3600 / 60) as u8, ss: (rem % 60) as u8 })
}

/// The instant (epoch milliseconds) of a Beijing wall-clock time.
pub fn beijing_to_epoch_ms(date: Date, minute_of_day: i64) -> i64 {
    date.days() * DAY_MS + (minute_of_day * 60 - BEIJING_OFFSET_S) * 1000
}

/// An ISO 8601 reading: a date alone, or an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Iso {
    Date(Date),
    /// Epoch milliseconds. Without an offset the time is read as Beijing time.
    Instant(i64),
}

/// Parses `2025-04-12`, `2025-04-12T08:30[:15[.123]]` followed by `Z`, `±HH:MM`, `±HHMM` or
/// nothing (Beijing time). A space may stand for the `T`.
pub fn parse_iso8601(s: &str) -> Option<Iso> {
    let s = s.trim();
    let date = Date::parse_iso(s.get(..10)?)?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(Iso::Date(date));
    }
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let (clock, zone) = match rest.find(['Z', 'z', '+', '-']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (hh, mm) = (num(clock, 0..2)?, num(clock, 3..5)?);
    if clock.as_bytes().get(2) != Some(&b':') {
        return None;
    }
    let (mut ss, mut milli) = (0, 0i64);
    if clock.len() > 5 {
        if clock.as_bytes().get(5) != Some(&b':') {
            return None;
        }
        ss = num(clock, 6..8)?;
        let frac = &clock[8..];
        if !(frac.is_empty()
            || (frac.len() > 1
                && frac.starts_with('.')
                && frac[1..].bytes().all(|b| b.is_ascii_digit())))
        {
            return None;
        }
        // Milliseconds: the first three digits of the fraction.
        for (i, b) in frac.bytes().skip(1).chain(std::iter::repeat(b'0')).take(3).enumerate() {
            milli += i64::from(b - b'0') * [100, 10, 1][i];
        }
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let offset_s = match zone {
        "" => BEIJING_OFFSET_S,
        "Z" | "z" => 0,
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || z.len() > 6 {
                return None;
            }
            let (oh, om) = (num(&digits, 0..2)?, num(&digits, 2..4)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (i64::from(oh) * 3600 + i64::from(om) * 60)
        }
    };
    let secs =
        date.days() * 86_400 + i64::from(hh) * 3600 + i64::from(mm) * 60 + i64::from(ss) - offset_s;
    Some(Iso::Instant(secs * 1000 + milli))
}
