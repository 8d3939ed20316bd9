//! Stage 2: raw serde types → validated [`Descriptor`], collecting every diagnostic at once.

mod actions;
mod availability;
mod cities;
pub(crate) mod cx;
mod digest;
mod input;
mod inputs;
mod lifecycle;
mod options;
mod refs;
mod request;
mod response;
mod result;
mod top;

use crate::diag::{Collector, Diagnostic};
use crate::model::Descriptor;
use crate::raw::{Lenient, RawDescriptor, Req};
use serde_json::Value as Json;

pub use cx::type_name;
pub(crate) use options::{condition, options_of};

/// The major format version this crate understands.
pub const FORMAT_MAJOR: u32 = 1;
/// The newest minor version this crate knows every field of.
pub const FORMAT_MINOR: u32 = 1;
/// Descriptors larger than this (in bytes) are refused before parsing.
pub const MAX_BYTES: usize = 512 * 1024;
/// Documents nested this deep (arrays and objects) or deeper are refused.
pub const MAX_DEPTH: usize = 128;
/// At most this many inputs per descriptor.
pub const MAX_INPUTS: usize = 64;
/// At most this many response fields (and, separately, values).
pub const MAX_FIELDS: usize = 64;
/// At most this many cities per descriptor.
pub const MAX_CITIES: usize = 200;
/// At most this many actions per result.
pub const MAX_ACTIONS: usize = 16;
/// At most this many static options per select.
pub const MAX_OPTIONS: usize = 500;

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

/// Parses and validates a descriptor from JSON text with every check, warnings included: the
/// full validator of lint, the platform and the author preview (feature `validate`). Never
/// panics.
#[cfg(feature = "validate")]
pub fn parse(src: &str) -> Parsed {
    from_text(src, Collector::publishing())
}

/// Parses and validates an already-decoded JSON value with every check (see [`parse`]).
#[cfg(feature = "validate")]
pub fn parse_value(v: &Json) -> Parsed {
    from_value(v, Collector::publishing())
}

/// The lean reader of the browser SDK: reads a descriptor the platform has published (and so
/// validated) and still refuses what is unsafe or unreadable — not JSON, over the size limits,
/// a format it does not speak, wrong types or missing parts, an unknown kind or widget without
/// a fallback, an endpoint that is not a platform-relative path, personal data in a query
/// string, forbidden headers. Cross-references, locale tags, ids' uniqueness, lifecycle
/// completeness and warnings are publish-time checks ([`parse`]). Never panics.
///
/// ```
/// use citypanel_descriptor::{read, Severity};
///
/// // A major version this reader does not speak is refused, with a diagnostic naming it.
/// let parsed = read(r#"{ "format": "2.0" }"#);
/// assert!(parsed.descriptor.is_none());
/// let d = &parsed.diagnostics[0];
/// assert_eq!((d.code, d.severity, d.path.as_str()), ("format-major", Severity::Error, "/format"));
/// ```
pub fn read(src: &str) -> Parsed {
    from_text(src, Collector::default())
}

/// [`read`] of an already-decoded JSON value.
pub fn read_value(v: &Json) -> Parsed {
    from_value(v, Collector::default())
}

fn from_text(src: &str, mut c: Collector) -> Parsed {
    if src.len() > MAX_BYTES {
        c.error(
            "",
            "too-large",
            format!("descriptor is `{}` bytes; the limit is {MAX_BYTES}", src.len()),
        );
        return Parsed::fail(c);
    }
    if src.starts_with('\u{feff}') {
        c.error(
            "",
            "encoding",
            "the file starts with a byte-order mark (`U+FEFF`), which JSON does not allow; save it as UTF-8 without BOM",
        );
        return Parsed::fail(c);
    }
    if src.trim().is_empty() {
        c.error("", "json", "the document is empty (`\"\"`): expected a JSON object `{…}`");
        return Parsed::fail(c);
    }
    match serde_json::from_str::<Json>(src) {
        Ok(v) => from_value(&v, c),
        Err(e) => {
            let text = e.to_string();
            let what = text.rsplit_once(" at line ").map_or(text.as_str(), |(what, _)| what);
            c.error(
                "",
                "json",
                format!(
                    "not valid JSON: `{what}` at line {}, column {}",
                    e.line(),
                    e.column().max(1)
                ),
            );
            Parsed::fail(c)
        }
    }
}

