//! Licence plates and engine-number tails.

use super::RuleError;

/// The one-character province abbreviations that open a Chinese licence plate.
pub const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Trims, removes inner spaces and separators (`·`, `-`) and upper-cases ASCII letters.
fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '-' | '•' | '.'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn is_plate_char(c: char) -> bool {
    (c.is_ascii_uppercase() && c != 'I' && c != 'O') || c.is_ascii_digit()
}

/// Validates a licence plate: a province character, a letter, then 5 letters/digits for a
/// regular plate or 6 for a new-energy plate (`D`/`F` first for small cars, last for large
/// vehicles). Returns the normalized plate (`浙a 12345` → `浙A12345`).
pub fn validate_plate(raw: &str) -> Result<String, RuleError> {
    let plate = normalize(raw);
    let mut chars = plate.chars();
    let Some(province) = chars.next() else {
        return Err(RuleError::Empty);
    };
    if !PROVINCES.contains(province) {
        return Err(RuleError::PlateProvince(plate));
    }
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() => {}
        _ => return Err(RuleError::PlateAuthority(plate)),
    }
    let serial: Vec<char> = chars.collect();
    if serial.iter().any(|c| !is_plate_char(*c)) {
        return Err(RuleError::PlateCharacter(plate));
    }
    match serial.as_slice() {
        [_, _, _, _, _] => Ok(plate),
        [first, second, rest @ .., last] if serial.len() == 6 => {
            let small =
                matches!(first, 'D' | 'F') && rest.iter().chain([last]).all(char::is_ascii_digit);
            let large = matches!(last, 'D' | 'F')
                && [first, second].into_iter().chain(rest).all(char::is_ascii_digit);
            if small || large {
                Ok(plate)
            } else {
                Err(RuleError::PlateNewEnergy(plate))
            }
        }
        _ => Err(RuleError::PlateLength(plate)),
    }
}

/// Validates the last 6 characters of an engine number (letters and digits).
pub fn validate_engine_tail(raw: &str) -> Result<String, RuleError> {
    let value = normalize(raw);
    if value.is_empty() {
        return Err(RuleError::Empty);
    }
    if !value.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(RuleError::Alphanumeric(value));
    }
    if value.chars().count() != 6 {
        return Err(RuleError::Length(value, 6));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_plates_pass_and_normalize() {
        assert_eq!(validate_plate("浙A12345").as_deref(), Ok("浙A12345"));
        assert_eq!(validate_plate(" 浙a·123b5 ").as_deref(), Ok("浙A123B5"));
        assert_eq!(validate_plate("京N8P8F8").as_deref(), Ok("京N8P8F8"));
    }

    #[test]
    fn new_energy_plates_pass() {
        assert_eq!(validate_plate("浙AD12345").as_deref(), Ok("浙AD12345"));
        assert_eq!(validate_plate("粤BFA1234").as_deref(), Ok("粤BFA1234"));
        assert_eq!(validate_plate("沪A12345D").as_deref(), Ok("沪A12345D"));
    }

    #[test]
    fn bad_plates_fail_with_precise_codes() {
        let code = |p: &str| validate_plate(p).map_err(|e| e.code());
        assert_eq!(code(""), Err("required"));
        assert_eq!(code("   "), Err("required"));
        assert_eq!(code("AA12345"), Err("plate.province"));
        assert_eq!(code("浙112345"), Err("plate.authority"));
        assert_eq!(code("浙"), Err("plate.authority"));
        assert_eq!(code("浙A1234"), Err("plate.length"));
        assert_eq!(code("浙A1234567"), Err("plate.length"));
        assert_eq!(code("浙A12O45"), Err("plate.character"));
        assert_eq!(code("浙A12中45"), Err("plate.character"));
        assert_eq!(code("浙AX12345"), Err("plate.new_energy"));
        assert_eq!(code("浙AD1234X"), Err("plate.new_energy"));
    }

    #[test]
    fn engine_tail_rule() {
        assert_eq!(validate_engine_tail("a1b2c3").as_deref(), Ok("A1B2C3"));
        assert_eq!(validate_engine_tail("").map_err(|e| e.code()), Err("required"));
        assert_eq!(validate_engine_tail("12345").map_err(|e| e.code()), Err("length"));
        assert_eq!(validate_engine_tail("12345#").map_err(|e| e.code()), Err("alphanumeric"));
    }

    #[test]
    fn messages_are_localized() {
        let Err(e) = validate_plate("AA12345") else { panic!("accepted a bad plate") };
        assert!(e.user_message("zh-CN").contains("省份"));
        assert!(e.user_message("en").contains("province"));
        assert!(e.to_string().contains("`AA12345`"));
    }
}
