//! Canned department answers for the author preview, over real HTTP: kept, answered at their
//! endpoint with their status (JSON when it parses), refused when malformed, bounded.

use crate::common::Sandbox;
use serde_json::json;

#[tokio::test]
async fn a_canned_answer_is_given_at_its_endpoint_with_its_status() {
    let sb = Sandbox::start().await;
    let answer = r#"{"code":"0000","data":{"list":[{"no":"A1","amount":"1200"}]}}"#;
    let (status, kept) = sb.post_json("/sandbox/canned", &json!({ "answer": answer })).await;
    assert_eq!(status, 201, "{kept}");
    let endpoint = kept["endpoint"].as_str().expect("endpoint");
    assert!(endpoint.starts_with("/dept/canned/can_"), "{endpoint}");
    // Every method, as the panel may GET or POST.
    let posted =
        sb.client.post(sb.url(endpoint)).json(&json!({"plate": "x"})).send().await.expect("post");
    assert_eq!(posted.status().as_u16(), 200);
    assert_eq!(posted.headers()["content-type"], "application/json");
    assert_eq!(posted.text().await.expect("body"), answer);
    let got = sb.client.get(sb.url(endpoint)).send().await.expect("get");
    assert_eq!(got.text().await.expect("body"), answer);

    // Not JSON, and an error status: given as they are.
    let (_, kept) =
        sb.post_json("/sandbox/canned", &json!({ "status": 503, "answer": "<html>busy" })).await;
    let busy = sb
        .client
        .get(sb.url(kept["endpoint"].as_str().expect("endpoint")))
        .send()
        .await
        .expect("get");
    assert_eq!(busy.status().as_u16(), 503);
    assert!(busy.headers()["content-type"].to_str().expect("ascii").starts_with("text/plain"));
    assert_eq!(busy.text().await.expect("body"), "<html>busy");
}

#[tokio::test]
async fn malformed_requests_are_refused_precisely_and_old_answers_go() {
    let sb = Sandbox::start().await;
    let (status, body) =
        sb.post_json("/sandbox/canned", &json!({ "status": 99, "answer": "" })).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "validation_failed", "{body}");
    assert!(body.to_string().contains("status must be from 200 to 599, got `99`"), "{body}");
    let (status, body) = sb.post_json("/sandbox/canned", &json!({ "answer": 5 })).await;
    assert!(status == 400 || status == 422, "{status} {body}");
    assert!(body.to_string().contains("expected a string"), "{body}");
    let big = "x".repeat(citypanel_sandbox::canned::MAX_ANSWER + 1);
    let (status, body) = sb.post_json("/sandbox/canned", &json!({ "answer": big })).await;
    assert!([400, 413, 422].contains(&status), "{status} {body}");

    let (_, first) = sb.post_json("/sandbox/canned", &json!({ "answer": "{}" })).await;
    for _ in 0..citypanel_sandbox::canned::KEEP {
        sb.post_json("/sandbox/canned", &json!({ "answer": "{}" })).await;
    }
    let gone = sb
        .client
        .get(sb.url(first["endpoint"].as_str().expect("endpoint")))
        .send()
        .await
        .expect("get");
    assert_eq!(gone.status().as_u16(), 404);
    let (status, _) = sb.get_json("/dept/canned/can_0000000000000000").await;
    assert_eq!(status, 404);
}
