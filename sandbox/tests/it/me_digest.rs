//! My City's consent, digest fan-out and audit (issue #22) over real HTTP, tokens required:
//! nothing is sent to a department before consent; each department gets only the attribute
//! classes it declares (seen on the wire through a recording proxy); departments are asked in
//! parallel with a deadline (a slow one is `late`, a failing one `unavailable`, the rest
//! `ready`); withdrawal stops the calls; the cache; host isolation; the audit has no values.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::response::Response;
use citypanel_descriptor::digest::AttributeClass;
use citypanel_sandbox::departments::people::{CHEN, VEHICLES};
use citypanel_sandbox::identity::attrs::demo_attrs;
use citypanel_sandbox::{Config, DataStore};
use reqwest::Method;
use serde_json::{json, Value};

use crate::common::{self, assert_error, Sandbox};
use crate::departments_support::descriptor;

const HZ: &str = "330100";
use crate::common::HZ_SERVICES;

async fn get(s: &Sandbox, path: &str, token: &str) -> Value {
    let (status, body) = s.send(Method::GET, path, Some(token), None, None).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

async fn consent(s: &Sandbox, token: &str, services: Value) -> Value {
    let body = json!({ "city": HZ, "services": services });
    let (status, answer) =
        s.send(Method::PUT, "/api/v1/me/consent", Some(token), None, Some(&body)).await;
    assert_eq!(status, 200, "{answer}");
    answer
}

async fn digest(s: &Sandbox, token: &str) -> Value {
    get(s, &format!("/api/v1/me/digest?city={HZ}"), token).await
}

async fn audit(s: &Sandbox, token: &str) -> Vec<Value> {
    let body = get(s, &format!("/api/v1/me/audit?city={HZ}"), token).await;
    body["entries"].as_array().cloned().expect("entries")
}

fn service<'a>(answer: &'a Value, id: &str) -> &'a Value {
    answer["services"]
        .as_array()
        .and_then(|list| list.iter().find(|s| s["service"] == id))
        .unwrap_or_else(|| panic!("no {id} in {answer}"))
}

fn states(answer: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = answer["services"]
        .as_array()
        .expect("services")
        .iter()
        .map(|s| {
            (s["service"].as_str().unwrap_or("").into(), s["state"].as_str().unwrap_or("").into())
        })
        .collect();
    found.sort();
    found
}

fn all(granted: bool) -> Value {
    Value::Object(HZ_SERVICES.iter().map(|id| (id.to_string(), Value::Bool(granted))).collect())
}

async fn set_fault(s: &Sandbox, department: &str, fault: Value) {
    let mut body = fault;
    body["department"] = json!(department);
    let (status, answer) = s.post_json("/admin/faults", &body).await;
    assert_eq!(status, 200, "{answer}");
}

/// Every identity value of 陈思远 the sandbox signs (name, ID, mobile, plates, accounts).
fn chen_values() -> Vec<String> {
    let attrs = demo_attrs("u-chen").expect("chen");
    let mut values: Vec<String> = vec![CHEN.name.into(), CHEN.id_number.into(), CHEN.mobile.into()];
    values.extend(VEHICLES.iter().filter(|v| std::ptr::eq(v.owner, &CHEN)).map(|v| v.plate.into()));
    for account in attrs["accounts"].as_array().expect("accounts") {
        values.push(account["number"].as_str().expect("number").into());
    }
    values
}

