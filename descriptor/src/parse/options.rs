//! Select options (static and remote, cascading) and `visible_when` conditions.

use super::inputs::Names;
use super::MAX_OPTIONS;
use crate::diag::{join, Collector};
use crate::map::Map;
use crate::model::{Condition, ConditionTest, InputKind, OptionsFrom, SelectOption};
use crate::raw::{Lenient, RawCondition, RawInput, RawOptionsFrom};

/// `options` / `options_from` of input number `at`, checked against its kind.
pub(crate) fn options_of(
    raw: &RawInput,
    kind: InputKind,
    p: &str,
    at: usize,
    names: &Names,
    c: &mut Collector,
) -> (Vec<SelectOption>, Option<OptionsFrom>) {
    let has_static = !matches!(raw.options.0, Lenient::Missing);
    let has_remote = !matches!(raw.options_from.0, Lenient::Missing);
    match kind {
        InputKind::Select | InputKind::Slot => {}
        other => {
            let why = format!("does not apply to `{other}` inputs");
            c.not_here(&raw.options, p, "options", &why);
            c.not_here(&raw.options_from, p, "options_from", &why);
            return (Vec::new(), None);
        }
    }
    if kind == InputKind::Slot && has_static {
        c.error(
            &join(p, "options"),
            "options",
            "a `slot` takes its options from `options_from`, not static `options`",
        );
    } else if has_static && has_remote {
        c.error(p, "options", "declare either `options` or `options_from`, not both");
    } else if !has_static && !has_remote {
        let want =
            if kind == InputKind::Slot { "`options_from`" } else { "`options` or `options_from`" };
        c.error(p, "options", format!("a `{kind}` input needs {want}"));
    }
    let options = match c.opt(&raw.options, p, "options") {
        Some(items) if kind == InputKind::Select => static_options(items, &join(p, "options"), c),
        _ => Vec::new(),
    };
    let from = c
        .opt(&raw.options_from, p, "options_from")
        .and_then(|f| remote(f, kind, &join(p, "options_from"), at, names, c));
    (options, from)
}

fn static_options(
    items: &[Lenient<crate::raw::RawOption>],
    p: &str,
    c: &mut Collector,
) -> Vec<SelectOption> {
    if items.is_empty() {
        c.error(p, "options", "`options` is empty: a select needs at least one option");
    }
    if items.len() > MAX_OPTIONS {
        c.error(p, "too-many", format!("`{}` options; the limit is {MAX_OPTIONS}", items.len()));
    }
    let mut seen = Map::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ip = format!("{p}/{i}");
        let Some(o) = c.lenient(item, &ip) else { continue };
        c.extra(&o.extra, &ip);
        let value = c.req(&o.value, &ip, "value").cloned();
        let label = c.req_text(&o.label, &ip, "label");
        if let Some(v) = &value {
            if !seen.add(v) {
                c.error(
                    &join(&ip, "value"),
                    "duplicate-id",
                    format!("option value `{v}` is used twice"),
                );
            }
        }
        if let (Some(value), Some(label)) = (value, label) {
            out.push(SelectOption { value, label });
        }
    }
    out
}

fn remote(
    f: &RawOptionsFrom,
    kind: InputKind,
    p: &str,
    at: usize,
    names: &Names,
    c: &mut Collector,
) -> Option<OptionsFrom> {
    c.extra(&f.extra, p);
    let endpoint =
        c.req(&f.endpoint, p, "endpoint").filter(|e| c.endpoint(e, &join(p, "endpoint"))).cloned();
    let pointer = |key: &str, f: &crate::raw::Req<String>, c: &mut Collector| {
        c.req(f, p, key).filter(|s| c.pointer(s, &join(p, key))).cloned()
    };
    let records = pointer("records", &f.records, c);
    let value = pointer("value", &f.value, c);
    let label = pointer("label", &f.label, c);
    let capacity = if kind == InputKind::Slot {
        if matches!(f.capacity.0, Lenient::Missing) {
            c.error(
                p,
                "required",
                "missing required field `capacity` (a `slot` shows the places left)",
            );
        }
        c.opt(&f.capacity, p, "capacity").filter(|s| c.pointer(s, &join(p, "capacity"))).cloned()
    } else {
        c.not_here(&f.capacity, p, "capacity", "applies only to `slot` inputs");
        None
    };
    let mut depends_on = Vec::new();
    for (i, d) in c.opt(&f.depends_on, p, "depends_on").into_iter().flatten().enumerate() {
        let dp = format!("{p}/depends_on/{i}");
        if let Some(id) = c.lenient(d, &dp) {
            if names.earlier(id, at, &dp, "`depends_on`", c) {
                depends_on.push(id.clone());
            }
        }
    }
    Some(OptionsFrom {
        endpoint: endpoint?,
        records: records?,
        value: value?,
        label: label?,
        capacity,
        depends_on,
    })
}

/// `visible_when` of input number `at`: one earlier input and exactly one test.
pub(crate) fn condition(
    raw: &RawCondition,
    p: &str,
    at: usize,
    names: &Names,
    c: &mut Collector,
) -> Option<Condition> {
    c.extra(&raw.extra, p);
    let input = c
        .req(&raw.input, p, "input")
        .filter(|id| names.earlier(id, at, &join(p, "input"), "`visible_when`", c))
        .cloned();
    let present = [&raw.equals.0 as &dyn IsMissing, &raw.r#in.0, &raw.filled.0]
        .iter()
        .filter(|f| !f.missing())
        .count();
    if present != 1 {
        c.error(
            p,
            "condition",
            format!(
                "`visible_when` needs exactly one of `equals`, `in`, `filled` (found {present})"
            ),
        );
        return None;
    }
    let test = if let Some(s) = c.opt(&raw.equals, p, "equals") {
        ConditionTest::Equals(s.clone())
    } else if let Some(items) = c.opt(&raw.r#in, p, "in") {
        if items.is_empty() {
            c.error(&join(p, "in"), "condition", "`in` lists no value");
        }
        let values: Vec<String> = items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| c.lenient(v, &format!("{p}/in/{i}")).cloned())
            .collect();
        ConditionTest::In(values)
    } else {
        ConditionTest::Filled(*c.opt(&raw.filled, p, "filled")?)
    };
    Some(Condition { input: input?, test })
}

trait IsMissing {
    fn missing(&self) -> bool;
}

impl<T> IsMissing for Lenient<T> {
    fn missing(&self) -> bool {
        matches!(self, Lenient::Missing)
    }
}
