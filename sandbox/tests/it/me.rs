//! "My City" over real HTTP: records of handled matters (one per user, service, city and
//! reference), `GET /api/v1/me` (records, payments under way or made, what the user follows —
//! of one user in one city), identity, CORS and the fixture's shape.

use crate::common;

use std::collections::BTreeSet;
use std::time::Duration;

use citypanel_sandbox::Config;
use common::{assert_error, Sandbox};
use serde_json::{json, Value};

const RECORDS: &str = "/api/v1/me/records";

fn record(user: Option<&str>, city: &str, reference: &str, state: &str) -> Value {
    let mut body = json!({
        "service": "vehicle-inspection-booking", "city": city, "kind": "booking",
        "reference": reference, "state": state
    });
    if let Some(user) = user {
        body["user"] = json!(user);
    }
    body
}

/// A wallet token for `sub`, minted by `/admin/tokens`.
async fn token(sandbox: &Sandbox, sub: &str) -> String {
    let (status, body) =
        sandbox.post_json("/admin/tokens", &json!({ "host": "wallet", "sub": sub })).await;
    assert_eq!(status, 200, "{body}");
    body["token"].as_str().expect("token").to_string()
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|item| item["id"].as_str().expect("id").to_string())
        .collect()
}

fn id(body: &Value, field: &str) -> String {
    body[field]["id"].as_str().expect("id").to_string()
}

/// Lets the clock move on, so `updated_at` / `paid_at` of the next write differ.
async fn tick() {
    tokio::time::sleep(Duration::from_millis(5)).await;
}

/// An order of a bill the departments do not know (any amount is accepted), settled with
/// `outcome` unless `None`.
async fn order(
    sandbox: &Sandbox,
    user: &str,
    city: &str,
    reference: &str,
    outcome: Option<&str>,
) -> Value {
    let body = json!({
        "service": "traffic-fine-payment", "city": city, "reference": reference,
        "amount_fen": 5000, "user": user
    });
    let key = format!("me-key-{reference}");
    let (status, created) = sandbox.post_keyed("/api/v1/orders", &key, &body).await;
    assert_eq!(status, 201, "{created}");
    let order = id(&created, "order");
    let Some(outcome) = outcome else {
        return created["order"].clone();
    };
    let (status, settled) = if outcome == "success" {
        // Paid only on the payment side's signed notification.
        sandbox.prove(&order, outcome, None).await
    } else {
        let path = format!("/api/v1/orders/{order}/settle");
        sandbox.post_json(&path, &json!({ "outcome": outcome })).await
    };
    assert_eq!(status, 200, "{settled}");
    settled["order"].clone()
}

async fn subscribe(sandbox: &Sandbox, user: &str, city: &str, key: &str) -> Value {
    let body = json!({ "topic": "violations", "key": key, "user": user, "city": city });
    let (status, created) = sandbox.post_json("/api/v1/subscriptions", &body).await;
    assert_eq!(status, 201, "{created}");
    created["subscription"].clone()
}

