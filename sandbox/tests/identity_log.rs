//! No identity token reaches the log. Alone in its test binary: a thread-scoped log
//! subscriber is only reliable when no other test runs alongside it.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use citypanel_sandbox::identity::{sign, DEV_KEYS};
use citypanel_sandbox::time::now_ms;
use common::{claims, Sandbox};
use serde_json::json;

async fn create_order(sandbox: &Sandbox, token: &str, key: &str) -> u16 {
    let body = json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": "L-1",
        "amount_fen": 20000
    });
    let response = sandbox
        .client
        .post(sandbox.url("/api/v1/orders"))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .expect("post");
    response.status().as_u16()
}

/// A log sink shared with the test.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("sink").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn tokens_never_reach_the_log() {
    let sink = Sink::default();
    let writer = sink.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .finish();
    // The test runtime is single-threaded: the server's tasks log on this thread.
    let _guard = tracing::subscriber::set_default(subscriber);
    let sandbox = Sandbox::start().await;
    let key = DEV_KEYS[0].1.as_bytes();
    let now = now_ms() / 1000;
    let alice = sign(DEV_KEYS[0].0, key, &claims("alice", now, now + 600));
    let expired = sign(DEV_KEYS[0].0, key, &claims("alice", 1, 2));
    assert_eq!(create_order(&sandbox, &alice, "log-key-0001").await, 201);
    assert_eq!(create_order(&sandbox, &expired, "log-key-0002").await, 401);
    let log = String::from_utf8(sink.0.lock().expect("sink").clone()).expect("utf-8 log");
    assert!(log.contains("handled"), "the request log was captured: {log}");
    for secret in [&alice, &expired] {
        let payload = secret.split('.').nth(1).expect("payload");
        assert!(!log.contains(payload), "a token reached the log: {log}");
    }
    assert!(!log.to_lowercase().contains("bearer"), "{log}");
}
