//! `result.actions`: pay, book, subscribe, open_service. Unknown kinds are dropped with a warning.

use super::inputs::Names;
use super::placeholders;
use super::refs::{Source, Uses};
use super::MAX_ACTIONS;
use crate::diag::{join, Collector};
use crate::map::Map;
use crate::model::{Action, ActionKind, Effect, PayOrder, When};
use crate::raw::{Lenient, Opt, RawAction};

pub(crate) fn actions(
    f: &Opt<Vec<Lenient<RawAction>>>,
    parent: &str,
    names: &Names,
    source: Source,
    uses: &mut Uses,
    c: &mut Collector,
) -> Vec<Action> {
    let Some(items) = c.opt(f, parent, "actions") else { return Vec::new() };
    if items.len() > MAX_ACTIONS {
        c.error(
            &join(parent, "actions"),
            "too-many",
            format!("`{}` actions; the limit is {MAX_ACTIONS}", items.len()),
        );
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("{parent}/actions/{i}");
        if let Some(raw) = c.lenient(item, &p) {
            out.extend(action(raw, &p, names, source, uses, c));
        }
    }
    out
}

fn action(
    raw: &RawAction,
    p: &str,
    names: &Names,
    source: Source,
    uses: &mut Uses,
    c: &mut Collector,
) -> Option<Action> {
    let name = c.req(&raw.kind, p, "kind")?;
    let Some(kind) = ActionKind::parse(name) else {
        c.warn(
            &join(p, "kind"),
            "unknown-kind",
            format!("unknown action kind `{name}`; the action is dropped"),
        );
        return None;
    };
    c.extra(&raw.extra, p);
    let why = format!("does not apply to `{kind}` actions");
    let own: &[&str] = match kind {
        ActionKind::Pay => &["amount", "order"],
        ActionKind::Book => &["service"],
        ActionKind::Subscribe => &["topic", "key"],
        ActionKind::OpenService => &["service", "inputs"],
    };
    for (key, present) in [
        ("amount", is(&raw.amount)),
        ("order", is(&raw.order)),
        ("service", is(&raw.service)),
        ("topic", is(&raw.topic)),
        ("key", is(&raw.key)),
        ("inputs", is(&raw.inputs)),
    ] {
        if present && !own.contains(&key) {
            c.warn(&join(p, key), "unknown-field", format!("`{key}` {why}; it is ignored"));
        }
    }
    let label = c.req_text(&raw.label, p, "label");
    let when = c.opt(&raw.when, p, "when").and_then(|w| {
        let wp = join(p, "when");
        c.extra(&w.extra, &wp);
        let field = c.req(&w.field, &wp, "field").cloned();
        if let Some(f) = &field {
            uses.field(f, &join(&wp, "field"), source);
        }
        let equals = c.req(&w.equals, &wp, "equals").cloned();
        Some(When { field: field?, equals: equals? })
    });
    let effect = match kind {
        ActionKind::Pay => pay(raw, p, source, uses, c),
        ActionKind::Book => service(&raw.service, p, c).map(|service| Effect::Book { service }),
        ActionKind::Subscribe => {
            let topic = c.req_opt(&raw.topic, p, "topic").copied();
            let key = c
                .req_opt(&raw.key, p, "key")
                .filter(|k| names.known(k, &join(p, "key"), "`key`", c))
                .cloned();
            Some(Effect::Subscribe { topic: topic?, key: key? })
        }
        ActionKind::OpenService => {
            let service = service(&raw.service, p, c);
            let mut inputs = Map::new();
            for (target, t) in c.opt(&raw.inputs, p, "inputs").into_iter().flatten() {
                let ip = join(&join(p, "inputs"), target);
                let Some(t) = c.lenient(t, &ip) else { continue };
                for name in placeholders(t).into_iter().filter(|n| !names.contains(n)) {
                    if super::brace_in_placeholder(name, t, &ip, c) {
                        continue;
                    }
                    uses.placeholder(name, &ip, source);
                }
                inputs.insert(target.clone(), t.clone());
            }
            Some(Effect::OpenService { service: service?, inputs })
        }
    };
    Some(Action { label: label?, when, effect: effect? })
}

fn is<T>(o: &Opt<T>) -> bool {
    !matches!(o.0, Lenient::Missing)
}

fn pay(
    raw: &RawAction,
    p: &str,
    source: Source,
    uses: &mut Uses,
    c: &mut Collector,
) -> Option<Effect> {
    if c.publish() && !is(&raw.amount) {
        c.error(p, "missing-amount", "a `pay` action needs an `amount` (a money field or value)");
    }
    let amount = c.opt(&raw.amount, p, "amount").cloned();
    if let Some(a) = &amount {
        uses.money(a, &join(p, "amount"), source);
    }
    let order = c.req_opt(&raw.order, p, "order").and_then(|o| {
        let op = join(p, "order");
        c.extra(&o.extra, &op);
        let endpoint = c
            .req(&o.endpoint, &op, "endpoint")
            .filter(|e| c.endpoint(e, &join(&op, "endpoint")))
            .cloned();
        let reference = c.req(&o.reference, &op, "reference").cloned();
        if let Some(r) = &reference {
            uses.field(r, &join(&op, "reference"), source);
        }
        Some(PayOrder { endpoint: endpoint?, reference: reference? })
    });
    Some(Effect::Pay { amount: amount?, order: order? })
}

fn service(f: &Opt<String>, p: &str, c: &mut Collector) -> Option<String> {
    c.req_opt(f, p, "service").filter(|s| c.id(s, '-', &join(p, "service"))).cloned()
}

impl Collector {
    /// A field optional in the raw type but required by this action kind.
    fn req_opt<'a, T: crate::raw::Expect>(
        &mut self,
        f: &'a Opt<T>,
        parent: &str,
        key: &str,
    ) -> Option<&'a T> {
        if !is(f) {
            self.error(parent, "required", format!("missing required field `{key}`"));
        }
        self.opt(f, parent, key)
    }
}
