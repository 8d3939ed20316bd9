//! On-screen masking of personal data by PII class. Character-safe: counts and keeps whole
//! Unicode characters, never bytes.

use crate::vocab::PiiClass;

/// Masks `value` for display: ID `330***********1234`, mobile `138****5678`, plate `浙A***45`,
/// name `张*`, address `浙江省杭州市***`, secret fully. `none` is shown as is.
pub fn mask(class: PiiClass, value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let n = chars.len();
    match class {
        PiiClass::None => value.to_string(),
        PiiClass::IdNumber | PiiClass::Mobile => keep(&chars, 3, 4),
        PiiClass::Plate => keep(&chars, 2, 2),
        PiiClass::Name => match chars.first() {
            Some(first) if n > 1 => format!("{first}*"),
            _ => "*".repeat(n),
        },
        PiiClass::Address => {
            let head = 6.min(n / 2);
            chars.iter().take(head).collect::<String>() + "***"
        }
        PiiClass::Secret => "*".repeat(n),
    }
}

/// Keeps `head` leading and `tail` trailing characters and stars the rest; a value too short
/// to keep anything hidden is starred completely.
fn keep(chars: &[char], head: usize, tail: usize) -> String {
    let n = chars.len();
    if n <= head + tail {
        return "*".repeat(n);
    }
    let mut out: String = chars[..head].iter().collect();
    out.push_str(&"*".repeat(n - head - tail));
    out.extend(&chars[n - tail..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_per_class() {
        assert_eq!(mask(PiiClass::IdNumber, "330106199003071234"), "330***********1234");
        assert_eq!(mask(PiiClass::Mobile, "13812345678"), "138****5678");
        assert_eq!(mask(PiiClass::Plate, "浙A12345"), "浙A***45");
        assert_eq!(mask(PiiClass::Plate, "浙AD12345"), "浙A****45");
        assert_eq!(mask(PiiClass::Name, "张三"), "张*");
        assert_eq!(mask(PiiClass::Name, "欧阳娜娜"), "欧*");
        assert_eq!(mask(PiiClass::Name, "张"), "*");
        assert_eq!(mask(PiiClass::Address, "浙江省杭州市西湖区文三路90号"), "浙江省杭州市***");
        assert_eq!(mask(PiiClass::Address, "西湖区"), "西***");
        assert_eq!(mask(PiiClass::Secret, "A1B2C3"), "******");
        assert_eq!(mask(PiiClass::None, "浙A12345"), "浙A12345");
    }

    #[test]
    fn short_and_multibyte_values_never_split_characters() {
        assert_eq!(mask(PiiClass::Mobile, "1234567"), "*******");
        assert_eq!(mask(PiiClass::IdNumber, ""), "");
        assert_eq!(mask(PiiClass::Plate, "浙A1"), "***");
        assert_eq!(mask(PiiClass::Name, ""), "");
        assert_eq!(mask(PiiClass::Address, ""), "***");
        assert_eq!(mask(PiiClass::Mobile, "😀😀😀😀😀😀😀😀"), "😀😀😀*😀😀😀😀");
        assert_eq!(mask(PiiClass::Secret, "密码"), "**");
    }
}