#[tokio::test]
async fn a_record_is_stored_once_and_its_state_updated() {
    let sandbox = Sandbox::start().await;
    let body = record(Some("u-1"), "330100", "JY330100202501150007", "done");
    let (status, first) = sandbox.post_json(RECORDS, &body).await;
    assert_eq!(status, 201, "{first}");
    let stored = &first["record"];
    assert!(stored["id"].as_str().is_some_and(|id| id.starts_with("rec_") && id.len() == 36));
    for (field, value) in body.as_object().expect("object") {
        assert_eq!(&stored[field], value, "{field}");
    }
    assert_eq!(stored["created_at"], stored["updated_at"]);
    assert!(stored["created_at"].as_str().is_some_and(|t| t.len() == 24 && t.ends_with('Z')));

    tick().await;
    let (status, again) = sandbox.post_json(RECORDS, &body).await;
    assert_eq!((status, &again), (200, &first), "the same report changes nothing");

    tick().await;
    let cancelled = record(Some("u-1"), "330100", "JY330100202501150007", "cancelled");
    let (status, changed) = sandbox.post_json(RECORDS, &cancelled).await;
    assert_eq!(status, 200, "{changed}");
    let changed = &changed["record"];
    assert_eq!((&changed["id"], &changed["state"]), (&stored["id"], &json!("cancelled")));
    assert_eq!(changed["created_at"], stored["created_at"]);
    let (before, after) = (stored["updated_at"].as_str(), changed["updated_at"].as_str());
    assert!(after > before, "updated_at moved: {before:?} → {after:?}");

    tick().await;
    let mut transaction = cancelled.clone();
    transaction["kind"] = json!("transaction");
    let (status, kind) = sandbox.post_json(RECORDS, &transaction).await;
    assert_eq!(status, 200, "{kind}");
    assert_eq!(
        (&kind["record"]["id"], &kind["record"]["kind"]),
        (&stored["id"], &json!("transaction"))
    );
    assert!(kind["record"]["updated_at"].as_str() > after);

    // Another user with the same reference, or the same reference in another city or of
    // another service, is another record.
    let (status, other) = sandbox
        .post_json(RECORDS, &record(Some("u-2"), "330100", "JY330100202501150007", "done"))
        .await;
    assert_eq!(status, 201, "{other}");
    let (status, elsewhere) = sandbox
        .post_json(RECORDS, &record(Some("u-1"), "310000", "JY330100202501150007", "done"))
        .await;
    assert_eq!(status, 201, "{elsewhere}");
    let mut service = body.clone();
    service["service"] = json!("marriage-registration");
    let (status, by_service) = sandbox.post_json(RECORDS, &service).await;
    assert_eq!(status, 201, "{by_service}");
    let all: BTreeSet<String> =
        [&first, &other, &elsewhere, &by_service].iter().map(|b| id(b, "record")).collect();
    assert_eq!(all.len(), 4);
}

#[tokio::test]
async fn concurrent_identical_reports_make_one_record() {
    let sandbox = std::sync::Arc::new(Sandbox::start().await);
    let body = record(Some("u-1"), "330100", "CONCURRENT-1", "done");
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (sandbox, body) = (sandbox.clone(), body.clone());
            tokio::spawn(async move { sandbox.post_json(RECORDS, &body).await })
        })
        .collect();
    let mut statuses = Vec::new();
    let mut seen = BTreeSet::new();
    for task in tasks {
        let (status, answer) = task.await.expect("task");
        statuses.push(status);
        seen.insert(id(&answer, "record"));
    }
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 200, 200, 200, 200, 200, 200, 201]);
    assert_eq!(seen.len(), 1);
    let (_, me) = sandbox.get_json("/api/v1/me?city=330100&user=u-1").await;
    assert_eq!(me["records"].as_array().map(Vec::len), Some(1), "{me}");
}

#[tokio::test]
async fn invalid_records_name_their_fields() {
    let sandbox = Sandbox::start().await;
    let body = json!({
        "service": "vehicle-inspection-booking", "city": "3301", "kind": "query",
        "reference": "", "state": "done", "user": "u-1"
    });
    let (status, error) = sandbox.post_json(RECORDS, &body).await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["error"]["code"], "validation_failed");
    let fields = error["error"]["fields"].as_array().expect("fields");
    let paths: Vec<&str> = fields.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["/city", "/kind", "/reference"]);
    let codes: Vec<&str> = fields.iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(codes, ["format", "choice", "format"]);
    assert_eq!(fields[1]["message"], "kind must be one of `transaction`, `booking`, got `query`");

    let body = json!({
        "service": "Vehicle Inspection", "city": 330100, "kind": "booking",
        "reference": "JY\u{7}1", "state": "pending", "extra": 1
    });
    let (status, error) = sandbox.post_json(RECORDS, &body).await;
    assert_eq!(status, 422, "{error}");
    let fields = error["error"]["fields"].as_array().expect("fields");
    let found: Vec<(&str, &str)> =
        fields.iter().filter_map(|f| Some((f["path"].as_str()?, f["code"].as_str()?))).collect();
    assert_eq!(
        found,
        [
            ("/service", "format"),
            ("/city", "type"),
            ("/reference", "format"),
            ("/state", "choice"),
            ("/user", "required"),
            ("/extra", "unknown_field"),
        ]
    );
    let long = record(Some("u-1"), "330100", &"R".repeat(129), "done");
    let (status, error) = sandbox.post_json(RECORDS, &long).await;
    assert_eq!((status, &error["error"]["fields"][0]["path"]), (422, &json!("/reference")));
    let (status, error) = sandbox.post_json(RECORDS, &json!(["not", "an", "object"])).await;
    assert_eq!((status, &error["error"]["fields"][0]["path"]), (422, &json!("")));

    for (query, path) in [
        ("/api/v1/me?city=330100", "/user"),
        ("/api/v1/me?user=u-1", "/city"),
        ("/api/v1/me?user=u-1&city=3301001", "/city"),
    ] {
        let (status, error) = sandbox.get_json(query).await;
        assert_eq!(status, 422, "{query}: {error}");
        let fields = error["error"]["fields"].as_array().expect("fields");
        assert_eq!(fields.len(), 1, "{query}: {error}");
        assert_eq!(fields[0]["path"], path, "{query}");
    }
    let (status, error) = sandbox.get_json("/api/v1/me").await;
    assert_eq!(status, 422);
    assert_eq!(error["error"]["message"], "2 fields are invalid");
}

