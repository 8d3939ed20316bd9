//! `result` (and lifecycle `receipt`): the widget, its fields and its actions.

use super::inputs::Names;
use super::refs::{Source, Uses};
use crate::diag::{join, Collector};
use crate::model::*;
use crate::raw::{Lenient, Opt, RawFieldLabel, RawResult};

/// Parses a result widget at `p`, recording what it needs from the response in `uses`.
pub(crate) fn result(
    raw: &RawResult,
    p: &str,
    names: &Names,
    uses: &mut Uses,
    c: &mut Collector,
) -> Option<ResultSpec> {
    c.extra(&raw.extra, p);
    let kind = c.req(&raw.widget, p, "widget").and_then(|w| kind(raw, w, p, c));
    let empty = c.req_text(&raw.empty, p, "empty");
    let kind = kind?;
    for (key, present) in present(raw) {
        if present && !applies(kind, key) {
            c.warn(
                &join(p, key),
                "unknown-field",
                format!("`{key}` does not apply to the `{kind}` widget; it is ignored"),
            );
        }
    }
    let source = match kind {
        WidgetKind::Bill => Source::Either,
        WidgetKind::Ticket | WidgetKind::KeyValue => Source::Values,
        _ => Source::Fields,
    };
    let widget = widget(raw, kind, p, uses, c);
    let actions = super::actions::actions(&raw.actions, p, names, source, uses, c);
    Some(ResultSpec { widget: widget?, empty: empty?, actions })
}

/// A known widget, or the declared `fallback` (with a warning) for one from a newer version.
fn kind(raw: &RawResult, w: &str, p: &str, c: &mut Collector) -> Option<WidgetKind> {
    if let Some(kind) = WidgetKind::parse(w) {
        return Some(kind);
    }
    match c.opt(&raw.fallback, p, "fallback").map(|f| (f, WidgetKind::parse(f))) {
        Some((f, Some(fb))) => {
            c.warn(
                &join(p, "widget"),
                "unknown-widget",
                format!("unknown result widget `{w}`; using fallback `{f}`"),
            );
            Some(fb)
        }
        Some((f, None)) => {
            c.error(
                &join(p, "fallback"),
                "unknown-widget",
                format!("fallback `{f}` is not a known result widget"),
            );
            None
        }
        None => {
            c.error(
                &join(p, "widget"),
                "unknown-widget",
                format!(
                    "unknown result widget `{w}` and no `fallback` declared; {}expected {}",
                    crate::vocab::did_you_mean(w, WidgetKind::NAMES),
                    crate::vocab::one_of(WidgetKind::NAMES)
                ),
            );
            None
        }
    }
}

fn is<T>(o: &Opt<T>) -> bool {
    !matches!(o.0, Lenient::Missing)
}

fn present(r: &RawResult) -> [(&'static str, bool); 20] {
    [
        ("title", is(&r.title)),
        ("badge", is(&r.badge)),
        ("fields", is(&r.fields)),
        ("columns", is(&r.columns)),
        ("caption", is(&r.caption)),
        ("amount", is(&r.amount)),
        ("due", is(&r.due)),
        ("status", is(&r.status)),
        ("payee", is(&r.payee)),
        ("items", is(&r.items)),
        ("code", is(&r.code)),
        ("notice", is(&r.notice)),
        ("stage", is(&r.stage)),
        ("time", is(&r.time)),
        ("state", is(&r.state)),
        ("note", is(&r.note)),
        ("segment", is(&r.segment)),
        ("level", is(&r.level)),
        ("refresh_s", is(&r.refresh_s)),
        ("map", is(&r.map)),
    ]
}

fn applies(kind: WidgetKind, key: &str) -> bool {
    let keys: &[&str] = match kind {
        WidgetKind::RecordList => &["title", "badge", "fields"],
        WidgetKind::Table => &["columns", "caption"],
        WidgetKind::Bill => &["amount", "due", "status", "payee", "items"],
        WidgetKind::Ticket => &["code", "fields", "notice"],
        WidgetKind::Timeline => &["stage", "time", "state", "note"],
        WidgetKind::KeyValue => &["fields"],
        WidgetKind::StatusBoard => &["segment", "level", "refresh_s", "map"],
    };
    keys.contains(&key)
}

struct W<'a> {
    p: &'a str,
    kind: WidgetKind,
    uses: &'a mut Uses,
}

