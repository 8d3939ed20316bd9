//! Uniform values produced by response mapping, displayed per locale.

use crate::text::Text;

/// A value after mapping: typed, locale-independent.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    /// An amount of money in fen (1/100 yuan).
    Money(i64),
    Date { y: u16, m: u8, d: u8 },
    DateTime { y: u16, m: u8, d: u8, hh: u8, mm: u8, ss: u8 },
    /// An enumerated code with its localized label.
    Label { code: String, text: Text },
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
            Value::DateTime { y, m, d, hh, mm, .. } => format!("{y:04}-{m:02}-{d:02} {hh:02}:{mm:02}"),
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

fn days_in_month(y: u16, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn digits(s: &str, range: std::ops::Range<usize>) -> Option<u16> {
    s.get(range)?.parse().ok()
}

/// Parses `yyyyMMdd`.
pub fn parse_date8(s: &str) -> Option<Value> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, m, d) = (digits(s, 0..4)?, digits(s, 4..6)? as u8, digits(s, 6..8)? as u8);
    (d >= 1 && d <= days_in_month(y, m)).then_some(Value::Date { y, m, d })
}

/// Parses `yyyyMMddHHmmss`.
pub fn parse_datetime14(s: &str) -> Option<Value> {
    if s.len() != 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let Value::Date { y, m, d } = parse_date8(&s[..8])? else { return None };
    let (hh, mm, ss) = (digits(s, 8..10)? as u8, digits(s, 10..12)? as u8, digits(s, 12..14)? as u8);
    (hh < 24 && mm < 60 && ss < 61).then_some(Value::DateTime { y, m, d, hh, mm, ss })
}

/// Epoch milliseconds → date-time in China Standard Time (UTC+8, no daylight saving).
pub fn from_epoch_millis(ms: i64) -> Option<Value> {
    let secs = ms.checked_div(1000)?.checked_add(8 * 3600)?;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days.checked_add(719_468)?;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    let y = u16::try_from(y).ok()?;
    Some(Value::DateTime { y, m, d, hh: (rem / 3600) as u8, mm: (rem % 3600 / 60) as u8, ss: (rem % 60) as u8 })
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
        assert_eq!(parse_datetime14("20250412083015").map(|v| v.display("en")).as_deref(), Some("2025-04-12 08:30"));
        assert_eq!(parse_datetime14("20250412253015"), None);
        assert_eq!(parse_datetime14("２０２５0412083015"), None);
    }

    #[test]
    fn epoch_millis_is_beijing_time() {
        // 2025-04-12T00:30:15Z is 08:30:15 in Beijing.
        let v = from_epoch_millis(1_744_417_815_000).map(|v| v.display("en"));
        assert_eq!(v.as_deref(), Some("2025-04-12 08:30"));
        assert_eq!(from_epoch_millis(i64::MAX), None);
        assert_eq!(from_epoch_millis(i64::MIN), None);
    }
}