#[tokio::test]
async fn with_a_token_records_and_my_city_are_the_callers_own() {
    let sandbox = Sandbox::start().await;
    let alice = token(&sandbox, "alice").await;
    let post = reqwest::Method::POST;
    let get = reqwest::Method::GET;

    let body = record(None, "330100", "JY-ALICE-1", "done");
    let (status, created) =
        sandbox.send(post.clone(), RECORDS, Some(&alice), None, Some(&body)).await;
    assert_eq!((status, &created["record"]["user"]), (201, &json!("wallet:alice")), "{created}");
    let same = record(Some("alice"), "330100", "JY-ALICE-1", "done");
    let (status, again) =
        sandbox.send(post.clone(), RECORDS, Some(&alice), None, Some(&same)).await;
    assert_eq!((status, &again), (200, &created));
    let bobs = record(Some("bob"), "330100", "JY-BOB-1", "done");
    let (status, error) =
        sandbox.send(post.clone(), RECORDS, Some(&alice), None, Some(&bobs)).await;
    assert_eq!(status, 403);
    assert_error(&error, "wrong_user");
    let (status, error) =
        sandbox.send(post.clone(), RECORDS, Some("v1.bad.token"), None, Some(&body)).await;
    assert_eq!(status, 401);
    assert_error(&error, "invalid_token");
    // Without a token, the body names the user (the sandbox's token-less mode).
    assert_eq!(sandbox.post_json(RECORDS, &bobs).await.0, 201);

    let (status, mine) =
        sandbox.send(get.clone(), "/api/v1/me?city=330100", Some(&alice), None, None).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!((&mine["user"], &mine["city"]), (&json!("wallet:alice"), &json!("330100")));
    assert_eq!(ids(&mine["records"]), [id(&created, "record")]);
    let path = "/api/v1/me?city=330100&user=alice";
    let (status, same) = sandbox.send(get.clone(), path, Some(&alice), None, None).await;
    assert_eq!((status, &same), (200, &mine));
    let path = "/api/v1/me?city=330100&user=bob";
    let (status, error) = sandbox.send(get.clone(), path, Some(&alice), None, None).await;
    assert_eq!(status, 403);
    assert_error(&error, "wrong_user");
    let (status, theirs) = sandbox.get_json(path).await;
    assert_eq!(status, 200);
    assert_eq!(theirs["records"][0]["reference"], "JY-BOB-1");
}

