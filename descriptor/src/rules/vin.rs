//! Vehicle identification numbers (ISO 3779; GB 16735 requires the check digit in China).

use super::{compact_upper, RuleError};

const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The transliteration value of a VIN character (`I`, `O`, `Q` are not allowed).
fn value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='H' => Some(c as u32 - 'A' as u32 + 1),
        'J'..='N' => Some(c as u32 - 'J' as u32 + 1),
        'P' => Some(7),
        'R' => Some(9),
        'S'..='Z' => Some(c as u32 - 'S' as u32 + 2),
        _ => None,
    }
}

/// The check character (position 9) of a 17-character VIN, or `None` if it has other characters.
pub fn vin_check_digit(vin: &str) -> Option<char> {
    let mut sum = 0;
    let mut n = 0;
    for (c, w) in vin.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
        n += 1;
    }
    if n != 17 || vin.chars().count() != 17 {
        return None;
    }
    Some(match sum % 11 {
        10 => 'X',
        r => char::from_digit(r, 10)?,
    })
}

/// Validates a VIN: 17 digits and letters other than `I`, `O`, `Q`, with the ISO 3779 check
/// digit in position 9. Normalizes (spaces removed, upper case).
pub fn validate_vin(raw: &str) -> Result<String, RuleError> {
    let v = compact_upper(raw);
    if v.is_empty() {
        return Err(RuleError::Empty);
    }
    if v.chars().count() != 17 {
        return Err(RuleError::VinLength(v));
    }
    if v.chars().any(|c| value(c).is_none()) {
        return Err(RuleError::VinCharacter(v));
    }
    if vin_check_digit(&v) != v.chars().nth(8) {
        return Err(RuleError::VinChecksum(v));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_vins_pass() {
        assert_eq!(validate_vin("1M8GDM9AXKP042788").as_deref(), Ok("1M8GDM9AXKP042788"));
        assert_eq!(validate_vin("1hgcm82633a004352").as_deref(), Ok("1HGCM82633A004352"));
        assert_eq!(validate_vin("LSVAU218XN2183294").as_deref(), Ok("LSVAU218XN2183294"));
        assert_eq!(validate_vin("LFV2A21K4 58501234").as_deref(), Ok("LFV2A21K458501234"));
        assert_eq!(vin_check_digit("1M8GDM9AXKP042788"), Some('X'));
        assert_eq!(vin_check_digit("LFV2A21K658501234"), Some('4'));
    }

    #[test]
    fn bad_vins_fail() {
        let code = |s: &str| validate_vin(s).map_err(|e| e.code());
        assert_eq!(code(""), Err("required"));
        assert_eq!(code("1M8GDM9AXKP04278"), Err("vin.length"));
        assert_eq!(code("1M8GDM9AXKP0427888"), Err("vin.length"));
        assert_eq!(code("1M8GDM9AXKP04278O"), Err("vin.character"));
        assert_eq!(code("1M8GDM9AXKP04278Q"), Err("vin.character"));
        assert_eq!(code("1M8GDM9AXKP04278#"), Err("vin.character"));
        assert_eq!(code("1M8GDM9A1KP042788"), Err("vin.checksum"));
        assert_eq!(code("LFV2A21K658501234"), Err("vin.checksum"));
        assert_eq!(vin_check_digit("中M8GDM9AXKP04278"), None);
    }
}
