//! Host-signed identity tokens over real HTTP: verification errors, per-user isolation of
//! orders, bookings and subscriptions, `--require-identity`, the admin mint. (That no
//! token reaches the log is checked in `identity_log.rs`, alone in its binary.)

use crate::common;

use citypanel_sandbox::identity::{sign, verify, HostKeys, DEV_KEYS};
use citypanel_sandbox::time::now_ms;
use citypanel_sandbox::Config;
use common::{assert_error, claims, date_ahead, Sandbox};
use serde_json::{json, Value};

fn now_s() -> i64 {
    now_ms() / 1000
}

fn dev_key(host: &str) -> &'static [u8] {
    DEV_KEYS.iter().find(|(h, _)| *h == host).map(|(_, k)| k.as_bytes()).expect("dev host")
}

/// A valid wallet token for `sub`, good for ten minutes.
fn token(sub: &str) -> String {
    let now = now_s();
    sign("wallet", dev_key("wallet"), &claims(sub, now, now + 600))
}

fn order(user: Option<&str>, reference: &str) -> Value {
    let mut body = json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": reference,
        "amount_fen": 20000
    });
    if let Some(user) = user {
        body["user"] = json!(user);
    }
    body
}

async fn create_order(sandbox: &Sandbox, token: &str, key: &str, body: &Value) -> (u16, Value) {
    let post = reqwest::Method::POST;
    sandbox.send(post, "/api/v1/orders", Some(token), Some(key), Some(body)).await
}

#[tokio::test]
async fn a_valid_token_creates_an_order_for_its_user() {
    let sandbox = Sandbox::start().await;
    let alice = token("alice");
    let (status, body) = create_order(&sandbox, &alice, "id-key-0001", &order(None, "ID-1")).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["order"]["user"], "wallet:alice");
    let same = order(Some("alice"), "ID-2");
    let (status, body) = create_order(&sandbox, &alice, "id-key-0002", &same).await;
    assert_eq!((status, &body["order"]["user"]), (201, &json!("wallet:alice")));
    let id = body["order"]["id"].as_str().expect("id");
    let get = reqwest::Method::GET;
    let path = format!("/api/v1/orders/{id}");
    let (status, fetched) = sandbox.send(get, &path, Some(&alice), None, None).await;
    assert_eq!((status, &fetched["order"]["id"]), (200, &json!(id)));
}

#[tokio::test]
async fn bad_tokens_answer_401_with_precise_codes() {
    let sandbox = Sandbox::start().await;
    let now = now_s();
    let valid = token("alice");
    let (signed, _) = valid.rsplit_once('.').expect("dot");
    let forged = format!("{signed}.{}", "A".repeat(43));
    let expired = sign("wallet", dev_key("wallet"), &claims("alice", now - 900, now - 300));
    let other_host_key = sign("wallet", dev_key("microblog"), &claims("alice", now, now + 600));
    let unknown = sign("bank", dev_key("wallet"), &claims("alice", now, now + 600));
    let future = sign("wallet", dev_key("wallet"), &claims("alice", now + 600, now + 900));
    let cases = [
        (forged.as_str(), "invalid_token"),
        (expired.as_str(), "expired_token"),
        (other_host_key.as_str(), "invalid_token"),
        (unknown.as_str(), "unknown_host"),
        (future.as_str(), "invalid_token"),
        ("not-a-token", "invalid_token"),
        ("v1.e30.AAAA", "invalid_token"),
    ];
    for (i, (token, code)) in cases.into_iter().enumerate() {
        let key = format!("bad-token-{i:04}");
        let (status, body) = create_order(&sandbox, token, &key, &order(None, "BAD-1")).await;
        assert_eq!(status, 401, "{token}: {body}");
        assert_error(&body, code);
        let get = reqwest::Method::GET;
        let path = "/api/v1/subscriptions?user=alice";
        let (status, body) = sandbox.send(get, path, Some(token), None, None).await;
        assert_eq!(status, 401, "{body}");
        assert_error(&body, code);
    }
    let response = sandbox
        .client
        .get(sandbox.url("/api/v1/subscriptions?user=alice"))
        .header("authorization", format!("Basic {valid}"))
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 401);
    assert_error(&response.json().await.expect("json"), "invalid_token");
    // Nothing was created by any refused request.
    let (_, list) = sandbox.get_json("/api/v1/orders?reference=BAD-1").await;
    assert_eq!(list["orders"], json!([]));
}

