//! Measuring helpers for the `parse` bench: warm-up, adaptive iteration count, median / p95.

pub mod gen;

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Time spent warming up each operation before measuring.
const WARM_UP: Duration = Duration::from_millis(300);
/// Target measuring time per operation (the iteration count is derived from the warm-up).
const BUDGET: Duration = Duration::from_millis(1500);
const MIN_ITERS: usize = 20;
const MAX_ITERS: usize = 20_000;

/// Timings of one operation.
#[derive(Debug, Clone, Copy)]
pub struct Stats {
    pub iters: usize,
    pub median: Duration,
    pub p95: Duration,
}

/// Warms `op` up, runs it N times and returns median and p95 of the per-run times.
pub fn measure<R>(mut op: impl FnMut() -> R) -> Stats {
    let start = Instant::now();
    let mut warm_runs = 0u32;
    while start.elapsed() < WARM_UP || warm_runs < 3 {
        black_box(op());
        warm_runs += 1;
    }
    let per_run = start.elapsed() / warm_runs;
    let iters = (BUDGET.as_nanos() / per_run.as_nanos().max(1)) as usize;
    let iters = iters.clamp(MIN_ITERS, MAX_ITERS);
    let mut times: Vec<Duration> = (0..iters)
        .map(|_| {
            let t = Instant::now();
            black_box(op());
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    Stats { iters, median: at(0.5), p95: at(0.95) }
}

fn show(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    match ns {
        n if n >= 1e9 => format!("{:.2} s", n / 1e9),
        n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
        n if n >= 1e3 => format!("{:.2} µs", n / 1e3),
        n => format!("{n:.0} ns"),
    }
}

/// One measured case: `items` units of work (descriptors, records) and `bytes` of input per run.
pub struct Case<'a> {
    pub name: &'a str,
    pub bytes: usize,
    pub items: usize,
    pub unit: &'a str,
}

/// Prints one line: name, median, p95, iterations and throughput at the median.
pub fn report(case: &Case<'_>, label: &str, s: Stats) {
    let secs = s.median.as_secs_f64().max(1e-12);
    println!(
        "  {label:<6} median {:>10}  p95 {:>10}  ({:>5} iters)  {:>8.1} MiB/s  {:>12.0} {}/s",
        show(s.median),
        show(s.p95),
        s.iters,
        case.bytes as f64 / secs / (1024.0 * 1024.0),
        case.items as f64 / secs,
        case.unit,
    );
}

/// Measures `ours` and the `peer` on the same input and prints both and the ratio.
pub fn compare<A, B>(case: Case<'_>, ours: impl FnMut() -> A, peer: impl FnMut() -> B) {
    println!("{} ({} {}, {} bytes per run)", case.name, case.items, case.unit, case.bytes);
    let o = measure(ours);
    report(&case, "ours", o);
    let p = measure(peer);
    report(&case, "peer", p);
    let ratio = o.median.as_secs_f64() / p.median.as_secs_f64().max(1e-12);
    println!("  ratio ours/peer (median): {ratio:.2}x\n");
}
