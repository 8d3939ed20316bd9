//! The payment path's reads at 30,000 orders, with the indexes of migration 5 and without them
//! (as before it): `cargo bench -p citypanel-sandbox --bench payment_path` prints µs per
//! `POST /platform/pay/orders`'s reads. Figures, not a pass/fail test.

use citypanel_sandbox::db::migrate;
use citypanel_sandbox::orders::store::payment_path_reads;
use rusqlite::{params, Connection};
use std::time::Instant;

const ORDERS: usize = 30_000;
const CITIES: [&str; 11] = [
    "110100", "310100", "440100", "440300", "330100", "330200", "360100", "370200", "140100",
    "440600", "420100",
];
/// Most orders are settled; one in a thousand is still being paid.
fn status(n: usize) -> &'static str {
    match n % 1000 {
        0 => "processing",
        1..=99 => "created",
        100..=149 => "failed",
        150..=199 => "cancelled",
        _ => "paid",
    }
}

fn fill(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO orders (id, idempotency_key, fingerprint, service, city, reference, \
             amount_fen, user_id, status, created_ms, updated_ms, paid_ms) \
             VALUES (?1, ?2, 'f', ?3, ?4, ?5, 5130, ?6, ?7, ?8, ?8, NULL)",
        )?;
        for n in 0..ORDERS {
            let service = if n.is_multiple_of(2) { "water-bill" } else { "traffic-fine-payment" };
            // One order per bill (reference), so a bill is paid at most once.
            let status = status(n);
            insert.execute(params![
                format!("ord_{n:032x}"),
                format!("key-{n}"),
                service,
                CITIES[n % CITIES.len()],
                format!("REF{n:08}"),
                format!("wallet:u-{}", n % 500),
                status,
                n as i64,
            ])?;
        }
    }
    tx.commit()
}

/// µs per call of the payment path's reads, over `n` bills.
fn time(conn: &Connection, n: usize) -> f64 {
    let start = Instant::now();
    let mut rows = 0;
    for i in 0..n {
        let r = (i * 7919) % ORDERS;
        let service = if r.is_multiple_of(2) { "water-bill" } else { "traffic-fine-payment" };
        rows += payment_path_reads(conn, service, CITIES[r % CITIES.len()], &format!("REF{r:08}"))
            .unwrap_or(0);
    }
    std::hint::black_box(rows);
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn main() {
    let mut conn = match Connection::open_in_memory() {
        Ok(c) => c,
        Err(e) => return eprintln!("payment_path: cannot open a database: {e}"),
    };
    if let Err(e) = migrate(&mut conn)
        .map(|_| ())
        .map_err(|e| e.to_string())
        .and_then(|_| fill(&mut conn).map_err(|e| e.to_string()))
    {
        return eprintln!("payment_path: cannot prepare {ORDERS} orders: {e}");
    }
    let indexed = time(&conn, 2_000);
    if let Err(e) =
        conn.execute_batch("DROP INDEX orders_by_city_status; DROP INDEX orders_by_user;")
    {
        return eprintln!("payment_path: cannot drop the indexes: {e}");
    }
    let scanned = time(&conn, 200);
    println!(
        "payment path reads at {ORDERS} orders: {indexed:.1} µs with the indexes (migration 5)"
    );
    println!("payment path reads at {ORDERS} orders: {scanned:.1} µs without them (table scans), {:.0}× slower", scanned / indexed);
}