#[tokio::test]
async fn require_identity_refuses_my_city_without_a_token() {
    let config = Config { dev_allow_anonymous: false, ..common::config() };
    let sandbox = Sandbox::start_with(config).await;
    let body = record(Some("alice"), "330100", "JY-1", "done");
    let (status, error) = sandbox.post_json(RECORDS, &body).await;
    assert_eq!(status, 401, "{error}");
    assert_error(&error, "missing_token");
    let (status, error) = sandbox.get_json("/api/v1/me?city=330100&user=alice").await;
    assert_eq!(status, 401, "{error}");
    assert_error(&error, "missing_token");
    let alice = token(&sandbox, "alice").await;
    let post = reqwest::Method::POST;
    let (status, _) = sandbox.send(post, RECORDS, Some(&alice), None, Some(&body)).await;
    assert_eq!(status, 201);
    let get = reqwest::Method::GET;
    let (status, mine) =
        sandbox.send(get, "/api/v1/me?city=330100", Some(&alice), None, None).await;
    assert_eq!((status, mine["records"].as_array().map(Vec::len)), (200, Some(1)));
}

#[tokio::test]
async fn my_city_lists_one_users_matters_in_one_city() {
    let sandbox = Sandbox::start().await;
    // User A in Hangzhou: two paid orders, one processing, one abandoned, one failed.
    let paid_first = order(&sandbox, "user-a", "330100", "ME-PAID-1", Some("success")).await;
    tick().await;
    let processing = order(&sandbox, "user-a", "330100", "ME-MOVING-1", Some("processing")).await;
    tick().await;
    let paid_later = order(&sandbox, "user-a", "330100", "ME-PAID-2", Some("success")).await;
    order(&sandbox, "user-a", "330100", "ME-CREATED-1", None).await;
    order(&sandbox, "user-a", "330100", "ME-FAILED-1", Some("failed")).await;
    order(&sandbox, "user-a", "330100", "ME-CANCELLED-1", Some("cancelled")).await;
    // Noise: A in Shanghai, B in Hangzhou.
    order(&sandbox, "user-a", "310000", "ME-SH-PAID-1", Some("success")).await;
    order(&sandbox, "user-b", "330100", "ME-B-PAID-1", Some("success")).await;
    order(&sandbox, "user-b", "330100", "ME-B-MOVING-1", Some("processing")).await;

    let followed = subscribe(&sandbox, "user-a", "330100", "浙A12345").await;
    subscribe(&sandbox, "user-a", "310000", "沪AK6321").await;
    subscribe(&sandbox, "user-b", "330100", "浙B67890").await;

    let (_, older) =
        sandbox.post_json(RECORDS, &record(Some("user-a"), "330100", "JY-A-1", "done")).await;
    tick().await;
    let (_, newer) =
        sandbox.post_json(RECORDS, &record(Some("user-a"), "330100", "JY-A-2", "done")).await;
    sandbox.post_json(RECORDS, &record(Some("user-a"), "310000", "JY-A-SH", "done")).await;
    sandbox.post_json(RECORDS, &record(Some("user-b"), "330100", "JY-B-1", "done")).await;

    let (status, me) = sandbox.get_json("/api/v1/me?city=330100&user=user-a").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!((&me["user"], &me["city"]), (&json!("user-a"), &json!("330100")));
    assert_eq!(
        ids(&me["payments"]),
        [&processing, &paid_later, &paid_first].map(|o| o["id"].as_str().expect("id").to_string())
    );
    assert_eq!(ids(&me["records"]), [id(&newer, "record"), id(&older, "record")]);
    assert_eq!(me["following"], json!([followed]));
    for list in ["records", "payments", "following"] {
        for item in me[list].as_array().expect("list") {
            assert_eq!(
                (&item["user"], &item["city"]),
                (&json!("user-a"), &json!("330100")),
                "{list}"
            );
        }
    }
    // A payment is exactly the order as `GET /api/v1/orders/{id}` shows it.
    for payment in me["payments"].as_array().expect("payments") {
        let path = format!("/api/v1/orders/{}", payment["id"].as_str().expect("id"));
        let (_, fetched) = sandbox.get_json(&path).await;
        assert_eq!(&fetched["order"], payment);
    }

    // Cancelling the older booking makes it the newest record.
    tick().await;
    let cancelled = record(Some("user-a"), "330100", "JY-A-1", "cancelled");
    assert_eq!(sandbox.post_json(RECORDS, &cancelled).await.0, 200);
    let (_, me) = sandbox.get_json("/api/v1/me?city=330100&user=user-a").await;
    assert_eq!(ids(&me["records"]), [id(&older, "record"), id(&newer, "record")]);
    assert_eq!(me["records"][0]["state"], "cancelled");

    let (status, shanghai) = sandbox.get_json("/api/v1/me?city=310000&user=user-a").await;
    assert_eq!(status, 200);
    let counts = ["records", "payments", "following"].map(|l| shanghai[l].as_array().map(Vec::len));
    assert_eq!(counts, [Some(1), Some(1), Some(1)]);

    let (status, nobody) = sandbox.get_json("/api/v1/me?city=330100&user=nobody").await;
    assert_eq!(status, 200);
    assert_eq!(
        nobody,
        json!({ "user": "nobody", "city": "330100", "records": [], "payments": [], "following": [] })
    );
}

