//! HTTP hygiene (issue #15): `Vary: origin` on every response whose CORS headers may differ
//! by origin, `400 invalid_query` for a query that is not UTF-8, and state changes refused
//! (`415`) unless JSON or sent by the SDK, so a plain cross-site form cannot make them.

use crate::common;

use citypanel_sandbox::Config;
use common::{assert_error, Sandbox};
use serde_json::{json, Value};

const ORIGIN: &str = "https://host.example";

async fn start() -> Sandbox {
    Sandbox::start_with(Config { allow_origins: vec![ORIGIN.into()], ..common::config() }).await
}

fn varies_on_origin(response: &reqwest::Response) -> bool {
    response
        .headers()
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("origin"))
}

#[tokio::test]
async fn catalog_and_descriptor_responses_vary_on_origin() {
    let sandbox = start().await;
    let paths = [
        "/api/v1/cities",
        "/api/v1/cities/330100/catalog",
        "/api/v1/cities/330100/services/traffic-violation-query",
        "/api/v1/cities/999999/catalog",
        "/healthz",
    ];
    for path in paths {
        for origin in [None, Some(ORIGIN), Some("https://other.example")] {
            let mut request = sandbox.client.get(sandbox.url(path));
            if let Some(origin) = origin {
                request = request.header("origin", origin);
            }
            let response = request.send().await.expect("get");
            assert!(varies_on_origin(&response), "{path} from {origin:?}: no `vary: origin`");
            let allowed = response.headers().get("access-control-allow-origin");
            assert_eq!(allowed.is_some(), origin == Some(ORIGIN), "{path} from {origin:?}");
        }
    }
    // A revalidation (304) varies too.
    let first = sandbox.client.get(sandbox.url("/api/v1/cities/330100/catalog")).send().await;
    let etag = first.expect("get").headers().get("etag").cloned().expect("etag");
    let again = sandbox
        .client
        .get(sandbox.url("/api/v1/cities/330100/catalog"))
        .header("if-none-match", etag)
        .send()
        .await
        .expect("get");
    assert_eq!(again.status(), 304);
    assert!(varies_on_origin(&again), "304 without `vary: origin`");
    sandbox.running.shutdown().await.expect("stops");
}

#[tokio::test]
async fn a_query_that_is_not_utf8_is_400() {
    let sandbox = start().await;
    for path in [
        "/api/v1/subscriptions?user=%FF",
        "/api/v1/me?city=330100&user=%C3%28",
        "/platform/pay/page?order=%FF",
        "/api/v1/cities/330100/catalog?x=%E5%BC",
    ] {
        let response = sandbox.client.get(sandbox.url(path)).send().await.expect("get");
        assert_eq!(response.status(), 400, "{path}");
        let body: Value = response.json().await.expect("json");
        assert_error(&body, "invalid_query");
    }
    // Valid UTF-8 in percent-encoding is fine.
    let (status, body) = sandbox.get_json("/api/v1/subscriptions?user=%E5%BC%A0%E4%B8%89").await;
    assert_eq!(status, 200, "{body}");
    sandbox.running.shutdown().await.expect("stops");
}

#[tokio::test]
async fn a_cross_site_form_post_cannot_change_state() {
    let sandbox = start().await;
    let follow =
        json!({ "topic": "violations", "key": "浙A12345", "user": "u-form", "city": "330100" });
    let text = follow.to_string();
    // What a form or a `no-cors` fetch from any page can send, without a preflight.
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        let mut request = sandbox
            .client
            .post(sandbox.url("/api/v1/subscriptions"))
            .header("origin", "https://evil.example")
            .body(text.clone());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let response = request.send().await.expect("post");
        assert_eq!(response.status(), 415, "{content_type:?}");
        assert!(varies_on_origin(&response));
        let body: Value = response.json().await.expect("json");
        assert_error(&body, "unsupported_media_type");
    }
    for path in [
        "/api/v1/orders",
        "/platform/pay/orders",
        "/dept/hz-traffic-police/wfcx",
        "/hub/health/status",
    ] {
        let response = sandbox
            .client
            .post(sandbox.url(path))
            .header("content-type", "text/plain")
            .body("{}")
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 415, "{path}");
    }
    let (_, list) = sandbox.get_json("/api/v1/subscriptions?user=u-form").await;
    assert_eq!(list["subscriptions"], json!([]), "a refused post subscribed: {list}");

    // JSON (needs a preflight cross-site), with parameters and any case, is accepted.
    for content_type in ["application/json", "Application/JSON; charset=utf-8"] {
        let response = sandbox
            .client
            .post(sandbox.url("/api/v1/subscriptions"))
            .header("content-type", content_type)
            .body(text.clone())
            .send()
            .await
            .expect("post");
        assert!(response.status().is_success(), "{content_type}: {}", response.status());
    }
    // The SDK's own header (also preflighted) is enough without JSON.
    let response = sandbox
        .client
        .post(sandbox.url("/api/v1/subscriptions"))
        .header("x-citypanel-city", "330100")
        .body(text.clone())
        .send()
        .await
        .expect("post");
    assert!(response.status().is_success(), "{}", response.status());
    // A DELETE is never a simple request (a cross-site one is preflighted): not guarded.
    let (_, list) = sandbox.get_json("/api/v1/subscriptions?user=u-form").await;
    let id = list["subscriptions"][0]["id"].as_str().expect("subscribed").to_string();
    let path = sandbox.url(&format!("/api/v1/subscriptions/{id}"));
    let bare = sandbox.client.delete(&path).send().await.expect("delete");
    assert!(bare.status().is_success(), "{}", bare.status());
    // Reads are not affected.
    let (status, _) = sandbox.get_json("/api/v1/cities").await;
    assert_eq!(status, 200);
    sandbox.running.shutdown().await.expect("stops");
}
