//! Instances benchmark: order creation and a department query against the single SQLite
//! process and against one, two and three platform processes on one PostgreSQL database,
//! same machine, same run. Each is a real `citypanel-sandbox` process; the clients spread
//! their requests over the instances round-robin.
//!
//! `cargo xtask bench` starts a throw-away PostgreSQL cluster and sets
//! `CITYPANEL_BENCH_POSTGRES` (its `postgres` database URL); without it only SQLite is
//! measured. `CITYPANEL_BENCH_REQUESTS` (default 3000) and `CITYPANEL_BENCH_CLIENTS` (default
//! 32) change the load.
//!
//! Read the figures for what they are: on a small machine the load generator, every
//! instance and the database server share the same cores, so more instances cannot add CPU;
//! what they show is the cost of the network round trips and locks of a shared database
//! against the embedded one, and that throughput holds (or not) as instances are added.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_citypanel-sandbox");

struct Instance(Child, String);

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(store: &[&str]) -> Result<Instance, String> {
    let catalog = format!("{}/../catalog", env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--catalog", &catalog, "--dev-allow-anonymous"])
        .args(store)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {BIN}: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    let url = line
        .trim_end()
        .strip_prefix("citypanel-sandbox listening on ")
        .ok_or_else(|| format!("unexpected first line {line:?}"))?
        .to_string();
    std::thread::spawn(move || for _ in reader.lines() {});
    Ok(Instance(child, url))
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

#[derive(Clone, Copy)]
enum Load {
    Orders,
    Department,
}

fn request(
    c: &reqwest::Client,
    base: &str,
    load: Load,
    n: usize,
    tag: &str,
) -> reqwest::RequestBuilder {
    match load {
        Load::Orders => {
            let body = json!({
                "service": "traffic-fine-payment", "city": "330100",
                "reference": format!("BENCH-{tag}-{n:08}"), "amount_fen": 20000, "user": "bench"
            });
            let key = format!("bench-{tag}-{n:08}");
            c.post(format!("{base}/api/v1/orders")).header("idempotency-key", key).json(&body)
        }
        // The paying water department: reads its books (the database) for each answer on
        // PostgreSQL; the SQLite process answers from its cached books.
        Load::Department => {
            c.post(format!("{base}/dept/hz-water/bill")).json(&json!({ "accountNo": "3301287645" }))
        }
    }
}

/// Sends `total` requests from `clients` concurrent clients over `bases`; returns requests
/// per second, p50 and p99 in milliseconds and failures.
async fn run(
    bases: &[String],
    load: Load,
    total: usize,
    clients: usize,
    tag: &str,
) -> (f64, f64, f64, usize) {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::new();
    for w in 0..clients {
        let client = reqwest::Client::new();
        let base = bases[w % bases.len()].clone();
        let (next, tag) = (Arc::clone(&next), tag.to_string());
        workers.push(tokio::spawn(async move {
            let (mut latencies, mut failed) = (Vec::new(), 0usize);
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= total {
                    break (latencies, failed);
                }
                let sent = Instant::now();
                let ok = match request(&client, &base, load, n, &tag).send().await {
                    Ok(r) => r.status().is_success() && r.bytes().await.is_ok(),
                    Err(_) => false,
                };
                latencies.push(sent.elapsed());
                failed += usize::from(!ok);
            }
        }));
    }
    let (mut all, mut failed): (Vec<Duration>, usize) = (Vec::new(), 0);
    for worker in workers {
        if let Ok((latencies, f)) = worker.await {
            all.extend(latencies);
            failed += f;
        }
    }
    let wall = started.elapsed().as_secs_f64().max(1e-9);
    all.sort_unstable();
    let at = |p: f64| {
        let i = ((all.len() as f64 - 1.0) * p).round() as usize;
        all.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    (all.len() as f64 / wall, at(0.5), at(0.99), failed)
}

async fn fresh_database(admin: &str, name: &str) -> Result<String, String> {
    let (client, connection) = tokio_postgres::connect(admin, tokio_postgres::NoTls)
        .await
        .map_err(|e| format!("cannot connect to {admin}: {e}"))?;
    tokio::spawn(connection);
    let sql = format!("DROP DATABASE IF EXISTS {name}; CREATE DATABASE {name}");
    for statement in sql.split("; ") {
        client.batch_execute(statement).await.map_err(|e| e.to_string())?;
    }
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    Ok(format!("{base}/{name}"))
}

async fn measure(label: &str, bases: &[String], total: usize, clients: usize) {
    // Idempotency keys are `[A-Za-z0-9_-]`: the label's letters and digits only.
    let plain: String = label.chars().filter(char::is_ascii_alphanumeric).collect();
    let tag = format!("{plain}-{}", std::process::id());
    // Warm up (connections, pools, caches) before measuring.
    let _ = run(bases, Load::Department, 200, clients, &format!("{tag}-w")).await;
    for (name, load) in
        [("POST order (unique keys)", Load::Orders), ("POST dept hz-water bill", Load::Department)]
    {
        let (rate, p50, p99, failed) = run(bases, load, total, clients, &tag).await;
        println!("{label:<22} {name:<26} {total:>7} {failed:>6} {rate:>9.0} {p50:>8.2} {p99:>8.2}");
    }
}

fn main() {
    let total = env_number("CITYPANEL_BENCH_REQUESTS", 3000);
    let clients = env_number("CITYPANEL_BENCH_CLIENTS", 32);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return eprintln!("instances: cannot start the runtime: {e}"),
    };
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!("instances: {total} requests per row, {clients} concurrent clients, {cores} cores shared by clients, instances and database");
    println!(
        "{:<22} {:<26} {:>7} {:>6} {:>9} {:>8} {:>8}",
        "store", "endpoint", "requests", "failed", "req/s", "p50 ms", "p99 ms"
    );
    runtime.block_on(async {
        let dir = std::env::temp_dir().join(format!("citypanel-bench-{}", std::process::id()));
        let sqlite = start(&["--data-dir", &dir.to_string_lossy()]);
        match sqlite {
            Ok(one) => measure("SQLite, 1 process", std::slice::from_ref(&one.1), total, clients).await,
            Err(e) => eprintln!("instances: SQLite: {e}"),
        }
        let _ = std::fs::remove_dir_all(&dir);
        let Ok(admin) = std::env::var("CITYPANEL_BENCH_POSTGRES") else {
            println!("instances: PostgreSQL rows skipped: CITYPANEL_BENCH_POSTGRES is unset (cargo xtask bench sets it)");
            return;
        };
        for n in 1..=3 {
            let url = match fresh_database(&admin, &format!("cp_bench_{n}")).await {
                Ok(url) => url,
                Err(e) => return eprintln!("instances: PostgreSQL: {e}"),
            };
            let mut instances = Vec::new();
            for _ in 0..n {
                match start(&["--database-url", &url]) {
                    Ok(instance) => instances.push(instance),
                    Err(e) => return eprintln!("instances: PostgreSQL: {e}"),
                }
            }
            let bases: Vec<String> = instances.iter().map(|i| i.1.clone()).collect();
            let label = format!("PostgreSQL, {n} inst.");
            measure(&label, &bases, total, clients).await;
        }
    });
}
