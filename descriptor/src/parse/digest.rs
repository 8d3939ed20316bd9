//! `digest` (format 1.1) and the cities' `person_endpoint`, `person_request` and
//! `person_response`: how a department answers for a person. Only the full validator reads
//! them (the model's fields need feature `validate`); without it this is dead code, removed.
#![cfg_attr(not(feature = "validate"), allow(dead_code))]

use super::inputs::Names;
use super::placeholders;
use super::response::Gaps;
use crate::diag::{join, Collector};
use crate::map::Map;
use crate::model::{
    DigestSpec, MatterSpec, WhereSpec, DEFAULT_DUE_SOON_DAYS, MAX_DUE_SOON_DAYS, MAX_MATTER_SPECS,
    RESERVED,
};
use crate::model::{Format, PiiClass, RequestSpec, ResponseSpec, ServiceKind};
use crate::raw::{
    Deferred, Expect, FromJson, Lenient, Opt, RawCode, RawDigest, RawMatter, RawRequest,
};
use crate::vocab::{one_of, AttributeClass, MatterStatus};
use serde_json::Value as Json;

/// Whether a format-1.1 field may be read: present, and the document declares 1.1 or later.
/// In a `1.0` document it is ignored with a warning (code `needs-format`), as a 1.0 reader
/// would ignore it; the lean reader skips it (the browser never asks for a person).
pub(crate) fn gated<T>(
    f: &Opt<T>,
    format: (u32, u32),
    parent: &str,
    key: &str,
    c: &mut Collector,
) -> bool {
    if matches!(f.0, Lenient::Missing) || !c.publish() {
        return false;
    }
    if format.1 < 1 {
        c.warn(
            &join(parent, key),
            "needs-format",
            format!("`{key}` is part of format `1.1` but the document declares `{}.{}`, whose readers ignore it; it is ignored: declare `\"format\": \"1.1\"`", format.0, format.1),
        );
        return false;
    }
    true
}

/// A deferred member (see [`crate::raw::Deferred`]) read now, its shape checked at `path`.
fn deferred<T: FromJson + Expect + Clone>(
    f: &Opt<Deferred<T>>,
    path: &str,
    c: &mut Collector,
) -> Option<T> {
    let Lenient::Ok(d) = &f.0 else { return None };
    let read = d.read();
    c.lenient(&read, path).cloned()
}

/// A person request: the ordinary request rules, then its placeholders must be attribute
/// classes, only in the body, a list class only as a whole string. Returns the classes used.
pub(crate) fn person_request(
    raw: &RawRequest,
    p: &str,
    c: &mut Collector,
) -> Option<(RequestSpec, Vec<AttributeClass>)> {
    let spec = super::request::request(raw, p, &Names::any(), Some(ServiceKind::Query), c)?;
    let mut used = Vec::new();
    if let Some(b) = &spec.body {
        body_templates(b, &join(p, "body"), &mut used, c);
    }
    for (k, t) in &spec.query {
        let qp = join(&join(p, "query"), k);
        for name in placeholders(t) {
            if super::brace_in_placeholder(name, t, &qp, c) {
                continue;
            }
            if let Some(cl) = class(name, &qp, c) {
                if !used.contains(&cl) {
                    used.push(cl);
                }
                c.error(
                    &qp,
                    "pii-in-query",
                    format!(
                        "attribute `{name}` is personal data and may only travel in a request body"
                    ),
                );
            }
        }
    }
    Some((spec, used))
}

fn class(name: &str, path: &str, c: &mut Collector) -> Option<AttributeClass> {
    let found = AttributeClass::parse(name);
    if found.is_none() {
        c.error(
            path,
            "unknown-attribute",
            format!(
                "`{{{name}}}` is not an attribute class; {}a person request's placeholders are {}",
                crate::vocab::did_you_mean(name, AttributeClass::NAMES),
                one_of(AttributeClass::NAMES)
            ),
        );
    }
    found
}

