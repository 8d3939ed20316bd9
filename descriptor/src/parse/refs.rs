//! References from widgets and actions to response fields and values, checked once the
//! responses (top level and per-city overrides) are known.

use super::response::Gaps;
use crate::diag::Collector;
use crate::model::{FieldSpec, ResponseSpec, WidgetKind};

/// Where a reference looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// `response/fields` (record widgets).
    Fields,
    /// `response/values` (single-value widgets).
    Values,
    /// Either (a bill: values plus records as line items).
    Either,
}

/// One reference to a response field or value.
#[derive(Debug, Clone)]
pub(crate) struct Ref {
    id: String,
    path: String,
    source: Source,
    /// Must be money (`pay` and bill amounts).
    money: bool,
    /// Diagnostic code when missing.
    code: &'static str,
}

/// Everything a result (or receipt) needs from the response.
#[derive(Debug, Default)]
pub(crate) struct Uses {
    refs: Vec<Ref>,
    /// Widgets that read records: (path, kind).
    records: Vec<(String, WidgetKind)>,
}

impl Uses {
    /// A widget or action names a field or value.
    pub(crate) fn field(&mut self, id: &str, path: &str, source: Source) {
        self.push(id, path, source, false, "unknown-field-ref");
    }

    /// An amount: must exist and be money.
    pub(crate) fn money(&mut self, id: &str, path: &str, source: Source) {
        self.push(id, path, source, true, "unknown-field-ref");
    }

    /// A `{placeholder}` that is not an input must be a field or value.
    pub(crate) fn placeholder(&mut self, id: &str, path: &str, source: Source) {
        self.push(id, path, source, false, "unknown-input");
    }

    /// The widget at `path` reads records.
    pub(crate) fn reads_records(&mut self, path: &str, kind: WidgetKind) {
        self.records.push((path.to_string(), kind));
    }

    fn push(&mut self, id: &str, path: &str, source: Source, money: bool, code: &'static str) {
        self.refs.push(Ref { id: id.to_string(), path: path.to_string(), source, money, code });
    }

    /// Checks against one response: the top level (`city` = `None`, errors at the reference)
    /// or a city's override at `resp_path` (errors there).
    pub(crate) fn check(
        &self,
        resp: &ResponseSpec,
        gaps: &Gaps,
        resp_path: &str,
        city: bool,
        c: &mut Collector,
    ) {
        for r in &self.refs {
            let skipped = match r.source {
                Source::Fields => gaps.fields,
                Source::Values => gaps.values,
                Source::Either => gaps.fields || gaps.values,
            };
            if skipped || gaps.broken.contains_key(&r.id) {
                continue;
            }
            let at = if city { resp_path } else { &r.path };
            let whose = if city {
                format!(" in this city's response (named at `{}`)", r.path)
            } else {
                String::new()
            };
            match lookup(resp, r) {
                None => {
                    let what = match (r.code, r.source) {
                        ("unknown-input", _) => "an input, a field or a value",
                        (_, Source::Fields) => "a field of `response/fields`",
                        (_, Source::Values) => "a value of `response/values`",
                        (_, Source::Either) => "a field or value of `response`",
                    };
                    c.error(at, r.code, format!("`{}` is not {what}{whose}", r.id));
                }
                Some(f) if r.money && !f.format.is_money() => c.error(
                    at,
                    "missing-amount",
                    format!(
                        "`{}` is not money (`money_fen`, `money_jiao` or `money_yuan`){whose}",
                        r.id
                    ),
                ),
                Some(_) => {}
            }
        }
        if resp.records.is_none() && !gaps.records {
            for (wp, kind) in &self.records {
                c.error(resp_path, "required", format!("missing required field `records`: the `{kind}` widget at `{wp}` reads records"));
            }
        }
    }
}

fn lookup<'a>(resp: &'a ResponseSpec, r: &Ref) -> Option<&'a FieldSpec> {
    match r.source {
        Source::Fields => resp.field(&r.id),
        Source::Values => resp.value(&r.id),
        Source::Either => resp.field(&r.id).or_else(|| resp.value(&r.id)),
    }
}
