//! Uniform values produced by response mapping, displayed per locale.

use crate::text::Text;
use crate::time::{self, Date, Iso};
use crate::vocab::Tone;

/// A value after mapping: typed, locale-independent.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    /// An amount of money in fen (1/100 yuan).
    Money(i64),
    Date {
        y: u16,
        m: u8,
        d: u8,
    },
    /// A wall-clock reading in Beijing time.
    DateTime {
        y: u16,
        m: u8,
        d: u8,
        hh: u8,
        mm: u8,
        ss: u8,
    },
    /// An enumerated code with its localized label and optional tone.
    Label {
        code: String,
        text: Text,
        tone: Option<Tone>,
    },
    /// The department did not supply this field.
    Missing,
}

impl Value {
    /// Human display in `locale`; never fails.
    pub fn display(&self, locale: &str) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Integer(n) => n.to_string(),
            Value::Money(fen) => format_money(*fen),
            Value::Date { y, m, d } => format!("{y:04}-{m:02}-{d:02}"),
            Value::DateTime { y, m, d, hh, mm, .. } => {
                format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}")
            }
            Value::Label { text, .. } => text.get(locale).to_string(),
            Value::Missing => "—".to_string(),
        }
    }

    /// The machine code of an enumerated value (used for badge styling).
    pub fn code(&self) -> Option<&str> {
        match self {
            Value::Label { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The tone of an enumerated value, if its descriptor gave one.
    pub fn tone(&self) -> Option<Tone> {
        match self {
            Value::Label { tone, .. } => *tone,
            _ => None,
        }
    }

    /// The amount in fen of a money value.
    pub fn money(&self) -> Option<i64> {
        match self {
            Value::Money(fen) => Some(*fen),
            _ => None,
        }
    }
}

/// `20000` fen → `¥200.00`; negative amounts keep their sign.
pub fn format_money(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let yuan = abs / 100;
    let cents = abs % 100;
    let mut digits = yuan.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    format!("{sign}¥{digits}{grouped}.{cents:02}")
}

fn date(d: Date) -> Value {
    Value::Date { y: d.y, m: d.m, d: d.d }
}

/// Parses `yyyyMMdd`.
pub fn parse_date8(s: &str) -> Option<Value> {
    Date::parse_compact(s).map(date)
}

/// Parses `yyyyMMddHHmmss`.
pub fn parse_datetime14(s: &str) -> Option<Value> {
    if s.len() != 14 {
        return None;
    }
    let d = Date::parse_compact(s.get(..8)?)?;
    let (hh, mm, ss) =
        (time::num(s, 8..10)? as u8, time::num(s, 10..12)? as u8, time::num(s, 12..14)? as u8);
    (hh < 24 && mm < 60 && ss < 61).then_some(Value::DateTime {
        y: d.y,
        m: d.m,
        d: d.d,
        hh,
        mm,
        ss,
    })
}

/// Epoch milliseconds → date-time in China Standard Time (UTC+8, no daylight saving).
pub fn from_epoch_millis(ms: i64) -> Option<Value> {
    let t = time::beijing(ms)?;
    Some(Value::DateTime { y: t.date.y, m: t.date.m, d: t.date.d, hh: t.hh, mm: t.mm, ss: t.ss })
}

/// ISO 8601: a date stays a date; a date-time is shown in Beijing time.
pub fn from_iso8601(s: &str) -> Option<Value> {
    match time::parse_iso8601(s)? {
        Iso::Date(d) => Some(date(d)),
        Iso::Instant(ms) => from_epoch_millis(ms),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats_in_yuan() {
        assert_eq!(format_money(20000), "¥200.00");
        assert_eq!(format_money(5), "¥0.05");
        assert_eq!(format_money(123456789), "¥1,234,567.89");
        assert_eq!(format_money(-150), "-¥1.50");
        assert_eq!(format_money(i64::MIN), "-¥92,233,720,368,547,758.08");
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(parse_date8("20240229").map(|v| v.display("en")).as_deref(), Some("2024-02-29"));
        assert_eq!(parse_date8("20230229"), None);
        assert_eq!(parse_date8("2023022a"), None);
        assert_eq!(parse_date8("2023-2-1"), None);
        assert_eq!(
            parse_datetime14("20250412083015").map(|v| v.display("en")).as_deref(),
            Some("2025-04-12 08:30")
        );
        assert_eq!(parse_datetime14("20250412253015"), None);
        assert_eq!(parse_datetime14("２０２５0412083015"), None);
        assert_eq!(parse_datetime14("2025041208301+"), None);
    }

    #[test]
    fn epoch_millis_is_beijing_time() {
        // 2025-04-12T00:30:15Z is 08:30:15 in Beijing.
        let v = from_epoch_millis(1_744_417_815_000).map(|v| v.display("en"));
        assert_eq!(v.as_deref(), Some("2025-04-12 08:30"));
        assert_eq!(
            from_epoch_millis(-1).map(|v| v.display("en")).as_deref(),
            Some("1970-01-01 07:59")
        );
        assert_eq!(from_epoch_millis(i64::MAX), None);
        assert_eq!(from_epoch_millis(i64::MIN), None);
    }

    #[test]
    fn iso8601_dates_and_instants() {
        let show = |s: &str| from_iso8601(s).map(|v| v.display("en"));
        assert_eq!(show("2025-04-12").as_deref(), Some("2025-04-12"));
        assert_eq!(show("2025-04-12T08:30:15+08:00").as_deref(), Some("2025-04-12 08:30"));
        assert_eq!(show("2025-04-12T00:30:15Z").as_deref(), Some("2025-04-12 08:30"));
        assert_eq!(show("2025-04-11T20:30:15.250-04:00").as_deref(), Some("2025-04-12 08:30"));
        assert_eq!(show("2025-04-12 08:30").as_deref(), Some("2025-04-12 08:30"));
        assert_eq!(show("2025-12-31T23:30:00Z").as_deref(), Some("2026-01-01 07:30"));
        for bad in [
            "2025-02-30",
            "2025-04-12T25:00:00Z",
            "2025-04-12T08:30:15+8",
            "20250412",
            "2025-04-12T08",
            "2025-04-12T08:30:15.+08:00",
        ] {
            assert_eq!(from_iso8601(bad), None, "{bad}");
        }
    }
}
