//! The platform API over real HTTP: health, cities, catalogs, descriptors, errors, limits.

use crate::common;

use common::{assert_error, Sandbox};
use serde_json::{json, Value};

#[tokio::test]
async fn healthz_is_ok() {
    let sandbox = Sandbox::start().await;
    let response = sandbox.client.get(sandbox.url("/healthz")).send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"));
    assert_eq!(response.text().await.expect("text"), "ok");
    sandbox.running.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn cities_list_contains_hangzhou() {
    let sandbox = Sandbox::start().await;
    let (status, body) = sandbox.get_json("/api/v1/cities").await;
    assert_eq!(status, 200);
    let hangzhou = body
        .as_array()
        .and_then(|cities| cities.iter().find(|c| c["code"] == "330100"))
        .expect("330100 listed");
    assert_eq!(hangzhou["name"], json!({ "zh-CN": "杭州", "en": "Hangzhou" }));
}

#[tokio::test]
async fn catalog_for_hangzhou_lists_traffic_violations() {
    let sandbox = Sandbox::start().await;
    let (status, body) = sandbox.get_json("/api/v1/cities/330100/catalog").await;
    assert_eq!(status, 200);
    assert_eq!(body["city"], "330100");
    let services = body["services"].as_array().expect("services array");
    let service = services.iter().find(|s| s["id"] == "traffic-violations").expect("listed");
    assert_eq!(service["kind"], "query");
    assert_eq!(service["category"], "vehicle");
    assert_eq!(service["title"]["en"], "Traffic violation inquiry");
    assert!(service["summary"]["zh-CN"].is_string());
    let keys: Vec<&String> = service.as_object().map(|o| o.keys().collect()).unwrap_or_default();
    assert_eq!(keys.len(), 7, "{service}");
    assert!(service["keywords"]["zh-CN"].is_string(), "{service}");
}

#[tokio::test]
async fn descriptor_is_served_as_published() {
    let sandbox = Sandbox::start().await;
    let (status, body) =
        sandbox.get_json("/api/v1/cities/330100/services/traffic-violations").await;
    assert_eq!(status, 200);
    let path = common::catalog_dir().join("traffic-violations.json");
    let text = std::fs::read_to_string(path).expect("catalog file");
    let file: Value = serde_json::from_str(&text).expect("catalog json");
    let resolved = citypanel_descriptor::resolve_json(&file, "330100").expect("serves 330100");
    assert_eq!(body, resolved, "the city-resolved descriptor is served");
    let (_, shanghai) = sandbox.get_json("/api/v1/cities/310100/services/traffic-violations").await;
    assert_ne!(shanghai["response"], body["response"], "shanghai answers in its own shape");
}

#[tokio::test]
async fn unknown_city_and_service_are_404_error_json() {
    let sandbox = Sandbox::start().await;
    let (status, body) = sandbox.get_json("/api/v1/cities/999999/catalog").await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");
    assert_eq!(body["error"]["message"], "no city `999999`");

    let (status, body) = sandbox.get_json("/api/v1/cities/330100/services/x").await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");
    assert_eq!(body["error"]["message"], "no service `x` in city `330100`");

    let (status, body) =
        sandbox.get_json("/api/v1/cities/999999/services/traffic-violations").await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");

    let (status, body) = sandbox.get_json("/api/v1/nothing").await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");

    let (status, body) = sandbox.get_json("/nothing").await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");
}

#[tokio::test]
async fn wrong_method_is_405_error_json() {
    let sandbox = Sandbox::start().await;
    let response = sandbox.client.get(sandbox.url("/dept/hz-traffic-police/wfcx")).send();
    let response = response.await.expect("get");
    assert_eq!(response.status(), 405);
    let body: Value = response.json().await.expect("json");
    assert_error(&body, "method_not_allowed");
}

#[tokio::test]
async fn oversized_body_is_rejected_not_a_crash() {
    let sandbox = Sandbox::start().await;
    let big = format!("{{\"hphm\":\"{}\"}}", "A".repeat(citypanel_sandbox::BODY_LIMIT + 10));
    let (status, text) = sandbox.post_raw("/dept/hz-traffic-police/wfcx", big.into()).await;
    assert!(status == 413 || status == 400, "status {status}");
    let body: Value = serde_json::from_str(&text).expect("error json");
    assert_error(&body, "payload_too_large");
    let (status, _) = sandbox.wfcx("浙A12345", "123456").await;
    assert_eq!(status, 200, "still serving");
}

#[tokio::test]
async fn malformed_json_is_400_error_json() {
    let sandbox = Sandbox::start().await;
    for body in [&b"{\"hphm\":"[..], b"", b"not json", b"\xff\xfe"] {
        let (status, text) = sandbox.post_raw("/dept/hz-traffic-police/wfcx", body.into()).await;
        assert_eq!(status, 400);
        let body: Value = serde_json::from_str(&text).expect("error json");
        assert_error(&body, "bad_request");
    }
    let (status, text) = sandbox.post_raw("/admin/faults", b"{\"mode\":".to_vec()).await;
    assert_eq!(status, 400);
    assert_error(&serde_json::from_str(&text).expect("error json"), "bad_request");
}
