//! Parsing of the `inputs` array.

use crate::diag::{join, Collector};
use crate::model::{Input, InputKind, PiiClass};
use crate::walk::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// At most this many inputs per descriptor.
pub const MAX_INPUTS: usize = 64;

pub(crate) fn inputs(v: &Value, c: &mut Collector) -> Vec<Input> {
    let Some(items) = array(v, "/inputs", c) else { return Vec::new() };
    if items.len() > MAX_INPUTS {
        c.error("/inputs", "too-many", format!("{} inputs; the limit is {MAX_INPUTS}", items.len()));
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("/inputs/{i}");
        let Some(input) = input(item, &p, c) else { continue };
        if !seen.insert(input.id.clone()) {
            c.error(&join(&p, "id"), "duplicate-id", format!("input id `{}` is used twice", input.id));
            continue;
        }
        out.push(input);
    }
    out
}

fn input(v: &Value, p: &str, c: &mut Collector) -> Option<Input> {
    let m = as_obj(v, p, c)?;
    unknown_keys(m, &["id", "kind", "fallback", "label", "help", "required", "pii"], p, c);
    let id = req_string(m, "id", p, c);
    if let Some(id) = &id {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_');
        if !ok {
            c.error(&join(p, "id"), "id", format!("input id `{id}` must be 1–64 of `a-z`, `0-9`, `_`"));
        }
    }
    let kind = req_string(m, "kind", p, c).and_then(|k| kind(m, &k, p, c));
    let label = req_text(m, "label", p, c);
    let help = opt_text(m, "help", p, c);
    let required = opt_bool(m, "required", p, c).unwrap_or(false);
    let pii = match opt_string(m, "pii", p, c) {
        None => PiiClass::None,
        Some(s) => PiiClass::parse(&s).unwrap_or_else(|| {
            c.error(&join(p, "pii"), "unknown-pii", format!("unknown pii class `{s}`"));
            PiiClass::None
        }),
    };
    Some(Input { id: id?, kind: kind?, label: label?, help, required, pii })
}

/// A known kind, or the declared `fallback` (with a warning) for a kind from a newer version.
fn kind(m: &Obj, k: &str, p: &str, c: &mut Collector) -> Option<InputKind> {
    if let Some(kind) = InputKind::parse(k) {
        return Some(kind);
    }
    let kp = join(p, "kind");
    match opt_string(m, "fallback", p, c).as_deref().map(|f| (f, InputKind::parse(f))) {
        Some((f, Some(fb))) => {
            c.warn(&kp, "unknown-kind", format!("unknown input kind `{k}`; using fallback `{f}`"));
            Some(fb)
        }
        Some((f, None)) => {
            c.error(&join(p, "fallback"), "unknown-kind", format!("fallback `{f}` is not a known input kind"));
            None
        }
        None => {
            c.error(&kp, "unknown-kind", format!("unknown input kind `{k}` and no `fallback` declared"));
            None
        }
    }
}