fn from_value(v: &Json, mut c: Collector) -> Parsed {
    let nesting = depth(v);
    if nesting >= MAX_DEPTH {
        c.error(
            "",
            "json",
            format!(
                "the document is nested `{nesting}` levels deep; the limit is {}",
                MAX_DEPTH - 1
            ),
        );
        return Parsed::fail(c);
    }
    let raw = match Lenient::<RawDescriptor>::read(v) {
        Lenient::Ok(raw) => raw,
        other => {
            c.lenient(&other, "");
            return Parsed::fail(c);
        }
    };
    let Some(format) = format_version(&raw.format, &mut c) else { return Parsed::fail(c) };
    let descriptor = top::descriptor(&raw, format, &mut c);
    if c.has_errors() {
        return Parsed::fail(c);
    }
    match descriptor {
        Some(d) => Parsed { descriptor: Some(d), diagnostics: c.diagnostics },
        None => {
            c.error(
                "",
                "incomplete",
                "descriptor is incomplete (internal: a part failed without a diagnostic at `/`)",
            );
            Parsed::fail(c)
        }
    }
}

/// Nesting depth of arrays and objects, without recursion.
fn depth(v: &Json) -> usize {
    let mut max = 0;
    let mut stack = vec![(v, 0usize)];
    while let Some((v, d)) = stack.pop() {
        match v {
            Json::Array(a) => {
                max = max.max(d + 1);
                stack.extend(a.iter().map(|x| (x, d + 1)));
            }
            Json::Object(m) => {
                max = max.max(d + 1);
                stack.extend(m.values().map(|x| (x, d + 1)));
            }
            _ => {}
        }
    }
    max
}

/// `format`: `"MAJOR.MINOR"`; a major other than 1 stops everything.
fn format_version(f: &Req<String>, c: &mut Collector) -> Option<(u32, u32)> {
    let s = c.req(f, "", "format")?;
    let number = |p: &str| {
        (!p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let Some((major, minor)) = s.split_once('.').and_then(|(a, b)| Some((number(a)?, number(b)?)))
    else {
        c.error("/format", "format", format!("`{s}` is not a version like `1.0`"));
        return None;
    };
    if major != FORMAT_MAJOR {
        c.error("/format", "format-major", format!("format major version `{major}` is not supported; this reader supports `{FORMAT_MAJOR}.x`"));
        return None;
    }
    if minor > FORMAT_MINOR {
        c.warn("/format", "format-minor", format!("format `{s}` is newer than `{FORMAT_MAJOR}.{FORMAT_MINOR}`; unknown parts are ignored or fall back"));
    }
    Some((major, minor))
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

/// A placeholder name with a brace in it (`{{literal}}`, `{a{b}`) is not a misspelt input: it is
/// an attempt at literal braces, which templates do not have. Reports it (code `template`) and
/// returns `true`; publish-time only.
pub(crate) fn brace_in_placeholder(
    name: &str,
    template: &str,
    path: &str,
    c: &mut Collector,
) -> bool {
    if !c.publish() || !name.contains('{') {
        return false;
    }
    c.error(
        path,
        "template",
        format!(
            "`{}` is not a placeholder: a placeholder is `{{input_id}}`, and templates have no escape for literal braces (`{{{{` is not one); remove the extra braces",
            cx::show(&Json::String(template.to_string())).trim_matches('"')
        ),
    );
    true
}

/// Reads an `availability` object on its own, as the platform's catalog summaries carry it, so a
/// catalog can show open / closed / paused badges without fetching every descriptor.
/// Diagnostic paths start at `/availability`.
pub fn parse_availability(
    v: &Json,
) -> (Option<crate::availability::Availability>, Vec<Diagnostic>) {
    let mut c = Collector::publishing();
    let field = crate::raw::Opt(Lenient::read(v));
    let out = availability::availability(&field, &mut c);
    let ok = !c.has_errors();
    (out.filter(|_| ok), c.diagnostics)
}
