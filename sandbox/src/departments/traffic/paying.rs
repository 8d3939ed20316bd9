//! Fines and violations paid through the platform ([`crate::departments::payments`]). Links:
//! paying a decision (its payment number `jkbh`) also settles the violation record it names,
//! and paying a violation record (`xh`, from the violation inquiry) settles its decision.

use super::fines::{Decision, DECISIONS};
use super::records::{record, Violation};
use crate::departments::books::Books;
use crate::departments::payments::Paying;
use crate::time::beijing14;

/// The traffic police's services paid through the platform.
pub const PAYING: &[Paying] = &[
    Paying {
        service: "traffic-fine-payment",
        due: fine_due,
        settled: fine_settled,
        linked: fine_linked,
    },
    Paying {
        service: "traffic-violations",
        due: violation_due,
        settled: violation_settled,
        linked: violation_linked,
    },
];

/// The decision of `city` with payment number `payment_no`.
fn decision(city: &str, payment_no: &str) -> Option<&'static Decision> {
    DECISIONS.iter().find(|d| d.city == city && d.payment_no == payment_no)
}

/// A decision's fine plus its late fee, in fen.
fn fine_due(city: &str, reference: &str) -> Option<i64> {
    decision(city, reference).and_then(|d| {
        record(city, d.record).map(|(_, v)| i64::from(v.fkje) + i64::from(d.late_fee))
    })
}

fn fine_settled(city: &str, reference: &str, books: &Books) -> bool {
    decision(city, reference).is_some_and(|d| decision_paid_at(d, books).is_some())
}

/// A decision is settled by its payment number or the violation record it names.
fn fine_linked(city: &str, reference: &str) -> Vec<String> {
    let mut linked = vec![reference.to_string()];
    linked.extend(decision(city, reference).map(|d| d.record.to_string()));
    linked
}

/// A violation record is settled by its own number or its decisions' payment numbers.
fn violation_linked(city: &str, reference: &str) -> Vec<String> {
    let decisions = DECISIONS.iter().filter(|d| d.city == city && d.record == reference);
    std::iter::once(reference.to_string())
        .chain(decisions.map(|d| d.payment_no.to_string()))
        .collect()
}

/// A violation record's fine, in fen.
fn violation_due(city: &str, reference: &str) -> Option<i64> {
    record(city, reference).map(|(_, v)| i64::from(v.fkje))
}

fn violation_settled(city: &str, reference: &str, books: &Books) -> bool {
    record(city, reference).is_some_and(|(_, v)| violation(city, v, books).clzt == "1")
}

/// When a penalty decision was paid: as seeded, or through the platform (its payment number,
/// or the violation record it settles).
pub fn decision_paid_at(d: &Decision, books: &Books) -> Option<String> {
    let platform = || books.at(d.payment_no).or_else(|| books.at(d.record));
    d.paid_at.map(String::from).or_else(|| platform().map(beijing14))
}

/// A violation record as its police now see it: handled (`clzt` `1`) once paid through the
/// platform, by its own number or by its decision's payment number.
pub fn violation(city: &str, v: &Violation, books: &Books) -> Violation {
    let by_decision = || {
        DECISIONS
            .iter()
            .any(|d| d.city == city && d.record == v.xh && books.at(d.payment_no).is_some())
    };
    if v.clzt == "0" && (books.at(v.xh).is_some() || by_decision()) {
        Violation { clzt: "1", ..*v }
    } else {
        *v
    }
}
