//! Shared helpers of the `departments_*` tests: the catalog's descriptors, the fixtures, real
//! HTTP calls built from a descriptor, and the demo citizens' inputs for every service and city.
#![allow(dead_code)]

use citypanel_descriptor::map::Map;
use std::path::PathBuf;

use citypanel_descriptor::{build_request, map_response, Date, Descriptor, Outcome};
use citypanel_sandbox::departments::bills::data::{standing, Standing};
use citypanel_sandbox::departments::people::{self, CHEN, LIN};
use citypanel_sandbox::departments::samples;
use citypanel_sandbox::departments::util;
use serde_json::{json, Value};

use crate::common::Sandbox;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every catalog descriptor, parsed (a parse failure fails the test).
pub fn catalog() -> Vec<Descriptor> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join("catalog"))
        .expect("catalog dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("descriptor");
            let parsed = citypanel_descriptor::parse(&text);
            parsed.descriptor.unwrap_or_else(|| panic!("{}: {:?}", p.display(), parsed.diagnostics))
        })
        .collect()
}

/// One descriptor of the catalog.
pub fn descriptor(id: &str) -> Descriptor {
    catalog().into_iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no service {id}"))
}

/// A fixture of `tests/fixtures/responses/<service>/<name>.json`.
pub fn fixture(service: &str, name: &str) -> Value {
    let path = root().join("tests/fixtures/responses").join(service).join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("fixture json")
}

/// Today in Beijing, as the departments see it.
pub fn today() -> Date {
    util::today()
}

/// The first day from `today + from` to `today + to` whose weekday is in `days` (1 = Monday).
pub fn day_ahead(from: i64, to: i64, days: &[u8]) -> String {
    (from..=to)
        .filter_map(|n| today().add_days(n))
        .find(|d| days.contains(&d.weekday()))
        .map(|d| d.to_string())
        .expect("a day in range")
}

/// POSTs JSON (with an optional city header) and returns the status and the body text.
pub async fn post(
    sandbox: &Sandbox,
    path: &str,
    body: &Value,
    city: Option<&str>,
) -> (u16, String) {
    let mut request = sandbox.client.post(sandbox.url(path)).json(body);
    if let Some(city) = city {
        request = request.header("x-citypanel-city", city);
    }
    let response = request.send().await.expect("post");
    (response.status().as_u16(), response.text().await.expect("text"))
}

/// POSTs JSON and parses the answer.
pub async fn post_value(
    sandbox: &Sandbox,
    path: &str,
    body: &Value,
    city: Option<&str>,
) -> (u16, Value) {
    let (status, text) = post(sandbox, path, body, city).await;
    (status, serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}")))
}

/// Calls the department of `city` with these input values, exactly as the panel would build
/// the call from the descriptor; returns the status and body text.
pub async fn call(
    sandbox: &Sandbox,
    d: &Descriptor,
    city: &str,
    values: &Map<String>,
) -> (u16, String) {
    let built = build_request(d, city, values).expect("city served");
    let url = sandbox.url(&built.path);
    let mut request = match &built.body {
        Some(body) => sandbox.client.post(url).json(body),
        None => sandbox.client.get(url),
    };
    for (name, value) in &built.headers {
        request = request.header(name, value);
    }
    if built.idempotency_key {
        // One key per call, as the panel makes one per submission (a retry would reuse it):
        // department routes honour the key, so a fixed one would replay the first answer.
        static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        request = request.header("idempotency-key", format!("test-{}-{city}-{n}", d.id));
    }
    let response = request.send().await.expect("department call");
    (response.status().as_u16(), response.text().await.expect("text"))
}

/// Maps an answer with the city-resolved descriptor.
pub fn map(d: &Descriptor, city: &str, status: u16, body: &str) -> Outcome {
    let resolved = d.resolve(city).expect("resolves");
    map_response(&resolved, status, body)
}

fn values(pairs: &[(&str, &str)]) -> Map<String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The demo vehicle whose violations a city's police keep.
pub fn city_vehicle(city: &str) -> (&'static str, &'static str) {
    samples::city_vehicle(city).expect("demo vehicle")
}

