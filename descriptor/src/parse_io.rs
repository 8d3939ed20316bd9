//! Parsing of `request`, `response` and `result`.

use crate::diag::{join, Collector};
use crate::model::*;
use crate::parse::{enum_labels, placeholders};
use crate::walk::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) fn request(v: &Value, inputs: &[Input], c: &mut Collector) -> Option<RequestSpec> {
    let p = "/request";
    let m = as_obj(v, p, c)?;
    unknown_keys(m, &["method", "body", "query", "timeout_ms"], p, c);
    let method = match req_string(m, "method", p, c)?.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        other => {
            c.error("/request/method", "method", format!("unsupported method `{other}`; use `GET` or `POST`"));
            return None;
        }
    };
    let known: BTreeMap<&str, &Input> = inputs.iter().map(|i| (i.id.as_str(), i)).collect();
    let body = m.get("body").cloned();
    if let Some(b) = &body {
        if method == Method::Get {
            c.error("/request/body", "body-on-get", "a `GET` request cannot have a body");
        }
        check_templates(b, "/request/body", &known, c);
    }
    let mut query = BTreeMap::new();
    if let Some(q) = m.get("query").and_then(|q| as_obj(q, "/request/query", c)) {
        for (k, t) in q {
            let qp = join("/request/query", k);
            let Some(t) = string(t, &qp, c) else { continue };
            for name in placeholders(&t) {
                match known.get(name) {
                    None => c.error(&qp, "unknown-input", format!("template names input `{name}`, which does not exist")),
                    Some(i) if i.pii != PiiClass::None => c.error(
                        &qp,
                        "pii-in-query",
                        format!("input `{name}` is personal data and may only travel in a request body"),
                    ),
                    Some(_) => {}
                }
            }
            query.insert(k.clone(), t);
        }
    }
    let timeout_ms = match m.get("timeout_ms") {
        None => 10_000,
        Some(t) => match t.as_u64() {
            Some(ms @ 100..=60_000) => ms as u32,
            _ => {
                c.error("/request/timeout_ms", "range", format!("`{}` must be a whole number of milliseconds from 100 to 60000", show(t)));
                return None;
            }
        },
    };
    Some(RequestSpec { method, body, query, timeout_ms })
}

fn check_templates(v: &Value, path: &str, known: &BTreeMap<&str, &Input>, c: &mut Collector) {
    match v {
        Value::String(s) => {
            for name in placeholders(s) {
                if !known.contains_key(name) {
                    c.error(path, "unknown-input", format!("template names input `{name}`, which does not exist"));
                }
            }
        }
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| check_templates(x, &format!("{path}/{i}"), known, c)),
        Value::Object(m) => m.iter().for_each(|(k, x)| check_templates(x, &join(path, k), known, c)),
        _ => {}
    }
}

pub(crate) fn response(v: &Value, inputs: &BTreeSet<&str>, c: &mut Collector) -> Option<ResponseSpec> {
    let p = "/response";
    let m = as_obj(v, p, c)?;
    unknown_keys(m, &["status", "errors", "records", "fields"], p, c);
    let status = m.get("status").and_then(|s| {
        let sm = as_obj(s, "/response/status", c)?;
        let pointer = req_string(sm, "pointer", "/response/status", c)?;
        crate::walk::pointer(&pointer, "/response/status/pointer", c);
        let success = req(sm, "success", "/response/status", c)
            .and_then(|a| array(a, "/response/status/success", c))
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string).or_else(|| x.as_i64().map(|n| n.to_string()))).collect())
            .unwrap_or_default();
        Some(StatusSpec { pointer, success })
    });
    let mut errors = BTreeMap::new();
    if let Some(e) = m.get("errors").and_then(|e| as_obj(e, "/response/errors", c)) {
        for (code, spec) in e {
            let ep = join("/response/errors", code);
            let Some(sm) = as_obj(spec, &ep, c) else { continue };
            let message = req_text(sm, "message", &ep, c);
            let field = opt_string(sm, "field", &ep, c);
            if let Some(f) = &field {
                if !inputs.contains(f.as_str()) {
                    c.error(&join(&ep, "field"), "unknown-input", format!("error names input `{f}`, which does not exist"));
                }
            }
            if let Some(message) = message {
                errors.insert(code.clone(), ErrorSpec { message, field });
            }
        }
    }
    let records = req_string(m, "records", p, c)?;
    crate::walk::pointer(&records, "/response/records", c);
    let fields = req(m, "fields", p, c).map(|f| fields(f, c)).unwrap_or_default();
    Some(ResponseSpec { status, errors, records, fields })
}

