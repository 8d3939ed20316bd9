//! Helpers that turn lenient raw fields into values, reporting instead of failing.

use crate::diag::{join, Collector};
use crate::raw::{Expect, Extra, Lenient, Opt, RawText, Req};
use crate::text::{Text, REQUIRED_LOCALES};
use serde_json::Value as Json;

/// Short, bounded rendering of a value for messages.
pub(crate) fn show(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

/// The JSON type of a value, for messages.
pub fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

impl Collector {
    /// Reports a value of the wrong shape (or an unknown vocabulary word).
    pub(crate) fn bad<T: Expect>(&mut self, v: &Json, path: &str) {
        if let Some((code, message)) = v.as_str().and_then(T::unknown) {
            return self.error(path, code, message);
        }
        self.error(
            path,
            "type",
            format!("expected {}, found {} `{}`", T::WHAT, type_name(v), show(v)),
        );
    }

    /// The value at `path` if it has the expected shape.
    pub(crate) fn lenient<'a, T: Expect>(
        &mut self,
        f: &'a Lenient<T>,
        path: &str,
    ) -> Option<&'a T> {
        match f {
            Lenient::Ok(t) => Some(t),
            Lenient::Bad(v) => {
                self.bad::<T>(v, path);
                None
            }
            Lenient::Missing => None,
        }
    }

    /// A required field `key` of the object at `parent`.
    pub(crate) fn req<'a, T: Expect>(
        &mut self,
        f: &'a Req<T>,
        parent: &str,
        key: &str,
    ) -> Option<&'a T> {
        if matches!(f.0, Lenient::Missing) {
            self.error(parent, "required", format!("missing required field `{key}`"));
            return None;
        }
        self.lenient(&f.0, &join(parent, key))
    }

    /// An optional field `key` of the object at `parent`.
    pub(crate) fn opt<'a, T: Expect>(
        &mut self,
        f: &'a Opt<T>,
        parent: &str,
        key: &str,
    ) -> Option<&'a T> {
        self.lenient(&f.0, &join(parent, key))
    }

    /// Warns about every field this version does not know.
    pub(crate) fn extra(&mut self, extra: &Extra, path: &str) {
        if !self.publish() {
            return;
        }
        for k in extra.keys() {
            self.warn(&join(path, k), "unknown-field", format!("unknown field `{k}` is ignored"));
        }
    }

    /// Warns that a known field does not apply here and is ignored.
    pub(crate) fn not_here<T>(&mut self, f: &Opt<T>, parent: &str, key: &str, why: &str) {
        if self.publish() && !matches!(f.0, Lenient::Missing) {
            self.warn(&join(parent, key), "unknown-field", format!("`{key}` {why}; it is ignored"));
        }
    }

    /// Localized text: checks locale tags and emptiness, warns for a missing `zh-CN`/`en`.
    pub(crate) fn text(&mut self, raw: &RawText, path: &str) -> Option<Text> {
        let mut t = Text::default();
        if !self.publish() {
            // The lean reader: the strings as published (locale tags and emptiness are
            // checked at publish time).
            for (locale, s) in &raw.0 {
                if let Lenient::Ok(s) = s {
                    t.0.insert(locale.clone(), s.clone());
                }
            }
            return Some(t);
        }
        for (locale, s) in &raw.0 {
            let p = join(path, locale);
            if !valid_locale(locale) {
                self.error(
                    &p,
                    "locale",
                    format!("`{locale}` is not a locale tag such as `zh-CN`, `en` or `zh-Hant`"),
                );
                continue;
            }
            if let Some(s) = self.lenient(s, &p) {
                if !s.trim().is_empty() {
                    t.0.insert(locale.clone(), s.clone());
                }
            }
        }
        if t.0.is_empty() {
            let locales: Vec<String> = raw.0.keys().map(|k| format!("`{k}`")).collect();
            let message = if locales.is_empty() {
                "localized text `{}` has no string".to_string()
            } else {
                format!(
                    "localized text has no usable string ({} empty or invalid)",
                    locales.join(", ")
                )
            };
            self.error(path, "empty-text", message);
            return None;
        }
        for l in REQUIRED_LOCALES {
            if !t.0.contains_key(l) {
                self.warn(
                    path,
                    "missing-locale",
                    format!("no `{l}` text; falls back to another locale"),
                );
            }
        }
        Some(t)
    }

    pub(crate) fn req_text(&mut self, f: &Req<RawText>, parent: &str, key: &str) -> Option<Text> {
        let raw = self.req(f, parent, key)?;
        self.text(raw, &join(parent, key))
    }

    pub(crate) fn opt_text(&mut self, f: &Opt<RawText>, parent: &str, key: &str) -> Option<Text> {
        let raw = self.opt(f, parent, key)?;
        self.text(raw, &join(parent, key))
    }

    /// Checks a JSON pointer (RFC 6901): `""` or starting with `/`, `~` only as `~0`/`~1`.
    pub(crate) fn pointer(&mut self, s: &str, path: &str) -> bool {
        if !self.publish() {
            // A malformed pointer finds nothing when mapping: publish-time only.
            return true;
        }
        let bad_escape =
            s.split('~').skip(1).any(|rest| !(rest.starts_with('0') || rest.starts_with('1')));
        if !(s.is_empty() || s.starts_with('/')) || bad_escape {
            self.error(path, "pointer", format!("`{s}` is not a JSON pointer (empty, or `/` then tokens with `~0`/`~1` escapes)"));
            return false;
        }
        true
    }

    /// Checks a platform-relative path: `/…`, no scheme, host, `..`, query, fragment or space.
    pub(crate) fn endpoint(&mut self, s: &str, path: &str) -> bool {
        let ok = s.starts_with('/')
            && !s.starts_with("//")
            && !s.contains("://")
            && !s.split('/').any(|seg| seg == "..")
            && !s.chars().any(|ch| ch.is_whitespace() || ch.is_control() || "?#\\{}".contains(ch));
        if !ok {
            self.error(path, "endpoint", format!("`{s}` must be a path relative to the platform, starting with `/` (no scheme, host, `..`, `?` or `#`)"));
        }
        ok
    }

    /// An integer within `lo..=hi`, else a `range` error.
    pub(crate) fn ranged(
        &mut self,
        n: i64,
        lo: i64,
        hi: i64,
        path: &str,
        unit: &str,
    ) -> Option<u32> {
        if n < lo || n > hi {
            self.error(path, "range", format!("`{n}` is out of range: use {lo} to {hi} {unit}"));
            return None;
        }
        u32::try_from(n).ok()
    }

    /// Checks an id: 1–64 of `a-z`, `0-9` and `sep` (`-` for services, `_` for inputs and fields).
    pub(crate) fn id(&mut self, s: &str, sep: char, path: &str) -> bool {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == sep);
        if !ok {
            self.error(
                path,
                "id",
                format!("`{s}` is not an id: use 1–64 of `a-z`, `0-9` and `{sep}`"),
            );
        }
        ok
    }
}

/// `zh-CN`, `en`, `zh-Hant`, `zh-Hant-TW`: a 2–3 letter lowercase language, then 2-letter
/// uppercase regions or 4-letter scripts.
pub(crate) fn valid_locale(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_lowercase()));
    lang_ok
        && parts.all(|p| {
            (p.len() == 2 && p.chars().all(|c| c.is_ascii_uppercase()))
                || (p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
        })
}
