//! Small helpers shared by the departments: Beijing dates in the departments'
//! formats, the departments' own masking of personal data, and body field access.

use citypanel_descriptor::time::{self, Date};
use serde_json::Value;

pub use crate::ids::hash;
pub use crate::time::iso_of14;

/// Today's date in Beijing, on the platform's clock.
pub fn today() -> Date {
    crate::time::beijing_today()
}

/// A static `yyyy-MM-dd` date (panics only on a typo in the seeded data, caught by tests).
pub fn date(iso: &str) -> Date {
    Date::parse_iso(iso).unwrap_or(Date { y: 1970, m: 1, d: 1 })
}

/// `yyyyMMdd`.
pub fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.y, d.m, d.d)
}

/// `yyMMdd`, as used inside reference numbers.
pub fn yymmdd(d: Date) -> String {
    format!("{:02}{:02}{:02}", d.y % 100, d.m, d.d)
}

/// `yyyy-MM-ddTHH:mm:ss+08:00` from a date and a minute of the day.
pub fn iso_at(d: Date, minute: u32) -> String {
    format!("{d}T{:02}:{:02}:00+08:00", minute / 60, minute % 60)
}

/// Epoch milliseconds of a Beijing `yyyyMMddHHmmss` time (0 if malformed).
pub fn epoch_ms_of14(t14: &str) -> i64 {
    let n = |r: std::ops::Range<usize>| t14.get(r).and_then(|s| s.parse::<i64>().ok());
    let (Some(d), Some(h), Some(m), Some(s)) =
        (t14.get(..8).and_then(Date::parse_compact), n(8..10), n(10..12), n(12..14))
    else {
        return 0;
    };
    time::beijing_to_epoch_ms(d, h * 60 + m) + s * 1000
}

/// A name as departments show it: `陈*远`, `王*`.
pub fn mask_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    match chars.as_slice() {
        [] | [_] => "*".into(),
        [first, _] => format!("{first}*"),
        [first, middle @ .., last] => format!("{first}{}{last}", "*".repeat(middle.len())),
    }
}

/// An ID number as departments show it: `330106********3216`.
pub fn mask_id(id: &str) -> String {
    match (id.get(..6), id.get(id.len().saturating_sub(4)..)) {
        (Some(head), Some(tail)) if id.len() == 18 => format!("{head}********{tail}"),
        _ => "*".repeat(id.chars().count()),
    }
}

/// A mobile number as departments show it: `138****8000`.
pub fn mask_mobile(mobile: &str) -> String {
    match (mobile.get(..3), mobile.get(7..)) {
        (Some(head), Some(tail)) if mobile.len() == 11 => format!("{head}****{tail}"),
        _ => "*".repeat(mobile.chars().count()),
    }
}

/// A body field as text: strings as they are, numbers and booleans as their JSON text,
/// anything else (or nothing) as `""`.
pub fn field<'a>(body: &'a Value, pointer: &str) -> std::borrow::Cow<'a, str> {
    match body.pointer(pointer) {
        Some(Value::String(s)) => s.as_str().into(),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => v.to_string().into(),
        _ => "".into(),
    }
}

/// Whether the 17th digit of a (valid) ID number says male.
pub fn is_male(id: &str) -> bool {
    id.as_bytes().get(16).is_some_and(|b| (b - b'0') % 2 == 1)
}

/// Whole years of age on `on` of the holder of a (valid) ID number.
pub fn age_on(id: &str, on: Date) -> i64 {
    let Some(born) = id.get(6..14).and_then(Date::parse_compact) else {
        return 0;
    };
    let before_birthday = (on.m, on.d) < (born.m, born.d);
    i64::from(on.y) - i64::from(born.y) - i64::from(before_birthday)
}

/// Picks one of `n` patterns for a day: consecutive days rotate through the patterns, and on
/// `anchor` the key `anchor_key` gets pattern 0 (so a published sample day stays as published).
pub fn rotation(key: &str, anchor_key: &str, day: Date, anchor: Date, n: usize) -> usize {
    let n = n.max(1) as i64;
    let offset = if key == anchor_key { 0 } else { (hash(&[key]) % 97) as i64 };
    (day.days() - anchor.days() + offset).rem_euclid(n) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_ages() {
        assert_eq!(mask_name("陈思远"), "陈*远");
        assert_eq!(mask_name("王伟"), "王*");
        assert_eq!(mask_id("330106198805203216"), "330106********3216");
        assert_eq!(mask_mobile("13800138000"), "138****8000");
        assert!(is_male("330106198805203216") && !is_male("330102199203154321"));
        assert_eq!(age_on("330106198805203216", date("2010-05-19")), 21);
        assert_eq!(age_on("330106198805203216", date("2010-05-20")), 22);
    }

    #[test]
    fn times_and_hash() {
        assert_eq!(epoch_ms_of14("20250412083015"), 1_744_417_815_000);
        let anchor = date("2025-05-06");
        assert_eq!(rotation("k", "k", anchor, anchor, 5), 0);
        assert_eq!(rotation("k", "k", date("2025-05-07"), anchor, 5), 1);
    }
}
