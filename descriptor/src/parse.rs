//! Stage 2: raw JSON → validated [`Descriptor`], collecting every diagnostic at once.

use crate::diag::{join, Collector, Diagnostic};
use crate::model::*;
use crate::text::Text;
use crate::walk::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// The major format version this crate understands.
pub const FORMAT_MAJOR: u32 = 1;
/// The newest minor version this crate knows every field of.
pub const FORMAT_MINOR: u32 = 0;
/// Descriptors larger than this are refused before parsing.
pub const MAX_BYTES: usize = 512 * 1024;

/// The outcome of parsing: a model when there were no errors, and every diagnostic.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub descriptor: Option<Descriptor>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    fn fail(c: Collector) -> Self {
        Parsed { descriptor: None, diagnostics: c.diagnostics }
    }
}

/// Parses and validates a descriptor from JSON text. Never panics.
pub fn parse(src: &str) -> Parsed {
    let mut c = Collector::default();
    if src.len() > MAX_BYTES {
        c.error("", "too-large", format!("descriptor is {} bytes; the limit is {MAX_BYTES}", src.len()));
        return Parsed::fail(c);
    }
    match serde_json::from_str::<Value>(src) {
        Ok(v) => parse_value(&v),
        Err(e) => {
            c.error("", "json", format!("not valid JSON: {e}"));
            Parsed::fail(c)
        }
    }
}

/// Parses and validates an already-decoded JSON value.
pub fn parse_value(v: &Value) -> Parsed {
    let mut c = Collector::default();
    let Some(root) = as_obj(v, "", &mut c) else { return Parsed::fail(c) };
    let Some(format) = format_version(root, &mut c) else { return Parsed::fail(c) };
    unknown_keys(
        root,
        &["format", "id", "kind", "category", "title", "summary", "cities", "inputs", "request", "response", "result"],
        "",
        &mut c,
    );
    let id = req_string(root, "id", "", &mut c);
    if let Some(id) = &id {
        if id.is_empty() || !id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-') {
            c.error("/id", "id", format!("`{id}` must be lowercase letters, digits and `-`"));
        }
    }
    let kind = req_string(root, "kind", "", &mut c).and_then(|k| {
        let kind = ServiceKind::parse(&k);
        if kind.is_none() {
            c.error("/kind", "unknown-kind", format!("unknown service kind `{k}`; expected `query`, `transaction`, `booking` or `payment`"));
        }
        kind
    });
    let category = req_string(root, "category", "", &mut c);
    let title = req_text(root, "title", "", &mut c);
    let summary = opt_text(root, "summary", "", &mut c).unwrap_or_default();
    let cities = req(root, "cities", "", &mut c).map(|v| cities(v, &mut c)).unwrap_or_default();
    let inputs = req(root, "inputs", "", &mut c).map(|v| crate::parse_inputs::inputs(v, &mut c)).unwrap_or_default();
    let ids: BTreeSet<&str> = inputs.iter().map(|i| i.id.as_str()).collect();
    let request = req(root, "request", "", &mut c).and_then(|v| crate::parse_io::request(v, &inputs, &mut c));
    let response = req(root, "response", "", &mut c).and_then(|v| crate::parse_io::response(v, &ids, &mut c));
    let result = match (req(root, "result", "", &mut c), &response) {
        (Some(v), Some(resp)) => crate::parse_io::result(v, resp, &mut c),
        _ => None,
    };
    if c.has_errors() {
        return Parsed::fail(c);
    }
    match (id, kind, category, title, request, response, result) {
        (Some(id), Some(kind), Some(category), Some(title), Some(request), Some(response), Some(result)) => Parsed {
            descriptor: Some(Descriptor { format, id, kind, category, title, summary, cities, inputs, request, response, result }),
            diagnostics: c.diagnostics,
        },
        _ => {
            c.error("", "incomplete", "descriptor is incomplete");
            Parsed::fail(c)
        }
    }
}

fn format_version(root: &crate::walk::Obj, c: &mut Collector) -> Option<(u32, u32)> {
    let s = req_string(root, "format", "", c)?;
    let parsed = s.split_once('.').and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)));
    let Some((major, minor)) = parsed else {
        c.error("/format", "format", format!("`{s}` is not a version like `1.0`"));
        return None;
    };
    if major != FORMAT_MAJOR {
        c.error("/format", "format-major", format!("format major version `{major}` is not supported; this reader supports `{FORMAT_MAJOR}.x`"));
        return None;
    }
    if minor > FORMAT_MINOR {
        c.warn("/format", "format-minor", format!("format `{s}` is newer than `{FORMAT_MAJOR}.{FORMAT_MINOR}`; unknown parts fall back"));
    }
    Some((major, minor))
}

fn cities(v: &Value, c: &mut Collector) -> Vec<CityBinding> {
    let Some(items) = array(v, "/cities", c) else { return Vec::new() };
    if items.is_empty() {
        c.error("/cities", "empty", "a service must serve at least one city");
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("/cities/{i}");
        let Some(m) = as_obj(item, &p, c) else { continue };
        unknown_keys(m, &["code", "name", "department", "hotline", "endpoint"], &p, c);
        let code = req_string(m, "code", &p, c);
        if let Some(code) = &code {
            if code.len() != 6 || !code.chars().all(|ch| ch.is_ascii_digit()) {
                c.error(&join(&p, "code"), "city-code", format!("`{code}` is not a six-digit GB/T 2260 code"));
            } else if !seen.insert(code.clone()) {
                c.error(&join(&p, "code"), "duplicate-city", format!("city `{code}` is listed twice"));
            }
        }
        let name = req_text(m, "name", &p, c);
        let department = req_text(m, "department", &p, c);
        let hotline = opt_string(m, "hotline", &p, c).unwrap_or_default();
        let endpoint = req_string(m, "endpoint", &p, c);
        if let Some(e) = &endpoint {
            if !e.starts_with('/') || e.contains("://") || e.contains("..") || e.contains('?') {
                c.error(&join(&p, "endpoint"), "endpoint", format!("`{e}` must be a path relative to the platform, starting with `/`"));
            }
        }
        if let (Some(code), Some(name), Some(department), Some(endpoint)) = (code, name, department, endpoint) {
            out.push(CityBinding { code, name, department, hotline, endpoint });
        }
    }
    out
}

/// Extracts `{name}` placeholders from a template string.
pub fn placeholders(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

pub(crate) fn enum_labels(v: &Value, path: &str, c: &mut Collector) -> Option<BTreeMap<String, Text>> {
    let m = as_obj(v, path, c)?;
    let mut out = BTreeMap::new();
    for (k, t) in m {
        if let Some(t) = text(t, &join(path, k), c) {
            out.insert(k.clone(), t);
        }
    }
    Some(out)
}
