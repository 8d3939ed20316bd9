//! Booking holds at the departments, over real HTTP: the descriptor's request holds a place
//! for `--hold-seconds`; the `confirm` endpoint books it (once), refuses a lapsed or released
//! hold, and moves a booking (`replaces`) in one step; the `release` endpoint gives a hold
//! back without touching a booking.

use crate::common;
use crate::departments_support;

use citypanel_descriptor::map::Map;
use common::{config, Sandbox};
use departments_support::{at, booking_values, call, descriptor, post_value};
use serde_json::{json, Value};

/// (held answer, its reference) for the descriptor's request with these values.
async fn hold(sandbox: &Sandbox, service: &str, values: &Map<String>) -> (Value, String) {
    let (status, body) = call(sandbox, &descriptor(service), "330100", values).await;
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).expect("json");
    let pointer = descriptor(service).lifecycle.and_then(|l| l.confirm).expect("confirm").reference;
    let reference = answer
        .pointer(&pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no reference: {answer}"))
        .to_string();
    (answer, reference)
}

async fn places(sandbox: &Sandbox, values: &Map<String>) -> u64 {
    let body = json!({ "hospital": at(values, "hospital"), "doctor": at(values, "doctor"), "date": at(values, "date") });
    let (_, slots) = post_value(sandbox, "/hub/health/slots", &body, None).await;
    slots["data"]["slots"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["slotId"] == at(values, "slot")))
        .and_then(|x| x["left"].as_u64())
        .expect("the slot is listed")
}

async fn confirm(sandbox: &Sandbox, path: &str, body: Value) -> Value {
    let (status, answer) = post_value(sandbox, path, &body, None).await;
    assert_eq!(status, 200, "{answer}");
    answer
}

#[tokio::test]
async fn a_hold_takes_a_place_and_confirming_books_it_once() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "hospital-registration", "330100").await;
    let before = places(&sandbox, &values).await;
    let (held, reference) = hold(&sandbox, "hospital-registration", &values).await;
    assert_eq!((&held["resultCode"], &held["data"]["status"]), (&json!("0"), &json!("LOCKED")));
    assert!(held["data"]["expiresAt"].as_str().is_some_and(|t| t.ends_with('Z')), "{held}");
    assert_eq!(places(&sandbox, &values).await, before - 1, "a hold takes its place");
    let booked = confirm(&sandbox, "/hub/health/confirm", json!({ "reference": reference })).await;
    assert_eq!((&booked["resultCode"], &booked["data"]["status"]), (&json!("0"), &json!("BOOKED")));
    assert!(booked["data"].get("expiresAt").is_none());
    let again = confirm(&sandbox, "/hub/health/confirm", json!({ "reference": reference })).await;
    assert_eq!(again, booked, "confirming twice answers the booking again");
    assert_eq!(places(&sandbox, &values).await, before - 1, "and takes one place");
    let unknown = confirm(&sandbox, "/hub/health/confirm", json!({ "reference": "GH000" })).await;
    assert_eq!(unknown["resultCode"], "1100");
}

#[tokio::test]
async fn a_released_hold_gives_its_place_back_even_on_the_day_and_cannot_be_confirmed() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "vehicle-inspection-booking", "330100").await;
    let (held, reference) = hold(&sandbox, "vehicle-inspection-booking", &values).await;
    assert_eq!(held["data"]["zt"], "0", "held, not booked");
    let (_, released) = post_value(
        &sandbox,
        "/hub/traffic/inspection-cancel",
        &json!({ "reference": reference }),
        None,
    )
    .await;
    assert_eq!(released["code"], "0000", "{released}");
    let refused =
        confirm(&sandbox, "/hub/traffic/inspection-confirm", json!({ "reference": reference }))
            .await;
    assert_eq!(refused["code"], "E6006");
}