#[tokio::test]
async fn nothing_is_asked_before_consent_and_the_consent_screen_masks() {
    let s = Sandbox::start_with(common::secure_config()).await;
    for path in [
        "/api/v1/me/consent?city=330100",
        "/api/v1/me/digest?city=330100",
        "/api/v1/me/audit?city=330100",
    ] {
        let (status, body) = s.send(Method::GET, path, None, None, None).await;
        assert_eq!(status, 401, "{path}");
        assert_error(&body, "missing_token");
    }
    let token = s.token("wallet", "u-chen").await;
    let screen = get(&s, "/api/v1/me/consent?city=330100", &token).await;
    assert_eq!(screen["city"], HZ);
    assert_eq!(screen["asked"], false);
    let departments = screen["departments"].as_array().expect("departments");
    let ids: Vec<&str> = departments.iter().filter_map(|d| d["service"].as_str()).collect();
    assert_eq!(ids, HZ_SERVICES);
    let traffic = &departments[5];
    assert_eq!(traffic["granted"], false);
    assert_eq!(traffic["department"]["zh-CN"], "杭州市公安局交通警察支队", "{traffic}");
    assert_eq!(traffic["title"]["en"], descriptor("traffic-violations").title.get("en"));
    assert_eq!(
        traffic["attributes"],
        json!([{ "class": "plates", "masked": ["浙A***45", "沪A***21"] }])
    );
    let water = &departments[7];
    assert_eq!(water["attributes"][0]["class"], "water_account");
    assert_eq!(water["attributes"][0]["masked"], json!(["330***7645", "330***7646"]));
    let text = screen.to_string();
    for value in chen_values() {
        assert!(!text.contains(&value), "the consent screen shows `{value}` unmasked");
    }

    // Before any answer: every service is listed, none is asked, nothing is audited.
    let before = digest(&s, &token).await;
    assert_eq!(before["asked"], false);
    assert!(states(&before).iter().all(|(_, state)| state == "not_granted"), "{before}");
    assert!(before["services"].as_array().expect("list").iter().all(|s| s["matters"] == json!([])));
    assert!(audit(&s, &token).await.is_empty());

    // Refusing everything is an answer too: asked, still nothing called.
    let refused = consent(&s, &token, all(false)).await;
    assert_eq!(refused["asked"], true);
    let after = digest(&s, &token).await;
    assert_eq!(after["asked"], true);
    assert!(states(&after).iter().all(|(_, state)| state == "not_granted"), "{after}");
    assert!(audit(&s, &token).await.is_empty());

    // Granting two: only those are called, each once, audited with their classes.
    let granted =
        consent(&s, &token, json!({ "traffic-violations": true, "water-bill": true })).await;
    let flags: Vec<(&str, bool)> = granted["departments"]
        .as_array()
        .expect("departments")
        .iter()
        .map(|d| (d["service"].as_str().unwrap_or(""), d["granted"] == true))
        .filter(|(_, g)| *g)
        .collect();
    assert_eq!(flags, vec![("traffic-violations", true), ("water-bill", true)]);
    let answer = digest(&s, &token).await;
    assert!(answer["as_of"].as_str().is_some_and(|t| t.ends_with('Z')), "{answer}");
    let traffic = service(&answer, "traffic-violations");
    assert_eq!(traffic["state"], "ready", "{answer}");
    let fines = &traffic["matters"][0];
    assert_eq!(fines["count"], 2, "{traffic}");
    assert_eq!(fines["amount_fen"], 30000);
    let en = fines["text"]["en"].as_str().unwrap_or("");
    assert!(en.contains("2 unpaid") && en.ends_with("¥300.00"), "{traffic}");
    assert_eq!(fines["open"], json!({ "plate": "浙A12345" }));
    assert_eq!(service(&answer, "water-bill")["state"], "ready");
    let not_granted = states(&answer).into_iter().filter(|(_, st)| st == "not_granted").count();
    assert_eq!(not_granted, 6);
    // The most urgent first: the two ready services lead, not-granted ones trail.
    let order: Vec<&str> = answer["services"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["state"].as_str())
        .collect();
    assert_eq!(&order[..2], ["ready", "ready"], "{answer}");
    let mut calls = audit(&s, &token).await;
    calls.sort_by(|a, b| a["service"].as_str().cmp(&b["service"].as_str()));
    let seen: Vec<(Value, Value, Value)> = calls
        .iter()
        .map(|c| (c["service"].clone(), c["classes"].clone(), c["outcome"].clone()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (json!("traffic-violations"), json!(["plates"]), json!("ok")),
            (json!("water-bill"), json!(["water_account"]), json!("ok")),
        ]
    );
}

#[tokio::test]
async fn the_three_routes_need_a_token_even_under_dev_allow_anonymous() {
    let s = Sandbox::start_with(common::config()).await;
    let body = json!({ "city": HZ, "services": { "traffic-violations": true } });
    for (method, path) in [
        (Method::GET, "/api/v1/me/consent?city=330100&user=wallet:u-chen"),
        (Method::PUT, "/api/v1/me/consent"),
        (Method::GET, "/api/v1/me/digest?city=330100&user=wallet:u-chen"),
        (Method::GET, "/api/v1/me/audit?city=330100&user=wallet:u-chen"),
    ] {
        let sent = (method == Method::PUT).then_some(&body);
        let (status, answer) = s.send(method.clone(), path, None, None, sent).await;
        assert_eq!(status, 401, "{method} {path}: {answer}");
        assert_error(&answer, "missing_token");
    }
}