#[tokio::test]
async fn at_most_fifty_records_are_listed() {
    let sandbox = Sandbox::start().await;
    for n in 0..52 {
        let body = record(Some("u-many"), "330100", &format!("JY-{n:03}"), "done");
        assert_eq!(sandbox.post_json(RECORDS, &body).await.0, 201);
    }
    let (_, me) = sandbox.get_json("/api/v1/me?city=330100&user=u-many").await;
    assert_eq!(me["records"].as_array().map(Vec::len), Some(50));
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().expect("object").keys().cloned().collect()
}

#[tokio::test]
async fn my_city_answers_the_fixtures_shape() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/responses/platform/me.json");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fixture: Value = serde_json::from_str(&text).expect("fixture json");

    let sandbox = Sandbox::start().await;
    order(&sandbox, "u-shape", "330100", "SHAPE-PAID-1", Some("success")).await;
    order(&sandbox, "u-shape", "330100", "SHAPE-MOVING-1", Some("processing")).await;
    subscribe(&sandbox, "u-shape", "330100", "浙A12345").await;
    let body = record(Some("u-shape"), "330100", "JY-SHAPE-1", "done");
    assert_eq!(sandbox.post_json(RECORDS, &body).await.0, 201);

    let (status, me) = sandbox.get_json("/api/v1/me?city=330100&user=u-shape").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(keys(&me), keys(&fixture));
    for list in ["records", "payments", "following"] {
        let expected = keys(&fixture[list][0]);
        let items = me[list].as_array().expect("list");
        assert!(!items.is_empty(), "{list}");
        for item in items {
            assert_eq!(keys(item), expected, "{list}");
        }
    }
    // The fixture's own payments show both states the answer carries.
    assert_eq!(
        (&me["payments"][0]["status"], &me["payments"][1]["status"]),
        (&fixture["payments"][0]["status"], &fixture["payments"][1]["status"])
    );
}

#[tokio::test]
async fn browsers_of_allowed_hosts_may_call_my_city() {
    const HOST: &str = "https://wallet.example";
    let config = Config { allow_origins: vec![HOST.into()], ..common::config() };
    let sandbox = Sandbox::start_with(config).await;
    for (path, method) in [("/api/v1/me?city=330100", "GET"), (RECORDS, "POST")] {
        let response = sandbox
            .client
            .request(reqwest::Method::OPTIONS, sandbox.url(path))
            .header("origin", HOST)
            .header("access-control-request-method", method)
            .header("access-control-request-headers", "authorization, content-type")
            .send()
            .await
            .expect("preflight");
        assert_eq!(response.status(), 204, "{path}");
        let headers = response.headers();
        assert_eq!(headers["access-control-allow-origin"], HOST);
        let allowed = headers["access-control-allow-headers"].to_str().expect("ascii");
        assert!(allowed.contains("authorization") && allowed.contains("content-type"));
        let methods = headers["access-control-allow-methods"].to_str().expect("ascii");
        assert!(methods.contains(method), "{methods}");
    }
    let alice = token(&sandbox, "alice").await;
    let response = sandbox
        .client
        .get(sandbox.url("/api/v1/me?city=330100"))
        .header("origin", HOST)
        .bearer_auth(&alice)
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], HOST);
}
