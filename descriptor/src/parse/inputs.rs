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
        }
        names
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
                    format!("{what} names input `{id}`, which does not exist"),
                );
                false
            }
            Some(pos) if pos >= at => {
                c.error(
                    path,
                    "depends-order",
                    format!("{what} names input `{id}`, which is not an earlier input"),
                );
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
                format!("{what} names input `{id}`, which does not exist"),
            );
        }
        ok
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
