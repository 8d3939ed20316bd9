//! The paying departments' own books: the payments the platform reported settled
//! ([`super::payments::settle`]), kept in the departments' table `settlements` (never the
//! platform's orders), so they survive restarts with `--data-dir`. A department reads the
//! books of its city ([`Books`]) and decides itself what they settle: only a payment of exactly
//! what it asked under a reference counts.

use std::collections::BTreeMap;

use rusqlite::Connection;

/// One payment the platform reported settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// The paying service, e.g. `water-bill`.
    pub service: String,
    /// The bill, decision or record number paid.
    pub reference: String,
    /// The amount paid, in fen.
    pub amount_fen: i64,
    /// When it was paid, epoch milliseconds.
    pub paid_ms: i64,
}

/// The references of one city paid through the platform, with when (epoch milliseconds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Books(BTreeMap<String, i64>);

impl Books {
    /// From `(reference, paid_ms)` rows.
    pub fn new(rows: impl IntoIterator<Item = (String, i64)>) -> Books {
        Books(rows.into_iter().collect())
    }

    /// From a city's settlements: only those that paid exactly what the department says is
    /// due under their reference count (an order of another amount, made through the
    /// lower-level `/api/v1/orders`, does not settle a bill or a fine).
    pub fn from_settlements(city: &str, rows: Vec<Settlement>) -> Books {
        let due = |s: &Settlement| super::payments::due(&s.service, city, &s.reference);
        Books::new(
            rows.into_iter()
                .filter(|s| due(s) == Some(s.amount_fen))
                .map(|s| (s.reference, s.paid_ms)),
        )
    }

    /// When `reference` was paid through the platform, if it was.
    pub fn at(&self, reference: &str) -> Option<i64> {
        self.0.get(reference).copied()
    }
}

/// Writes one settlement of order `order` in `city` (a repeated report of the same order is
/// kept once).
pub fn record(conn: &Connection, order: &str, city: &str, s: &Settlement) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO settlements (order_id, city, service, reference, amount_fen, \
         paid_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        rusqlite::params![order, city, s.service, s.reference, s.amount_fen, s.paid_ms],
    )?;
    Ok(())
}

/// The query of [`read`].
pub const READ_SQL: &str =
    "SELECT service, reference, amount_fen, paid_ms FROM settlements WHERE city = ?1";

/// The settlements of one reference of a city.
pub fn read_reference(
    conn: &Connection,
    city: &str,
    reference: &str,
) -> rusqlite::Result<Vec<Settlement>> {
    let mut statement = conn.prepare_cached(&format!("{READ_SQL} AND reference = ?2"))?;
    let rows = statement.query_map([city, reference], settlement)?;
    rows.collect()
}

fn settlement(row: &rusqlite::Row<'_>) -> rusqlite::Result<Settlement> {
    Ok(Settlement {
        service: row.get(0)?,
        reference: row.get(1)?,
        amount_fen: row.get(2)?,
        paid_ms: row.get(3)?,
    })
}

/// Every settlement of a city.
pub fn read(conn: &Connection, city: &str) -> rusqlite::Result<Vec<Settlement>> {
    let mut statement = conn.prepare_cached(READ_SQL)?;
    let rows = statement.query_map([city], settlement)?;
    rows.collect()
}

/// The books per city, read once and forgotten whenever a payment settles (a paying
/// department answers without a database call per request).
#[derive(Debug, Default)]
pub struct BooksCache(std::sync::Mutex<(u64, BTreeMap<String, Books>)>);

impl BooksCache {
    /// The cached books of `city`, and the generation to pass to [`BooksCache::put`].
    pub fn get(&self, city: &str) -> (Option<Books>, u64) {
        match self.0.lock() {
            Ok(g) => (g.1.get(city).cloned(), g.0),
            Err(_) => (None, u64::MAX),
        }
    }

    /// Keeps what was read at generation `generation` — unless a payment settled since.
    pub fn put(&self, city: &str, books: Books, generation: u64) {
        if let Ok(mut g) = self.0.lock() {
            if g.0 == generation {
                g.1.insert(city.to_string(), books);
            }
        }
    }

    /// A payment settled: everything cached may be out of date.
    pub fn forget(&self) {
        if let Ok(mut g) = self.0.lock() {
            g.0 = g.0.wrapping_add(1);
            g.1.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_never_keeps_a_read_older_than_a_settlement() {
        let cache = BooksCache::default();
        let (none, generation) = cache.get("330100");
        assert!(none.is_none());
        cache.forget(); // a payment settles while the read is in flight
        cache.put("330100", Books::default(), generation);
        assert!(cache.get("330100").0.is_none(), "the stale read is dropped");
        let (_, generation) = cache.get("330100");
        cache.put("330100", Books::new([("SW1".to_string(), 1)]), generation);
        assert_eq!(cache.get("330100").0.and_then(|p| p.at("SW1")), Some(1));
    }

    #[test]
    fn only_payments_of_the_amount_due_count() {
        let row = |reference: &str, amount_fen| Settlement {
            service: "water-bill".into(),
            reference: reference.into(),
            amount_fen,
            paid_ms: 7,
        };
        let rows = vec![row("SW3301202504018826", 5130), row("SW3301202504018826x", 5130)];
        let books = Books::from_settlements("330100", rows);
        assert_eq!(books.at("SW3301202504018826"), Some(7));
        assert_eq!(books.at("SW3301202504018826x"), None, "unknown reference");
        let short = Books::from_settlements("330100", vec![row("SW3301202504018826", 1)]);
        assert_eq!(short.at("SW3301202504018826"), None, "another amount");
    }
}
