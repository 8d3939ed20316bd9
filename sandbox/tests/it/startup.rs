//! Startup options over real HTTP: static files from `--dist`, and catalog files that are
//! skipped rather than fatal.

use crate::common;

use std::path::PathBuf;

use citypanel_sandbox::{serve, Config, Running};
use common::{assert_error, scratch};
use serde_json::Value;

async fn start(catalog: PathBuf, dist: Option<PathBuf>) -> Running {
    serve(Config { dist, catalog, ..Config::ephemeral() }).await.expect("starts")
}

#[tokio::test]
async fn dist_is_served_at_the_root_beside_the_api() {
    let dist = scratch("dist");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>demo</title>").expect("w");
    std::fs::write(dist.join("app.js"), "console.log(1)").expect("w");
    let running = start(common::catalog_dir(), Some(dist.clone())).await;
    let get = |path: &str| reqwest::get(format!("{}{path}", running.url()));

    let index = get("/").await.expect("get /");
    assert_eq!(index.status(), 200);
    assert!(index.text().await.expect("text").contains("<title>demo</title>"));
    let js = get("/app.js").await.expect("get js");
    assert_eq!(js.status(), 200);
    assert_eq!(js.text().await.expect("text"), "console.log(1)");

    // A precompressed copy beside a file goes to clients that accept gzip, the file to others.
    std::fs::write(dist.join("app.js.gz"), b"\x1f\x8bnot really").expect("w");
    let client = reqwest::Client::new();
    let gz = client
        .get(format!("{}/app.js", running.url()))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("get gz");
    assert_eq!(gz.headers().get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"));
    assert_eq!(
        gz.headers().get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/javascript")
    );
    assert_eq!(gz.headers().get("vary").and_then(|v| v.to_str().ok()), Some("accept-encoding"));
    assert_eq!(gz.bytes().await.expect("bytes").as_ref(), b"\x1f\x8bnot really");
    let plain = get("/app.js").await.expect("get plain");
    assert_eq!(plain.headers().get("content-encoding"), None);
    assert_eq!(
        plain.headers().get("vary").and_then(|v| v.to_str().ok()),
        Some("accept-encoding"),
        "either answer may be cached"
    );

    let missing = get("/missing.css").await.expect("get missing");
    assert_eq!(missing.status(), 404);
    assert_error(&missing.json().await.expect("json"), "not_found");
    let api = get("/api/v1/cities").await.expect("get api");
    assert_eq!(api.status(), 200);
    assert_eq!(get("/healthz").await.expect("healthz").status(), 200);
    running.shutdown().await.expect("clean shutdown");
}

#[tokio::test]
async fn missing_dist_or_catalog_fails_to_start_with_exit_code_2() {
    let bad = PathBuf::from("/nonexistent/citypanel");
    let error = start_err(common::catalog_dir(), Some(bad.clone())).await;
    assert_eq!(error.exit_code(), 2);
    let error = start_err(bad, None).await;
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("/nonexistent/citypanel"));
}

async fn start_err(catalog: PathBuf, dist: Option<PathBuf>) -> citypanel_sandbox::ServeError {
    match serve(Config { dist, catalog, ..Config::ephemeral() }).await {
        Ok(_) => panic!("should not start"),
        Err(e) => e,
    }
}

#[tokio::test]
async fn bad_catalog_files_are_skipped() {
    let dir = scratch("catalog");
    // A valid descriptor serving only Hangzhou, and an invalid one (bad kind) that is skipped.
    let real = common::catalog_dir().join("traffic-violations.json");
    let mut only: Value =
        serde_json::from_str(&std::fs::read_to_string(real).expect("r")).expect("json");
    only["id"] = Value::from("only");
    if let Some(cities) = only["cities"].as_array_mut() {
        cities.truncate(1);
    }
    std::fs::write(dir.join("only.json"), only.to_string()).expect("w");
    let mut invalid = only.clone();
    invalid["id"] = Value::from("invalid");
    invalid["kind"] = Value::from("lottery");
    invalid["cities"][0]["code"] = Value::from("110100");
    std::fs::write(dir.join("invalid.json"), invalid.to_string()).expect("w");
    std::fs::write(dir.join("broken.json"), "{ not json").expect("w");
    std::fs::write(dir.join("no-id.json"), r#"{"cities":[{"code":"1"}]}"#).expect("w");
    std::fs::write(dir.join("no-cities.json"), r#"{"id":"x"}"#).expect("w");
    std::fs::write(dir.join("notes.txt"), "ignored").expect("w");
    let running = start(dir, None).await;
    let cities: Value = reqwest::get(format!("{}/api/v1/cities", running.url()))
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(cities.as_array().map(Vec::len), Some(1), "{cities}");
    assert_eq!(cities[0]["code"], "330100");
}
