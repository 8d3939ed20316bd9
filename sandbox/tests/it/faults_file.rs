//! Department faults from `--faults FILE`: deterministic `error_rate`, `maintenance`,
//! `timeout` cut short by shutdown, and refused files.

use crate::common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use citypanel_sandbox::{serve, Config};
use common::{assert_error, scratch, Sandbox};
use serde_json::{json, Value};

fn faults_file(name: &str, faults: &Value) -> PathBuf {
    let path = scratch(name).join("faults.json");
    std::fs::write(&path, faults.to_string()).expect("write faults");
    path
}

async fn with_faults(path: PathBuf) -> Sandbox {
    Sandbox::start_with(Config { faults: Some(path), ..common::config() }).await
}

/// Which of `n` inquiries answered garbage, as a string of `x` and `.`.
async fn pattern(sandbox: &Sandbox, n: usize) -> String {
    let mut seen = String::new();
    for _ in 0..n {
        let body = json!({ "hphm": "浙A12345", "fdjh": "123456" }).to_string();
        let (status, text) = sandbox.post_raw("/dept/hz-traffic-police/wfcx", body.into()).await;
        assert_eq!(status, 200);
        seen.push(if text == "<html>oops" { 'x' } else { '.' });
    }
    seen
}

#[tokio::test]
async fn error_rate_applies_the_mode_to_a_reproducible_share() {
    let fault =
        json!({ "hz-traffic-police": { "mode": "garbage", "latency_ms": 0, "error_rate": 0.3 } });
    let path = faults_file("rate", &fault);
    let first = with_faults(path.clone()).await;
    let (_, listed) = first.get_json("/admin/faults").await;
    assert_eq!(listed["hz-traffic-police"]["error_rate"], 0.3);
    let seen = pattern(&first, 200).await;
    let hits = seen.matches('x').count();
    assert!((40..=80).contains(&hits), "{hits} of 200: {seen}");
    let second = with_faults(path).await;
    assert_eq!(pattern(&second, 200).await, seen, "same file, same sequence");

    let none = json!({ "department": "hz-traffic-police", "mode": "garbage", "error_rate": 0.0 });
    assert_eq!(first.post_json("/admin/faults", &none).await.0, 200);
    assert_eq!(pattern(&first, 20).await, ".".repeat(20));
    let bad = json!({ "department": "hz-traffic-police", "mode": "garbage", "error_rate": 1.5 });
    let (status, body) = first.post_json("/admin/faults", &bad).await;
    assert_eq!(status, 400);
    assert_error(&body, "bad_request");
}

#[tokio::test]
async fn maintenance_answers_503_in_the_platform_error_shape() {
    let path =
        faults_file("maintenance", &json!({ "hz-traffic-police": { "mode": "maintenance" } }));
    let sandbox = with_faults(path).await;
    let response = sandbox
        .client
        .post(sandbox.url("/dept/hz-traffic-police/wfcx"))
        .json(&json!({ "hphm": "浙A12345", "fdjh": "123456" }))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "30");
    let body: Value = response.json().await.expect("json");
    assert_error(&body, "maintenance");
    assert_eq!(body["error"]["message"], "department `hz-traffic-police` is under maintenance");
    let (status, _) = sandbox.get_json("/api/v1/cities/330100/catalog").await;
    assert_eq!(status, 200, "the platform itself stays up");
}

#[tokio::test]
async fn a_timeout_fault_does_not_hold_up_shutdown() {
    let path = faults_file("timeout", &json!({ "hz-traffic-police": { "mode": "timeout" } }));
    let sandbox = with_faults(path).await;
    let url = sandbox.url("/dept/hz-traffic-police/wfcx");
    let client = sandbox.client.clone();
    let waiting = tokio::spawn(async move {
        let body = json!({ "hphm": "浙A12345", "fdjh": "123456" });
        let response = client.post(url).json(&body).send().await.expect("answer");
        (response.status().as_u16(), response.json::<Value>().await.expect("json"))
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!waiting.is_finished(), "still waiting on the department");
    let started = Instant::now();
    sandbox.running.shutdown().await.expect("clean shutdown");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    let (status, body) = waiting.await.expect("task");
    assert_eq!(status, 503);
    assert_error(&body, "shutting_down");
}

#[tokio::test]
async fn bad_faults_files_stop_the_start_with_exit_code_2() {
    let cases = [
        (
            "unknown-dept",
            json!({ "nope": { "mode": "garbage" } }).to_string(),
            "no department `nope`",
        ),
        ("bad-rate", json!({ "hz-traffic-police": { "error_rate": 2 } }).to_string(), "error_rate"),
        ("bad-mode", json!({ "hz-traffic-police": { "mode": "boom" } }).to_string(), "boom"),
        ("not-json", "{ nope".to_string(), "invalid faults file"),
    ];
    for (name, text, needle) in cases {
        let path = scratch(name).join("faults.json");
        std::fs::write(&path, text).expect("write");
        let config = Config { faults: Some(path), ..common::config() };
        let error = match serve(config).await {
            Ok(_) => panic!("{name} should be refused"),
            Err(e) => e,
        };
        assert_eq!(error.exit_code(), 2, "{name}");
        assert!(error.to_string().contains(needle), "{name}: {error}");
    }
    let config = Config { faults: Some("/nonexistent/faults.json".into()), ..common::config() };
    assert!(serve(config).await.is_err_and(|e| e.exit_code() == 2));
}

#[tokio::test]
async fn shutdown_answers_a_request_waiting_on_latency_instead_of_dropping_it() {
    let path = faults_file("latency", &json!({ "hz-traffic-police": { "latency_ms": 20000 } }));
    let sandbox = with_faults(path).await;
    let (url, client) = (sandbox.url("/dept/hz-traffic-police/wfcx"), sandbox.client.clone());
    let waiting = tokio::spawn(async move {
        let body = json!({ "hphm": "浙A12345", "fdjh": "123456" });
        let response = client.post(url).json(&body).send().await.expect("answer");
        (response.status().as_u16(), response.json::<Value>().await.expect("json"))
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    sandbox.running.shutdown().await.expect("clean shutdown");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    let (status, body) = waiting.await.expect("task");
    assert_eq!((status, &body["data"]["total"]), (200, &json!(3)));
}
