//! Small helpers for walking raw JSON with a path, reporting instead of failing.

use crate::diag::{join, Collector};
use crate::text::{Text, REQUIRED_LOCALES};
use serde_json::{Map, Value};

pub type Obj = Map<String, Value>;

/// Short, bounded rendering of a value for messages.
pub fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub fn as_obj<'a>(v: &'a Value, path: &str, c: &mut Collector) -> Option<&'a Obj> {
    match v {
        Value::Object(m) => Some(m),
        other => {
            c.error(path, "type", format!("expected an object, found {} `{}`", type_name(other), show(other)));
            None
        }
    }
}

/// Warns about keys this version does not know (a newer minor version may add them).
pub fn unknown_keys(m: &Obj, known: &[&str], path: &str, c: &mut Collector) {
    for k in m.keys().filter(|k| !known.contains(&k.as_str())) {
        c.warn(&join(path, k), "unknown-field", format!("unknown field `{k}` is ignored"));
    }
}

pub fn req<'a>(m: &'a Obj, key: &str, path: &str, c: &mut Collector) -> Option<&'a Value> {
    let v = m.get(key);
    if v.is_none() {
        c.error(path, "required", format!("missing required field `{key}`"));
    }
    v
}

pub fn string(v: &Value, path: &str, c: &mut Collector) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        other => {
            c.error(path, "type", format!("expected a string, found {} `{}`", type_name(other), show(other)));
            None
        }
    }
}

pub fn req_string(m: &Obj, key: &str, path: &str, c: &mut Collector) -> Option<String> {
    req(m, key, path, c).and_then(|v| string(v, &join(path, key), c))
}

pub fn opt_string(m: &Obj, key: &str, path: &str, c: &mut Collector) -> Option<String> {
    m.get(key).and_then(|v| string(v, &join(path, key), c))
}

pub fn opt_bool(m: &Obj, key: &str, path: &str, c: &mut Collector) -> Option<bool> {
    match m.get(key)? {
        Value::Bool(b) => Some(*b),
        other => {
            let p = join(path, key);
            c.error(&p, "type", format!("expected a boolean, found {} `{}`", type_name(other), show(other)));
            None
        }
    }
}

pub fn array<'a>(v: &'a Value, path: &str, c: &mut Collector) -> Option<&'a Vec<Value>> {
    match v {
        Value::Array(a) => Some(a),
        other => {
            c.error(path, "type", format!("expected an array, found {} `{}`", type_name(other), show(other)));
            None
        }
    }
}

fn valid_locale(tag: &str) -> bool {
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

/// Localized text: an object of locale → string. Warns for each missing required locale.
pub fn text(v: &Value, path: &str, c: &mut Collector) -> Option<Text> {
    let m = as_obj(v, path, c)?;
    let mut t = Text::default();
    for (locale, s) in m {
        let p = join(path, locale);
        if !valid_locale(locale) {
            c.error(&p, "locale", format!("`{locale}` is not a locale tag such as `zh-CN` or `en`"));
            continue;
        }
        if let Some(s) = string(s, &p, c) {
            t.0.insert(locale.clone(), s);
        }
    }
    if t.0.is_empty() {
        c.error(path, "empty-text", "localized text has no usable locale");
        return None;
    }
    for l in REQUIRED_LOCALES {
        if !t.0.contains_key(l) {
            c.warn(path, "missing-locale", format!("no `{l}` text; falls back to another locale"));
        }
    }
    Some(t)
}

pub fn req_text(m: &Obj, key: &str, path: &str, c: &mut Collector) -> Option<Text> {
    req(m, key, path, c).and_then(|v| text(v, &join(path, key), c))
}

pub fn opt_text(m: &Obj, key: &str, path: &str, c: &mut Collector) -> Option<Text> {
    m.get(key).and_then(|v| text(v, &join(path, key), c))
}

/// Checks a JSON pointer's syntax (`""` or starting with `/`, `~` escapes valid).
pub fn pointer(s: &str, path: &str, c: &mut Collector) -> bool {
    let bad_escape = s
        .split('~')
        .skip(1)
        .any(|rest| !(rest.starts_with('0') || rest.starts_with('1')));
    if !(s.is_empty() || s.starts_with('/')) || bad_escape {
        c.error(path, "pointer", format!("`{s}` is not a JSON pointer (it must be empty or start with `/`)"));
        return false;
    }
    true
}