#[tokio::test]
async fn consent_answers_are_checked() {
    let s = Sandbox::start_with(common::secure_config()).await;
    let token = s.token("wallet", "u-chen").await;
    let put = |body: Value| {
        let token = token.clone();
        let s = &s;
        async move { s.send(Method::PUT, "/api/v1/me/consent", Some(&token), None, Some(&body)).await }
    };
    let (status, body) =
        put(json!({ "city": HZ, "services": { "nope": true, "water-bill": "yes" }, "x": 1 })).await;
    assert_eq!(status, 422, "{body}");
    let mut fields: Vec<(String, String)> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| (f["path"].as_str().unwrap_or("").into(), f["code"].as_str().unwrap_or("").into()))
        .collect();
    fields.sort();
    let expected: Vec<(String, String)> = vec![
        ("/services/nope".into(), "unknown_service".into()),
        ("/services/water-bill".into(), "type".into()),
        ("/x".into(), "unknown_field".into()),
    ];
    assert_eq!(fields, expected);
    let (status, body) = put(json!({ "city": "33", "services": { "water-bill": true } })).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"].as_array().map(Vec::len), Some(1), "only `/city`: {body}");
    assert_eq!(body["error"]["fields"][0]["path"], "/city");
    let (status, body) = put(json!({ "services": {} })).await;
    assert_eq!((status, body["error"]["fields"][0]["path"].clone()), (422, json!("/city")));
    let (status, body) = put(json!({ "city": HZ, "services": [] })).await;
    assert_eq!((status, body["error"]["fields"][0]["code"].clone()), (422, json!("type")));
    let (status, body) = put(json!({ "city": "999999", "services": { "water-bill": true } })).await;
    assert_eq!(status, 404, "{body}");
    let (status, _) =
        s.send(Method::GET, "/api/v1/me/digest?city=33", Some(&token), None, None).await;
    assert_eq!(status, 422);
    // Nothing was recorded by the refused answers.
    let screen = get(&s, "/api/v1/me/consent?city=330100", &token).await;
    assert_eq!(screen["asked"], false);
}

/// A department stand-in between the platform and the sandbox's departments: records every
/// request (path, headers, body) and forwards it.
/// A request the recorder saw: path and query, header names, body.
type Seen = (String, Vec<String>, String);

#[derive(Clone, Default)]
struct Recorder {
    seen: Arc<Mutex<Vec<Seen>>>,
    target: Arc<OnceLock<String>>,
    client: reqwest::Client,
}

async fn record(State(r): State<Recorder>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, 1 << 20).await.unwrap_or_default();
    let path = parts.uri.path_and_query().map(|p| p.to_string()).unwrap_or_default();
    let headers: Vec<String> = parts.headers.keys().map(|k| k.as_str().to_string()).collect();
    let text = String::from_utf8_lossy(&bytes).to_string();
    r.seen.lock().expect("lock").push((path.clone(), headers, text));
    let target = r.target.get().cloned().unwrap_or_default();
    let mut forward =
        r.client.request(parts.method, format!("{target}{path}")).body(bytes.to_vec());
    for (name, value) in &parts.headers {
        if name != "host" && name != "content-length" {
            forward = forward.header(name, value);
        }
    }
    let answer = forward.send().await.expect("forward");
    let status = answer.status();
    let body = answer.bytes().await.expect("forwarded body");
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
}

