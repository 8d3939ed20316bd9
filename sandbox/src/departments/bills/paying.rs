//! Bills paid through the platform ([`crate::departments::payments`]): what a bill asks (its
//! total) and when it was paid (as seeded, or through the platform under its number).

use super::data::{Bill, Standing, STANDINGS};
use crate::departments::books::Books;
use crate::departments::payments::Paying;
use crate::time::beijing14;

/// The utilities' services paid through the platform.
pub const PAYING: &[Paying] = &[
    Paying { service: "water-bill", due, settled, linked },
    Paying { service: "electricity-bill", due, settled, linked },
    Paying { service: "gas-bill", due, settled, linked },
];

/// The bill numbered `reference` in `city`.
fn bill(city: &str, reference: &str) -> Option<&'static Bill> {
    STANDINGS.iter().find_map(|(c, _, s)| match s {
        Standing::Billed(b) if *c == city && b.no == reference => Some(b),
        _ => None,
    })
}

/// A bill's total, in fen.
fn due(city: &str, reference: &str) -> Option<i64> {
    bill(city, reference).map(Bill::total)
}

/// Whether the bill is paid, as seeded or through the platform.
fn settled(city: &str, reference: &str, books: &Books) -> bool {
    bill(city, reference).is_some_and(|b| bill_paid_at(b, books).is_some())
}

/// A bill is settled by its own number only.
fn linked(_city: &str, reference: &str) -> Vec<String> {
    vec![reference.to_string()]
}

/// When a bill was paid, `yyyyMMddHHmmss`: as seeded, or through the platform.
pub fn bill_paid_at(bill: &Bill, books: &Books) -> Option<String> {
    let platform = || books.at(bill.no).map(beijing14);
    bill.paid_at.map(String::from).or_else(platform)
}
