//! The departments' memory within one running sandbox: what citizens filed (bookings,
//! subscriptions, renewals), the places they took, how often a reference was polled, and the
//! parsed descriptors. Each router gets its own desk, so parallel sandboxes never share state.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};

use citypanel_descriptor::{Date, Descriptor};
use serde_json::Value;

use crate::catalog::Catalog;

/// Something a citizen filed with a department.
#[derive(Debug, Clone)]
pub struct Filed {
    /// What it is: `inspection`, `registration`, `marriage`, `reminder`, `renewal`.
    pub kind: &'static str,
    /// The department's full answer (what status polling answers).
    pub answer: Value,
    /// What and whom it concerns: plates, ID numbers, mobiles, cards, department codes.
    pub keys: Vec<String>,
    /// The appointment date, if any.
    pub date: Option<Date>,
    /// The slot it takes, if any.
    pub slot: Option<String>,
    /// `false` once cancelled (or, for a hold, lapsed).
    pub active: bool,
    /// A hold not confirmed yet: when it lapses (epoch ms). `None` for everything else.
    pub held_until: Option<i64>,
}

impl Filed {
    /// Whether it concerns `key`.
    pub fn about(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }
}

/// The records of one sandbox, reached through [`Desk::with`].
#[derive(Debug, Default)]
pub struct Ledger {
    records: BTreeMap<String, Filed>,
    taken: HashMap<String, u32>,
    polls: HashMap<String, u32>,
    counters: HashMap<String, u32>,
}

impl Ledger {
    /// The next number of a counter, from 1.
    pub fn next(&mut self, counter: &str) -> u32 {
        let n = self.counters.entry(counter.to_string()).or_insert(0);
        *n += 1;
        *n
    }

    /// Files a record under its reference (taking its slot, if any).
    pub fn file(&mut self, reference: String, filed: Filed) {
        if let Some(slot) = &filed.slot {
            *self.taken.entry(slot.clone()).or_insert(0) += 1;
        }
        self.records.insert(reference, filed);
    }

    /// The record filed under a reference.
    pub fn get(&self, reference: &str) -> Option<&Filed> {
        self.records.get(reference)
    }

    /// Marks a record cancelled, releases its slot and replaces its answer.
    pub fn cancel(&mut self, reference: &str, answer: Value) {
        if let Some(filed) = self.records.get_mut(reference) {
            if filed.active {
                if let Some(n) = filed.slot.as_ref().and_then(|s| self.taken.get_mut(s)) {
                    *n = n.saturating_sub(1);
                }
            }
            filed.active = false;
            filed.answer = answer;
        }
    }

    /// Confirms a hold: it no longer lapses and answers `answer` from now on.
    pub fn confirm(&mut self, reference: &str, answer: Value) {
        if let Some(filed) = self.records.get_mut(reference) {
            filed.held_until = None;
            filed.answer = answer;
        }
    }

    /// Lets every hold whose time ran out by `now` (epoch ms) lapse: it stops taking its place.
    pub fn expire(&mut self, now: i64) {
        let lapsed = |f: &Filed| f.active && f.held_until.is_some_and(|t| t <= now);
        if !self.records.values().any(lapsed) {
            return;
        }
        for filed in self.records.values_mut().filter(|f| lapsed(f)) {
            filed.active = false;
            if let Some(n) = filed.slot.as_ref().and_then(|s| self.taken.get_mut(s)) {
                *n = n.saturating_sub(1);
            }
        }
    }

    /// Every record, in reference order.
    pub fn records(&self) -> impl Iterator<Item = (&String, &Filed)> {
        self.records.iter()
    }

    /// Places taken in a slot in this sandbox.
    pub fn taken(&self, slot: &str) -> u32 {
        self.taken.get(slot).copied().unwrap_or(0)
    }

    /// Counts one more poll of a reference; returns how many polls there have been.
    pub fn poll(&mut self, reference: &str) -> u32 {
        let n = self.polls.entry(reference.to_string()).or_insert(0);
        *n += 1;
        *n
    }
}

type Parsed = HashMap<(String, String), Option<Arc<Descriptor>>>;

/// The departments' memory; cheap to clone, all clones share it.
#[derive(Debug, Clone, Default)]
pub struct Desk {
    ledger: Arc<Mutex<Ledger>>,
    parsed: Arc<Mutex<(usize, Parsed)>>,
}

impl Desk {
    /// Runs `f` with the ledger locked (never across an await).
    /// Holds whose time ran out have lapsed by then.
    pub fn with<R>(&self, f: impl FnOnce(&mut Ledger) -> R) -> R {
        let mut ledger = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
        ledger.expire(crate::time::now_ms());
        f(&mut ledger)
    }

    /// The city-resolved descriptor of a service, parsed once per catalog.
    pub fn descriptor(
        &self,
        catalog: &Arc<Catalog>,
        service: &str,
        city: &str,
    ) -> Option<Arc<Descriptor>> {
        let mut parsed: MutexGuard<'_, (usize, Parsed)> =
            self.parsed.lock().unwrap_or_else(|p| p.into_inner());
        let id = Arc::as_ptr(catalog) as usize;
        if parsed.0 != id {
            *parsed = (id, HashMap::new());
        }
        let key = (service.to_string(), city.to_string());
        parsed
            .1
            .entry(key)
            .or_insert_with(|| {
                let raw = catalog.service(city, service)?;
                let d = citypanel_descriptor::parse_value(raw).descriptor?;
                d.resolve(city).map(Arc::new)
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn slots_are_taken_and_released() {
        let desk = Desk::default();
        desk.with(|l| {
            let filed = Filed {
                kind: "inspection",
                answer: json!({}),
                keys: vec!["浙A12345".into()],
                date: None,
                slot: Some("S1".into()),
                active: true,
                held_until: None,
            };
            l.file("R1".into(), filed);
            assert_eq!(l.taken("S1"), 1);
            l.cancel("R1", json!({"x": 1}));
            l.cancel("R1", json!({"x": 2}));
            assert_eq!(l.taken("S1"), 0);
            assert!(!l.get("R1").is_some_and(|f| f.active));
            assert_eq!((l.poll("R1"), l.poll("R1"), l.next("c"), l.next("c")), (1, 2, 1, 2));
        });
    }
}