#[tokio::test]
async fn each_department_receives_only_the_classes_it_declares() {
    let recorder = Recorder::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let proxy = format!("http://{}", listener.local_addr().expect("addr"));
    let app = axum::Router::new().fallback(record).with_state(recorder.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let config = Config { departments_url: Some(proxy), ..common::secure_config() };
    let s = Sandbox::start_with(config).await;
    recorder.target.set(s.running.url()).expect("target");

    let token = s.token("wallet", "u-chen").await;
    consent(&s, &token, all(true)).await;
    let answer = digest(&s, &token).await;
    let seen = recorder.seen.lock().expect("lock").clone();
    assert_eq!(seen.len(), 8, "one call per consented department: {seen:?}");
    let attrs = Value::Object(demo_attrs("u-chen").expect("chen"));
    let attributes =
        citypanel_descriptor::digest::Attributes::from_claims(&attrs, HZ).expect("attrs");
    for id in HZ_SERVICES {
        let spec = descriptor(id).digest_for(HZ).expect("digest");
        let endpoint = spec.endpoint.clone().expect("endpoint");
        let (_, headers, body) = seen
            .iter()
            .find(|(path, _, _)| path == &endpoint || path.starts_with(&format!("{endpoint}?")))
            .unwrap_or_else(|| panic!("{id} was not called: {seen:?}"));
        assert!(!headers.iter().any(|h| h == "authorization"), "the identity token reached {id}");
        for class in AttributeClass::ALL {
            let Some(values) = attributes.get(*class) else { continue };
            for value in values.values() {
                let sent = body.contains(value);
                if !spec.needs.contains(class) {
                    assert!(!sent, "{id} received `{class}` it does not declare: {body}");
                }
            }
        }
        for class in &spec.needs {
            let values = attributes.get(*class).expect("chen has it").values();
            assert!(
                values.iter().any(|v| body.contains(v)),
                "{id} did not get its {class}: {body}"
            );
        }
        assert_eq!(service(&answer, id)["state"], "ready", "{id}: {answer}");
    }
    // Every identity value sent went to a department that declared its class: the name and
    // the mobile are declared by none and were sent to none.
    let all_bodies: String = seen.iter().map(|(_, _, b)| b.as_str()).collect();
    assert!(!all_bodies.contains(CHEN.name) && !all_bodies.contains(CHEN.mobile));
}

#[tokio::test]
async fn a_slow_department_is_late_a_failing_one_unavailable_the_rest_ready_in_time() {
    let s = Sandbox::start_with(common::secure_config()).await;
    let token = s.token("wallet", "u-chen").await;
    consent(&s, &token, all(true)).await;
    set_fault(&s, "hz-traffic-police", json!({ "latency_ms": 8000 })).await;
    set_fault(&s, "hz-water", json!({ "mode": "http500" })).await;
    set_fault(&s, "hz-gas", json!({ "mode": "error" })).await;
    let started = Instant::now();
    let answer = digest(&s, &token).await;
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(2900),
        "the late department was not waited for: {took:?}"
    );
    assert!(took < Duration::from_millis(4500), "the answer took {took:?}: not parallel");
    let expected: Vec<(String, String)> = HZ_SERVICES
        .iter()
        .map(|id| {
            let state = match *id {
                "traffic-violations" => "late",
                "water-bill" | "gas-bill" => "unavailable",
                _ => "ready",
            };
            (id.to_string(), state.to_string())
        })
        .collect();
    assert_eq!(states(&answer), expected, "{answer}");
    assert_eq!(service(&answer, "traffic-violations")["matters"], json!([]));
    // Ready services first, then late, then unavailable.
    let order: Vec<&str> = answer["services"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|s| s["state"].as_str())
        .collect();
    assert_eq!(&order[5..], ["late", "unavailable", "unavailable"], "{answer}");
    let calls = audit(&s, &token).await;
    assert_eq!(calls.len(), 8);
    let outcome =
        |id: &str| calls.iter().find(|c| c["service"] == id).map(|c| c["outcome"].clone());
    assert_eq!(outcome("traffic-violations"), Some(json!("late")));
    assert_eq!(outcome("water-bill"), Some(json!("unavailable")));
    assert_eq!(outcome("gas-bill"), Some(json!("unavailable")));
    assert_eq!(outcome("library-loans"), Some(json!("ok")));

    // Late and failed answers are not cached: once the departments recover, they are asked
    // again (and only they: the ready ones come from the cache).
    set_fault(&s, "hz-traffic-police", json!({})).await;
    set_fault(&s, "hz-water", json!({})).await;
    set_fault(&s, "hz-gas", json!({})).await;
    let again = digest(&s, &token).await;
    assert!(states(&again).iter().all(|(_, st)| st == "ready"), "{again}");
    assert_eq!(audit(&s, &token).await.len(), 11);
}

