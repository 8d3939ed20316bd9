//! Mainland mobile numbers.

use super::RuleError;

/// Validates a mainland mobile number: 11 digits starting `13`–`19`. Spaces and `-` are
/// removed, and a `+86` or `86` country prefix is dropped.
pub fn validate_mobile(raw: &str) -> Result<String, RuleError> {
    let v: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if v.is_empty() {
        return Err(RuleError::Empty);
    }
    let national = match v.strip_prefix("+86") {
        Some(rest) => rest,
        None if v.len() == 13 && v.starts_with("86") => &v[2..],
        None => &v,
    };
    let b = national.as_bytes();
    let ok = b.len() == 11
        && b.iter().all(u8::is_ascii_digit)
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1]);
    if ok {
        Ok(national.to_string())
    } else {
        Err(RuleError::Mobile(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_normalize() {
        assert_eq!(validate_mobile("13812345678").as_deref(), Ok("13812345678"));
        assert_eq!(validate_mobile("+86 138 1234 5678").as_deref(), Ok("13812345678"));
        assert_eq!(validate_mobile("8613812345678").as_deref(), Ok("13812345678"));
        assert_eq!(validate_mobile("199-1234-5678").as_deref(), Ok("19912345678"));
    }

    #[test]
    fn bad_mobiles_fail() {
        let code = |s: &str| validate_mobile(s).map_err(|e| e.code());
        assert_eq!(code(" "), Err("required"));
        assert_eq!(code("12812345678"), Err("mobile.format"));
        assert_eq!(code("23812345678"), Err("mobile.format"));
        assert_eq!(code("1381234567"), Err("mobile.format"));
        assert_eq!(code("138123456789"), Err("mobile.format"));
        assert_eq!(code("1381234567x"), Err("mobile.format"));
        assert_eq!(code("+1 13812345678"), Err("mobile.format"));
        assert_eq!(code("１3812345678"), Err("mobile.format"));
    }
}
