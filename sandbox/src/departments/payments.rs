//! The one interface between the platform and the paying departments. The platform asks
//! "what is due for this reference" ([`due`]), "is it already settled" ([`is_settled`]) and
//! tells a department "it is paid" ([`settle`]); departments never read the platform's stores.
//!
//! A paying department describes each service it is paid for with a [`Paying`] (in its own
//! folder, e.g. `bills/paying.rs`) and is registered once, in [`super::PAYING`].

use rusqlite::Connection;

use super::books::{self, Books, Settlement};

/// A service a department is paid for through the platform.
#[derive(Debug, Clone, Copy)]
pub struct Paying {
    /// The catalog service, e.g. `water-bill`.
    pub service: &'static str,
    /// What the department asks to be paid for a reference in a city, in fen; `None` for a
    /// reference it does not know.
    pub due: fn(city: &str, reference: &str) -> Option<i64>,
    /// Whether the department counts a reference of a city as paid (seeded as paid, or paid
    /// through the platform under it or a linked reference), given the city's books.
    pub settled: fn(city: &str, reference: &str, books: &Books) -> bool,
    /// The references whose payment would settle a reference of a city: itself, and those the
    /// department links to it (so the platform reads only those from the books).
    pub linked: fn(city: &str, reference: &str) -> Vec<String>,
}

/// The registered description of a paying service.
pub fn paying(service: &str) -> Option<&'static Paying> {
    super::PAYING.iter().flat_map(|d| d.iter()).find(|p| p.service == service)
}

/// Whether `service` is paid through the platform to a department.
pub fn is_paying(service: &str) -> bool {
    paying(service).is_some()
}

/// What the department of `service` asks to be paid for `reference` in `city`, in fen: a
/// bill's total, a decision's fine plus late fee, a violation record's fine. `None` for a
/// service that is not paying or a reference the department does not know.
pub fn due(service: &str, city: &str, reference: &str) -> Option<i64> {
    paying(service).and_then(|p| (p.due)(city, reference))
}

/// Whether the department counts `reference` of `service` in `city` as paid, given `books`.
/// Unknown references and services that are not paying are not paid.
pub fn settled_in(service: &str, city: &str, reference: &str, books: &Books) -> bool {
    paying(service).is_some_and(|p| (p.settled)(city, reference, books))
}

/// Whether the department already counts `reference` of `service` in `city` as paid, by its
/// own books (reading only the reference and those linked to it).
pub fn is_settled(
    conn: &Connection,
    service: &str,
    city: &str,
    reference: &str,
) -> rusqlite::Result<bool> {
    let Some(paying) = paying(service) else {
        return Ok(false);
    };
    let mut rows = Vec::new();
    for linked in (paying.linked)(city, reference) {
        rows.extend(books::read_reference(conn, city, &linked)?);
    }
    let books = Books::from_settlements(city, rows);
    Ok((paying.settled)(city, reference, &books))
}

/// Whether a payment `paid` in `city` would also settle `reference` of `service` (the same
/// reference, or one the department links to it: a decision and the record it names).
pub fn would_settle(paid: &Settlement, city: &str, service: &str, reference: &str) -> bool {
    let books = Books::from_settlements(city, vec![paid.clone()]);
    settled_in(service, city, reference, &books)
}

/// Tells the department of `payment.service` that order `order` paid `payment` in `city`:
/// it is written in the departments' books (call inside the transaction that marks the order
/// paid, then forget the cached books). Services that are not paying are ignored.
pub fn settle(
    conn: &Connection,
    order: &str,
    city: &str,
    payment: &Settlement,
) -> rusqlite::Result<()> {
    if is_paying(&payment.service) {
        books::record(conn, order, city, payment)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_due_are_the_departments_own() {
        assert_eq!(due("water-bill", "330100", "SW3301202504018826"), Some(5130));
        assert_eq!(due("water-bill", "110100", "SW3301202504018826"), None);
        assert_eq!(due("traffic-violations", "330100", "3301001202504120001"), Some(20000));
        assert_eq!(due("water-bill", "330100", "nope"), None);
        assert_eq!(due("library-loans", "330100", "SW3301202504018826"), None);
    }

    #[test]
    fn payments_settle_linked_references() {
        let none = Books::default();
        assert!(!settled_in("water-bill", "330100", "SW3301202504018826", &none));
        assert!(settled_in("water-bill", "330100", "SW3301202504018827", &none));
        let paid = Books::new([("3301002505080012345".to_string(), 0)]);
        assert!(settled_in("traffic-fine-payment", "330100", "3301002505080012345", &paid));
        assert!(settled_in("traffic-violations", "330100", "3301001202504120001", &paid));
        assert!(!settled_in("traffic-violations", "330100", "3301001202503050017", &paid));
        let by_record = Books::new([("3301001202504120001".to_string(), 0)]);
        let fine = |b| settled_in("traffic-fine-payment", "330100", "3301002505080012345", b);
        assert!(fine(&by_record));
        assert!(!settled_in("traffic-fine-payment", "110100", "3301002505080012345", &paid));
        assert!(!settled_in("library-loans", "330100", "3301002505080012345", &paid));
    }

    #[test]
    fn linked_references_are_the_ones_that_settle() {
        let linked = |service, reference| paying(service).map(|p| (p.linked)("330100", reference));
        let bill = linked("water-bill", "SW3301202504018826");
        assert_eq!(bill, Some(vec!["SW3301202504018826".to_string()]));
        let decision = ["3301002505080012345".to_string(), "3301001202504120001".to_string()];
        assert_eq!(linked("traffic-fine-payment", "3301002505080012345"), Some(decision.to_vec()));
        let record = linked("traffic-violations", "3301001202504120001");
        assert_eq!(record, Some(vec![decision[1].clone(), decision[0].clone()]));
        // Every reference whose payment settles another is among its linked ones.
        for p in super::super::PAYING.iter().flat_map(|d| d.iter()) {
            for paid in decision.iter().chain(bill.iter().flatten()) {
                let books = Books::new([(paid.clone(), 0)]);
                for target in decision.iter().chain(bill.iter().flatten()) {
                    if (p.settled)("330100", target, &books)
                        && !(p.settled)("330100", target, &Books::default())
                    {
                        assert!(
                            (p.linked)("330100", target).contains(paid),
                            "{} {target} {paid}",
                            p.service
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_paying_service_is_registered_once() {
        let all: Vec<&str> =
            super::super::PAYING.iter().flat_map(|d| d.iter()).map(|p| p.service).collect();
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(all.len(), unique.len(), "{all:?}");
        for service in [
            "water-bill",
            "electricity-bill",
            "gas-bill",
            "traffic-fine-payment",
            "traffic-violations",
        ] {
            assert!(is_paying(service), "{service}");
        }
    }
}
