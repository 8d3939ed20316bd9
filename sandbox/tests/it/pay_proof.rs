//! Payment proof over real HTTP, under the secure default (tokens required): an order becomes
//! `paid` only on the payment side's evidence — a notification signed by the host's payment
//! provider (`POST /platform/pay/notify`) or the platform's own payment page — never on the
//! citizen's word. Unsigned, wrongly signed, tampered, stale, replayed, other-host and
//! wrong-amount notifications leave the order and the department's bill unpaid.

use crate::common;

use common::{assert_error, now_s, pay_key, secure_config, Sandbox};
use reqwest::Method;
use serde_json::{json, Value};

const WATER: &str = "SW3301202504018826";

/// A secure sandbox, a wallet token for `u-pay` and a water-bill order (¥51.30) of theirs.
async fn setup() -> (Sandbox, String, String) {
    let s = Sandbox::start_with(secure_config()).await;
    let token = s.token("wallet", "u-pay").await;
    let body =
        json!({ "service": "water-bill", "city": "330100", "reference": WATER, "amount": "51.30" });
    let (status, created) = s
        .send(Method::POST, "/platform/pay/orders", Some(&token), Some("proof-key-01"), Some(&body))
        .await;
    assert_eq!(status, 201, "{created}");
    let order = created["orderNo"].as_str().expect("orderNo").to_string();
    (s, token, order)
}

async fn order_status(s: &Sandbox, token: &str, order: &str) -> Value {
    let path = format!("/api/v1/orders/{order}");
    let (status, body) = s.send(Method::GET, &path, Some(token), None, None).await;
    assert_eq!(status, 200, "{body}");
    body["order"]["status"].clone()
}

async fn bill_status(s: &Sandbox) -> Value {
    let (_, bill) = s.post_json("/dept/hz-water/bill", &json!({"accountNo": "3301287645"})).await;
    bill["data"]["bill"]["status"].clone()
}

/// A notification case: the signing key (none: unsigned), its time, its body, the status
/// and error code expected.
type Case = (Option<Vec<u8>>, i64, Value, u16, &'static str);

fn notice(id: &str, host: &str, order: &str, amount_fen: i64) -> Value {
    json!({ "id": id, "host": host, "order": order, "outcome": "success", "amount_fen": amount_fen })
}

#[tokio::test]
async fn the_citizens_own_success_is_no_proof() {
    let (s, token, order) = setup().await;
    let path = format!("/api/v1/orders/{order}/settle");
    let success = json!({ "outcome": "success" });
    let (status, body) = s.send(Method::POST, &path, Some(&token), None, Some(&success)).await;
    assert_eq!(status, 403, "{body}");
    assert_error(&body, "payment_proof_required");
    assert_eq!(order_status(&s, &token, &order).await, "created");
    assert_eq!(bill_status(&s).await, "UNPAID");
    // What the citizen may report is still taken: money moving, or giving up.
    let processing = json!({ "outcome": "processing" });
    let (status, body) = s.send(Method::POST, &path, Some(&token), None, Some(&processing)).await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("processing")), "{body}");
}

#[tokio::test]
async fn unsigned_wrongly_signed_stale_and_other_host_notifications_do_not_pay() {
    let (s, token, order) = setup().await;
    let wallet = pay_key("wallet");
    let good = notice("ntf_bad_0001", "wallet", &order, 5130);
    let cases: Vec<Case> = vec![
        (None, now_s(), good.clone(), 401, "missing_signature"),
        (
            Some(b"a-guessed-key-of-the-wallet".to_vec()),
            now_s(),
            good.clone(),
            401,
            "bad_signature",
        ),
        // The shop's provider signing as the wallet's.
        (Some(pay_key("shop")), now_s(), good.clone(), 401, "bad_signature"),
        // Well outside the 300 s window: the cases are built before they are sent, and a slow
        // machine must not bring a future timestamp back inside it.
        (Some(wallet.clone()), now_s() - 400, good.clone(), 401, "stale_notification"),
        (Some(wallet.clone()), now_s() + 400, good.clone(), 401, "stale_notification"),
        (
            Some(wallet.clone()),
            now_s(),
            notice("ntf_bad_0002", "bank", &order, 5130),
            401,
            "unknown_host",
        ),
        // The shop's provider, rightly signed, for a wallet user's order.
        (
            Some(pay_key("shop")),
            now_s(),
            notice("ntf_bad_0003", "shop", &order, 5130),
            403,
            "wrong_host",
        ),
        (
            Some(wallet.clone()),
            now_s(),
            notice("ntf_bad_0004", "wallet", &order, 1),
            422,
            "validation_failed",
        ),
    ];
    for (key, t, body, want, code) in cases {
        let (status, answer) = s.notify_raw(key.as_deref(), t, &body).await;
        assert_eq!(status, want, "{code}: {answer}");
        assert_eq!(answer["error"]["code"], code, "{answer}");
        assert_eq!(order_status(&s, &token, &order).await, "created", "{code}");
        assert_eq!(bill_status(&s).await, "UNPAID", "{code}");
    }
    // A signature over another body (the amount changed after signing).
    let bytes = good.to_string().into_bytes();
    let signature =
        citypanel_sandbox::pay::notify::signature(&wallet, now_s(), &bytes).expect("sig");
    let tampered = notice("ntf_bad_0001", "wallet", &order, 1).to_string();
    let response = s
        .client
        .post(s.url("/platform/pay/notify"))
        .header("content-type", "application/json")
        .header("citypanel-signature", signature.clone())
        .body(tampered)
        .send()
        .await
        .expect("notify");
    assert_eq!(response.status().as_u16(), 401);
    let malformed = s
        .client
        .post(s.url("/platform/pay/notify"))
        .header("content-type", "application/json")
        .header("citypanel-signature", "v1=deadbeef")
        .body(bytes)
        .send()
        .await
        .expect("notify");
    assert_eq!(malformed.status().as_u16(), 401);
    assert_eq!(order_status(&s, &token, &order).await, "created");
    assert_eq!(bill_status(&s).await, "UNPAID");
}

