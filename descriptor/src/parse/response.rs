//! `response` (top level and per-city overrides): status, errors, records, fields, values.

use super::inputs::Names;
use super::MAX_FIELDS;
use crate::diag::{join, Collector};
use crate::map::Map;
use crate::model::{
    EnumEntry, ErrorSpec, FieldSpec, Format, FormatName, PiiClass, ResponseSpec, StatusSpec,
};
use crate::raw::{
    Lenient, Opt, RawCode, RawEnumEntry, RawField, RawFormat, RawResponse, RawStatus,
};

/// What could not be read in a response (already reported): references to these are not
/// reported again.
#[derive(Debug, Default)]
pub(crate) struct Gaps {
    /// Ids of fields and values that had errors.
    pub broken: Map<()>,
    /// `fields` / `values` / `records` was of the wrong type.
    pub fields: bool,
    pub values: bool,
    pub records: bool,
}

pub(crate) fn response(
    raw: &RawResponse,
    p: &str,
    names: &Names,
    c: &mut Collector,
) -> Option<(ResponseSpec, Gaps)> {
    let mut gaps = Gaps {
        fields: matches!(raw.fields.0, Lenient::Bad(_)),
        values: matches!(raw.values.0, Lenient::Bad(_)),
        records: matches!(raw.records.0, Lenient::Bad(_)),
        ..Gaps::default()
    };
    c.extra(&raw.extra, p);
    let status = c.opt(&raw.status, p, "status").and_then(|s| status(s, &join(p, "status"), c));
    let mut errors = Map::new();
    for (code, spec) in c.opt(&raw.errors, p, "errors").into_iter().flatten() {
        let ep = join(&join(p, "errors"), code);
        let Some(spec) = c.lenient(spec, &ep) else { continue };
        c.extra(&spec.extra, &ep);
        let message = c.req_text(&spec.message, &ep, "message");
        let field = c.opt(&spec.field, &ep, "field").cloned();
        if let Some(f) = &field {
            names.known(f, &join(&ep, "field"), "the error mapping", c);
        }
        if let Some(message) = message {
            errors.insert(code.clone(), ErrorSpec { message, field });
        }
    }
    let records =
        c.opt(&raw.records, p, "records").filter(|r| c.pointer(r, &join(p, "records"))).cloned();
    gaps.records |= records.is_none() && !matches!(raw.records.0, Lenient::Missing);
    let fields = field_list(&raw.fields, p, "fields", &mut gaps.broken, c);
    let values = field_list(&raw.values, p, "values", &mut gaps.broken, c);
    Some((ResponseSpec { status, errors, records, fields, values }, gaps))
}

fn status(s: &RawStatus, p: &str, c: &mut Collector) -> Option<StatusSpec> {
    c.extra(&s.extra, p);
    let pointer =
        c.req(&s.pointer, p, "pointer").filter(|ptr| c.pointer(ptr, &join(p, "pointer"))).cloned();
    let items = c.req(&s.success, p, "success")?;
    if items.is_empty() {
        c.error(&join(p, "success"), "required", "`success` lists no code");
    }
    let success = items
        .iter()
        .enumerate()
        .filter_map(|(i, code)| match c.lenient(code, &format!("{p}/success/{i}"))? {
            RawCode::Text(s) => Some(s.clone()),
            RawCode::Number(n) => Some(n.to_string()),
        })
        .collect();
    Some(StatusSpec { pointer: pointer?, success })
}

fn field_list(
    f: &Opt<Vec<Lenient<RawField>>>,
    parent: &str,
    key: &str,
    broken: &mut Map<()>,
    c: &mut Collector,
) -> Vec<FieldSpec> {
    let p = join(parent, key);
    let Some(items) = c.opt(f, parent, key) else { return Vec::new() };
    if items.len() > MAX_FIELDS {
        c.error(&p, "too-many", format!("`{}` {key}; the limit is {MAX_FIELDS}", items.len()));
    }
    let mut seen = Map::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let fp = format!("{p}/{i}");
        let Some(raw) = c.lenient(item, &fp) else { continue };
        c.extra(&raw.extra, &fp);
        let id = c.req(&raw.id, &fp, "id").filter(|id| c.id(id, '_', &join(&fp, "id"))).cloned();
        let pointer = c
            .req(&raw.pointer, &fp, "pointer")
            .filter(|ptr| c.pointer(ptr, &join(&fp, "pointer")))
            .cloned();
        let format = match c.opt(&raw.format, &fp, "format") {
            None if matches!(raw.format.0, Lenient::Missing) => Some(Format::Text),
            None => None,
            Some(f) => format(f, &join(&fp, "format"), c),
        };
        let pii = c.opt(&raw.pii, &fp, "pii").copied().unwrap_or(PiiClass::None);
        let reveal = c.opt(&raw.reveal, &fp, "reveal").copied().unwrap_or(false);
        let (Some(id), Some(pointer), Some(format)) = (id, pointer, format) else {
            if let Lenient::Ok(id) = &raw.id.0 {
                broken.add(id);
            }
            continue;
        };
        if !seen.add(&id) {
            c.error(
                &join(&fp, "id"),
                "duplicate-id",
                format!("{} id `{id}` is used twice", &key[..key.len() - 1]),
            );
            continue;
        }
        out.push(FieldSpec { id, pointer, format, pii, reveal });
    }
    out
}

fn format(f: &RawFormat, p: &str, c: &mut Collector) -> Option<Format> {
    let e = match f {
        RawFormat::Name(name) => {
            return Some(match name {
                FormatName::Text => Format::Text,
                FormatName::Integer => Format::Integer,
                FormatName::MoneyFen => Format::MoneyFen,
                FormatName::MoneyJiao => Format::MoneyJiao,
                FormatName::MoneyYuan => Format::MoneyYuan,
                FormatName::Date8 => Format::Date8,
                FormatName::DateTime14 => Format::DateTime14,
                FormatName::Iso8601 => Format::Iso8601,
                FormatName::EpochMillis => Format::EpochMillis,
            })
        }
        RawFormat::Enum(e) => e,
    };
    if matches!(e.r#enum.0, Lenient::Missing) {
        let keys: Vec<&str> = e.extra.keys().map(String::as_str).collect();
        c.error(
            p,
            "unknown-format",
            format!(
                "`{{{}}}` is not a formatter; use a formatter name or `{{\"enum\": …}}`",
                keys.join(", ")
            ),
        );
        return None;
    }
    c.extra(&e.extra, p);
    let ep = join(p, "enum");
    let labels = c.lenient(&e.r#enum.0, &ep)?;
    let mut out = Map::new();
    for (code, entry) in labels {
        let cp = join(&ep, code);
        let Some(entry) = c.lenient(entry, &cp) else { continue };
        let entry = match entry {
            RawEnumEntry::Plain(t) => c.text(t, &cp).map(|label| EnumEntry { label, tone: None }),
            RawEnumEntry::Toned(t) => {
                c.extra(&t.extra, &cp);
                let label = c.req_text(&t.label, &cp, "label");
                let tone = c.opt(&t.tone, &cp, "tone").copied();
                label.map(|label| EnumEntry { label, tone })
            }
        };
        if let Some(entry) = entry {
            out.insert(code.clone(), entry);
        }
    }
    Some(Format::Enum(out))
}
