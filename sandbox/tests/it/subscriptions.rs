//! Subscriptions over real HTTP: idempotent per (topic, key, user), listing, deletion.

use crate::common;

use common::{assert_error, Sandbox};
use serde_json::json;

#[tokio::test]
async fn subscribe_is_idempotent_and_can_be_listed_and_deleted() {
    let sandbox = Sandbox::start().await;
    let body = json!({ "topic": "violations", "key": "浙A12345", "user": "u-7", "city": "330100" });
    let (status, first) = sandbox.post_json("/api/v1/subscriptions", &body).await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["subscription"]["key"], "浙A12345");
    let (status, again) = sandbox.post_json("/api/v1/subscriptions", &body).await;
    assert_eq!((status, &again), (200, &first));
    let bill = json!({ "topic": "bill-due", "key": "WATER-001", "user": "u-7", "city": "330100" });
    assert_eq!(sandbox.post_json("/api/v1/subscriptions", &bill).await.0, 201);

    let (status, list) = sandbox.get_json("/api/v1/subscriptions?user=u-7").await;
    assert_eq!(status, 200);
    assert_eq!(list["subscriptions"].as_array().map(Vec::len), Some(2));
    let (_, none) = sandbox.get_json("/api/v1/subscriptions?user=u-8").await;
    assert_eq!(none["subscriptions"], json!([]));

    let id = first["subscription"]["id"].as_str().expect("id");
    let path = sandbox.url(&format!("/api/v1/subscriptions/{id}"));
    let deleted = sandbox.client.delete(&path).send().await.expect("delete");
    assert_eq!(deleted.status(), 204);
    let again = sandbox.client.delete(&path).send().await.expect("delete");
    assert_eq!(again.status(), 404);
    assert_error(&again.json().await.expect("json"), "not_found");
    let (_, list) = sandbox.get_json("/api/v1/subscriptions?user=u-7").await;
    assert_eq!(list["subscriptions"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn invalid_subscriptions_name_their_fields() {
    let sandbox = Sandbox::start().await;
    let body = json!({ "topic": "weather", "key": "", "user": "u-7", "city": 330100 });
    let (status, body) = sandbox.post_json("/api/v1/subscriptions", &body).await;
    assert_eq!(status, 422);
    let fields = body["error"]["fields"].as_array().expect("fields");
    assert_eq!(fields.len(), 3, "{body}");
    assert_eq!(fields[0]["path"], "/topic");
    assert_eq!(
        fields[0]["message"],
        "topic must be one of `violations`, `bill-due`, `appointment`, `progress`, got `weather`"
    );
    assert_eq!((&fields[1]["path"], &fields[2]["path"]), (&json!("/key"), &json!("/city")));
    assert_eq!(fields[2]["code"], "type");
    let (status, body) = sandbox.get_json("/api/v1/subscriptions").await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["message"], "invalid field `/user`: user is required");
}
