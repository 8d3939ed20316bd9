//! No identity token reaches the log: the real binary's log (the one log the sandbox writes),
//! read from its stderr. An in-process, thread-scoped subscriber is no reliable witness beside
//! the other tests of this binary (tracing caches callsite interest for the whole process).

use std::io::Read;
use std::process::Command;

use citypanel_sandbox::identity::{sign, DEV_KEYS};
use citypanel_sandbox::time::now_ms;
use serde_json::json;

use crate::common::claims;
use crate::logs::spawn;

async fn create_order(client: &reqwest::Client, url: &str, token: &str, key: &str) -> u16 {
    let body = json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": "L-1",
        "amount_fen": 20000
    });
    let response = client
        .post(format!("{url}/api/v1/orders"))
        .bearer_auth(token)
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .expect("post");
    response.status().as_u16()
}

#[tokio::test]
async fn tokens_never_reach_the_log() {
    let (mut child, url) = spawn();
    let client = reqwest::Client::new();
    let key = DEV_KEYS[0].1.as_bytes();
    let now = now_ms() / 1000;
    let alice = sign(DEV_KEYS[0].0, key, &claims("alice", now, now + 600));
    let expired = sign(DEV_KEYS[0].0, key, &claims("alice", 1, 2));
    assert_eq!(create_order(&client, &url, &alice, "log-key-0001").await, 201);
    assert_eq!(create_order(&client, &url, &expired, "log-key-0002").await, 401);

    let killed = Command::new("kill").args(["-TERM", &child.0.id().to_string()]).status();
    assert!(killed.expect("kill command").success());
    let mut log = String::new();
    let mut stderr = child.0.stderr.take().expect("stderr piped");
    stderr.read_to_string(&mut log).expect("read log");
    child.0.wait().expect("exits");
    assert!(log.contains("route=\"/api/v1/orders\" status=201"), "{log}");
    assert!(log.contains("route=\"/api/v1/orders\" status=401"), "{log}");
    for secret in [&alice, &expired] {
        let payload = secret.split('.').nth(1).expect("payload");
        assert!(!log.contains(payload), "a token reached the log: {log}");
    }
    assert!(!log.to_lowercase().contains("bearer"), "{log}");
}
