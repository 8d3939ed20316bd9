//! Several platform instances on one PostgreSQL database, with the guarantees of the single
//! SQLite process: three real `citypanel-sandbox` processes started with `--database-url` on
//! a fresh database each test, requests spread over them round-robin.
//!
//! The database server comes from the environment: `CITYPANEL_TEST_POSTGRES` is the URL of a
//! throw-away cluster's `postgres` database (`cargo xtask test` starts one on a free loopback
//! port and removes it afterwards). Without it these tests say so and pass, unless
//! `CITYPANEL_REQUIRE_POSTGRES=1` (set by `cargo xtask test` once the cluster is up).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_citypanel-sandbox");

/// The water bill of `3301287645` (¥51.30) in the sandbox's Hangzhou water department.
const WATER: &str = "SW3301202504018826";

/// A fresh database `name` on the test cluster and its URL, or `None` (test skipped).
async fn database(name: &str) -> Option<String> {
    let Ok(admin) = std::env::var("CITYPANEL_TEST_POSTGRES") else {
        let required = std::env::var("CITYPANEL_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        assert!(!required, "CITYPANEL_REQUIRE_POSTGRES=1 but CITYPANEL_TEST_POSTGRES is unset");
        eprintln!("skipped `{name}`: CITYPANEL_TEST_POSTGRES is unset (cargo xtask test sets it)");
        return None;
    };
    let (client, connection) =
        tokio_postgres::connect(&admin, tokio_postgres::NoTls).await.expect("connect admin");
    tokio::spawn(connection);
    client.batch_execute(&format!("DROP DATABASE IF EXISTS {name}")).await.expect("drop");
    client.batch_execute(&format!("CREATE DATABASE {name}")).await.expect("create database");
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base).to_string();
    Some(format!("{base}/{name}"))
}

/// A direct connection to the test database, to check what is stored.
async fn sql(url: &str) -> tokio_postgres::Client {
    let (client, connection) =
        tokio_postgres::connect(url, tokio_postgres::NoTls).await.expect("connect");
    tokio::spawn(connection);
    client
}

async fn count(db: &tokio_postgres::Client, query: &str) -> i64 {
    db.query_one(query, &[]).await.expect(query).get(0)
}

/// One platform process, killed when dropped; its log lines are kept.
struct Instance {
    child: Child,
    url: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database_url: &str, extra: &[&str]) -> Instance {
    let catalog = format!("{}/../catalog", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--catalog", &catalog, "--database-url", database_url])
        .arg("--dev-allow-anonymous")
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    let mut reader = BufReader::new(stdout);
    reader.read_line(&mut line).expect("listening line");
    let url = line
        .trim_end()
        .strip_prefix("citypanel-sandbox listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    std::thread::spawn(move || for _ in reader.lines() {});
    let log = Arc::new(Mutex::new(Vec::new()));
    let stderr = child.stderr.take().expect("stderr");
    let kept = Arc::clone(&log);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Ok(mut lines) = kept.lock() {
                lines.push(line);
            }
        }
    });
    Instance { child, url, log }
}

fn three(database_url: &str, extra: &[&str]) -> Vec<Instance> {
    // The first migrates; the others find the schema (they would also wait on its lock).
    (0..3).map(|_| start(database_url, extra)).collect()
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().pool_max_idle_per_host(64).build().expect("client")
}

