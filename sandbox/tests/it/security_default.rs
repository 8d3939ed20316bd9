//! Secure by default (issue #15): with no flag, every personal route — orders, payment orders
//! and their status, bookings, subscriptions, My City — answers `401 missing_token` without an
//! identity token, whatever `user` the request names, and changes nothing. Only
//! `--dev-allow-anonymous` (development) lets such requests through.

use crate::common;

use common::{assert_error, secure_config, Sandbox};
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn personal_routes_refuse_requests_without_a_token_by_default() {
    assert!(!citypanel_sandbox::Config::default().dev_allow_anonymous);
    let s = Sandbox::start_with(secure_config()).await;
    let id = format!("{:032x}", 7u128);
    let order = json!({ "service": "traffic-fine-payment", "city": "330100",
                        "reference": "SEC-1", "amount_fen": 100, "user": "wallet:u-chen" });
    let cases = [
        (Method::GET, "/api/v1/orders?reference=SW3301202504018826".to_string(), None),
        (Method::GET, format!("/api/v1/orders/ord_{id}"), None),
        (Method::POST, "/api/v1/orders".to_string(), Some(order)),
        (
            Method::POST,
            format!("/api/v1/orders/ord_{id}/settle"),
            Some(json!({"outcome": "cancelled"})),
        ),
        (
            Method::POST,
            "/platform/pay/orders".to_string(),
            Some(
                json!({ "service": "water-bill", "city": "330100", "reference": "SW3301202504018826", "amount": "51.30" }),
            ),
        ),
        (
            Method::POST,
            "/platform/pay/status".to_string(),
            Some(json!({ "reference": format!("ord_{id}") })),
        ),
        (Method::GET, format!("/api/v1/bookings/bkg_{id}"), None),
        (
            Method::POST,
            "/api/v1/bookings/hold".to_string(),
            Some(json!({ "slot": "x", "user": "u-chen" })),
        ),
        (Method::GET, "/api/v1/subscriptions?user=wallet:u-chen".to_string(), None),
        (
            Method::POST,
            "/api/v1/subscriptions".to_string(),
            Some(
                json!({ "topic": "violations", "key": "浙A12345", "user": "u-chen", "city": "330100" }),
            ),
        ),
        (Method::DELETE, format!("/api/v1/subscriptions/sub_{id}"), None),
        (Method::GET, "/api/v1/me?city=330100&user=wallet:u-chen".to_string(), None),
        (Method::POST, "/api/v1/me/records".to_string(), Some(json!({ "user": "wallet:u-chen" }))),
    ];
    for (method, path, body) in cases {
        let key = (method == Method::POST).then_some("secure-default-key");
        let (status, answer) = s.send(method.clone(), &path, None, key, body.as_ref()).await;
        assert_eq!(status, 401, "{method} {path}: {answer}");
        assert_error(&answer, "missing_token");
    }
    // Nothing was created by any of them.
    let token = s.token("wallet", "u-chen").await;
    let (_, list) =
        s.send(Method::GET, "/api/v1/orders?reference=SEC-1", Some(&token), None, None).await;
    assert_eq!(list["orders"], json!([]));
    let (_, subs) = s.send(Method::GET, "/api/v1/subscriptions", Some(&token), None, None).await;
    assert_eq!(subs["subscriptions"], json!([]), "{subs}");
}

#[tokio::test]
async fn public_routes_need_no_token() {
    let s = Sandbox::start_with(secure_config()).await;
    for path in ["/healthz", "/api/v1/cities", "/api/v1/cities/330100/catalog"] {
        let response = s.client.get(s.url(path)).send().await.expect("get");
        assert_eq!(response.status().as_u16(), 200, "{path}");
    }
    let (status, _) = s.post_json("/dept/hz-water/bill", &json!({"accountNo": "3301287645"})).await;
    assert_eq!(status, 200);
}