fn fields(v: &Value, c: &mut Collector) -> Vec<FieldSpec> {
    let Some(items) = array(v, "/response/fields", c) else { return Vec::new() };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("/response/fields/{i}");
        let Some(m) = as_obj(item, &p, c) else { continue };
        unknown_keys(m, &["id", "pointer", "format"], &p, c);
        let id = req_string(m, "id", &p, c);
        let pointer = req_string(m, "pointer", &p, c);
        if let Some(ptr) = &pointer {
            crate::walk::pointer(ptr, &join(&p, "pointer"), c);
        }
        let format = match m.get("format") {
            None => Some(Format::Text),
            Some(Value::String(s)) => format_name(s, &join(&p, "format"), c),
            Some(Value::Object(o)) if o.len() == 1 && o.contains_key("enum") => {
                o.get("enum").and_then(|e| enum_labels(e, &format!("{p}/format/enum"), c)).map(Format::Enum)
            }
            Some(other) => {
                c.error(&join(&p, "format"), "format", format!("`{}` is not a formatter", show(other)));
                None
            }
        };
        if let (Some(id), Some(pointer), Some(format)) = (id, pointer, format) {
            if !seen.insert(id.clone()) {
                c.error(&join(&p, "id"), "duplicate-id", format!("field id `{id}` is used twice"));
                continue;
            }
            out.push(FieldSpec { id, pointer, format });
        }
    }
    out
}

fn format_name(s: &str, path: &str, c: &mut Collector) -> Option<Format> {
    Some(match s {
        "text" => Format::Text,
        "integer" => Format::Integer,
        "money_fen" => Format::MoneyFen,
        "money_yuan" => Format::MoneyYuan,
        "date8" => Format::Date8,
        "datetime14" => Format::DateTime14,
        "epoch_millis" => Format::EpochMillis,
        other => {
            c.error(path, "unknown-format", format!("unknown formatter `{other}`"));
            return None;
        }
    })
}

pub(crate) fn result(v: &Value, resp: &ResponseSpec, c: &mut Collector) -> Option<ResultSpec> {
    let p = "/result";
    let m = as_obj(v, p, c)?;
    unknown_keys(m, &["widget", "title", "badge", "fields", "empty"], p, c);
    let widget = match req_string(m, "widget", p, c)?.as_str() {
        "record_list" => Widget::RecordList,
        other => {
            c.error("/result/widget", "unknown-widget", format!("unknown result widget `{other}`"));
            return None;
        }
    };
    let known: BTreeSet<&str> = resp.fields.iter().map(|f| f.id.as_str()).collect();
    let field_ref = |key: &str, c: &mut Collector| {
        let f = opt_string(m, key, p, c)?;
        if !known.contains(f.as_str()) {
            c.error(&join(p, key), "unknown-field-ref", format!("`{f}` is not a field of `/response/fields`"));
        }
        Some(f)
    };
    let title = field_ref("title", c);
    let badge = field_ref("badge", c);
    let mut fields = Vec::new();
    if let Some(items) = req(m, "fields", p, c).and_then(|f| array(f, "/result/fields", c)) {
        for (i, item) in items.iter().enumerate() {
            let fp = format!("/result/fields/{i}");
            let Some(fm) = as_obj(item, &fp, c) else { continue };
            let field = req_string(fm, "field", &fp, c);
            if let Some(f) = &field {
                if !known.contains(f.as_str()) {
                    c.error(&join(&fp, "field"), "unknown-field-ref", format!("`{f}` is not a field of `/response/fields`"));
                }
            }
            let label = req_text(fm, "label", &fp, c);
            if let (Some(field), Some(label)) = (field, label) {
                fields.push(ResultField { field, label });
            }
        }
    }
    let empty = req_text(m, "empty", p, c)?;
    Some(ResultSpec { widget, title, badge, fields, empty })
}
