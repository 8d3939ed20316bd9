//! What the platform's payments did to the departments' books. Before a paying department
//! (bills, fines, violations) answers, [`super::serve`] reads the references of its city that
//! have a `paid` order in the orders store ([`Paid`]); a bill, penalty decision or violation
//! record whose reference is among them answers as paid. The orders store stays the one source
//! of truth, so this survives restarts with `--data-dir` and never depends on request order.
//!
//! Links: paying a decision (its payment number `jkbh`) also settles the violation record it
//! names, and paying a violation record (`xh`, from the violation inquiry) settles its decision.

use std::collections::BTreeMap;

use super::bills::data::{Bill, Standing, STANDINGS};
use super::traffic::fines::{Decision, DECISIONS};
use super::traffic::records::{record, Violation};
use crate::time::Date;

/// The services whose department answers depend on platform payments.
pub const PAYING: &[&str] =
    &["water-bill", "electricity-bill", "gas-bill", "traffic-fine-payment", "traffic-violations"];

/// The references paid through the platform in one city, with when (epoch milliseconds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paid(BTreeMap<String, i64>);

impl Paid {
    /// From `(reference, paid_ms)` rows.
    pub fn new(rows: impl IntoIterator<Item = (String, i64)>) -> Paid {
        Paid(rows.into_iter().collect())
    }

    /// From a city's paid orders: only those that paid exactly what the department says is
    /// due under their reference count (an order of another amount, made through the
    /// lower-level `/api/v1/orders`, does not settle a bill or a fine).
    pub fn from_orders(city: &str, rows: Vec<crate::orders::store::PaidRow>) -> Paid {
        let due = |r: &crate::orders::store::PaidRow| {
            amount_due(&r.service, city, &r.reference) == Some(r.amount_fen)
        };
        Paid::new(rows.into_iter().filter(due).map(|r| (r.reference, r.paid_ms)))
    }

    /// When `reference` was paid through the platform, if it was.
    pub fn at(&self, reference: &str) -> Option<i64> {
        self.0.get(reference).copied()
    }
}

/// The paid references per city, read from the orders table once and forgotten whenever an
/// order settles (a paying department answers without a database call per request).
#[derive(Debug, Default)]
pub struct PaidCache(std::sync::Mutex<(u64, BTreeMap<String, Paid>)>);

impl PaidCache {
    /// The cached references of `city`, and the generation to pass to [`PaidCache::put`].
    pub fn get(&self, city: &str) -> (Option<Paid>, u64) {
        match self.0.lock() {
            Ok(g) => (g.1.get(city).cloned(), g.0),
            Err(_) => (None, u64::MAX),
        }
    }

    /// Keeps what was read at generation `generation` — unless an order settled since.
    pub fn put(&self, city: &str, paid: Paid, generation: u64) {
        if let Ok(mut g) = self.0.lock() {
            if g.0 == generation {
                g.1.insert(city.to_string(), paid);
            }
        }
    }

    /// An order settled: everything cached may be out of date.
    pub fn forget(&self) {
        if let Ok(mut g) = self.0.lock() {
            g.0 = g.0.wrapping_add(1);
            g.1.clear();
        }
    }
}

