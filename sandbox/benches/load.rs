//! Load benchmark: the sandbox in-process on a loopback port, hit by concurrent reqwest
//! clients with a fixed number of requests per endpoint. Prints requests, throughput and
//! p50/p99 latency per endpoint, and each endpoint's throughput as a ratio of `/healthz`
//! (the peer measured in the same run).
//!
//! `cargo bench -p citypanel-sandbox --bench load`; `CITYPANEL_BENCH_REQUESTS` (default
//! 5000) and `CITYPANEL_BENCH_CLIENTS` (default 32) change the load.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use citypanel_sandbox::{serve, Config, DataStore};
use serde_json::json;

/// One endpoint under load: a name and how to send its `n`-th request.
struct Endpoint {
    name: &'static str,
    send: fn(&reqwest::Client, &str, usize) -> reqwest::RequestBuilder,
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint { name: "GET /healthz (peer)", send: |c, base, _| c.get(format!("{base}/healthz")) },
    Endpoint {
        name: "GET catalog 330100",
        send: |c, base, _| c.get(format!("{base}/api/v1/cities/330100/catalog")),
    },
    Endpoint {
        name: "GET descriptor traffic-violations",
        send: |c, base, _| {
            c.get(format!("{base}/api/v1/cities/330100/services/traffic-violations"))
        },
    },
    Endpoint {
        name: "POST hz traffic wfcx",
        send: |c, base, _| {
            let body = json!({ "hphm": "浙A12345", "fdjh": "123456" });
            c.post(format!("{base}/dept/hz-traffic-police/wfcx")).json(&body)
        },
    },
    Endpoint {
        name: "POST order (unique keys)",
        send: |c, base, n| {
            let body = json!({
                "service": "traffic-fine-payment", "city": "330100",
                "reference": format!("BENCH-{n:08}"), "amount_fen": 20000, "user": "bench"
            });
            let key = format!("bench-order-{n:08}-{}", std::process::id());
            c.post(format!("{base}/api/v1/orders")).header("idempotency-key", key).json(&body)
        },
    },
];

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

/// Sends requests `from..to` from concurrent `clients`; returns (wall time, latencies,
/// failures).
async fn run(
    endpoint: &'static Endpoint,
    base: &str,
    (from, end): (usize, usize),
    clients: &[reqwest::Client],
) -> (Duration, Vec<Duration>, usize) {
    let next = Arc::new(AtomicUsize::new(from));
    let started = Instant::now();
    let mut workers = Vec::new();
    for client in clients {
        let (client, base, next) = (client.clone(), base.to_string(), Arc::clone(&next));
        workers.push(tokio::spawn(async move {
            let (mut latencies, mut failures) = (Vec::new(), 0usize);
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= end {
                    break (latencies, failures);
                }
                let sent = Instant::now();
                let ok = match (endpoint.send)(&client, &base, n).send().await {
                    Ok(response) => {
                        response.status().is_success() && response.bytes().await.is_ok()
                    }
                    Err(_) => false,
                };
                latencies.push(sent.elapsed());
                failures += usize::from(!ok);
            }
        }));
    }
    let (mut all, mut failures) = (Vec::with_capacity(end.saturating_sub(from)), 0);
    for worker in workers {
        if let Ok((latencies, failed)) = worker.await {
            all.extend(latencies);
            failures += failed;
        }
    }
    (started.elapsed(), all, failures)
}

/// Prints one row; returns the throughput in requests per second.
fn report(name: &str, wall: Duration, latencies: &mut [Duration], failed: usize, peer: f64) -> f64 {
    latencies.sort_unstable();
    let rate = latencies.len() as f64 / wall.as_secs_f64().max(1e-9);
    let ratio = if peer > 0.0 { rate / peer } else { 1.0 };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (p50, p99) = (ms(percentile(latencies, 0.50)), ms(percentile(latencies, 0.99)));
    let count = latencies.len();
    println!("{name:<36} {count:>8} {failed:>7} {rate:>11.0} {p50:>9.2} {p99:>9.2} {ratio:>7.2}x");
    rate
}

fn main() {
    let total = env_number("CITYPANEL_BENCH_REQUESTS", 5000);
    let concurrency = env_number("CITYPANEL_BENCH_CLIENTS", 32);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return eprintln!("load: cannot start the runtime: {e}"),
    };
    runtime.block_on(async {
        let catalog = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("catalog");
        let config = Config { catalog, ..Config::ephemeral() };
        let running = match serve(config.clone()).await {
            Ok(running) => running,
            Err(e) => return eprintln!("load: cannot start the sandbox: {e}"),
        };
        let base = running.url();
        let clients: Vec<reqwest::Client> = (0..concurrency).map(|_| reqwest::Client::new()).collect();
        println!("citypanel-sandbox load: {total} requests per endpoint, {concurrency} concurrent clients, in-memory db, {base}");
        println!("{:<36} {:>8} {:>7} {:>11} {:>9} {:>9} {:>8}", "endpoint", "requests", "failed", "req/s", "p50 ms", "p99 ms", "vs peer");
        let mut peer = None;
        for endpoint in ENDPOINTS {
            let _ = run(endpoint, &base, (total, total + 200), &clients).await;
            let (wall, mut latencies, failed) = run(endpoint, &base, (0, total), &clients).await;
            let rate = report(endpoint.name, wall, &mut latencies, failed, peer.unwrap_or(0.0));
            peer.get_or_insert(rate);
        }
        let dir = std::env::temp_dir().join(format!("citypanel-bench-{}", std::process::id()));
        let on_disk = Config { data: DataStore::Dir(dir.clone()), ..config };
        match serve(on_disk).await {
            Ok(file) => {
                let order = ENDPOINTS.last().map(|e| (e, file.url()));
                if let Some((endpoint, base)) = order {
                    let (wall, mut latencies, failed) = run(endpoint, &base, (0, total), &clients).await;
                    report("POST order (file db, WAL)", wall, &mut latencies, failed, peer.unwrap_or(1.0));
                }
                let _ = file.shutdown().await;
            }
            Err(e) => eprintln!("load: cannot start the file-backed sandbox: {e}"),
        }
        let _ = std::fs::remove_dir_all(dir);
        if let Err(e) = running.shutdown().await {
            eprintln!("load: shutdown failed: {e}");
        }
    });
}
