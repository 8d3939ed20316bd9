//! Slots and bookings over real HTTP: seeded slots, holds within capacity, expiry,
//! confirmation, cancellation, validation.

use crate::common;

use citypanel_sandbox::Config;
use common::bookings::{hold, id, slots, step};
use common::{assert_error, Sandbox};
use serde_json::{json, Value};

#[tokio::test]
async fn slots_are_seeded_stable_and_validated() {
    let sandbox = Sandbox::start().await;
    let first = slots(&sandbox, "station-01").await;
    assert_eq!(first.len(), 10);
    assert_eq!(first, slots(&sandbox, "station-01").await);
    let keys: Vec<&String> = first[0].as_object().expect("object").keys().collect();
    assert_eq!(keys, ["capacity", "end", "id", "left", "start"]);
    assert_eq!((first[0]["capacity"].as_i64(), first[0]["left"].as_i64()), (Some(10), Some(10)));
    let start = first[0]["start"].as_str().expect("start");
    assert!(start.ends_with("T09:00:00+08:00"), "{start}");
    assert_ne!(first[0]["id"], slots(&sandbox, "station-02").await[0]["id"]);

    let cases = [
        ("service=vehicle-inspection&city=330100&resource=a&date=2030-02-30", "/date", "format"),
        ("service=vehicle-inspection&city=330100&resource=a&date=2000-01-01", "/date", "range"),
        ("service=vehicle-inspection&city=330100&date=2030-01-01", "/resource", "required"),
        ("service=x&city=3301&resource=a&date=2030-01-01", "/city", "format"),
    ];
    for (query, path, code) in cases {
        let (status, body) = sandbox.get_json(&format!("/api/v1/slots?{query}")).await;
        assert_eq!(status, 422, "{query}");
        assert_eq!(body["error"]["fields"][0]["path"], path, "{body}");
        assert_eq!(body["error"]["fields"][0]["code"], code, "{body}");
    }
}

#[tokio::test]
async fn an_expired_hold_frees_its_place_and_cannot_be_confirmed() {
    let sandbox = Sandbox::start_with(Config { hold_seconds: 2, ..common::config() }).await;
    let slot = slots(&sandbox, "station-exp").await[0]["id"].as_str().expect("id").to_string();
    let mut held = Vec::new();
    for n in 0..10 {
        let (status, body) = hold(&sandbox, &slot, &format!("exp-key-{n:04}")).await;
        assert_eq!(status, 201, "{body}");
        held.push(id(&body));
    }
    let (status, body) = hold(&sandbox, &slot, "exp-key-full").await;
    assert_eq!(status, 409);
    assert_error(&body, "slot_full");
    let (status, _) = step(&sandbox, &held[0], "confirm").await;
    assert_eq!(status, 200);

    tokio::time::sleep(std::time::Duration::from_millis(2300)).await;
    assert_eq!(slots(&sandbox, "station-exp").await[0]["left"], 9);
    let (status, body) = step(&sandbox, &held[1], "confirm").await;
    assert_eq!(status, 410);
    assert_error(&body, "hold_expired");
    let (_, body) = sandbox.get_json(&format!("/api/v1/bookings/{}", held[1])).await;
    assert_eq!(body["booking"]["status"], "expired");
    let (status, _) = hold(&sandbox, &slot, "exp-key-after").await;
    assert_eq!(status, 201);
    let (_, body) = sandbox.get_json(&format!("/api/v1/bookings/{}", held[0])).await;
    assert_eq!(body["booking"]["status"], "confirmed");
}

#[tokio::test]
async fn cancel_frees_the_place_and_holds_are_idempotent() {
    let sandbox = Sandbox::start().await;
    let slot = slots(&sandbox, "station-c").await[0]["id"].as_str().expect("id").to_string();
    let (status, first) = hold(&sandbox, &slot, "hold-key-0001").await;
    assert_eq!(status, 201);
    assert_eq!(first["booking"]["status"], "held");
    assert_eq!(first["booking"]["party"], json!({ "name": "张三" }));
    assert_eq!(hold(&sandbox, &slot, "hold-key-0001").await, (200, first.clone()));
    let other = json!({ "slot": slot, "user": "u-2" });
    let (status, body) = sandbox.post_keyed("/api/v1/bookings/hold", "hold-key-0001", &other).await;
    assert_eq!(status, 409);
    assert_error(&body, "idempotency_mismatch");

    let (_, confirmed) = step(&sandbox, &id(&first), "confirm").await;
    let number = confirmed["booking"]["number"].as_str().expect("number");
    assert!(number.starts_with("CP") && number.ends_with("-000001"), "{number}");
    assert_eq!(step(&sandbox, &id(&first), "confirm").await, (200, confirmed.clone()));
    assert_eq!(slots(&sandbox, "station-c").await[0]["left"], 9);
    let (status, cancelled) = step(&sandbox, &id(&first), "cancel").await;
    assert_eq!((status, &cancelled["booking"]["status"]), (200, &json!("cancelled")));
    assert_eq!(slots(&sandbox, "station-c").await[0]["left"], 10);
    let (status, body) = step(&sandbox, &id(&first), "confirm").await;
    assert_eq!(status, 409);
    assert_error(&body, "booking_cancelled");

    let (status, body) = hold(&sandbox, "slot_nope", "hold-key-0002").await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");
    let bad = json!({ "slot": slot, "user": "", "party": { "a": { "nested": 1 } } });
    let (status, body) = sandbox.post_keyed("/api/v1/bookings/hold", "hold-key-0003", &bad).await;
    assert_eq!(status, 422);
    let paths: Vec<&Value> =
        body["error"]["fields"].as_array().expect("fields").iter().map(|f| &f["path"]).collect();
    assert_eq!(paths, [&json!("/user"), &json!("/party/a")]);
}
