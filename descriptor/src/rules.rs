//! Value rules for Chinese civic formats. The browser and the sandbox call the same functions:
//! one rule set, both sides.

use thiserror::Error;

/// The one-character province abbreviations that open a Chinese licence plate.
pub const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Why a value failed its rule. `code()` is stable; `Display` is a developer message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    #[error("value is empty")]
    Empty,
    #[error("`{0}` does not start with a province character")]
    PlateProvince(String),
    #[error("`{0}` needs a letter after the province character")]
    PlateAuthority(String),
    #[error("`{0}` must have 5 characters (6 for new-energy) after the letter")]
    PlateLength(String),
    #[error("`{0}` contains a character not allowed on a plate")]
    PlateCharacter(String),
    #[error("`{0}` is not a valid new-energy plate serial")]
    PlateNewEnergy(String),
    #[error("`{0}` must be exactly {1} characters")]
    Length(String, usize),
    #[error("`{0}` may contain only letters and digits")]
    Alphanumeric(String),
    #[error("value has {0} characters; the limit is {1}")]
    TooLong(usize, usize),
}

impl RuleError {
    /// A stable machine-readable code, e.g. `plate.province`.
    pub fn code(&self) -> &'static str {
        match self {
            RuleError::Empty => "required",
            RuleError::PlateProvince(_) => "plate.province",
            RuleError::PlateAuthority(_) => "plate.authority",
            RuleError::PlateLength(_) => "plate.length",
            RuleError::PlateCharacter(_) => "plate.character",
            RuleError::PlateNewEnergy(_) => "plate.new_energy",
            RuleError::Length(..) => "length",
            RuleError::Alphanumeric(_) => "alphanumeric",
            RuleError::TooLong(..) => "too-long",
        }
    }

    /// The message a citizen sees, in `locale` (`zh-CN` or anything else for English).
    pub fn user_message(&self, locale: &str) -> String {
        let zh = locale.starts_with("zh");
        match (self, zh) {
            (RuleError::Empty, true) => "请填写此项".into(),
            (RuleError::Empty, false) => "This field is required".into(),
            (RuleError::PlateProvince(_), true) => "车牌应以省份简称开头，如“浙”".into(),
            (RuleError::PlateProvince(_), false) => {
                "A plate starts with a province character, such as 浙".into()
            }
            (RuleError::PlateAuthority(_), true) => "省份简称后应为一个字母，如“浙A”".into(),
            (RuleError::PlateAuthority(_), false) => {
                "The province character is followed by a letter, as in 浙A".into()
            }
            (RuleError::PlateLength(_), true) => {
                "字母后应为5位（新能源车6位）字母或数字".into()
            }
            (RuleError::PlateLength(_), false) => {
                "After the letter come 5 letters or digits (6 for new-energy vehicles)".into()
            }
            (RuleError::PlateCharacter(_), true) => {
                "车牌只能包含字母和数字（不含 I 和 O）".into()
            }
            (RuleError::PlateCharacter(_), false) => {
                "A plate has only letters and digits (no I or O)".into()
            }
            (RuleError::PlateNewEnergy(_), true) => {
                "新能源车牌应为 D/F 开头或结尾的6位序号".into()
            }
            (RuleError::PlateNewEnergy(_), false) => {
                "A new-energy serial has 6 characters starting or ending with D or F".into()
            }
            (RuleError::Length(_, n), true) => format!("应为{n}位"),
            (RuleError::Length(_, n), false) => format!("Enter exactly {n} characters"),
            (RuleError::Alphanumeric(_), true) => "只能包含字母和数字".into(),
            (RuleError::Alphanumeric(_), false) => "Use letters and digits only".into(),
            (RuleError::TooLong(_, n), true) => format!("最多{n}个字符"),
            (RuleError::TooLong(_, n), false) => format!("Use at most {n} characters"),
        }
    }
}

/// Trims, removes inner spaces and separators (`·`, `-`) and upper-cases ASCII letters.
fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '-' | '•' | '.'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn is_plate_letter(c: char) -> bool {
    c.is_ascii_uppercase() && c != 'I' && c != 'O'
}

fn is_plate_char(c: char) -> bool {
    is_plate_letter(c) || c.is_ascii_digit()
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
    match serial.len() {
        5 => Ok(plate),
        6 => {
            let first = serial[0];
            let last = serial[5];
            let small = matches!(first, 'D' | 'F')
                && serial[2..].iter().all(char::is_ascii_digit);
            let large = matches!(last, 'D' | 'F') && serial[..5].iter().all(char::is_ascii_digit);
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
        let code = |p: &str| validate_plate(p).unwrap_err().code();
        assert_eq!(code(""), "required");
        assert_eq!(code("   "), "required");
        assert_eq!(code("AA12345"), "plate.province");
        assert_eq!(code("浙112345"), "plate.authority");
        assert_eq!(code("浙"), "plate.authority");
        assert_eq!(code("浙A1234"), "plate.length");
        assert_eq!(code("浙A1234567"), "plate.length");
        assert_eq!(code("浙A12O45"), "plate.character");
        assert_eq!(code("浙A12中45"), "plate.character");
        assert_eq!(code("浙AX12345"), "plate.new_energy");
        assert_eq!(code("浙AD1234X"), "plate.new_energy");
    }

    #[test]
    fn engine_tail_rule() {
        assert_eq!(validate_engine_tail("a1b2c3").as_deref(), Ok("A1B2C3"));
        assert_eq!(validate_engine_tail("").unwrap_err().code(), "required");
        assert_eq!(validate_engine_tail("12345").unwrap_err().code(), "length");
        assert_eq!(validate_engine_tail("12345#").unwrap_err().code(), "alphanumeric");
    }

    #[test]
    fn messages_are_localized() {
        let e = validate_plate("AA12345").unwrap_err();
        assert!(e.user_message("zh-CN").contains("省份"));
        assert!(e.user_message("en").contains("province"));
        assert!(e.to_string().contains("`AA12345`"));
    }
}
