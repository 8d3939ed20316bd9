//! Numbered schema migrations, recorded in `schema_version`. A migration is never edited
//! once released: changes are new, higher-numbered entries.

use rusqlite::{Connection, OptionalExtension};

use super::DbError;

/// The migrations, in order: `(version, sql)`.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        "CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            idempotency_key TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            service TEXT NOT NULL,
            city TEXT NOT NULL,
            reference TEXT NOT NULL,
            amount_fen INTEGER NOT NULL,
            user_id TEXT NOT NULL,
            status TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL,
            paid_ms INTEGER
        );
        CREATE INDEX orders_by_reference ON orders (reference);
        CREATE UNIQUE INDEX orders_paid_once ON orders (service, city, reference)
            WHERE status = 'paid';",
    ),
    (
        2,
        "CREATE TABLE slots (
            id TEXT PRIMARY KEY,
            service TEXT NOT NULL,
            city TEXT NOT NULL,
            resource TEXT NOT NULL,
            date TEXT NOT NULL,
            start_at TEXT NOT NULL,
            end_at TEXT NOT NULL,
            capacity INTEGER NOT NULL CHECK (capacity >= 0)
        );
        CREATE INDEX slots_by_day ON slots (service, city, resource, date);
        CREATE TABLE bookings (
            id TEXT PRIMARY KEY,
            idempotency_key TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            slot_id TEXT NOT NULL REFERENCES slots (id),
            user_id TEXT NOT NULL,
            party TEXT NOT NULL,
            status TEXT NOT NULL,
            number TEXT UNIQUE,
            expires_ms INTEGER NOT NULL,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL
        );
        CREATE INDEX bookings_by_slot ON bookings (slot_id, status);",
    ),
    (
        3,
        "CREATE TABLE subscriptions (
            id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            key TEXT NOT NULL,
            user_id TEXT NOT NULL,
            city TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            UNIQUE (topic, key, user_id)
        );
        CREATE INDEX subscriptions_by_user ON subscriptions (user_id);",
    ),
    (
        4,
        "CREATE TABLE records (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            service TEXT NOT NULL,
            city TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('transaction', 'booking')),
            reference TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('done', 'cancelled')),
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX records_once ON records (user_id, service, city, reference);
        CREATE INDEX records_by_user ON records (user_id, city, updated_ms);
        CREATE INDEX orders_by_user ON orders (user_id, city, status);",
    ),
    (
        5,
        // The paying departments' own books (they no longer read the orders), filled with the
        // orders paid so far; and the index `POST /platform/pay/orders` needs to find a city's
        // orders being paid without scanning the table.
        "CREATE TABLE settlements (
            order_id TEXT PRIMARY KEY,
            city TEXT NOT NULL,
            service TEXT NOT NULL,
            reference TEXT NOT NULL,
            amount_fen INTEGER NOT NULL,
            paid_ms INTEGER NOT NULL
        );
        CREATE INDEX settlements_by_city ON settlements (city, reference);
        INSERT INTO settlements (order_id, city, service, reference, amount_fen, paid_ms)
            SELECT id, city, service, reference, amount_fen, paid_ms FROM orders
            WHERE status = 'paid' AND paid_ms IS NOT NULL;
        CREATE INDEX orders_by_city_status ON orders (city, status, service, reference);",
    ),
    (
        6,
        // Payment providers' notifications seen, so each id is used once (replay protection).
        "CREATE TABLE pay_notifications (
            id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            order_id TEXT NOT NULL,
            received_ms INTEGER NOT NULL
        );",
    ),
    (
        7,
        // My City's consent (one row per granted attribute class of a service, per host user
        // and city), whether the user has answered in a city, and the audit of the person
        // queries made for them: the classes sent and the outcome, never the values.
        "CREATE TABLE consents (
            user_id TEXT NOT NULL,
            city TEXT NOT NULL,
            service TEXT NOT NULL,
            class TEXT NOT NULL,
            granted_ms INTEGER NOT NULL,
            PRIMARY KEY (user_id, city, service, class)
        );
        CREATE TABLE consent_answers (
            user_id TEXT NOT NULL,
            city TEXT NOT NULL,
            answered_ms INTEGER NOT NULL,
            PRIMARY KEY (user_id, city)
        );
        CREATE TABLE digest_audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id TEXT NOT NULL,
            city TEXT NOT NULL,
            service TEXT NOT NULL,
            classes TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'late', 'unavailable')),
            at_ms INTEGER NOT NULL
        );
        CREATE INDEX digest_audit_by_user ON digest_audit (user_id, city, id);",
    ),
];

