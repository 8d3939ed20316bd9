//! The `inputs` array, and the index of input names other parts refer to.

use super::{input, MAX_INPUTS};
use crate::diag::{join, Collector};
use crate::map::Map;
use crate::model::{Input, PiiClass};
use crate::raw::{Lenient, RawInput, Req};

/// The input ids as written (even of inputs with errors, to avoid follow-on diagnostics), in
/// order, with their PII classes.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// The `inputs` array itself could not be read: references are not checked.
    unreadable: bool,
    ids: Vec<String>,
    pii: Map<PiiClass>,
    /// What each input refers to (`depends_on`, `visible_when.input`), to name cycles.
    deps: Map<Vec<String>>,
}

impl Names {
    fn of(items: &[Lenient<RawInput>]) -> Names {
        let mut names = Names::default();
        for item in items {
            let Lenient::Ok(raw) = item else { continue };
            let Lenient::Ok(id) = &raw.id.0 else { continue };
            names.ids.push(id.clone());
            if let Lenient::Ok(pii) = &raw.pii.0 {
                if !names.pii.contains_key(id) {
                    names.pii.insert(id.clone(), *pii);
                }
            }
            if !cfg!(feature = "validate") {
                continue;
            }
            let mut deps: Vec<String> = Vec::new();
            if let Lenient::Ok(of) = &raw.options_from.0 {
                if let Lenient::Ok(d) = &of.depends_on.0 {
                    deps.extend(d.iter().filter_map(|x| match x {
                        Lenient::Ok(s) => Some(s.clone()),
                        _ => None,
                    }));
                }
            }
            if let Lenient::Ok(cond) = &raw.visible_when.0 {
                if let Lenient::Ok(i) = &cond.input.0 {
                    deps.push(i.clone());
                }
            }
            if !names.deps.contains_key(id) {
                names.deps.insert(id.clone(), deps);
            }
        }
        names
    }

    /// Names that accept every reference (for templates whose placeholders are not inputs).
    pub(crate) fn any() -> Names {
        Names { unreadable: true, ..Names::default() }
    }

    /// Whether an input has this id.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.unreadable || self.ids.iter().any(|i| i == id)
    }

    /// The PII class of an input (`none` if unknown).
    pub(crate) fn pii(&self, id: &str) -> PiiClass {
        self.pii.get(id).copied().unwrap_or(PiiClass::None)
    }

    /// Checks that `id`, named at `path` by input number `at`, is an earlier input.
    pub(crate) fn earlier(
        &self,
        id: &str,
        at: usize,
        path: &str,
        what: &str,
        c: &mut Collector,
    ) -> bool {
        if !c.publish() {
            return true;
        }
        match self.ids.iter().position(|i| i == id) {
            None if self.unreadable => true,
            None => {
                c.error(
                    path,
                    "unknown-input",
                    format!("input `{id}`, named by {what}, does not exist"),
                );
                false
            }
            Some(pos) if pos == at => {
                c.error(
                    path,
                    "depends-order",
                    format!("input `{id}` names itself in {what}: a cycle; an input can only depend on earlier inputs"),
                );
                false
            }
            Some(pos) if pos > at => {
                let message = match self.ids.get(at).and_then(|me| self.path(id, me)) {
                    Some(cycle) => format!(
                        "input `{id}`, named by {what}, comes later and depends on this input: a cycle ({}); an input can only depend on earlier inputs",
                        cycle.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" → ")
                    ),
                    None => format!(
                        "input `{id}`, named by {what}, is not an earlier input; move it before this one"
                    ),
                };
                c.error(path, "depends-order", message);
                false
            }
            Some(_) => true,
        }
    }

    /// Checks that `id`, named at `path`, is an input.
    pub(crate) fn known(&self, id: &str, path: &str, what: &str, c: &mut Collector) -> bool {
        let ok = !c.publish() || self.contains(id);
        if !ok {
            c.error(
                path,
                "unknown-input",
                format!("input `{id}`, named by {what}, does not exist"),
            );
        }
        ok
    }

    /// The chain of references from `from` to `to` (both included), if there is one: the rest
    /// of a cycle through `to`.
    fn path(&self, from: &str, to: &str) -> Option<Vec<String>> {
        let mut seen: Vec<&str> = Vec::new();
        let mut stack: Vec<Vec<&str>> = vec![vec![from]];
        while let Some(chain) = stack.pop() {
            let last = *chain.last()?;
            if last == to {
                let mut out: Vec<String> =
                    std::iter::once(to).chain(chain.iter().copied()).map(String::from).collect();
                out.dedup();
                return Some(out);
            }
            if seen.contains(&last) || seen.len() > super::MAX_INPUTS * 4 {
                continue;
            }
            seen.push(last);
            for next in self.deps.get(last).into_iter().flatten() {
                let mut longer = chain.clone();
                longer.push(next.as_str());
                stack.push(longer);
            }
        }
        None
    }
}

/// Parses the inputs; returns the valid ones and the name index.
pub(crate) fn inputs(f: &Req<Vec<Lenient<RawInput>>>, c: &mut Collector) -> (Vec<Input>, Names) {
    let Some(items) = c.req(f, "", "inputs") else {
        return (Vec::new(), Names { unreadable: true, ..Names::default() });
    };
    if items.len() > MAX_INPUTS {
        c.error(
            "/inputs",
            "too-many",
            format!("`{}` inputs; the limit is {MAX_INPUTS}", items.len()),
        );
    }
    let names = Names::of(items);
    let mut seen = Map::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("/inputs/{i}");
        let Some(raw) = c.lenient(item, &p) else { continue };
        let duplicate = match &raw.id.0 {
            Lenient::Ok(id) if c.publish() && !seen.add(id) => {
                c.error(&join(&p, "id"), "duplicate-id", format!("input id `{id}` is used twice"));
                true
            }
            _ => false,
        };
        if let Some(input) = input::input(raw, &p, i, &names, c) {
            if !duplicate {
                out.push(input);
            }
        }
    }
    (out, names)
}