/// The demo inputs of a service in a city that need no remote options (bookings: see
/// [`booking_values`]); see `citypanel_sandbox::departments::samples`.
pub fn demo_values(service: &str, city: &str) -> Map<String> {
    samples::demo_inputs(service, city)
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The first option (value, capacity) with places left, from an options endpoint.
pub async fn first_option(
    sandbox: &Sandbox,
    endpoint: &str,
    records: &str,
    value: &str,
    capacity: Option<&str>,
    body: &Value,
    city: &str,
) -> Option<String> {
    let (status, answer) = post_value(sandbox, endpoint, body, Some(city)).await;
    assert_eq!(status, 200, "{endpoint} {answer}");
    answer
        .pointer(records)?
        .as_array()?
        .iter()
        .filter(|o| capacity.is_none_or(|c| o.pointer(c).and_then(Value::as_u64).unwrap_or(0) > 0))
        .find_map(|o| o.pointer(value)?.as_str().map(str::to_string))
}

/// The inputs of a booking service in a city, choosing options through the hub like the panel.
pub async fn booking_values(sandbox: &Sandbox, service: &str, city: &str) -> Map<String> {
    match service {
        "vehicle-inspection-booking" => {
            let v = people::vehicle("浙A12345").expect("vehicle");
            let station = first_option(
                sandbox,
                "/hub/traffic/inspection-stations",
                "/data/list",
                "/jczbh",
                None,
                &json!({}),
                city,
            )
            .await
            .expect("station");
            for n in 1..=14 {
                let date = today().add_days(n).expect("date").to_string();
                let body = json!({ "station": station, "date": date });
                if let Some(slot) = first_option(
                    sandbox,
                    "/hub/traffic/inspection-slots",
                    "/data/sd",
                    "/sdbh",
                    Some("/sy"),
                    &body,
                    city,
                )
                .await
                {
                    return values(&[
                        ("plate", v.plate),
                        ("vin", v.vin),
                        ("station", &station),
                        ("date", &date),
                        ("slot", &slot),
                        ("mobile", CHEN.mobile),
                    ]);
                }
            }
            panic!("no inspection slot in {city}")
        }
        "hospital-registration" => {
            let hospital = first_option(
                sandbox,
                "/hub/health/hospitals",
                "/data/hospitals",
                "/hospitalId",
                None,
                &json!({}),
                city,
            )
            .await
            .expect("hospital");
            let dept = first_option(
                sandbox,
                "/hub/health/departments",
                "/data/depts",
                "/deptCode",
                None,
                &json!({ "hospital": hospital }),
                city,
            )
            .await
            .expect("dept");
            let date = day_ahead(1, 7, &[1, 2, 3, 4, 5]);
            let body = json!({ "hospital": hospital, "department": dept, "date": date });
            let doctor = first_option(
                sandbox,
                "/hub/health/doctors",
                "/data/doctors",
                "/doctorId",
                None,
                &body,
                city,
            )
            .await
            .expect("doctor");
            let body = json!({ "hospital": hospital, "doctor": doctor, "date": date });
            let slot = first_option(
                sandbox,
                "/hub/health/slots",
                "/data/slots",
                "/slotId",
                Some("/left"),
                &body,
                city,
            )
            .await
            .expect("slot");
            values(&[
                ("hospital", &hospital),
                ("department", &dept),
                ("date", &date),
                ("doctor", &doctor),
                ("slot", &slot),
                ("name", CHEN.name),
                ("id_number", CHEN.id_number),
                ("mobile", CHEN.mobile),
                ("consent", "true"),
            ])
        }
        "marriage-registration" => {
            let office = first_option(
                sandbox,
                "/hub/civil/marriage-offices",
                "/data/offices",
                "/orgCode",
                None,
                &json!({}),
                city,
            )
            .await
            .expect("office");
            for n in 1..=30 {
                let date = today().add_days(n).expect("date").to_string();
                let body = json!({ "office": office, "date": date });
                if let Some(slot) = first_option(
                    sandbox,
                    "/hub/civil/marriage-slots",
                    "/data/periods",
                    "/periodId",
                    Some("/remain"),
                    &body,
                    city,
                )
                .await
                {
                    return values(&[
                        ("a_name", CHEN.name),
                        ("a_id", CHEN.id_number),
                        ("a_mobile", CHEN.mobile),
                        ("b_name", LIN.name),
                        ("b_id", LIN.id_number),
                        ("b_mobile", LIN.mobile),
                        ("office", &office),
                        ("date", &date),
                        ("slot", &slot),
                        ("consent", "true"),
                    ]);
                }
            }
            panic!("no marriage period in {city}")
        }
        _ => demo_values(service, city),
    }
}

/// Whether a standing is a bill (for the payment services).
pub fn billed(city: &str, account: &str) -> bool {
    matches!(standing(city, account), Some(Standing::Billed(_)))
}

/// A value of the form (`""` when absent).
pub fn at<'a>(values: &'a Map<String>, key: &str) -> &'a str {
    values.get(key).map_or("", String::as_str)
}