fn body_templates(v: &Json, path: &str, used: &mut Vec<AttributeClass>, c: &mut Collector) {
    match v {
        Json::String(s) => {
            let whole = crate::model::whole_placeholder(s).is_some();
            for name in placeholders(s) {
                if super::brace_in_placeholder(name, s, path, c) {
                    continue;
                }
                let Some(cl) = class(name, path, c) else { continue };
                if cl.is_list() && !whole {
                    c.error(path, "attribute", format!("`{{{name}}}` is a list and must be the whole string (`\"{{{name}}}\"`, which becomes a JSON array)"));
                }
                if !used.contains(&cl) {
                    used.push(cl);
                }
            }
        }
        Json::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| body_templates(x, &format!("{path}/{i}"), used, c)),
        Json::Object(m) => m.iter().for_each(|(k, x)| body_templates(x, &join(path, k), used, c)),
        _ => {}
    }
}

/// A city's person binding, parsed by [`city`].
#[derive(Debug, Default)]
pub(crate) struct PersonCity {
    pub endpoint: Option<String>,
    pub request: Option<(RequestSpec, Vec<AttributeClass>)>,
    pub response: Option<(ResponseSpec, Gaps)>,
}

/// A city's `person_endpoint`, `person_request` and `person_response`.
pub(crate) fn city(
    raw: &crate::raw::RawCity,
    p: &str,
    names: &Names,
    format: (u32, u32),
    c: &mut Collector,
) -> PersonCity {
    let mut out = PersonCity::default();
    if gated(&raw.person_endpoint, format, p, "person_endpoint", c) {
        let ep = join(p, "person_endpoint");
        out.endpoint = c
            .opt(&raw.person_endpoint, p, "person_endpoint")
            .filter(|e| c.endpoint(e, &ep))
            .cloned();
    }
    if gated(&raw.person_request, format, p, "person_request", c) {
        let rp = join(p, "person_request");
        out.request =
            deferred(&raw.person_request, &rp, c).and_then(|r| person_request(&r, &rp, c));
    }
    if gated(&raw.person_response, format, p, "person_response", c) {
        let rp = join(p, "person_response");
        out.response = deferred(&raw.person_response, &rp, c)
            .and_then(|r| super::response::response(&r, &rp, names, c));
    }
    if matches!(raw.person_endpoint.0, Lenient::Missing) {
        for key in ["person_request", "person_response"] {
            let present = match key {
                "person_request" => out.request.is_some(),
                _ => out.response.is_some(),
            };
            if present {
                c.warn(
                    &join(p, key),
                    "unknown-field",
                    format!("`{key}` applies only with a `person_endpoint`; it is ignored"),
                );
            }
        }
    }
    out
}

/// What a field reference must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Any,
    Money,
    Date,
}

/// The `digest` section, checked against the cities' person bindings (`(index, binding)`).
pub(crate) fn digest(
    f: &Opt<Deferred<RawDigest>>,
    format: (u32, u32),
    names: &Names,
    cities: &[(usize, &PersonCity)],
    c: &mut Collector,
) -> Option<DigestSpec> {
    let with_endpoint: Vec<usize> =
        cities.iter().filter(|(_, pc)| pc.endpoint.is_some()).map(|(i, _)| *i).collect();
    if !gated(f, format, "", "digest", c) {
        if matches!(f.0, Lenient::Missing) && c.publish() {
            for i in &with_endpoint {
                c.error(
                    &format!("/cities/{i}/person_endpoint"),
                    "required",
                    "`person_endpoint` needs a top-level `digest` saying how to ask and read the department",
                );
            }
        }
        return None;
    }
    let p = "/digest";
    let raw = &deferred(f, p, c)?;
    c.extra(&raw.extra, p);
    let (needs, needs_ok) = needs(raw, p, c);
    let request =
        c.req(&raw.request, p, "request").and_then(|r| person_request(r, &join(p, "request"), c));
    let response = c
        .req(&raw.response, p, "response")
        .and_then(|r| super::response::response(r, &join(p, "response"), names, c));
    let mut refs: Vec<(String, String, Want)> = Vec::new();
    let matters = matters(raw, p, names, &mut refs, c);
    // The classes sent: each must be needed; each need should be sent (top level and overrides).
    if let Some(needs) = needs.as_ref().filter(|n| !n.is_empty()) {
        let mut sent: Vec<(String, &Vec<AttributeClass>)> = Vec::new();
        if let Some((_, used)) = &request {
            sent.push((join(p, "request"), used));
        }
        for (i, pc) in cities {
            if let Some((_, used)) = &pc.request {
                sent.push((format!("/cities/{i}/person_request"), used));
            }
        }
        for (at, used) in &sent {
            for cl in used.iter().filter(|cl| !needs.contains(cl)) {
                c.error(at, "attribute", format!("the request sends `{cl}`, which is not in `needs` ({}): the citizen is asked to consent to `needs` only", show_classes(needs)));
            }
            for n in needs.iter().filter(|n| !used.contains(n)) {
                c.warn(at, "attribute", format!("`{n}` is in `needs` but this request does not send it: the citizen would consent to more than is sent"));
            }
        }
    }
    // Field references, against the top-level response and each city's override.
    if let Some((resp, gaps)) = &response {
        check_refs(&refs, resp, gaps, &join(p, "response"), false, c);
    }
    for (i, pc) in cities {
        if let Some((resp, gaps)) = &pc.response {
            check_refs(&refs, resp, gaps, &format!("/cities/{i}/person_response"), true, c);
        }
    }
    if c.publish() && with_endpoint.is_empty() {
        c.warn(p, "required", "no city has a `person_endpoint`: no department answers person queries with this digest");
    }
    Some(DigestSpec {
        needs: needs.filter(|_| needs_ok)?,
        request: request?.0,
        response: response?.0,
        matters: matters?,
        endpoint: None,
    })
}

