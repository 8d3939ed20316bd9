//! The PostgreSQL schema, versioned alike the SQLite one ([`super::migrations`]): entry `N`
//! here creates what SQLite migration `N` creates, in PostgreSQL's dialect (`BIGINT` for
//! SQLite's 64-bit `INTEGER`), recorded in the same `schema_version` table. A migration is
//! never edited once released: changes are new, higher-numbered entries. (SQLite migrations
//! added since the last entry here are features not on PostgreSQL yet: see
//! [`super::pg::NOT_YET`].)

/// The migrations, in order: `(version, sql)`.
pub const PG_MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        "CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            idempotency_key TEXT NOT NULL UNIQUE,
            fingerprint TEXT NOT NULL,
            service TEXT NOT NULL,
            city TEXT NOT NULL,
            reference TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            user_id TEXT NOT NULL,
            status TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
            updated_ms BIGINT NOT NULL,
            paid_ms BIGINT
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
            capacity BIGINT NOT NULL CHECK (capacity >= 0)
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
            expires_ms BIGINT NOT NULL,
            created_ms BIGINT NOT NULL,
            updated_ms BIGINT NOT NULL
        );
        CREATE INDEX bookings_by_slot ON bookings (slot_id, status);
        CREATE INDEX bookings_lapsing ON bookings (expires_ms) WHERE status = 'held';",
    ),
    (
        3,
        "CREATE TABLE subscriptions (
            id TEXT PRIMARY KEY,
            topic TEXT NOT NULL,
            key TEXT NOT NULL,
            user_id TEXT NOT NULL,
            city TEXT NOT NULL,
            created_ms BIGINT NOT NULL,
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
            created_ms BIGINT NOT NULL,
            updated_ms BIGINT NOT NULL
        );
        CREATE UNIQUE INDEX records_once ON records (user_id, service, city, reference);
        CREATE INDEX records_by_user ON records (user_id, city, updated_ms);
        CREATE INDEX orders_by_user ON orders (user_id, city, status);",
    ),
    (
        5,
        "CREATE TABLE settlements (
            order_id TEXT PRIMARY KEY,
            city TEXT NOT NULL,
            service TEXT NOT NULL,
            reference TEXT NOT NULL,
            amount_fen BIGINT NOT NULL,
            paid_ms BIGINT NOT NULL
        );
        CREATE INDEX settlements_by_city ON settlements (city, reference);
        INSERT INTO settlements (order_id, city, service, reference, amount_fen, paid_ms)
            SELECT id, city, service, reference, amount_fen, paid_ms FROM orders
            WHERE status = 'paid' AND paid_ms IS NOT NULL;
        CREATE INDEX orders_by_city_status ON orders (city, status, service, reference);",
    ),
    (
        6,
        "CREATE TABLE pay_notifications (
            id TEXT PRIMARY KEY,
            host TEXT NOT NULL,
            order_id TEXT NOT NULL,
            received_ms BIGINT NOT NULL
        );",
    ),
];

/// The newest PostgreSQL schema version this build knows.
pub const PG_LATEST_VERSION: i64 = 6;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each PostgreSQL entry is the SQLite entry of the same number, and they are in order.
    #[test]
    fn versioned_alike_the_sqlite_schema() {
        let versions: Vec<i64> = PG_MIGRATIONS.iter().map(|m| m.0).collect();
        assert_eq!(versions, (1..=PG_LATEST_VERSION).collect::<Vec<_>>());
        for (version, _) in PG_MIGRATIONS {
            assert!(super::super::MIGRATIONS.iter().any(|(v, _)| v == version), "{version}");
        }
        const { assert!(PG_LATEST_VERSION <= super::super::LATEST_VERSION) };
    }
}
