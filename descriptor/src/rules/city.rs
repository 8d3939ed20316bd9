//! City codes (GB/T 2260 prefecture codes) as the catalog, the bridge and the platform use them.

/// Whether `code` is a six-digit GB/T 2260 city code such as `330100`.
pub fn is_city_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_ascii_digits() {
        assert!(is_city_code("330100"));
        for bad in ["", "33010", "3301000", "33010x", "３３０１００", " 330100"] {
            assert!(!is_city_code(bad), "{bad}");
        }
    }
}
