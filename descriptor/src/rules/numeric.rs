//! Amounts (exact, in fen), whole numbers and dates.

use super::RuleError;
use crate::time::Date;

/// Exact decimal yuan (`"12.5"`, `"-0.05"`, `"200"`; at most 2 decimals) → fen.
pub fn parse_yuan(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || frac.len() > 2 || (s.contains('.') && frac.is_empty()) {
        return None;
    }
    if !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    let fen = whole.checked_mul(100)?.checked_add(frac)?;
    Some(if neg { -fen } else { fen })
}

/// Fen → yuan with two decimals, as sent to departments: `1250` → `"12.50"`.
pub fn format_yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Validates an amount in yuan (an optional leading `¥`); returns fen. Without `min` the amount
/// must be more than zero.
pub fn validate_amount(
    raw: &str,
    min_fen: Option<i64>,
    max_fen: Option<i64>,
) -> Result<i64, RuleError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(RuleError::Empty);
    }
    let t = t.trim_start_matches(['¥', '￥']).trim_start();
    let fen = parse_yuan(t).ok_or_else(|| RuleError::AmountFormat(t.to_string()))?;
    match min_fen {
        None if fen <= 0 => return Err(RuleError::AmountPositive(t.to_string())),
        Some(min) if fen < min => return Err(RuleError::AmountTooSmall(t.to_string(), min)),
        _ => {}
    }
    match max_fen {
        Some(max) if fen > max => Err(RuleError::AmountTooLarge(t.to_string(), max)),
        _ => Ok(fen),
    }
}

/// Validates a whole number (ASCII digits, optional `-`) within the bounds.
pub fn validate_number(raw: &str, min: Option<i64>, max: Option<i64>) -> Result<i64, RuleError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(RuleError::Empty);
    }
    let digits = t.strip_prefix('-').unwrap_or(t);
    let n: i64 = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .ok_or_else(|| RuleError::NumberFormat(t.to_string()))?;
    match (min, max) {
        (Some(lo), _) if n < lo => Err(RuleError::NumberTooSmall(t.to_string(), lo)),
        (_, Some(hi)) if n > hi => Err(RuleError::NumberTooLarge(t.to_string(), hi)),
        _ => Ok(n),
    }
}

/// Validates a date `yyyy-MM-dd` (a real calendar date) within the bounds.
pub fn validate_date(raw: &str, min: Option<Date>, max: Option<Date>) -> Result<Date, RuleError> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(RuleError::Empty);
    }
    let shaped = t.len() == 10
        && t.bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return Err(RuleError::DateFormat(t.to_string()));
    }
    let d = Date::parse_iso(t).ok_or_else(|| RuleError::DateInvalid(t.to_string()))?;
    match (min, max) {
        (Some(lo), _) if d < lo => Err(RuleError::DateTooEarly(t.to_string(), lo)),
        (_, Some(hi)) if d > hi => Err(RuleError::DateTooLate(t.to_string(), hi)),
        _ => Ok(d),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_is_exact() {
        assert_eq!(parse_yuan("12.5"), Some(1250));
        assert_eq!(parse_yuan("12.50"), Some(1250));
        assert_eq!(parse_yuan("0.01"), Some(1));
        assert_eq!(parse_yuan("-0.05"), Some(-5));
        assert_eq!(parse_yuan("200"), Some(20000));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("1."), None);
        assert_eq!(parse_yuan(".5"), None);
        assert_eq!(parse_yuan("1e3"), None);
        assert_eq!(parse_yuan("99999999999999999999"), None);
        assert_eq!(format_yuan(1250), "12.50");
        assert_eq!(format_yuan(-5), "-0.05");
        assert_eq!(format_yuan(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn amounts() {
        assert_eq!(validate_amount(" 12.5 ", None, None), Ok(1250));
        assert_eq!(validate_amount("¥0.01", None, None), Ok(1));
        assert_eq!(validate_amount("￥ 3", None, Some(300)), Ok(300));
        let code = |s: &str, lo, hi| validate_amount(s, lo, hi).map_err(|e| e.code());
        assert_eq!(code("", None, None), Err("required"));
        assert_eq!(code("0", None, None), Err("amount.positive"));
        assert_eq!(code("-1", None, None), Err("amount.positive"));
        assert_eq!(code("0", Some(0), None), Ok(0));
        assert_eq!(code("1.005", None, None), Err("amount.format"));
        assert_eq!(code("1,000", None, None), Err("amount.format"));
        assert_eq!(code("abc", None, None), Err("amount.format"));
        assert_eq!(code("4.99", Some(500), None), Err("amount.min"));
        assert_eq!(code("3.01", None, Some(300)), Err("amount.max"));
        let Err(e) = validate_amount("3.01", None, Some(300)) else { panic!("accepted") };
        assert!(e.user_message("zh-CN").contains("3.00元"), "{}", e.user_message("zh-CN"));
    }

    #[test]
    fn numbers() {
        assert_eq!(validate_number("42", None, None), Ok(42));
        assert_eq!(validate_number("-7", Some(-10), Some(0)), Ok(-7));
        assert_eq!(validate_number("007", None, None), Ok(7));
        let code = |s: &str, lo, hi| validate_number(s, lo, hi).map_err(|e| e.code());
        assert_eq!(code("4.2", None, None), Err("number.format"));
        assert_eq!(code("-", None, None), Err("number.format"));
        assert_eq!(code("+5", None, None), Err("number.format"));
        assert_eq!(code("99999999999999999999", None, None), Err("number.format"));
        assert_eq!(code("0", Some(1), None), Err("number.min"));
        assert_eq!(code("11", None, Some(10)), Err("number.max"));
    }

    #[test]
    fn dates_including_leap_years() {
        let d = |y, m, d| Date::new(y, m, d);
        assert_eq!(validate_date("2024-02-29", None, None).ok(), d(2024, 2, 29));
        assert_eq!(validate_date("2000-02-29", None, None).ok(), d(2000, 2, 29));
        let code = |s: &str, lo, hi| validate_date(s, lo, hi).map_err(|e| e.code());
        assert_eq!(code("2023-02-29", None, None), Err("date.invalid"));
        assert_eq!(code("1900-02-29", None, None), Err("date.invalid"));
        assert_eq!(code("2025-04-31", None, None), Err("date.invalid"));
        assert_eq!(code("2025-13-01", None, None), Err("date.invalid"));
        assert_eq!(code("2025-4-12", None, None), Err("date.format"));
        assert_eq!(code("2025/04/12", None, None), Err("date.format"));
        assert_eq!(code("２０２５-04-12", None, None), Err("date.format"));
        assert_eq!(code("2025-04-11", d(2025, 4, 12), None), Err("date.min"));
        assert_eq!(code("2025-04-13", None, d(2025, 4, 12)), Err("date.max"));
        assert_eq!(
            code("2025-04-12", d(2025, 4, 12), d(2025, 4, 12)),
            Ok(d(2025, 4, 12).unwrap_or(Date { y: 0, m: 1, d: 1 }))
        );
    }
}