#[tokio::test]
async fn withdrawing_stops_the_calls_and_removes_the_cards_at_once() {
    let s = Sandbox::start_with(common::secure_config()).await;
    let token = s.token("wallet", "u-chen").await;
    consent(&s, &token, json!({ "traffic-violations": true })).await;
    let first = digest(&s, &token).await;
    assert_eq!(service(&first, "traffic-violations")["state"], "ready");
    assert_eq!(audit(&s, &token).await.len(), 1);
    let withdrawn = consent(&s, &token, json!({ "traffic-violations": false })).await;
    assert_eq!(withdrawn["departments"][5]["granted"], false);
    for _ in 0..2 {
        let after = digest(&s, &token).await;
        let traffic = service(&after, "traffic-violations");
        assert_eq!(traffic["state"], "not_granted", "{after}");
        assert_eq!(traffic["matters"], json!([]), "the withdrawn department's cards remain");
    }
    assert_eq!(audit(&s, &token).await.len(), 1, "a withdrawn department was called");
}

#[tokio::test]
async fn answers_are_cached_and_a_consent_change_drops_them() {
    let s = Sandbox::start_with(common::secure_config()).await;
    let token = s.token("wallet", "u-chen").await;
    consent(&s, &token, json!({ "traffic-violations": true })).await;
    let first = digest(&s, &token).await;
    let second = digest(&s, &token).await;
    assert_eq!(first["services"], second["services"]);
    assert_eq!(audit(&s, &token).await.len(), 1, "the second digest called again");
    // A slow department does not matter while its answer is cached.
    set_fault(&s, "hz-traffic-police", json!({ "latency_ms": 8000 })).await;
    let started = Instant::now();
    let cached = digest(&s, &token).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(service(&cached, "traffic-violations")["state"], "ready");
    set_fault(&s, "hz-traffic-police", json!({})).await;
    // Any consent change drops the user's cache: traffic is asked again.
    consent(&s, &token, json!({ "water-bill": true })).await;
    digest(&s, &token).await;
    let calls = audit(&s, &token).await;
    let traffic = calls.iter().filter(|c| c["service"] == "traffic-violations").count();
    assert_eq!((calls.len(), traffic), (3, 2), "{calls:?}");
    // Newest first.
    assert!(calls[0]["at"].as_str() >= calls[2]["at"].as_str());
}

#[tokio::test]
async fn another_hosts_user_of_the_same_sub_sees_nothing_of_this_one() {
    let s = Sandbox::start_with(common::secure_config()).await;
    let wallet = s.token("wallet", "u-chen").await;
    let microblog = s.token("microblog", "u-chen").await;
    consent(&s, &wallet, all(true)).await;
    let mine = digest(&s, &wallet).await;
    assert!(states(&mine).iter().all(|(_, st)| st == "ready"), "{mine}");
    let theirs = get(&s, "/api/v1/me/consent?city=330100", &microblog).await;
    assert_eq!(theirs["asked"], false);
    assert!(theirs["departments"].as_array().expect("list").iter().all(|d| d["granted"] == false));
    let their_digest = digest(&s, &microblog).await;
    assert!(states(&their_digest).iter().all(|(_, st)| st == "not_granted"), "{their_digest}");
    assert!(audit(&s, &microblog).await.is_empty());
    // And the cache is per user: the wallet's answers are not the microblog's.
    consent(&s, &microblog, json!({ "library-loans": true })).await;
    let theirs = digest(&s, &microblog).await;
    assert_eq!(service(&theirs, "library-loans")["state"], "ready");
    assert_eq!(audit(&s, &microblog).await.len(), 1);
    assert_eq!(audit(&s, &wallet).await.len(), 8);
}

