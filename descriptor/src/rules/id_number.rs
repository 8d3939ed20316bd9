//! Resident ID numbers (GB 11643-1999): 18 characters, real birth date, check digit.

use super::{compact_upper, RuleError};
use crate::time::Date;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The GB 11643 check character for the first 17 digits, or `None` if they are not 17 digits.
pub fn id_check_digit(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    CHECK.get((sum % 11) as usize).map(|b| char::from(*b))
}

/// Validates an 18-character resident ID number: 17 digits, a digit or `X`, a real birth date
/// (year 1900 or later) and the GB 11643 check digit. Normalizes (spaces removed, `x` → `X`).
/// 15-digit legacy numbers are refused.
pub fn validate_id_number(raw: &str) -> Result<String, RuleError> {
    let v = compact_upper(raw);
    if v.is_empty() {
        return Err(RuleError::Empty);
    }
    let n = v.chars().count();
    if n == 15 && v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RuleError::IdLegacy(v));
    }
    if n != 18 {
        return Err(RuleError::IdLength(v));
    }
    let (body, last) = v.split_at_checked(17).ok_or_else(|| RuleError::IdCharacter(v.clone()))?;
    if !body.bytes().all(|b| b.is_ascii_digit())
        || !(last == "X" || last.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(RuleError::IdCharacter(v));
    }
    let birth = body.get(6..14).and_then(Date::parse_compact);
    if birth.is_none_or(|d| d.y < 1900) {
        return Err(RuleError::IdBirthDate(v));
    }
    if id_check_digit(body).map(String::from).as_deref() != Some(last) {
        return Err(RuleError::IdChecksum(v));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_follow_gb_11643() {
        assert_eq!(id_check_digit("11010519491231002"), Some('X'));
        assert_eq!(id_check_digit("33010619900307123"), Some('6'));
        assert_eq!(id_check_digit("44030420000229561"), Some('6'));
        assert_eq!(id_check_digit("1101051949123100"), None);
        assert_eq!(id_check_digit("1101051949123100a"), None);
    }

    #[test]
    fn valid_numbers_pass_and_normalize() {
        assert_eq!(validate_id_number("11010519491231002X").as_deref(), Ok("11010519491231002X"));
        assert_eq!(
            validate_id_number(" 110105 19491231 002x ").as_deref(),
            Ok("11010519491231002X")
        );
        assert_eq!(validate_id_number("330106199003071236").as_deref(), Ok("330106199003071236"));
        // Born on a leap day.
        assert_eq!(validate_id_number("440304200002295616").as_deref(), Ok("440304200002295616"));
    }

    #[test]
    fn invalid_numbers_fail_with_precise_codes() {
        let code = |s: &str| validate_id_number(s).map_err(|e| e.code());
        assert_eq!(code(""), Err("required"));
        assert_eq!(code("110105491231002"), Err("id_number.legacy"));
        assert_eq!(code("11010519491231002"), Err("id_number.length"));
        assert_eq!(code("11010519491231002XX"), Err("id_number.length"));
        assert_eq!(code("1101051949123100XX"), Err("id_number.character"));
        assert_eq!(code("11010519491231002Y"), Err("id_number.character"));
        assert_eq!(code("１１010519491231002X"), Err("id_number.character"));
        // 1949-12-31 → 1949-02-30 (no such day); 2001-02-29 (not a leap year); 1899.
        assert_eq!(code("110105194902300020"), Err("id_number.birth_date"));
        assert_eq!(code("440304200102295616"), Err("id_number.birth_date"));
        assert_eq!(code("110105189912310021"), Err("id_number.birth_date"));
        // Right shape, wrong check digit.
        assert_eq!(code("110105194912310021"), Err("id_number.checksum"));
        assert_eq!(code("330106199003071235"), Err("id_number.checksum"));
    }
}
