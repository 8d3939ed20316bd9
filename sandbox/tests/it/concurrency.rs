//! Concurrency over real HTTP: 200 concurrent holds for a 10-place slot confirm exactly 10;
//! 50 concurrent retries of one payment key create one order and settle one payment.

use crate::common;

use std::sync::Arc;

use common::bookings::{hold, id, slots, step};
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
async fn two_hundred_concurrent_holds_confirm_exactly_the_capacity() {
    let sandbox = Arc::new(Sandbox::start().await);
    let slot = slots(&sandbox, "station-rush").await[0]["id"].as_str().expect("id").to_string();
    let mut tasks = Vec::new();
    for n in 0..200 {
        let (sandbox, slot) = (Arc::clone(&sandbox), slot.clone());
        tasks.push(tokio::spawn(async move {
            let (status, held) = hold(&sandbox, &slot, &format!("rush-key-{n:04}")).await;
            if status != 201 {
                assert_eq!(status, 409, "{held}");
                assert_error(&held, "slot_full");
                return None;
            }
            let (status, confirmed) = step(&sandbox, &id(&held), "confirm").await;
            assert_eq!(status, 200, "{confirmed}");
            confirmed["booking"]["number"].as_str().map(str::to_string)
        }));
    }
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.extend(task.await.expect("task"));
    }
    assert_eq!(numbers.len(), 10);
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 10, "booking numbers are unique");
    assert_eq!(slots(&sandbox, "station-rush").await[0]["left"], 0);
}

#[tokio::test]
async fn fifty_concurrent_retries_create_one_order_and_settle_one_payment() {
    let sandbox = Arc::new(Sandbox::start().await);
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let sandbox = Arc::clone(&sandbox);
        tasks.push(tokio::spawn(async move {
            let body = order("3301001202504120002", 20000);
            let (status, created) =
                sandbox.post_keyed("/api/v1/orders", "retry-key-000042", &body).await;
            let id = created["order"]["id"].as_str().expect("id").to_string();
            let (settled, paid) = settle(&sandbox, &id, "success").await;
            (status, id, settled, paid["order"]["status"].clone())
        }));
    }
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    assert_eq!(results.iter().filter(|r| r.0 == 201).count(), 1);
    assert_eq!(results.iter().filter(|r| r.0 == 200).count(), 49);
    assert!(results.iter().all(|r| r.1 == results[0].1 && r.2 == 200 && r.3 == "paid"));
    let (_, list) = sandbox.get_json("/api/v1/orders?reference=3301001202504120002").await;
    let orders = list["orders"].as_array().expect("orders");
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0]["status"], "paid");
}
