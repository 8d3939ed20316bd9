//! Payment orders over real HTTP: idempotency keys, validation, the settle state machine,
//! paying a reference at most once.

use crate::common;

use common::{assert_error, Sandbox};
use serde_json::{json, Value};

fn order(reference: &str, amount: i64) -> Value {
    json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": reference,
        "amount_fen": amount, "user": "u-1001"
    })
}

async fn settle(sandbox: &Sandbox, id: &str, outcome: &str) -> (u16, Value) {
    // A citizen's `success` is no proof (`403 payment_proof_required`): the payment side's
    // signed notification pays.
    if outcome == "success" {
        return sandbox.prove(id, outcome, None).await;
    }
    let path = format!("/api/v1/orders/{id}/settle");
    sandbox.post_json(&path, &json!({ "outcome": outcome })).await
}

#[tokio::test]
async fn same_key_same_body_is_the_same_order_and_a_different_body_is_409() {
    let sandbox = Sandbox::start().await;
    let response = sandbox
        .client
        .post(sandbox.url("/api/v1/orders"))
        .header("idempotency-key", "key-0001-abc")
        .json(&order("3301001202504120001", 20000))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 201);
    let location = response.headers()["location"].to_str().expect("ascii").to_string();
    let first: Value = response.json().await.expect("json");
    let id = first["order"]["id"].as_str().expect("id").to_string();
    assert_eq!(location, format!("/api/v1/orders/{id}"));
    assert_eq!(first["order"]["status"], "created");
    assert_eq!(first["order"]["amount_fen"], 20000);
    assert_eq!(first["order"]["paid_at"], Value::Null);

    let (status, again) = sandbox
        .post_keyed("/api/v1/orders", "key-0001-abc", &order("3301001202504120001", 20000))
        .await;
    assert_eq!((status, &again), (200, &first));

    let (status, body) = sandbox
        .post_keyed("/api/v1/orders", "key-0001-abc", &order("3301001202504120001", 20001))
        .await;
    assert_eq!(status, 409);
    assert_error(&body, "idempotency_mismatch");

    let (status, fetched) = sandbox.get_json(&format!("/api/v1/orders/{id}")).await;
    assert_eq!((status, &fetched), (200, &first));
    let (status, body) = sandbox.get_json("/api/v1/orders/ord_missing").await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");
}

#[tokio::test]
async fn idempotency_key_is_required_and_checked() {
    let sandbox = Sandbox::start().await;
    let (status, body) = sandbox.post_json("/api/v1/orders", &order("R1", 100)).await;
    assert_eq!(status, 400);
    assert_error(&body, "invalid_idempotency_key");
    for bad in ["short", "has space in it", &"x".repeat(129), "semi;colon-123"] {
        let (status, body) = sandbox.post_keyed("/api/v1/orders", bad, &order("R1", 100)).await;
        assert_eq!(status, 400, "{bad}");
        assert_error(&body, "invalid_idempotency_key");
    }
}

#[tokio::test]
async fn invalid_bodies_name_every_field() {
    let sandbox = Sandbox::start().await;
    let body = json!({
        "service": "Traffic Fine", "city": "33", "reference": "3301001202504120001",
        "amount_fen": 0, "extra": true
    });
    let (status, error) = sandbox.post_keyed("/api/v1/orders", "key-invalid-1", &body).await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["error"]["code"], "validation_failed");
    let fields = error["error"]["fields"].as_array().expect("fields");
    let paths: Vec<&str> = fields.iter().filter_map(|f| f["path"].as_str()).collect();
    assert_eq!(paths, ["/service", "/city", "/amount_fen", "/user", "/extra"]);
    let codes: Vec<&str> = fields.iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(codes, ["format", "format", "range", "required", "unknown_field"]);
    assert_eq!(fields[2]["message"], "amount_fen must be from 1 to 100000000, got `0`");
    assert!(fields[1]["message"].as_str().is_some_and(|m| m.contains("`33`")));

    let (status, error) = sandbox.post_keyed("/api/v1/orders", "key-invalid-2", &json!([1])).await;
    assert_eq!(status, 422);
    assert_eq!(error["error"]["fields"][0]["path"], "");
    let (status, error) =
        sandbox.post_json("/api/v1/orders/x/settle", &json!({ "outcome": "done" })).await;
    assert_eq!(status, 422);
    assert_eq!(error["error"]["fields"][0]["path"], "/outcome");
}

#[tokio::test]
async fn settle_walks_the_state_machine_and_never_pays_twice() {
    let sandbox = Sandbox::start().await;
    let (_, a) = sandbox.post_keyed("/api/v1/orders", "key-a-000001", &order("DEC-1", 5000)).await;
    let (_, b) = sandbox.post_keyed("/api/v1/orders", "key-b-000001", &order("DEC-1", 5000)).await;
    let a = a["order"]["id"].as_str().expect("id").to_string();
    let b = b["order"]["id"].as_str().expect("id").to_string();

    let (status, body) = settle(&sandbox, &a, "processing").await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("processing")));
    let (status, paid) = settle(&sandbox, &a, "success").await;
    assert_eq!((status, &paid["order"]["status"]), (200, &json!("paid")));
    assert!(paid["order"]["paid_at"].is_string());
    for outcome in ["success", "failed", "cancelled", "processing"] {
        assert_eq!(settle(&sandbox, &a, outcome).await, (200, paid.clone()), "{outcome}");
    }

    let (status, body) = settle(&sandbox, &b, "success").await;
    assert_eq!(status, 409);
    assert_error(&body, "already_paid");
    let (status, body) =
        sandbox.post_keyed("/api/v1/orders", "key-c-000001", &order("DEC-1", 5000)).await;
    assert_eq!(status, 409);
    assert_error(&body, "already_paid");

    // The refused order can never be paid now: it ended cancelled, and stays so.
    let (status, body) = sandbox.get_json(&format!("/api/v1/orders/{b}")).await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("cancelled")));
    let (status, body) = settle(&sandbox, &b, "cancelled").await;
    assert_eq!(
        (status, &body["order"]["status"]),
        (200, &json!("cancelled")),
        "repeating it is a no-op"
    );
    for outcome in ["failed", "success"] {
        let (status, body) = settle(&sandbox, &b, outcome).await;
        assert_eq!(status, 409, "{outcome}");
        assert_error(&body, "invalid_transition");
    }

    let (status, list) = sandbox.get_json("/api/v1/orders?reference=DEC-1").await;
    assert_eq!(status, 200);
    let statuses: Vec<&Value> =
        list["orders"].as_array().expect("orders").iter().map(|o| &o["status"]).collect();
    assert_eq!(statuses, [&json!("paid"), &json!("cancelled")]);
    let (status, body) = sandbox.get_json("/api/v1/orders").await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["path"], "/reference");
}