#[tokio::test]
async fn the_release_endpoint_gives_a_hold_back_but_never_touches_a_booking() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "hospital-registration", "330100").await;
    let before = places(&sandbox, &values).await;
    let (_, reference) = hold(&sandbox, "hospital-registration", &values).await;
    assert_eq!(places(&sandbox, &values).await, before - 1);
    let released =
        confirm(&sandbox, "/hub/health/release", json!({ "reference": reference })).await;
    assert_eq!(
        (&released["resultCode"], &released["data"]["released"]),
        (&json!("0"), &json!(true)),
        "{released}"
    );
    assert_eq!(places(&sandbox, &values).await, before, "its place is free at once");
    let again = confirm(&sandbox, "/hub/health/release", json!({ "reference": reference })).await;
    assert_eq!(again, released, "releasing twice answers the same");
    let refused = confirm(&sandbox, "/hub/health/confirm", json!({ "reference": reference })).await;
    assert_eq!(refused["resultCode"], "1006", "a released hold cannot be confirmed");
    // A confirmed booking is not a hold: release leaves it booked (cancelling is `cancel`'s job).
    let (_, reference) = hold(&sandbox, "hospital-registration", &values).await;
    let booked = confirm(&sandbox, "/hub/health/confirm", json!({ "reference": reference })).await;
    let untouched =
        confirm(&sandbox, "/hub/health/release", json!({ "reference": reference })).await;
    assert_eq!(untouched["resultCode"], "1100", "{untouched}");
    let (_, status) =
        post_value(&sandbox, "/hub/health/status", &json!({ "reference": reference }), None).await;
    assert_eq!(status["data"]["status"], booked["data"]["status"], "still booked: {status}");
    assert_eq!(places(&sandbox, &values).await, before - 1);
    let empty = confirm(&sandbox, "/hub/health/release", json!({})).await;
    assert_ne!(empty["resultCode"], "0", "a reference is required: {empty}");
}

#[tokio::test]
async fn a_lapsed_hold_frees_its_place_and_is_refused() {
    let sandbox =
        Sandbox::start_with(citypanel_sandbox::Config { hold_seconds: 1, ..config() }).await;
    let values = booking_values(&sandbox, "hospital-registration", "330100").await;
    let before = places(&sandbox, &values).await;
    let (_, reference) = hold(&sandbox, "hospital-registration", &values).await;
    assert_eq!(places(&sandbox, &values).await, before - 1);
    tokio::time::sleep(std::time::Duration::from_millis(1_200)).await;
    assert_eq!(places(&sandbox, &values).await, before, "the lapsed hold's place is free again");
    let refused = confirm(&sandbox, "/hub/health/confirm", json!({ "reference": reference })).await;
    assert_eq!(refused["resultCode"], "1006");
}

#[tokio::test]
async fn moving_a_booking_confirms_the_new_slot_and_cancels_the_old_in_one_step() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "marriage-registration", "330100").await;
    let (_, first) = hold(&sandbox, "marriage-registration", &values).await;
    let booked =
        confirm(&sandbox, "/hub/civil/marriage-confirm", json!({ "reference": first })).await;
    assert_eq!(booked["data"]["status"], "BOOKED");

    // Another slot for the same couple: a duplicate unless it replaces the first booking.
    let body = json!({ "office": at(&values, "office"), "date": at(&values, "date") });
    let (_, slots) = post_value(&sandbox, "/hub/civil/marriage-slots", &body, None).await;
    let other = slots["data"]["periods"]
        .as_array()
        .and_then(|s| {
            s.iter()
                .find(|x| x["periodId"] != at(&values, "slot") && x["remain"].as_u64() > Some(0))
        })
        .and_then(|x| x["periodId"].as_str())
        .expect("another period")
        .to_string();
    let mut moved = values.clone();
    moved.insert("slot".into(), other);
    let (_, second) = hold(&sandbox, "marriage-registration", &moved).await;
    let bogus = confirm(
        &sandbox,
        "/hub/civil/marriage-confirm",
        json!({ "reference": second, "replaces": "HY000" }),
    )
    .await;
    assert_eq!(
        bogus["code"], "7100",
        "only an existing booking of the same people can be replaced: {bogus}"
    );
    // The refused hold is still held: it can replace the real booking.
    let now = confirm(
        &sandbox,
        "/hub/civil/marriage-confirm",
        json!({ "reference": second, "replaces": first }),
    )
    .await;
    assert_eq!(
        (&now["code"], &now["data"]["status"], &now["data"]["replaces"]),
        (&json!("0"), &json!("BOOKED"), &json!(first))
    );
    // Cancelling a cancelled booking answers it as it is.
    let (_, old) =
        post_value(&sandbox, "/hub/civil/marriage-cancel", &json!({ "reference": first }), None)
            .await;
    assert_eq!(old["data"]["status"], "CANCELLED", "the old booking is cancelled: {old}");
    // Without `replaces`, a third slot is a duplicate of the moved booking.
    let (_, third) = hold(&sandbox, "marriage-registration", &values).await;
    let dup = confirm(&sandbox, "/hub/civil/marriage-confirm", json!({ "reference": third })).await;
    assert_eq!(dup["code"], "7002");
}