impl W<'_> {
    /// A field reference; `required` reports its absence.
    fn one(
        &mut self,
        f: &Opt<String>,
        key: &str,
        required: bool,
        source: Source,
        c: &mut Collector,
    ) -> Option<String> {
        if required && !is(f) {
            c.error(
                self.p,
                "required",
                format!("missing required field `{key}` (the `{}` widget needs it)", self.kind),
            );
        }
        let id = c.opt(f, self.p, key)?;
        let path = join(self.p, key);
        if key == "amount" {
            self.uses.money(id, &path, source);
        } else {
            self.uses.field(id, &path, source);
        }
        Some(id.clone())
    }

    /// A list of `{ field, label }`.
    fn list(
        &mut self,
        f: &Opt<Vec<Lenient<RawFieldLabel>>>,
        key: &str,
        required: bool,
        source: Source,
        c: &mut Collector,
    ) -> Option<Vec<ResultField>> {
        if required && !is(f) {
            c.error(
                self.p,
                "required",
                format!("missing required field `{key}` (the `{}` widget needs it)", self.kind),
            );
            return None;
        }
        let Some(items) = c.opt(f, self.p, key) else { return Some(Vec::new()).filter(|_| !is(f)) };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let ip = format!("{}/{key}/{i}", self.p);
            let Some(raw) = c.lenient(item, &ip) else { continue };
            c.extra(&raw.extra, &ip);
            let field = c.req(&raw.field, &ip, "field").cloned();
            if let Some(id) = &field {
                self.uses.field(id, &join(&ip, "field"), source);
            }
            if let (Some(field), Some(label)) = (field, c.req_text(&raw.label, &ip, "label")) {
                out.push(ResultField { field, label });
            }
        }
        Some(out)
    }
}

fn widget(
    r: &RawResult,
    kind: WidgetKind,
    p: &str,
    uses: &mut Uses,
    c: &mut Collector,
) -> Option<Widget> {
    use Source::{Fields, Values};
    let mut w = W { p, kind, uses };
    let widget = match kind {
        WidgetKind::RecordList => {
            let title = w.one(&r.title, "title", false, Fields, c);
            let badge = w.one(&r.badge, "badge", false, Fields, c);
            let fields = w.list(&r.fields, "fields", true, Fields, c);
            Widget::RecordList(RecordListSpec { title, badge, fields: fields? })
        }
        WidgetKind::Table => {
            let columns = w.list(&r.columns, "columns", true, Fields, c);
            let caption = c.opt_text(&r.caption, p, "caption");
            Widget::Table(TableSpec { columns: columns?, caption })
        }
        WidgetKind::Bill => {
            let amount = w.one(&r.amount, "amount", true, Values, c);
            let due = w.one(&r.due, "due", false, Values, c);
            let status = w.one(&r.status, "status", false, Values, c);
            let payee = w.one(&r.payee, "payee", false, Values, c);
            let items = w.list(&r.items, "items", false, Fields, c)?;
            Widget::Bill(BillSpec { amount: amount?, due, status, payee, items })
        }
        WidgetKind::Ticket => {
            let code = w.one(&r.code, "code", true, Values, c);
            let fields = w.list(&r.fields, "fields", false, Values, c)?;
            let notice = c.opt_text(&r.notice, p, "notice");
            Widget::Ticket(TicketSpec { code: code?, fields, notice })
        }
        WidgetKind::Timeline => {
            let stage = w.one(&r.stage, "stage", true, Fields, c);
            let time = w.one(&r.time, "time", false, Fields, c);
            let state = w.one(&r.state, "state", false, Fields, c);
            let note = w.one(&r.note, "note", false, Fields, c);
            Widget::Timeline(TimelineSpec { stage: stage?, time, state, note })
        }
        WidgetKind::KeyValue => {
            Widget::KeyValue(KeyValueSpec { fields: w.list(&r.fields, "fields", true, Values, c)? })
        }
        WidgetKind::StatusBoard => {
            let segment = w.one(&r.segment, "segment", true, Fields, c);
            let level = w.one(&r.level, "level", true, Fields, c);
            let refresh_s = c
                .opt(&r.refresh_s, p, "refresh_s")
                .and_then(|n| c.ranged(*n, 15, 3600, &join(p, "refresh_s"), "seconds"));
            let map = c.opt(&r.map, p, "map").copied();
            Widget::StatusBoard(StatusBoardSpec {
                segment: segment?,
                level: level?,
                refresh_s,
                map,
            })
        }
    };
    let reads = match &widget {
        Widget::Bill(b) => !b.items.is_empty(),
        Widget::Ticket(_) | Widget::KeyValue(_) => false,
        _ => true,
    };
    if reads {
        uses.reads_records(p, kind);
    }
    Some(widget)
}