#[tokio::test]
async fn a_user_cannot_reach_another_users_order() {
    let sandbox = Sandbox::start().await;
    let (alice, bob) = (token("alice"), token("bob"));
    let (status, body) = create_order(&sandbox, &bob, "bob-key-0001", &order(None, "B-1")).await;
    assert_eq!(status, 201, "{body}");
    let id = body["order"]["id"].as_str().expect("id").to_string();

    let get = reqwest::Method::GET;
    let path = format!("/api/v1/orders/{id}");
    let (status, body) = sandbox.send(get.clone(), &path, Some(&alice), None, None).await;
    assert_eq!(status, 404, "{body}");
    assert_error(&body, "not_found");
    let settle = format!("/api/v1/orders/{id}/settle");
    let outcome = json!({ "outcome": "cancelled" });
    let post = reqwest::Method::POST;
    let (status, body) =
        sandbox.send(post.clone(), &settle, Some(&alice), None, Some(&outcome)).await;
    assert_eq!(status, 404, "{body}");
    assert_error(&body, "not_found");
    let (status, body) = sandbox.send(get.clone(), &path, Some(&bob), None, None).await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("created")));
    let list = "/api/v1/orders?reference=B-1";
    let (_, body) = sandbox.send(get.clone(), list, Some(&alice), None, None).await;
    assert_eq!(body["orders"], json!([]));
    let (_, body) = sandbox.send(get, list, Some(&bob), None, None).await;
    assert_eq!(body["orders"].as_array().map(Vec::len), Some(1));

    let (status, body) =
        create_order(&sandbox, &alice, "alice-key-01", &order(Some("bob"), "B-2")).await;
    assert_eq!(status, 403, "{body}");
    assert_error(&body, "wrong_user");
    // Bob's own word does not pay it; the payment side's signed notification does.
    let success = json!({ "outcome": "success" });
    let (status, body) = sandbox.send(post, &settle, Some(&bob), None, Some(&success)).await;
    assert_eq!(status, 403, "{body}");
    assert_error(&body, "payment_proof_required");
    let (status, body) = sandbox.prove(&id, "success", Some(&bob)).await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("paid")));
}

#[tokio::test]
async fn bookings_and_subscriptions_belong_to_the_tokens_user() {
    let sandbox = Sandbox::start().await;
    let (alice, bob) = (token("alice"), token("bob"));
    let (post, get, delete) =
        (reqwest::Method::POST, reqwest::Method::GET, reqwest::Method::DELETE);
    let path = format!(
        "/api/v1/slots?service=vehicle-inspection&city=330100&resource=station-01&date={}",
        date_ahead(3)
    );
    let (_, slots) = sandbox.get_json(&path).await;
    let slot = slots[0]["id"].as_str().expect("slot id");
    let hold = json!({ "slot": slot, "party": { "name": "张三" } });
    let (status, body) = sandbox
        .send(post.clone(), "/api/v1/bookings/hold", Some(&bob), Some("bob-hold-01"), Some(&hold))
        .await;
    assert_eq!((status, &body["booking"]["user"]), (201, &json!("wallet:bob")), "{body}");
    let id = body["booking"]["id"].as_str().expect("id").to_string();
    for action in ["confirm", "cancel"] {
        let path = format!("/api/v1/bookings/{id}/{action}");
        let (status, body) =
            sandbox.send(post.clone(), &path, Some(&alice), None, Some(&json!({}))).await;
        assert_eq!(status, 404, "{body}");
        assert_error(&body, "not_found");
    }
    let path = format!("/api/v1/bookings/{id}");
    assert_eq!(sandbox.send(get.clone(), &path, Some(&alice), None, None).await.0, 404);
    let (status, body) = sandbox.send(get.clone(), &path, Some(&bob), None, None).await;
    assert_eq!((status, &body["booking"]["status"]), (200, &json!("held")));
    let wrong = json!({ "slot": slot, "user": "bob", "party": {} });
    let (status, body) = sandbox
        .send(
            post.clone(),
            "/api/v1/bookings/hold",
            Some(&alice),
            Some("alice-hold-1"),
            Some(&wrong),
        )
        .await;
    assert_eq!(status, 403);
    assert_error(&body, "wrong_user");

    let sub = json!({ "topic": "violations", "key": "浙A12345", "city": "330100" });
    let (status, body) =
        sandbox.send(post.clone(), "/api/v1/subscriptions", Some(&bob), None, Some(&sub)).await;
    assert_eq!((status, &body["subscription"]["user"]), (201, &json!("wallet:bob")), "{body}");
    let sub_id = body["subscription"]["id"].as_str().expect("id").to_string();
    let (status, body) =
        sandbox.send(get.clone(), "/api/v1/subscriptions?user=bob", Some(&alice), None, None).await;
    assert_eq!(status, 403);
    assert_error(&body, "wrong_user");
    let (_, body) =
        sandbox.send(get.clone(), "/api/v1/subscriptions", Some(&alice), None, None).await;
    assert_eq!(body["subscriptions"], json!([]));
    let (_, body) = sandbox.send(get, "/api/v1/subscriptions", Some(&bob), None, None).await;
    assert_eq!(body["subscriptions"].as_array().map(Vec::len), Some(1));
    let path = format!("/api/v1/subscriptions/{sub_id}");
    let (status, body) = sandbox.send(delete.clone(), &path, Some(&alice), None, None).await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");
    assert_eq!(sandbox.send(delete, &path, Some(&bob), None, None).await.0, 204);
}

