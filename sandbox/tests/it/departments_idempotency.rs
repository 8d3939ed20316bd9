//! `Idempotency-Key` at the departments, over real HTTP (issue #15): 20 concurrent retries of
//! one hospital registration with the same key make one hold (places drop by one) and all get
//! the same answer; the key with another request is `409 idempotency_mismatch`; confirming
//! and releasing honour the key too; a fault's answer is not kept, so a retry after it runs.

use crate::common;
use crate::departments_support;

use std::sync::Arc;

use citypanel_descriptor::build_request;
use common::{assert_error, Sandbox};
use departments_support::{at, booking_values, descriptor};
use serde_json::{json, Value};

async fn places(sandbox: &Sandbox, values: &citypanel_descriptor::map::Map<String>) -> u64 {
    let body = json!({ "hospital": at(values, "hospital"), "doctor": at(values, "doctor"), "date": at(values, "date") });
    let (_, slots) = sandbox.post_json("/hub/health/slots", &body).await;
    slots["data"]["slots"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["slotId"] == at(values, "slot")))
        .and_then(|x| x["left"].as_u64())
        .expect("the slot is listed")
}

/// POSTs `body` to `path` with `key`: status, whether it was a replay, the JSON answer.
async fn keyed(
    sandbox: &Sandbox,
    path: &str,
    key: &str,
    headers: &[(String, String)],
    body: &Value,
) -> (u16, bool, Value) {
    let mut request = sandbox.client.post(sandbox.url(path)).json(body);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.header("idempotency-key", key).send().await.expect("post");
    let status = response.status().as_u16();
    let replayed = response.headers().get("idempotent-replayed").is_some_and(|v| v == "true");
    (status, replayed, response.json().await.expect("json"))
}

#[tokio::test]
async fn concurrent_retries_of_one_registration_make_one_hold() {
    let sandbox = Arc::new(Sandbox::start().await);
    let values = booking_values(&sandbox, "hospital-registration", "330100").await;
    let before = places(&sandbox, &values).await;
    let built =
        build_request(&descriptor("hospital-registration"), "330100", &values).expect("built");
    let body = built.body.clone().expect("a body");
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let (sandbox, path, headers, body) =
            (Arc::clone(&sandbox), built.path.clone(), built.headers.clone(), body.clone());
        tasks.push(tokio::spawn(async move {
            keyed(&sandbox, &path, "register-retry-0001", &headers, &body).await
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("task"));
    }
    assert_eq!(places(&sandbox, &values).await, before - 1, "one hold for 20 retries");
    let first = answers[0].2.clone();
    assert_eq!(first["data"]["status"], "LOCKED", "{first}");
    assert!(answers.iter().all(|(status, _, answer)| *status == 200 && *answer == first));
    assert_eq!(answers.iter().filter(|(_, replayed, _)| !replayed).count(), 1, "one did it");

    // The key with another request: refused, nothing held.
    let mut other = body.clone();
    other["patient"]["name"] = json!("someone else");
    let (status, _, refused) =
        keyed(&sandbox, &built.path, "register-retry-0001", &built.headers, &other).await;
    assert_eq!(status, 409, "{refused}");
    assert_error(&refused, "idempotency_mismatch");
    assert_eq!(places(&sandbox, &values).await, before - 1);

    // Confirming and releasing honour keys too.
    let pointer = descriptor("hospital-registration")
        .lifecycle
        .and_then(|l| l.confirm)
        .expect("confirm")
        .reference;
    let reference = first.pointer(&pointer).and_then(Value::as_str).expect("reference").to_string();
    let confirm = json!({ "reference": reference });
    let (status, replayed, booked) =
        keyed(&sandbox, "/hub/health/confirm", "confirm-key-0001", &[], &confirm).await;
    assert_eq!(
        (status, replayed, &booked["data"]["status"]),
        (200, false, &json!("BOOKED")),
        "{booked}"
    );
    let (_, replayed, again) =
        keyed(&sandbox, "/hub/health/confirm", "confirm-key-0001", &[], &confirm).await;
    assert_eq!((replayed, &again), (true, &booked));
    let (status, _, refused) = keyed(
        &sandbox,
        "/hub/health/confirm",
        "confirm-key-0001",
        &[],
        &json!({ "reference": "GH000" }),
    )
    .await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(places(&sandbox, &values).await, before - 1, "booked once");

    // A malformed key is refused as on the platform's routes.
    let (status, _, bad) = keyed(&sandbox, "/hub/health/confirm", "short", &[], &confirm).await;
    assert_eq!(status, 400, "{bad}");
    assert_error(&bad, "invalid_idempotency_key");
}

#[tokio::test]
async fn a_faults_answer_is_not_kept_for_the_key() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "hospital-registration", "330100").await;
    let before = places(&sandbox, &values).await;
    let built =
        build_request(&descriptor("hospital-registration"), "330100", &values).expect("built");
    let body = built.body.clone().expect("a body");
    let department = "hz-health";
    let (status, set) = sandbox
        .post_json("/admin/faults", &json!({ "department": department, "mode": "error" }))
        .await;
    assert!(status == 200 || status == 204, "{set}");
    let (_, replayed, busy) =
        keyed(&sandbox, &built.path, "fault-retry-0001", &built.headers, &body).await;
    assert!(!replayed);
    assert_ne!(busy["data"]["status"], "LOCKED", "{busy}");
    let (status, cleared) = sandbox
        .post_json("/admin/faults", &json!({ "department": department, "mode": "off" }))
        .await;
    assert_eq!(status, 200, "{cleared}");
    assert_eq!(places(&sandbox, &values).await, before, "the busy answer held nothing");
    let (status, replayed, held) =
        keyed(&sandbox, &built.path, "fault-retry-0001", &built.headers, &body).await;
    assert_eq!(
        (status, replayed, &held["data"]["status"]),
        (200, false, &json!("LOCKED")),
        "{held}"
    );
    assert_eq!(places(&sandbox, &values).await, before - 1);
}

#[tokio::test]
async fn a_query_with_a_key_is_answered_afresh() {
    // A bill read again after it was paid (the panel re-sends its query with the key it
    // kept) must show it paid: reads are not replayed.
    let sandbox = Sandbox::start().await;
    let account = json!({ "accountNo": "3301287645" });
    let (_, replayed, before) =
        keyed(&sandbox, "/dept/hz-water/bill", "bill-read-0001", &[], &account).await;
    assert!(!replayed);
    assert_eq!(before["data"]["bill"]["status"], "UNPAID", "{before}");
    let order = json!({ "service": "water-bill", "city": "330100", "reference": "SW3301202504018826", "amount": "51.30" });
    let (status, created) =
        sandbox.post_keyed("/platform/pay/orders", "bill-read-order", &order).await;
    assert_eq!(status, 201, "{created}");
    let (status, _) =
        sandbox.prove(created["orderNo"].as_str().expect("orderNo"), "success", None).await;
    assert_eq!(status, 200);
    let (_, replayed, after) =
        keyed(&sandbox, "/dept/hz-water/bill", "bill-read-0001", &[], &account).await;
    assert!(!replayed);
    assert_eq!(after["data"]["bill"]["status"], "PAID", "{after}");
}