#[tokio::test]
async fn the_audit_keeps_classes_and_outcomes_never_values() {
    let dir = common::scratch("me-digest-audit");
    let config = Config { data: DataStore::Dir(dir.clone()), ..common::secure_config() };
    let s = Sandbox::start_with(config).await;
    let token = s.token("wallet", "u-chen").await;
    consent(&s, &token, all(true)).await;
    digest(&s, &token).await;
    let answer = get(&s, "/api/v1/me/audit?city=330100", &token).await;
    assert_eq!(answer["entries"].as_array().map(Vec::len), Some(8));
    let entry = answer["entries"][0].as_object().expect("entry");
    let mut keys: Vec<&str> = entry.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["at", "classes", "outcome", "service"]);
    let text = answer.to_string();
    let conn = rusqlite::Connection::open(dir.join("sandbox.sqlite3")).expect("open");
    let rows = strings(
        &conn,
        "SELECT user_id || '|' || city || '|' || service || '|' || classes || '|' || outcome FROM digest_audit",
    );
    assert_eq!(rows.len(), 8);
    assert!(
        rows.contains(&"wallet:u-chen|330100|traffic-violations|plates|ok".to_string()),
        "{rows:?}"
    );
    let consents = strings(&conn, "SELECT user_id || '|' || service || '|' || class FROM consents");
    let stored = format!("{rows:?}{consents:?}");
    for value in chen_values() {
        assert!(!text.contains(&value), "the audit answer holds `{value}`");
        assert!(!stored.contains(&value), "the audit or consent table holds `{value}`");
    }
}

#[tokio::test]
async fn token_attributes_are_checked_when_minted_and_when_used() {
    let s = Sandbox::start_with(common::secure_config()).await;
    let bad = json!({ "host": "wallet", "sub": "u-x",
                      "attrs": { "plates": "浙A12345", "accounts": [{ "kind": "phone" }], "age": 3 } });
    let (status, body) = s.post_json("/admin/tokens", &bad).await;
    assert_eq!(status, 422, "{body}");
    let mut paths: Vec<&str> = body["error"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/attrs/accounts/0/city",
            "/attrs/accounts/0/kind",
            "/attrs/accounts/0/number",
            "/attrs/age",
            "/attrs/plates"
        ]
    );

    // A host-signed token whose attrs are malformed is refused where they are used.
    let now = common::now_s();
    let mut claims = common::claims("u-x", now, now + 600);
    let mut attrs = serde_json::Map::new();
    attrs.insert("plates".into(), json!([7]));
    claims.attrs = Some(attrs);
    let key = citypanel_sandbox::identity::HostKeys::dev();
    let forged =
        citypanel_sandbox::identity::sign("wallet", key.get("wallet").expect("key"), &claims);
    let (status, body) =
        s.send(Method::GET, "/api/v1/me/digest?city=330100", Some(&forged), None, None).await;
    assert_eq!(status, 401, "{body}");
    assert_error(&body, "invalid_token");
    assert!(
        body["error"]["message"].as_str().is_some_and(|m| m.contains("/attrs/plates/0")),
        "{body}"
    );

    // Given attrs are signed as given: one plate, nothing else.
    let mine = json!({ "host": "wallet", "sub": "u-x", "attrs": { "plates": ["浙A12345"] } });
    let (status, minted) = s.post_json("/admin/tokens", &mine).await;
    assert_eq!(status, 200, "{minted}");
    let token = minted["token"].as_str().expect("token").to_string();
    let screen = get(&s, "/api/v1/me/consent?city=330100", &token).await;
    let listed: Vec<&str> = screen["departments"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["service"].as_str())
        .collect();
    // Only the departments that can answer for a plate are listed: none needing an account.
    assert_eq!(listed, ["traffic-violations", "vehicle-inspection-booking"]);
    // Consent to a department that cannot answer for this citizen: not listed, not called.
    consent(&s, &token, json!({ "traffic-violations": true, "water-bill": true })).await;
    let answer = digest(&s, &token).await;
    assert_eq!(service(&answer, "traffic-violations")["state"], "ready");
    let services: Vec<&str> = answer["services"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|l| l["service"].as_str())
        .collect();
    assert!(!services.contains(&"water-bill"), "{answer}");
    let calls = audit(&s, &token).await;
    assert_eq!(calls.len(), 1, "{calls:?}");

    // A non-demo sub without attrs has none.
    let plain = s.token("wallet", "u-nobody").await;
    let screen = get(&s, "/api/v1/me/consent?city=330100", &plain).await;
    assert_eq!(screen["departments"], json!([]), "nobody to ask for a citizen without attributes");
}

/// The one text column of every row `sql` selects.
fn strings(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    conn.prepare(sql)
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}