#[tokio::test]
async fn require_identity_refuses_requests_without_a_token() {
    let config = Config { dev_allow_anonymous: false, ..common::config() };
    let sandbox = Sandbox::start_with(config).await;
    let (status, body) =
        sandbox.post_keyed("/api/v1/orders", "no-token-0001", &order(Some("alice"), "R-1")).await;
    assert_eq!(status, 401, "{body}");
    assert_error(&body, "missing_token");
    for path in
        ["/api/v1/subscriptions?user=alice", "/api/v1/orders/ord_x", "/api/v1/bookings/bkg_x"]
    {
        let (status, body) = sandbox.get_json(path).await;
        assert_eq!(status, 401, "{path}: {body}");
        assert_error(&body, "missing_token");
    }
    // Public routes stay open.
    assert_eq!(sandbox.get_json("/api/v1/cities").await.0, 200);
    let (status, body) =
        create_order(&sandbox, &token("alice"), "token-0001", &order(None, "R-1")).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn configured_host_keys_replace_the_dev_keys() {
    let mut keys = HostKeys::default();
    keys.insert("wallet", "a-real-secret-of-32-characters!!");
    let config = Config { host_keys: keys, ..common::config() };
    let sandbox = Sandbox::start_with(config).await;
    let (status, body) =
        create_order(&sandbox, &token("alice"), "dev-key-0001", &order(None, "K-1")).await;
    assert_eq!(status, 401);
    assert_error(&body, "invalid_token");
    let now = now_s();
    let microblog = sign("microblog", dev_key("microblog"), &claims("alice", now, now + 60));
    let (status, body) =
        create_order(&sandbox, &microblog, "dev-key-0002", &order(None, "K-1")).await;
    assert_eq!(status, 401);
    assert_error(&body, "unknown_host");
    let real = sign("wallet", b"a-real-secret-of-32-characters!!", &claims("alice", now, now + 60));
    let (status, body) = create_order(&sandbox, &real, "dev-key-0003", &order(None, "K-1")).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn admin_tokens_mints_a_token_that_verifies() {
    let sandbox = Sandbox::start().await;
    let request = json!({ "host": "shop", "sub": "carol", "ttl_s": 120 });
    let (status, body) = sandbox.post_json("/admin/tokens", &request).await;
    assert_eq!(status, 200, "{body}");
    let minted = body["token"].as_str().expect("token").to_string();
    let claims = verify(&minted, &HostKeys::dev(), now_s()).expect("verifies");
    assert_eq!((claims.host.as_str(), claims.sub.as_str()), ("shop", "carol"));
    assert_eq!(claims.exp - claims.iat, 120);
    let (status, body) = create_order(&sandbox, &minted, "minted-0001", &order(None, "M-1")).await;
    assert_eq!((status, &body["order"]["user"]), (201, &json!("shop:carol")));
    let (status, body) =
        sandbox.post_json("/admin/tokens", &json!({ "host": "bank", "sub": "carol" })).await;
    assert_eq!(status, 404);
    assert_error(&body, "not_found");
    let (status, body) = sandbox
        .post_json("/admin/tokens", &json!({ "host": "shop", "sub": "carol", "ttl_s": 0 }))
        .await;
    assert_eq!(status, 422);
    assert_error_fields(&body);
}

fn assert_error_fields(body: &Value) {
    assert_eq!(body["error"]["code"], "validation_failed", "{body}");
    assert_eq!(body["error"]["fields"][0]["path"], "/ttl_s");
}
