//! Free text, select membership and consent.

use super::RuleError;
use crate::model::DEFAULT_MAX_LENGTH;
use crate::vocab::Allowed;

/// Whether `c` is a Han (Chinese) character: CJK unified ideographs and their extensions.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x323AF)
}

fn allowed(set: Allowed, c: char) -> bool {
    match set {
        Allowed::Digits => c.is_ascii_digit(),
        Allowed::Letters => c.is_ascii_alphabetic(),
        Allowed::Alphanumeric => c.is_ascii_alphanumeric(),
        Allowed::Chinese => is_han(c) || c == '·',
    }
}

/// Validates free text (trimmed): character set first (the most fundamental problem: `12ab`
/// for a digits-only number is told "digits only", not "too short"), then length in characters
/// (default maximum 200).
pub fn validate_text(
    raw: &str,
    min_length: Option<u32>,
    max_length: Option<u32>,
    set: Option<Allowed>,
) -> Result<String, RuleError> {
    let t = raw.trim();
    let n = t.chars().count();
    let max = max_length.unwrap_or(DEFAULT_MAX_LENGTH) as usize;
    if let Some(set) = set.filter(|s| n <= max && !t.chars().all(|c| allowed(*s, c))) {
        return Err(RuleError::Characters(t.to_string(), set));
    }
    if n > max {
        return Err(RuleError::TooLong(n, max));
    }
    if let Some(min) = min_length.map(|m| m as usize).filter(|m| n < *m) {
        return Err(RuleError::TooShort(n, min));
    }
    Ok(t.to_string())
}

/// Validates that the (trimmed) value is one of `options`.
pub fn validate_option<'a>(
    raw: &str,
    options: impl IntoIterator<Item = &'a str>,
) -> Result<String, RuleError> {
    let t = raw.trim();
    if options.into_iter().any(|o| o == t) {
        Ok(t.to_string())
    } else {
        Err(RuleError::NotAnOption(t.to_string()))
    }
}

/// A consent box: `"true"` when ticked (→ `"true"`); otherwise an error if `required`, else `""`.
pub fn validate_consent(raw: &str, required: bool) -> Result<String, RuleError> {
    match raw.trim() {
        "true" => Ok("true".into()),
        _ if required => Err(RuleError::ConsentRequired),
        _ => Ok(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lengths_and_sets() {
        assert_eq!(
            validate_text("  张三  ", None, None, Some(Allowed::Chinese)).as_deref(),
            Ok("张三")
        );
        assert_eq!(
            validate_text("阿依古丽·买买提", None, None, Some(Allowed::Chinese)).as_deref(),
            Ok("阿依古丽·买买提")
        );
        let code = |s: &str, lo, hi, set| validate_text(s, lo, hi, set).map_err(|e| e.code());
        assert_eq!(code("Zhang", None, None, Some(Allowed::Chinese)), Err("text.allowed"));
        assert_eq!(code("12a", None, None, Some(Allowed::Digits)), Err("text.allowed"));
        assert_eq!(code("abc", None, None, Some(Allowed::Letters)), Ok("abc".to_string()));
        assert_eq!(code("ab1", None, None, Some(Allowed::Alphanumeric)), Ok("ab1".to_string()));
        assert_eq!(code("中文", None, Some(1), None), Err("too-long"));
        assert_eq!(code(&"字".repeat(201), None, None, None), Err("too-long"));
        assert_eq!(code(&"字".repeat(200), None, None, None).map(|s| s.chars().count()), Ok(200));
        assert_eq!(code("a", Some(2), None, None), Err("too-short"));
        // The most fundamental problem first: `12ab` for an 8-digit account is not "too short".
        assert_eq!(code("12ab", Some(8), Some(12), Some(Allowed::Digits)), Err("text.allowed"));
        assert_eq!(code("123", Some(8), Some(12), Some(Allowed::Digits)), Err("too-short"));
        assert_eq!(
            code(&"1".repeat(13), Some(8), Some(12), Some(Allowed::Digits)),
            Err("too-long")
        );
    }

    #[test]
    fn options_and_consent() {
        assert_eq!(validate_option(" a ", ["a", "b"]).as_deref(), Ok("a"));
        assert_eq!(validate_option("c", ["a", "b"]).map_err(|e| e.code()), Err("select.option"));
        assert_eq!(validate_consent("true", true).as_deref(), Ok("true"));
        assert_eq!(validate_consent("", false).as_deref(), Ok(""));
        assert_eq!(validate_consent("false", true).map_err(|e| e.code()), Err("consent.required"));
        assert!(is_han('中') && is_han('𠀀') && !is_han('a') && !is_han('·'));
    }
}