async fn post(
    http: reqwest::Client,
    url: String,
    key: Option<String>,
    body: Value,
) -> Result<(u16, Value), reqwest::Error> {
    let mut request = http.post(url).json(&body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    let response = request.send().await?;
    let status = response.status().as_u16();
    Ok((status, response.json().await.unwrap_or(Value::Null)))
}

async fn get(http: &reqwest::Client, url: String) -> (u16, Value) {
    let response = http.get(url).send().await.expect("get");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn date_ahead(days: i64) -> String {
    use citypanel_sandbox::time::{beijing_today, date_of_days};
    date_of_days(beijing_today().days() + days).to_string()
}

async fn slot_ids(http: &reqwest::Client, url: &str, resource: &str) -> Vec<Value> {
    let query = format!(
        "{url}/api/v1/slots?service=vehicle-inspection&city=330100&resource={resource}&date={}",
        date_ahead(3)
    );
    let (status, slots) = get(http, query).await;
    assert_eq!(status, 200, "{slots}");
    slots.as_array().expect("slots").clone()
}

fn hold_body(slot: &str, user: &str) -> Value {
    json!({ "slot": slot, "user": user, "party": { "name": "张三" } })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_holds_over_three_instances_take_exactly_ten_places() {
    let Some(url) = database("cp_holds").await else { return };
    let instances = three(&url, &[]);
    let http = client();
    let slots = slot_ids(&http, &instances[0].url, "station-pg").await;
    let slot = slots[0]["id"].as_str().expect("slot id").to_string();
    assert_eq!(slots[0]["capacity"], 10);

    let mut tasks = Vec::new();
    for n in 0..200 {
        let target = format!("{}/api/v1/bookings/hold", instances[n % 3].url);
        let body = hold_body(&slot, &format!("u-{n}"));
        tasks.push(tokio::spawn(post(http.clone(), target, Some(format!("hold-{n:04}")), body)));
    }
    let mut statuses = std::collections::BTreeMap::new();
    for task in tasks {
        let (status, body) = task.await.expect("task").expect("answer");
        if status == 409 {
            assert_eq!(body["error"]["code"], "slot_full", "{body}");
        }
        *statuses.entry(status).or_insert(0) += 1;
    }
    assert_eq!(statuses.get(&201), Some(&10), "{statuses:?}");
    assert_eq!(statuses.get(&409), Some(&190), "{statuses:?}");
    let db = sql(&url).await;
    let held = count(&db, "SELECT COUNT(*) FROM bookings WHERE status = 'held'").await;
    assert_eq!(held, 10);
    for instance in &instances {
        let seen = slot_ids(&http, &instance.url, "station-pg").await;
        assert_eq!(seen[0]["left"], 0, "{}", instance.url);
    }

    // A retry with one key lands on every instance: one hold, the same answer.
    let other = slots[1]["id"].as_str().expect("slot id").to_string();
    let mut retries = Vec::new();
    for n in 0..30 {
        let target = format!("{}/api/v1/bookings/hold", instances[n % 3].url);
        let body = hold_body(&other, "u-retry");
        retries.push(tokio::spawn(post(http.clone(), target, Some("hold-retry".into()), body)));
    }
    let mut ids = std::collections::BTreeSet::new();
    let mut created = 0;
    for task in retries {
        let (status, body) = task.await.expect("task").expect("answer");
        assert!(status == 201 || status == 200, "{status} {body}");
        created += usize::from(status == 201);
        ids.insert(body["booking"]["id"].as_str().expect("id").to_string());
    }
    assert_eq!((created, ids.len()), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_payments_of_one_bill_over_three_instances_pay_it_once() {
    let Some(url) = database("cp_pay").await else { return };
    let instances = three(&url, &[]);
    let http = client();
    let order = |n: usize| {
        json!({ "service": "water-bill", "city": "330100", "reference": WATER,
                "amount_fen": 5130, "user": format!("u-{n}") })
    };
    // Fifty citizens' orders of one bill (none is paid or being paid yet, so all are taken).
    let mut orders = Vec::new();
    for n in 0..50 {
        let target = format!("{}/api/v1/orders", instances[n % 3].url);
        let (status, body) =
            post(http.clone(), target, Some(format!("pay-{n:04}")), order(n)).await.expect("order");
        assert_eq!(status, 201, "{body}");
        orders.push(body["order"]["id"].as_str().expect("id").to_string());
    }
    // The same key sent thirty times at once over the three: one order.
    let mut retries = Vec::new();
    for n in 0..30 {
        let target = format!("{}/api/v1/orders", instances[n % 3].url);
        retries.push(tokio::spawn(post(http.clone(), target, Some("pay-0000".into()), order(0))));
    }
    for task in retries {
        let (status, body) = task.await.expect("task").expect("answer");
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["order"]["id"], orders[0].as_str());
    }
    // All fifty paid at once on the payment page, spread over the instances: one is paid.
    let mut payments = Vec::new();
    for (n, id) in orders.iter().enumerate() {
        let target = format!("{}/platform/pay/page/settle", instances[n % 3].url);
        let body = json!({ "order": id, "outcome": "success" });
        payments.push(tokio::spawn(post(http.clone(), target, None, body)));
    }
    let mut paid = 0;
    for task in payments {
        let (status, body) = task.await.expect("task").expect("answer");
        match status {
            200 => {
                assert_eq!(body["order"]["status"], "paid", "{body}");
                paid += 1;
            }
            409 => assert_eq!(body["error"]["code"], "already_paid", "{body}"),
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(paid, 1);
    let db = sql(&url).await;
    assert_eq!(count(&db, "SELECT COUNT(*) FROM orders WHERE status = 'paid'").await, 1);
    // Ready on the shared database; what is not on PostgreSQL yet says so.
    let ready = http.get(format!("{}/readyz", instances[2].url)).send().await.expect("readyz");
    assert_eq!(ready.status().as_u16(), 200);
    let (status, body) =
        get(&http, format!("{}/api/v1/subscriptions?user=u-1", instances[0].url)).await;
    assert_eq!((status, &body["error"]["code"]), (503, &json!("not_on_postgres")), "{body}");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM settlements").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM orders WHERE status = 'cancelled'").await, 49);
    // Every instance's water department now answers the bill paid (no process-local books).
    for instance in &instances {
        let target = format!("{}/dept/hz-water/bill", instance.url);
        let (status, bill) = post(http.clone(), target, None, json!({ "accountNo": "3301287645" }))
            .await
            .expect("bill");
        assert_eq!(status, 200, "{bill}");
        assert_eq!(bill["data"]["bill"]["status"], "PAID", "{} {bill}", instance.url);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_lapsed_hold_is_expired_by_exactly_one_sweeper() {
    let Some(url) = database("cp_sweep").await else { return };
    let instances = three(&url, &["--hold-seconds", "1"]);
    let http = client();
    let slots = slot_ids(&http, &instances[0].url, "station-sweep").await;
    let mut held = 0;
    for (n, slot) in slots.iter().enumerate() {
        let slot = slot["id"].as_str().expect("slot id");
        let target = format!("{}/api/v1/bookings/hold", instances[n % 3].url);
        let key = Some(format!("sweep-{n:04}"));
        let (status, body) =
            post(http.clone(), target, key, hold_body(slot, "u-s")).await.expect("hold");
        assert_eq!(status, 201, "{body}");
        held += 1;
    }
    // Each instance sweeps every second; wait for the holds to lapse and be swept.
    let db = sql(&url).await;
    let mut expired = 0;
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        expired = count(&db, "SELECT COUNT(*) FROM bookings WHERE status = 'expired'").await;
        if expired == held {
            break;
        }
    }
    assert_eq!(expired, held);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut swept = 0;
    let mut sweepers = 0;
    for instance in &instances {
        let lines = instance.log.lock().expect("log").clone();
        let mine: i64 = lines
            .iter()
            .filter(|l| l.contains("lapsed holds expired"))
            .filter_map(|l| l.split("expired=").nth(1))
            .filter_map(|n| n.split_whitespace().next().and_then(|n| n.parse::<i64>().ok()))
            .sum();
        swept += mine;
        sweepers += usize::from(mine > 0);
    }
    assert_eq!(swept, held, "every lapsed hold is expired once, by one sweeper");
    assert!(sweepers >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_of_one_instance_under_load_loses_no_acknowledged_write() {
    let Some(url) = database("cp_kill").await else { return };
    let mut instances = three(&url, &[]);
    let http = client();
    let urls: Vec<String> = instances.iter().map(|i| i.url.clone()).collect();
    let slots = slot_ids(&http, &urls[0], "station-kill").await;
    let slot_ids: Vec<String> =
        slots.iter().map(|s| s["id"].as_str().expect("id").to_string()).collect();

    // Three workers per instance create orders, pay every other one and hold places, and
    // keep what was acknowledged (a 2xx answer) until told to stop.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut workers = Vec::new();
    for w in 0..9 {
        let base = urls[w % 3].clone();
        let http = http.clone();
        let stop = Arc::clone(&stop);
        let slot_ids = slot_ids.clone();
        workers.push(tokio::spawn(async move {
            let (mut orders, mut paid, mut bookings) = (Vec::new(), Vec::new(), Vec::new());
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let body = json!({ "service": "water-bill", "city": "330100",
                    "reference": format!("K{w}-{n}"), "amount_fen": 100, "user": "u-k" });
                let target = format!("{base}/api/v1/orders");
                let created =
                    match post(http.clone(), target, Some(format!("kill-order-{w}-{n}")), body)
                        .await
                    {
                        Ok((201, created)) => created,
                        Ok((status, body)) if n < 3 => panic!("order refused: {status} {body}"),
                        _ => continue,
                    };
                let id = created["order"]["id"].as_str().unwrap_or_default().to_string();
                orders.push(id.clone());
                if n % 2 == 0 {
                    let target = format!("{base}/platform/pay/page/settle");
                    let body = json!({ "order": id, "outcome": "success" });
                    if let Ok((200, _)) = post(http.clone(), target, None, body).await {
                        paid.push(id);
                    }
                }
                let slot = &slot_ids[n % slot_ids.len()];
                let target = format!("{base}/api/v1/bookings/hold");
                let key = Some(format!("kill-hold-{w}-{n}"));
                if let Ok((201, held)) =
                    post(http.clone(), target, key, hold_body(slot, "u-k")).await
                {
                    bookings.push(held["booking"]["id"].as_str().unwrap_or_default().to_string());
                }
            }
            (orders, paid, bookings)
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    instances[1].child.kill().expect("kill -9"); // SIGKILL: no graceful shutdown
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (mut orders, mut paid, mut bookings) = (Vec::new(), Vec::new(), Vec::new());
    for worker in workers {
        let (o, p, b) = worker.await.expect("worker");
        orders.extend(o);
        paid.extend(p);
        bookings.extend(b);
    }
    let counts = (orders.len(), paid.len(), bookings.len());
    assert!(counts.0 >= 9 && counts.1 > 0 && counts.2 > 0, "load ran: {counts:?}");
    let db = sql(&url).await;
    for id in &orders {
        let found = db.query_opt("SELECT status FROM orders WHERE id = $1", &[id]).await;
        assert!(found.expect("query").is_some(), "acknowledged order {id} lost");
    }
    for id in &paid {
        let row = db.query_one("SELECT status FROM orders WHERE id = $1", &[id]).await;
        assert_eq!(row.expect("paid order").get::<_, String>(0), "paid", "{id}");
        let settled = db.query_opt("SELECT 1 FROM settlements WHERE order_id = $1", &[id]).await;
        assert!(settled.expect("query").is_some(), "paid order {id} not in the books");
    }
    for id in &bookings {
        let found = db.query_opt("SELECT 1 FROM bookings WHERE id = $1", &[id]).await;
        assert!(found.expect("query").is_some(), "acknowledged booking {id} lost");
    }
    // The survivors still answer, and see what the killed one acknowledged.
    let (status, body) = get(&http, format!("{}/api/v1/orders/{}", urls[0], orders[0])).await;
    assert_eq!(status, 200, "{body}");
    eprintln!(
        "kill -9 under load: {} orders, {} payments, {} bookings acknowledged, all stored",
        orders.len(),
        paid.len(),
        bookings.len()
    );
}
