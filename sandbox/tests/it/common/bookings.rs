//! Booking helpers shared by the booking and concurrency tests.

use super::{date_ahead, Sandbox};
use serde_json::{json, Value};

/// The seeded vehicle-inspection slots of `resource` three days ahead in Hangzhou.
pub async fn slots(sandbox: &Sandbox, resource: &str) -> Vec<Value> {
    let path = format!(
        "/api/v1/slots?service=vehicle-inspection&city=330100&resource={resource}&date={}",
        date_ahead(3)
    );
    let (status, body) = sandbox.get_json(&path).await;
    assert_eq!(status, 200, "{body}");
    body.as_array().expect("slot array").clone()
}

/// Holds `slot` for user `u-1` with idempotency key `key`.
pub async fn hold(sandbox: &Sandbox, slot: &str, key: &str) -> (u16, Value) {
    let body = json!({ "slot": slot, "user": "u-1", "party": { "name": "张三" } });
    sandbox.post_keyed("/api/v1/bookings/hold", key, &body).await
}

/// Confirms or cancels booking `id`.
pub async fn step(sandbox: &Sandbox, id: &str, action: &str) -> (u16, Value) {
    sandbox.post_json(&format!("/api/v1/bookings/{id}/{action}"), &json!({})).await
}

/// The booking id in an answer.
pub fn id(body: &Value) -> String {
    body["booking"]["id"].as_str().expect("booking id").to_string()
}
