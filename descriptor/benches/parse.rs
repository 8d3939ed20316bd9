//! `cargo bench -p citypanel-descriptor --bench parse`: parse + validate and response mapping,
//! each next to a peer measured in the same run (plain `serde_json::from_str::<Value>` of the
//! same input), printing median, p95, throughput and the ratio ours/peer. Not a timed test:
//! it prints figures and never fails on them.

mod support;

use citypanel_descriptor::{map_response, parse, Descriptor, Outcome};
use serde_json::Value;
use std::hint::black_box;
use std::path::Path;
use support::{compare, gen, Case};

const TRAFFIC: &str = include_str!("../../catalog/traffic-violations.json");
const THREE_RECORDS: &str =
    include_str!("../../tests/fixtures/responses/hz-traffic-3-records.json");
const GENERATED: usize = 1_000;

fn catalog() -> Result<Vec<String>, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            std::fs::read_to_string(p).map_err(|e| format!("cannot read `{}`: {e}", p.display()))
        })
        .collect()
}

fn parse_all(srcs: &[String]) -> usize {
    srcs.iter().filter(|s| parse(black_box(s)).descriptor.is_some()).count()
}

fn decode_all(srcs: &[String]) -> usize {
    srcs.iter().filter(|s| serde_json::from_str::<Value>(black_box(s)).is_ok()).count()
}

fn records(d: &Descriptor, body: &str) -> usize {
    match map_response(d, 200, black_box(body)) {
        Outcome::Records { records, .. } => records.len(),
        _ => 0,
    }
}

/// Builds and checks every input; measures only when `full` (cargo bench passes `--bench`;
/// `cargo test --benches` does not, and gets this quick check of the inputs instead).
fn run(full: bool) -> Result<(), String> {
    let catalog = catalog()?;
    let base: Value =
        serde_json::from_str(TRAFFIC).map_err(|e| format!("traffic descriptor: {e}"))?;
    let generated: Vec<String> =
        (0..GENERATED).map(|n| gen::descriptor(&base, n).to_string()).collect();
    for (n, src) in generated.iter().enumerate() {
        let p = parse(src);
        if p.descriptor.is_none() || !p.diagnostics.is_empty() {
            return Err(format!("generated descriptor {n} is not clean: {:?}", p.diagnostics));
        }
    }
    let traffic = parse(TRAFFIC).descriptor.ok_or("the traffic descriptor does not parse")?;
    let big = gen::body(500);
    for (body, want) in [(THREE_RECORDS, 3), (big.as_str(), 500)] {
        if records(&traffic, body) != want {
            return Err(format!("expected {want} records from a bench body"));
        }
    }
    if !full {
        println!("parse bench: inputs ok (run `cargo bench` to measure)");
        return Ok(());
    }
    let size = |v: &[String]| v.iter().map(String::len).sum::<usize>();
    println!("citypanel-descriptor parse bench (debug assertions: {})\n", cfg!(debug_assertions));

    let case = Case {
        name: "(a) parse+validate: whole catalog/",
        bytes: size(&catalog),
        items: catalog.len(),
        unit: "descriptors",
    };
    compare(case, || parse_all(&catalog), || decode_all(&catalog));

    let case = Case {
        name: "(b) parse+validate: 1,000 generated descriptors",
        bytes: size(&generated),
        items: GENERATED,
        unit: "descriptors",
    };
    compare(case, || parse_all(&generated), || decode_all(&generated));

    let case = Case {
        name: "(c) map_response: 3-record fixture",
        bytes: THREE_RECORDS.len(),
        items: 3,
        unit: "records",
    };
    compare(
        case,
        || records(&traffic, THREE_RECORDS),
        || serde_json::from_str::<Value>(black_box(THREE_RECORDS)).is_ok(),
    );

    let case = Case {
        name: "(c) map_response: generated 500-record body",
        bytes: big.len(),
        items: 500,
        unit: "records",
    };
    compare(
        case,
        || records(&traffic, &big),
        || serde_json::from_str::<Value>(black_box(&big)).is_ok(),
    );
    Ok(())
}

fn main() {
    if let Err(e) = run(std::env::args().any(|a| a == "--bench")) {
        eprintln!("parse bench: error: {e}");
        std::process::exit(1);
    }
}