fn show_classes(classes: &[AttributeClass]) -> String {
    let names: Vec<&str> = classes.iter().map(|c| c.as_str()).collect();
    one_of(&names).replace(" or ", " and ")
}

/// The needs read (even with errors, for the checks that follow) and whether all were read.
fn needs(raw: &RawDigest, p: &str, c: &mut Collector) -> (Option<Vec<AttributeClass>>, bool) {
    let Some(items) = c.req(&raw.needs, p, "needs") else { return (None, false) };
    let np = join(p, "needs");
    if items.is_empty() {
        c.error(
            &np,
            "required",
            "`needs` lists no attribute class: a person query needs at least one",
        );
        return (None, false);
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let ip = format!("{np}/{i}");
        let Some(cl) = c.lenient(item, &ip) else {
            ok = false;
            continue;
        };
        if out.contains(cl) {
            c.error(&ip, "attribute", format!("`{cl}` is listed twice in `needs`"));
            continue;
        }
        out.push(*cl);
    }
    (Some(out), ok)
}

fn matters(
    raw: &RawDigest,
    p: &str,
    names: &Names,
    refs: &mut Vec<(String, String, Want)>,
    c: &mut Collector,
) -> Option<Vec<MatterSpec>> {
    let items = c.req(&raw.matters, p, "matters")?;
    let mp = join(p, "matters");
    if items.is_empty() {
        c.error(
            &mp,
            "required",
            "`matters` is empty: say how the answer becomes at least one kind of matter",
        );
        return None;
    }
    if items.len() > MAX_MATTER_SPECS {
        c.error(
            &mp,
            "too-many",
            format!("`{}` matters; the limit is {MAX_MATTER_SPECS}", items.len()),
        );
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let ip = format!("{mp}/{i}");
        match c.lenient(item, &ip).and_then(|m| matter(m, &ip, names, refs, c)) {
            Some(m) => out.push(m),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn matter(
    raw: &RawMatter,
    p: &str,
    names: &Names,
    refs: &mut Vec<(String, String, Want)>,
    c: &mut Collector,
) -> Option<MatterSpec> {
    c.extra(&raw.extra, p);
    let mut field = |id: &str, path: String, want: Want| refs.push((id.to_string(), path, want));
    let text = c.req_text(&raw.text, p, "text");
    let one = c.opt_text(&raw.one, p, "one");
    for (key, t) in [("text", &text), ("one", &one)] {
        for (locale, s) in t.iter().flat_map(|t| t.0.iter()) {
            let tp = join(&join(p, key), locale);
            for name in placeholders(s) {
                if !super::brace_in_placeholder(name, s, &tp, c) && !RESERVED.contains(&name) {
                    field(name, tp.clone(), Want::Any);
                }
            }
        }
    }
    let filter = c.opt(&raw.r#where, p, "where").and_then(|w| {
        let wp = join(p, "where");
        c.extra(&w.extra, &wp);
        let f = c.req(&w.field, &wp, "field").cloned();
        if let Some(f) = &f {
            field(f, join(&wp, "field"), Want::Any);
        }
        let items = c.req(&w.r#in, &wp, "in")?;
        if items.is_empty() {
            c.error(&join(&wp, "in"), "required", "`in` lists no code: no record would be kept");
        }
        let values: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(i, code)| match c.lenient(code, &format!("{wp}/in/{i}"))? {
                RawCode::Text(s) => Some(s.clone()),
                RawCode::Number(n) => Some(n.to_string()),
            })
            .collect();
        Some(WhereSpec { field: f?, values })
    });
    let filter_ok = filter.is_some() || matches!(raw.r#where.0, Lenient::Missing);
    let mut named = |key: &str, f: &Opt<String>, want: Want, c: &mut Collector| {
        let v = c.opt(f, p, key).cloned();
        if let Some(id) = &v {
            field(id, join(p, key), want);
        }
        v
    };
    let group = named("group", &raw.group, Want::Any, c);
    let amount = named("amount", &raw.amount, Want::Money, c);
    let date = named("date", &raw.date, Want::Date, c);
    let due_soon_days = match c.opt(&raw.due_soon_days, p, "due_soon_days") {
        None => Some(DEFAULT_DUE_SOON_DAYS),
        Some(n) => c.ranged(*n, 0, MAX_DUE_SOON_DAYS, &join(p, "due_soon_days"), "days"),
    };
    let undated = match c.opt(&raw.undated, p, "undated").map(String::as_str) {
        None | Some("info") => Some(MatterStatus::Info),
        Some("due") => Some(MatterStatus::Due),
        Some("due_soon") => Some(MatterStatus::DueSoon),
        Some("overdue") => Some(MatterStatus::Overdue),
        Some(other) => {
            c.error(
                &join(p, "undated"),
                "unknown-value",
                format!("`undated` must be `info`, `due`, `due_soon` or `overdue`, got `{other}`"),
            );
            None
        }
    };
    let mut open = Map::new();
    for (input, t) in c.opt(&raw.open, p, "open").into_iter().flatten() {
        let op = join(&join(p, "open"), input);
        let Some(t) = c.lenient(t, &op) else { continue };
        if names.known(input, &op, "`open`", c) && names.pii(input) == PiiClass::Secret {
            c.error(&op, "secret-open", format!("input `{input}` is `secret` personal data: a matter never carries it to open the service; leave it for the citizen to type"));
            continue;
        }
        for name in placeholders(t) {
            if !super::brace_in_placeholder(name, t, &op, c) {
                refs.push((name.to_string(), op.clone(), Want::Any));
            }
        }
        open.insert(input.clone(), t.clone());
    }
    if !filter_ok {
        return None;
    }
    Some(MatterSpec {
        text: text?,
        one,
        filter,
        group,
        amount,
        date,
        due_soon_days: due_soon_days?,
        undated: undated?,
        open,
    })
}

/// Every reference names a record field of the right format; the answer has records.
fn check_refs(
    refs: &[(String, String, Want)],
    resp: &ResponseSpec,
    gaps: &Gaps,
    resp_path: &str,
    city: bool,
    c: &mut Collector,
) {
    if !c.publish() {
        return;
    }
    if resp.records.is_none() && !gaps.records {
        c.error(
            resp_path,
            "required",
            "missing required field `records`: matters are formed from the answer's records",
        );
    }
    if gaps.fields {
        return;
    }
    for (id, path, want) in refs {
        if gaps.broken.contains_key(id) {
            continue;
        }
        let at = if city { resp_path } else { path.as_str() };
        let whose = if city {
            format!(" in this city's `person_response` (named at `{path}`)")
        } else {
            String::new()
        };
        match resp.field(id) {
            None => c.error(at, "unknown-field-ref", format!("`{id}` is not a field of the person response's `fields`{whose}")),
            Some(f) if *want == Want::Money && !f.format.is_money() => c.error(
                at,
                "missing-amount",
                format!("`{id}` is not money (`money_fen`, `money_jiao` or `money_yuan`){whose}"),
            ),
            Some(f) if *want == Want::Date && !is_date(&f.format) => c.error(
                at,
                "field-format",
                format!("`{id}` is not a date (`date8`, `datetime14`, `iso8601` or `epoch_millis`){whose}"),
            ),
            Some(_) => {}
        }
    }
}

fn is_date(f: &Format) -> bool {
    matches!(f, Format::Date8 | Format::DateTime14 | Format::Iso8601 | Format::EpochMillis)
}
