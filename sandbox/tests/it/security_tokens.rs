//! Tokens (issue #15): a maximum lifetime, and users separated per host — the user the
//! platform sees is `host:sub`, so one host's token cannot read another host's user.

use crate::common;

use citypanel_sandbox::identity::{sign, Claims, DEV_KEYS};
use citypanel_sandbox::time::now_ms;
use common::{assert_error, Sandbox};
use reqwest::Method;
use serde_json::json;

fn key(host: &str) -> &'static [u8] {
    let found = DEV_KEYS.iter().find(|(h, _)| *h == host);
    found.map(|(_, k)| k.as_bytes()).unwrap_or_else(|| panic!("no dev key for {host}"))
}

fn token(host: &str, sub: &str, iat: i64, exp: i64) -> String {
    let claims = Claims { host: host.into(), sub: sub.into(), iat, exp, attrs: None };
    sign(host, key(host), &claims)
}

fn now_s() -> i64 {
    now_ms().div_euclid(1000)
}

#[tokio::test]
async fn a_token_living_longer_than_a_day_is_refused() {
    let sandbox = Sandbox::start().await;
    let now = now_s();
    let path = "/api/v1/subscriptions";
    let ten_years = token("wallet", "u-long", now, now + 10 * 365 * 86_400);
    let (status, body) = sandbox.send(Method::GET, path, Some(&ten_years), None, None).await;
    assert_eq!(status, 401, "{body}");
    assert_error(&body, "token_lifetime_too_long");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("86400"), "{message}");
    // Issued long ago and still unexpired: the lifetime counts from `iat`, not from now.
    let old = token("wallet", "u-long", now - 2 * 86_400, now + 600);
    let (status, body) = sandbox.send(Method::GET, path, Some(&old), None, None).await;
    assert_eq!(status, 401, "{body}");
    assert_error(&body, "token_lifetime_too_long");
    // A day exactly is accepted.
    let day = token("wallet", "u-long", now, now + 86_400);
    let (status, body) = sandbox.send(Method::GET, path, Some(&day), None, None).await;
    assert_eq!(status, 200, "{body}");
    sandbox.running.shutdown().await.expect("stops");
}

#[tokio::test]
async fn another_hosts_token_for_the_same_sub_sees_nothing_of_that_user() {
    let sandbox = Sandbox::start().await;
    let now = now_s();
    let wallet = token("wallet", "u-chen", now, now + 600);
    let microblog = token("microblog", "u-chen", now, now + 600);
    let follow = json!({ "topic": "violations", "key": "浙A12345", "city": "330100" });
    let post = Method::POST;
    let (status, created) = sandbox
        .send(post.clone(), "/api/v1/subscriptions", Some(&wallet), None, Some(&follow))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["subscription"]["user"], "wallet:u-chen");
    let order = json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": "SW3301202504018826",
        "amount_fen": 5130, "user": "u-chen"
    });
    let (status, ordered) = sandbox
        .send(post, "/api/v1/orders", Some(&wallet), Some("sec-tokens-0001"), Some(&order))
        .await;
    assert_eq!(status, 201, "{ordered}");
    assert_eq!(ordered["order"]["user"], "wallet:u-chen", "the host's own sub is qualified");
    let order_id = ordered["order"]["id"].as_str().expect("order id").to_string();

    // The wallet's token sees its user's data, as `u-chen` or `wallet:u-chen`.
    for path in ["/api/v1/subscriptions?user=u-chen", "/api/v1/subscriptions?user=wallet:u-chen"] {
        let (status, list) = sandbox.send(Method::GET, path, Some(&wallet), None, None).await;
        assert_eq!(status, 200, "{list}");
        assert_eq!(list["subscriptions"].as_array().map(Vec::len), Some(1), "{path}: {list}");
    }
    // The microblog's token for the same `sub` is another user.
    let (status, list) = sandbox
        .send(Method::GET, "/api/v1/subscriptions?user=u-chen", Some(&microblog), None, None)
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(list["subscriptions"], json!([]), "microblog:u-chen sees wallet:u-chen's");
    let (status, me) =
        sandbox.send(Method::GET, "/api/v1/me?city=330100", Some(&microblog), None, None).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["user"], "microblog:u-chen");
    assert_eq!((&me["payments"], &me["following"]), (&json!([]), &json!([])), "{me}");
    let path = format!("/api/v1/orders/{order_id}");
    let (status, body) = sandbox.send(Method::GET, &path, Some(&microblog), None, None).await;
    assert!(status == 403 || status == 404, "{status} {body}");
    // Naming the wallet's user outright is refused.
    let (status, body) = sandbox
        .send(Method::GET, "/api/v1/subscriptions?user=wallet:u-chen", Some(&microblog), None, None)
        .await;
    assert_eq!(status, 403, "{body}");
    assert_error(&body, "wrong_user");
    sandbox.running.shutdown().await.expect("stops");
}