/// The newest schema version this build knows.
pub const LATEST_VERSION: i64 = 7;

/// The version recorded in the database (0 for a fresh one).
pub fn current_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_version", [], |row| row.get(0))
        .optional()
        .map(Option::unwrap_or_default)
}

/// Creates `schema_version` if needed and applies every migration newer than the recorded
/// version, all in one immediate transaction. Refuses a database from a newer build.
pub fn migrate(conn: &mut Connection) -> Result<i64, DbError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY,
            applied_ms INTEGER NOT NULL
        )",
    )?;
    let tx = super::immediate(conn)?;
    let found = current_version(&tx)?;
    if found > LATEST_VERSION {
        return Err(DbError::TooNew { found, known: LATEST_VERSION });
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > found) {
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_version (version, applied_ms) VALUES (?1, ?2)",
            (version, crate::time::now_ms()),
        )?;
        tracing::info!(version, "database migrated");
    }
    tx.commit()?;
    Ok(LATEST_VERSION)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_refuses_newer_files() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        assert_eq!(migrate(&mut conn).ok(), Some(LATEST_VERSION));
        assert_eq!(migrate(&mut conn).ok(), Some(LATEST_VERSION));
        assert_eq!(current_version(&conn).ok(), Some(LATEST_VERSION));
        let last = MIGRATIONS.last().map(|m| m.0);
        assert_eq!(last, Some(LATEST_VERSION));
        conn.execute("INSERT INTO schema_version VALUES (99, 0)", []).expect("insert");
        assert!(matches!(migrate(&mut conn), Err(DbError::TooNew { found: 99, .. })));
    }

    #[test]
    fn a_version_3_file_gains_records_and_keeps_its_rows() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        conn.execute_batch(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)",
        )
        .expect("version table");
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= 3) {
            conn.execute_batch(sql).expect("old migration");
            conn.execute("INSERT INTO schema_version VALUES (?1, 0)", [version])
                .expect("record version");
        }
        conn.execute(
            "INSERT INTO subscriptions VALUES ('sub_1', 'progress', 'APP-1', 'u-1', '330100', 0)",
            [],
        )
        .expect("old row");
        assert_eq!(migrate(&mut conn).ok(), Some(LATEST_VERSION));
        let kept: i64 =
            conn.query_row("SELECT COUNT(*) FROM subscriptions", [], |r| r.get(0)).expect("count");
        assert_eq!(kept, 1);
        let insert = "INSERT INTO records VALUES (?1, 'u-1', 'water-bill', '330100', \
                      'transaction', 'R-1', 'done', 0, 0)";
        conn.execute(insert, ["rec_1"]).expect("first record");
        let twice = conn.execute(insert, ["rec_2"]);
        assert!(twice.is_err(), "one record per (user, service, city, reference)");
    }

    #[test]
    fn a_version_4_file_gives_its_paid_orders_to_the_departments_books() {
        let mut conn = Connection::open_in_memory().expect("memory db");
        conn.execute_batch(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL)",
        )
        .expect("version table");
        for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v <= 4) {
            conn.execute_batch(sql).expect("old migration");
            conn.execute("INSERT INTO schema_version VALUES (?1, 0)", [version])
                .expect("record version");
        }
        let order = "INSERT INTO orders VALUES (?1, ?1, 'f', 'water-bill', '330100', \
                     'SW3301202504018826', 5130, 'u-1', ?2, 0, 0, ?3)";
        conn.execute(order, rusqlite::params!["ord_1", "paid", 9]).expect("paid order");
        conn.execute(order, rusqlite::params!["ord_2", "created", None::<i64>]).expect("order");
        assert_eq!(migrate(&mut conn).ok(), Some(LATEST_VERSION));
        let rows = crate::departments::books::read(&conn, "330100").expect("books");
        let paid: Vec<(&str, i64)> =
            rows.iter().map(|s| (s.reference.as_str(), s.paid_ms)).collect();
        assert_eq!(paid, vec![("SW3301202504018826", 9)]);
    }
}