#[tokio::test]
async fn a_signed_notification_pays_once_and_its_replay_pays_nothing() {
    let (s, token, order) = setup().await;
    let wallet = pay_key("wallet");
    let first = notice("ntf_once_0001", "wallet", &order, 5130);
    let (status, body) = s.notify_raw(Some(&wallet), now_s(), &first).await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("paid")), "{body}");
    assert_eq!(bill_status(&s).await, "PAID");
    // The very same notification again.
    let (status, body) = s.notify_raw(Some(&wallet), now_s(), &first).await;
    assert_eq!(status, 409, "{body}");
    assert_error(&body, "notification_replayed");

    // Its id on another order, freshly and rightly signed: refused, that order stays unpaid.
    let gas = json!({ "service": "electricity-bill", "city": "330100",
                      "reference": "GW3301202504000123456", "amount": "136.80" });
    let (status, created) = s
        .send(Method::POST, "/platform/pay/orders", Some(&token), Some("proof-key-02"), Some(&gas))
        .await;
    assert_eq!(status, 201, "{created}");
    let other = created["orderNo"].as_str().expect("orderNo").to_string();
    let reused = notice("ntf_once_0001", "wallet", &other, 13680);
    let (status, body) = s.notify_raw(Some(&wallet), now_s(), &reused).await;
    assert_eq!(status, 409, "{body}");
    assert_error(&body, "notification_replayed");
    assert_eq!(order_status(&s, &token, &other).await, "created");
}

#[tokio::test]
async fn the_payment_page_pays_without_a_token_by_its_unguessable_order_id() {
    let (s, token, order) = setup().await;
    // 128 random bits: `ord_` and 32 hex digits.
    let hex = order.strip_prefix("ord_").expect("ord_ prefix");
    assert!(hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()), "{order}");
    let page = s
        .client
        .get(s.url(&format!("/platform/pay/page?order={order}")))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status().as_u16(), 200);
    // Under a strict policy: its own script and style files, nothing inline.
    let csp = page.headers()["content-security-policy"].to_str().expect("ascii").to_string();
    assert!(csp.contains("script-src 'self';") && csp.contains("frame-ancestors 'none'"), "{csp}");
    let html = page.text().await.expect("html");
    assert!(html.contains("51.30") && html.contains(r#"<script src="/platform/pay/page.js">"#));
    assert!(!html.contains("<script>") && !html.contains("<style"), "{html:.300}");
    let script = s.client.get(s.url("/platform/pay/page.js")).send().await.expect("script");
    assert_eq!(script.headers()["content-type"], "text/javascript; charset=utf-8");
    assert!(script.text().await.expect("js").contains("/platform/pay/page/settle"));
    // A guessed id reaches nothing.
    let guessed = format!("/platform/pay/page?order=ord_{:032x}", 1u128);
    assert_eq!(s.client.get(s.url(&guessed)).send().await.expect("page").status().as_u16(), 404);
    let settle = "/platform/pay/page/settle";
    let (status, body) = s
        .post_json(settle, &json!({ "order": format!("ord_{:032x}", 1u128), "outcome": "success" }))
        .await;
    assert_eq!(status, 404, "{body}");
    let (status, body) = s.post_json(settle, &json!({ "order": order, "outcome": "refund" })).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) =
        s.post_json(settle, &json!({ "order": order, "outcome": "success" })).await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("paid")), "{body}");
    assert_eq!(order_status(&s, &token, &order).await, "paid");
    assert_eq!(bill_status(&s).await, "PAID");
}

#[tokio::test]
async fn the_demo_provider_signs_for_its_own_signed_in_user_only() {
    let (s, token, order) = setup().await;
    let path = format!("/sandbox/provider/orders/{order}/settle");
    let success = json!({ "outcome": "success" });
    let (status, body) = s.send(Method::POST, &path, None, None, Some(&success)).await;
    assert_eq!(status, 401, "{body}");
    assert_error(&body, "missing_token");
    for (host, sub) in [("wallet", "u-other"), ("shop", "u-pay")] {
        let other = s.token(host, sub).await;
        let (status, body) = s.send(Method::POST, &path, Some(&other), None, Some(&success)).await;
        assert_eq!(status, 404, "{host}:{sub}: {body}");
    }
    assert_eq!(order_status(&s, &token, &order).await, "created");
    let (status, body) = s.send(Method::POST, &path, Some(&token), None, Some(&success)).await;
    assert_eq!((status, &body["order"]["status"]), (200, &json!("paid")), "{body}");
    assert_eq!(bill_status(&s).await, "PAID");
}
