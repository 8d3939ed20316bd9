//! Localized text: one string per locale, with a fallback chain.

use crate::map::Map;

/// The locales every descriptor should provide.
pub const REQUIRED_LOCALES: [&str; 2] = ["zh-CN", "en"];

/// Text in several locales (`zh-CN`, `en`, more allowed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub Map<String>);

impl Text {
    /// Text in a single locale; handy for tests and built-in strings.
    pub fn new(pairs: &[(&str, &str)]) -> Self {
        // An insert loop, not `collect()` (which sorts: wasm size); a repeated locale keeps the
        // last text either way.
        let mut map = Map::new();
        for (k, v) in pairs {
            map.insert(k.to_string(), v.to_string());
        }
        Text(map)
    }

    /// The text for `locale`, falling back to the language, then `zh-CN`, `en`, then any.
    pub fn get(&self, locale: &str) -> &str {
        if let Some(s) = self.0.get(locale) {
            return s;
        }
        let lang = locale.split('-').next().unwrap_or(locale);
        if let Some((_, s)) = self.0.iter().find(|(k, _)| k.split('-').next() == Some(lang)) {
            return s;
        }
        ["zh-CN", "en"]
            .iter()
            .find_map(|l| self.0.get(l))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_by_language_then_default() {
        let t = Text::new(&[("zh-CN", "你好"), ("en", "hello")]);
        assert_eq!(t.get("en"), "hello");
        assert_eq!(t.get("en-GB"), "hello");
        assert_eq!(t.get("fr"), "你好");
        assert_eq!(Text::default().get("en"), "");
    }
}
