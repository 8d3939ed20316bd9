//! Platform HTTP behaviour: ETag / If-None-Match on catalogs and descriptors, and CORS for
//! configured host origins only.

use crate::common;

use citypanel_sandbox::Config;
use common::Sandbox;
use reqwest::header::{HeaderMap, IF_NONE_MATCH, ORIGIN};

async fn revalidates(sandbox: &Sandbox, path: &str) -> String {
    let first = sandbox.client.get(sandbox.url(path)).send().await.expect("get");
    assert_eq!(first.status(), 200);
    let etag = first.headers()["etag"].to_str().expect("ascii").to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() > 10, "{etag}");
    assert_eq!(first.headers()["cache-control"], "public, max-age=60");
    assert!(first.headers()["content-type"]
        .to_str()
        .is_ok_and(|t| t.starts_with("application/json")));
    let cached = sandbox.client.get(sandbox.url(path)).header(IF_NONE_MATCH, &etag).send();
    let cached = cached.await.expect("get");
    assert_eq!(cached.status(), 304);
    assert_eq!(cached.headers()["etag"], etag.as_str());
    assert_eq!(cached.headers()["cache-control"], "public, max-age=60");
    assert!(cached.bytes().await.expect("body").is_empty());
    let stale = sandbox.client.get(sandbox.url(path)).header(IF_NONE_MATCH, "\"stale\"").send();
    assert_eq!(stale.await.expect("get").status(), 200);
    etag
}

#[tokio::test]
async fn catalog_and_descriptor_carry_etags_and_answer_304() {
    let sandbox = Sandbox::start().await;
    let catalog = revalidates(&sandbox, "/api/v1/cities/330100/catalog").await;
    let descriptor =
        revalidates(&sandbox, "/api/v1/cities/330100/services/traffic-violations").await;
    assert_ne!(catalog, descriptor);
    let again = sandbox.client.get(sandbox.url("/api/v1/cities/330100/catalog")).send();
    assert_eq!(again.await.expect("get").headers()["etag"], catalog.as_str());
}

const HOST: &str = "https://wallet.example";

async fn with_origin(
    sandbox: &Sandbox,
    method: reqwest::Method,
    path: &str,
    origin: &str,
) -> (u16, HeaderMap) {
    let response = sandbox
        .client
        .request(method.clone(), sandbox.url(path))
        .header(ORIGIN, origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type, idempotency-key")
        .send()
        .await
        .expect("request");
    (response.status().as_u16(), response.headers().clone())
}

#[tokio::test]
async fn cors_echoes_allowed_origins_only() {
    let config = Config { allow_origins: vec![HOST.into()], ..common::config() };
    let sandbox = Sandbox::start_with(config).await;
    let get = reqwest::Method::GET;
    let (status, headers) = with_origin(&sandbox, get.clone(), "/api/v1/cities", HOST).await;
    assert_eq!(status, 200);
    assert_eq!(headers["access-control-allow-origin"], HOST);
    assert!(headers["vary"].to_str().is_ok_and(|v| v.contains("origin")));
    assert!(headers["access-control-expose-headers"].to_str().is_ok_and(|v| v.contains("etag")));

    for other in
        ["https://evil.example", "https://wallet.example.evil", "null", "HTTPS://WALLET.EXAMPLE"]
    {
        let (status, headers) = with_origin(&sandbox, get.clone(), "/api/v1/cities", other).await;
        assert_eq!(status, 200, "{other}");
        assert!(!headers.contains_key("access-control-allow-origin"), "{other}");
    }

    let options = reqwest::Method::OPTIONS;
    let (status, headers) = with_origin(&sandbox, options.clone(), "/api/v1/orders", HOST).await;
    assert_eq!(status, 204);
    assert_eq!(headers["access-control-allow-origin"], HOST);
    assert_eq!(headers["access-control-allow-methods"], "GET, POST, DELETE");
    assert_eq!(
        headers["access-control-allow-headers"],
        "content-type, idempotency-key, authorization, x-citypanel-city"
    );
    let (status, headers) =
        with_origin(&sandbox, options.clone(), "/api/v1/orders", "https://evil.example").await;
    assert_eq!(status, 403);
    assert!(!headers.contains_key("access-control-allow-origin"));
    let (_, headers) = with_origin(&sandbox, get, "/admin/faults", HOST).await;
    assert!(!headers.contains_key("access-control-allow-origin"));
    let (_, headers) = with_origin(&sandbox, options, "/api/v1/orders", HOST).await;
    assert!(headers.get_all("access-control-allow-origin").iter().all(|v| v != "*"));
}

#[tokio::test]
async fn no_origin_configured_means_no_cors_at_all() {
    let sandbox = Sandbox::start().await;
    let (status, headers) =
        with_origin(&sandbox, reqwest::Method::GET, "/api/v1/cities", HOST).await;
    assert_eq!(status, 200);
    assert!(!headers.contains_key("access-control-allow-origin"));
    let (status, _) = with_origin(&sandbox, reqwest::Method::OPTIONS, "/api/v1/cities", HOST).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn demo_inputs_follow_the_city_and_are_what_its_departments_know() {
    let sandbox = Sandbox::start().await;
    let (status, beijing) = sandbox.get_json("/api/v1/cities/110100/demo-inputs").await;
    assert_eq!(status, 200, "{beijing}");
    assert_eq!(beijing["name"]["en"], "Beijing");
    let services = beijing["services"].as_array().expect("services");
    let fines = services.iter().find(|s| s["id"] == "traffic-violations").expect("violations");
    assert_eq!(fines["inputs"][0], serde_json::json!({ "id": "plate", "value": "京N8B512" }));
    assert!(services.iter().all(|s| s["inputs"].as_array().is_some_and(|i| !i.is_empty())));
    // What it suggests, the department answers: the suggested inquiry finds records.
    let engine = fines["inputs"][1]["value"].as_str().expect("engine");
    let (status, answer) = sandbox
        .post_json(
            "/dept/bj-traffic-police/violations",
            &serde_json::json!({ "car_no": "京N8B512", "engine_no": engine }),
        )
        .await;
    assert_eq!((status, &answer["ret"]), (200, &serde_json::json!(0)), "{answer}");
    assert!(answer["total"].as_u64().is_some_and(|n| n > 0), "{answer}");
    let (status, body) = sandbox.get_json("/api/v1/cities/999999/demo-inputs").await;
    assert_eq!(status, 404, "{body}");
}

#[tokio::test]
async fn the_descriptor_schema_is_served_at_a_stable_url() {
    let sandbox = Sandbox::start().await;
    let etag = revalidates(&sandbox, "/api/v1/schema/descriptor-v1.json").await;
    assert!(!etag.is_empty());
    let (status, schema) = sandbox.get_json("/api/v1/schema/descriptor-v1.json").await;
    assert_eq!(status, 200);
    assert_eq!(schema["$id"], "urn:citypanel:descriptor:v1");
    assert!(schema["properties"]["inputs"].is_object(), "the whole schema, not a stub");
}