/// An instant as a Beijing `yyyyMMddHHmmss` time, as departments write paid times.
pub fn beijing14(ms: i64) -> String {
    let local = ms + 8 * 3_600_000;
    let day = Date::from_days(local.div_euclid(86_400_000)).to_iso();
    let s = local.rem_euclid(86_400_000) / 1000;
    let compact = day.replace('-', "");
    format!("{compact}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// When a bill was paid, `yyyyMMddHHmmss`: as seeded, or through the platform.
pub fn bill_paid_at(bill: &Bill, paid: &Paid) -> Option<String> {
    let platform = || paid.at(bill.no).map(beijing14);
    bill.paid_at.map(String::from).or_else(platform)
}

/// When a penalty decision was paid: as seeded, or through the platform (its payment number,
/// or the violation record it settles).
pub fn decision_paid_at(d: &Decision, paid: &Paid) -> Option<String> {
    let platform = || paid.at(d.payment_no).or_else(|| paid.at(d.record));
    d.paid_at.map(String::from).or_else(|| platform().map(beijing14))
}

/// A violation record as its police now see it: handled (`clzt` `1`) once paid through the
/// platform, by its own number or by its decision's payment number.
pub fn violation(city: &str, v: &Violation, paid: &Paid) -> Violation {
    let by_decision = || {
        DECISIONS
            .iter()
            .any(|d| d.city == city && d.record == v.xh && paid.at(d.payment_no).is_some())
    };
    if v.clzt == "0" && (paid.at(v.xh).is_some() || by_decision()) {
        Violation { clzt: "1", ..*v }
    } else {
        *v
    }
}

/// Whether the department already counts `reference` of `service` in `city` as paid (seeded,
/// or through the platform under a linked reference). Unknown references are not paid.
pub fn settled(service: &str, city: &str, reference: &str, paid: &Paid) -> bool {
    match service {
        "water-bill" | "electricity-bill" | "gas-bill" => STANDINGS.iter().any(|(c, _, s)| {
            *c == city
                && matches!(s, Standing::Billed(b) if b.no == reference
                    && bill_paid_at(b, paid).is_some())
        }),
        "traffic-fine-payment" => DECISIONS.iter().any(|d| {
            d.city == city && d.payment_no == reference && decision_paid_at(d, paid).is_some()
        }),
        "traffic-violations" => {
            record(city, reference).is_some_and(|(_, v)| violation(city, v, paid).clzt == "1")
        }
        _ => false,
    }
}

/// What the department asks to be paid for `reference` of `service` in `city`, in fen:
/// a bill's total, a decision's fine plus late fee, a violation record's fine. `None` for a
/// reference the department does not know.
pub fn amount_due(service: &str, city: &str, reference: &str) -> Option<i64> {
    match service {
        "water-bill" | "electricity-bill" | "gas-bill" => {
            STANDINGS.iter().find_map(|(c, _, s)| match s {
                Standing::Billed(b) if *c == city && b.no == reference => Some(b.total()),
                _ => None,
            })
        }
        "traffic-fine-payment" => {
            DECISIONS.iter().find(|d| d.city == city && d.payment_no == reference).and_then(|d| {
                record(city, d.record).map(|(_, v)| i64::from(v.fkje) + i64::from(d.late_fee))
            })
        }
        "traffic-violations" => record(city, reference).map(|(_, v)| i64::from(v.fkje)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_never_keeps_a_read_older_than_a_settlement() {
        let cache = PaidCache::default();
        let (none, generation) = cache.get("330100");
        assert!(none.is_none());
        cache.forget(); // an order settles while the read is in flight
        cache.put("330100", Paid::default(), generation);
        assert!(cache.get("330100").0.is_none(), "the stale read is dropped");
        let (_, generation) = cache.get("330100");
        cache.put("330100", Paid::new([("SW1".to_string(), 1)]), generation);
        assert_eq!(cache.get("330100").0.and_then(|p| p.at("SW1")), Some(1));
    }

    #[test]
    fn amounts_due_are_the_departments_own() {
        assert_eq!(amount_due("water-bill", "330100", "SW3301202504018826"), Some(5130));
        assert_eq!(amount_due("water-bill", "110100", "SW3301202504018826"), None);
        assert_eq!(amount_due("traffic-violations", "330100", "3301001202504120001"), Some(20000));
        assert_eq!(amount_due("water-bill", "330100", "nope"), None);
        assert_eq!(amount_due("library-loans", "330100", "SW3301202504018826"), None);
    }

    #[test]
    fn payments_settle_linked_references() {
        assert_eq!(beijing14(0), "19700101080000");
        let none = Paid::default();
        assert!(!settled("water-bill", "330100", "SW3301202504018826", &none));
        assert!(settled("water-bill", "330100", "SW3301202504018827", &none));
        let paid = Paid::new([("3301002505080012345".to_string(), 0)]);
        assert!(settled("traffic-fine-payment", "330100", "3301002505080012345", &paid));
        assert!(settled("traffic-violations", "330100", "3301001202504120001", &paid));
        assert!(!settled("traffic-violations", "330100", "3301001202503050017", &paid));
        let by_record = Paid::new([("3301001202504120001".to_string(), 0)]);
        let fine = |p| settled("traffic-fine-payment", "330100", "3301002505080012345", p);
        assert!(fine(&by_record));
        assert!(!settled("traffic-fine-payment", "110100", "3301002505080012345", &paid));
    }
}
