//! `/platform/pay/orders` and `/platform/pay/status` over real HTTP: the shapes pinned by
//! `tests/fixtures/responses/platform-pay/`, settling through `/api/v1/orders/{orderNo}/settle`,
//! and the departments' bills, decisions and violation records showing the payment.

use crate::common;

use std::collections::BTreeSet;
use std::path::PathBuf;

use common::{assert_error, Sandbox};
use serde_json::{json, Value};

const ORDERS: &str = "/platform/pay/orders";
const STATUS: &str = "/platform/pay/status";

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/responses/platform-pay")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("fixture json")
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

/// A POST with optional idempotency key, bearer token and city header.
async fn send(
    s: &Sandbox,
    path: &str,
    key: Option<&str>,
    token: Option<&str>,
    city: Option<&str>,
    body: &Value,
) -> (u16, bool, Value) {
    let mut request = s.client.post(s.url(path)).json(body);
    if let Some(key) = key {
        request = request.header("idempotency-key", key);
    }
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if let Some(city) = city {
        request = request.header("x-citypanel-city", city);
    }
    let response = request.send().await.expect("post");
    let status = response.status().as_u16();
    let replayed = response.headers().contains_key("idempotent-replayed");
    (status, replayed, response.json().await.expect("json"))
}

async fn order(s: &Sandbox, key: &str, body: &Value) -> (u16, bool, Value) {
    send(s, ORDERS, Some(key), None, None, body).await
}

async fn status(s: &Sandbox, order_no: &Value) -> Value {
    let body = json!({ "reference": order_no });
    let (code, _, answer) = send(s, STATUS, None, None, None, &body).await;
    assert_eq!(code, 200, "{answer}");
    answer
}

async fn settle(s: &Sandbox, order_no: &Value, outcome: &str, token: Option<&str>) -> Value {
    // A citizen's `success` is no proof (`403 payment_proof_required`): the payment side's
    // signed notification pays.
    if outcome == "success" {
        let (code, answer) = s.prove(order_no.as_str().expect("orderNo"), outcome, token).await;
        assert_eq!(code, 200, "{answer}");
        return answer;
    }
    let path = format!("/api/v1/orders/{}/settle", order_no.as_str().expect("orderNo"));
    let body = json!({ "outcome": outcome });
    let (code, _, answer) = send(s, &path, None, token, None, &body).await;
    assert_eq!(code, 200, "{answer}");
    answer
}

#[tokio::test]
async fn water_bill_paid_through_the_platform() {
    let s = Sandbox::start().await;
    let account = json!({"accountNo": "3301287645"});
    let (_, before) = s.post_json("/dept/hz-water/bill", &account).await;
    assert_eq!(before["data"]["bill"]["status"], "UNPAID");
    assert_eq!(before["data"]["bill"]["billNo"], "SW3301202504018826");
    assert_eq!(before["data"]["bill"]["amountFen"], 5130);

    let request = fixture("order-request.json");
    let (code, replayed, created) = order(&s, "pay-water-0001", &request).await;
    assert_eq!((code, replayed), (201, false), "{created}");
    assert_eq!(keys(&created), keys(&fixture("order-ok.json")));
    assert_eq!((&created["state"], &created["amount"]), (&json!("created"), &json!("51.30")));
    let no = created["orderNo"].clone();
    let (code, replayed, again) = order(&s, "pay-water-0001", &request).await;
    assert_eq!((code, replayed, &again), (200, true, &created));
    let mut short = request.clone();
    short["amount"] = json!("51.31");
    let (code, _, refused) = order(&s, "pay-water-0002", &short).await;
    assert_eq!(code, 422, "the department's bill says 51.30: {refused}");
    assert_eq!(refused["error"]["fields"][0]["path"], "/amount");
    let mut other = request.clone();
    other["city"] = json!("330100");
    other["service"] = json!("electricity-bill");
    other["reference"] = json!("GW3301202504000123456");
    other["amount"] = json!("136.80");
    let (code, _, mismatch) = order(&s, "pay-water-0001", &other).await;
    assert_eq!(code, 409, "{mismatch}");
    assert_error(&mismatch, "idempotency_mismatch");

    assert_eq!(status(&s, &no).await, json!({ "orderNo": no, "state": "created" }));
    settle(&s, &no, "processing", None).await;
    let processing = status(&s, &no).await;
    assert_eq!(keys(&processing), keys(&fixture("status-processing.json")));
    assert_eq!(processing["state"], "processing");
    let settled = settle(&s, &no, "success", None).await;
    assert_eq!(settled["order"]["id"], no);
    let paid = status(&s, &no).await;
    assert_eq!(keys(&paid), keys(&fixture("status-paid.json")));
    assert_eq!((&paid["state"], &paid["amount"]), (&json!("paid"), &json!("51.30")));
    assert!(paid["paidAt"].as_str().is_some_and(|t| t.ends_with("+08:00")), "{paid}");
    assert_eq!(paid["channelSerial"].as_str().map(str::len), Some(20));

    let (_, after) = s.post_json("/dept/hz-water/bill", &account).await;
    assert_eq!(after["data"]["bill"]["status"], "PAID", "{after}");
    assert!(after["data"]["bill"]["paidAt"].is_string());

    let (code, _, twice) = order(&s, "pay-water-0002", &request).await;
    assert_eq!(code, 409);
    assert_error(&twice, "already_paid");
    let (code, replayed, _) = order(&s, "pay-water-0001", &request).await;
    assert_eq!((code, replayed), (200, true), "a retry still replays");
}

#[tokio::test]
async fn power_and_gas_bills_show_the_payment() {
    let s = Sandbox::start().await;
    let cases = [
        (
            "electricity-bill",
            "/dept/hz-power/bill",
            json!({"consNo": "3306012345", "busiType": "01"}),
            "/data/billId",
            "/data/oweAmt",
            "/data/payFlag",
            "1",
        ),
        (
            "gas-bill",
            "/dept/hz-gas/bill",
            json!({"userNo": "10234567"}),
            "/data/billNo",
            "/data/totalAmount",
            "/data/state",
            "PAID",
        ),
    ];
    for (service, path, query, no_at, amount_at, flag_at, paid_flag) in cases {
        let (_, before) = s.post_json(path, &query).await;
        assert_ne!(before.pointer(flag_at), Some(&json!(paid_flag)), "{before}");
        let reference = before.pointer(no_at).cloned().expect("bill number");
        let yuan = before.pointer(amount_at).and_then(Value::as_f64).expect("amount");
        let body = json!({"service": service, "city": "330100", "reference": reference, "amount": format!("{yuan:.2}")});
        let (code, _, created) = order(&s, &format!("pay-{service}"), &body).await;
        assert_eq!(code, 201, "{created}");
        settle(&s, &created["orderNo"], "success", None).await;
        let (_, after) = s.post_json(path, &query).await;
        assert_eq!(after.pointer(flag_at), Some(&json!(paid_flag)), "{after}");
        let (code, _, twice) = order(&s, &format!("again-{service}"), &body).await;
        assert_eq!(code, 409, "{twice}");
        assert_error(&twice, "already_paid");
    }
}

#[tokio::test]
async fn a_paid_fine_settles_its_decision_and_violation() {
    let s = Sandbox::start().await;
    let (_, minted) =
        s.post_json("/admin/tokens", &json!({"host": "wallet", "sub": "u-fine"})).await;
    let token = minted["token"].as_str().expect("token").to_string();
    let fines = json!({"jdsbh": "3301061000234567", "hphm": "浙A12345"});
    let (_, before) = s.post_json("/dept/hz-traffic-police/fines", &fines).await;
    assert_eq!((&before["data"]["zt"], &before["data"]["jfsj"]), (&json!("0"), &Value::Null));
    let jkbh = before["data"]["jkbh"].clone();
    let body = json!({"service": "traffic-fine-payment", "reference": jkbh, "amount": "200.00"});
    let (code, _, created) =
        send(&s, ORDERS, Some("pay-fine-0001"), Some(&token), Some("330100"), &body).await;
    assert_eq!(code, 201, "{created}");
    let no = created["orderNo"].clone();
    let settled = settle(&s, &no, "success", Some(&token)).await;
    assert_eq!(settled["order"]["user"], "wallet:u-fine");

    let (_, after) = s.post_json("/dept/hz-traffic-police/fines", &fines).await;
    assert_eq!(after["data"]["zt"], "1", "{after}");
    assert_eq!(after["data"]["jfsj"].as_str().map(str::len), Some(14));
    let (_, wfcx) = s.wfcx("浙A12345", "123456").await;
    let records = wfcx["data"]["wfjl"].as_array().expect("records");
    let paid: Vec<(&Value, &Value)> = records.iter().map(|r| (&r["xh"], &r["clzt"])).collect();
    assert_eq!(paid[0], (&json!("3301001202504120001"), &json!("1")), "{wfcx}");
    assert_eq!(paid[1].1, "0", "other violations stay unpaid");

    let violation = json!({"service": "traffic-violations", "city": "330100",
        "reference": "3301001202504120001", "amount": "200.00"});
    for (key, body) in [("pay-fine-0002", &body), ("pay-violation-01", &violation)] {
        let (code, _, again) = send(&s, ORDERS, Some(key), None, Some("330100"), body).await;
        assert_eq!(code, 409, "{again}");
        assert_error(&again, "already_paid");
    }
}

#[tokio::test]
async fn seeded_payments_failures_and_bad_requests() {
    let s = Sandbox::start().await;
    let seeded = json!({"service": "water-bill", "city": "330100",
        "reference": "SW3301202504018827", "amount": "34.20"});
    let (code, _, body) = order(&s, "pay-seeded-01", &seeded).await;
    assert_eq!(code, 409);
    assert_error(&body, "already_paid");

    let request = fixture("order-request.json");
    let (_, _, created) = order(&s, "pay-failing-01", &request).await;
    let no = created["orderNo"].clone();
    settle(&s, &no, "failed", None).await;
    let failed = status(&s, &no).await;
    assert_eq!(keys(&failed), keys(&fixture("status-failed.json")));
    assert_eq!(failed["state"], "failed");
    let (_, _, retry) = order(&s, "pay-failing-02", &request).await;
    settle(&s, &retry["orderNo"], "cancelled", None).await;
    assert_eq!(status(&s, &retry["orderNo"]).await["state"], "cancelled");
    let (_, bill) = s.post_json("/dept/hz-water/bill", &json!({"accountNo": "3301287645"})).await;
    assert_eq!(bill["data"]["bill"]["status"], "UNPAID");

    let (code, _, body) = send(&s, ORDERS, None, None, None, &request).await;
    assert_eq!(code, 400);
    assert_error(&body, "invalid_idempotency_key");
    let bad = json!({"service": "no-such", "city": "330100", "reference": "R1", "amount": "1.234"});
    let (code, _, body) = order(&s, "pay-bad-0001", &bad).await;
    assert_eq!(code, 422, "{body}");
    let paths: Vec<&Value> = body["error"]["fields"]
        .as_array()
        .map(|f| f.iter().map(|x| &x["path"]).collect())
        .unwrap_or_default();
    assert_eq!(paths, [&json!("/amount"), &json!("/service")]);
    let (code, _, body) = send(&s, STATUS, None, None, None, &json!({"reference": "ord_0"})).await;
    assert_eq!(code, 404);
    assert_error(&body, "not_found");
}

#[tokio::test]
async fn the_lower_level_orders_api_also_takes_only_the_amount_due() {
    let s = Sandbox::start().await;
    let account = json!({"accountNo": "3301287645"});
    let cheap = json!({ "service": "water-bill", "city": "330100", "reference": "SW3301202504018826",
                        "amount_fen": 1, "user": "guest" });
    let (code, refused) = s.post_keyed("/api/v1/orders", "cheap-0001", &cheap).await;
    assert_eq!(code, 422, "one fen does not pay ¥51.30: {refused}");
    assert_eq!(refused["error"]["fields"][0]["path"], "/amount_fen");
    let (_, bill) = s.post_json("/dept/hz-water/bill", &account).await;
    assert_eq!(bill["data"]["bill"]["status"], "UNPAID");
    let mut full = cheap.clone();
    full["amount_fen"] = json!(5130);
    let (code, created) = s.post_keyed("/api/v1/orders", "full-0001", &full).await;
    assert_eq!(code, 201, "{created}");
    settle(&s, &created["order"]["id"], "success", None).await;
    let (_, bill) = s.post_json("/dept/hz-water/bill", &account).await;
    assert_eq!(bill["data"]["bill"]["status"], "PAID", "{bill}");
}

#[tokio::test]
async fn a_bill_being_paid_is_not_ordered_again_until_its_outcome_is_known() {
    let s = Sandbox::start().await;
    let request = fixture("order-request.json");
    let (code, _, first) = order(&s, "inflight-0001", &request).await;
    assert_eq!(code, 201, "{first}");
    let no = first["orderNo"].clone();

    // Only `created`: an abandoned sheet does not block the bill.
    let (code, _, second) = order(&s, "inflight-0002", &request).await;
    assert_eq!(code, 201, "a created order blocks nothing: {second}");
    settle(&s, &second["orderNo"], "cancelled", None).await;

    // `processing`: money may be moving; a new order of the same user names the one in flight.
    settle(&s, &no, "processing", None).await;
    let (code, _, refused) = order(&s, "inflight-0003", &request).await;
    assert_eq!(code, 409, "{refused}");
    assert_error(&refused, "payment_in_progress");
    assert_eq!(refused["error"]["order"], no, "{refused}");
    let pinned = fixture("order-in-progress.json");
    assert_eq!(keys(&refused["error"]), keys(&pinned["error"]), "the shape pinned for the panel");
    assert!(
        refused["error"]["message"].as_str().is_some_and(|m| m.contains("SW3301202504018826")),
        "{refused}"
    );
    let (code, _, direct) = send(
        &s,
        "/api/v1/orders",
        Some("inflight-0004"),
        None,
        None,
        &json!({"service": "water-bill", "city": "330100", "reference": "SW3301202504018826",
                "amount_fen": 5130, "user": "u-1"}),
    )
    .await;
    assert_eq!(code, 409, "{direct}");
    assert_error(&direct, "payment_in_progress");
    assert_eq!(direct["error"].get("order"), None, "someone else's order is not named: {direct}");
    assert!(
        direct["error"]["message"].as_str().is_some_and(|m| m.contains("another order")),
        "{direct}"
    );
    let (code, replayed, again) = order(&s, "inflight-0001", &request).await;
    assert_eq!(
        (code, replayed, &again["orderNo"]),
        (200, true, &no),
        "the in-flight order's own retry replays"
    );
    // Another bill is not held up.
    let mut other = request.clone();
    other["service"] = json!("electricity-bill");
    other["reference"] = json!("GW3301202504000123456");
    other["amount"] = json!("136.80");
    let (code, _, _) = order(&s, "inflight-0005", &other).await;
    assert_eq!(code, 201);

    // It failed: the bill may be paid again.
    settle(&s, &no, "failed", None).await;
    let (code, _, retry) = order(&s, "inflight-0006", &request).await;
    assert_eq!(code, 201, "{retry}");
    settle(&s, &retry["orderNo"], "processing", None).await;
    settle(&s, &retry["orderNo"], "success", None).await;
    let (code, _, paid) = order(&s, "inflight-0007", &request).await;
    assert_eq!(code, 409);
    assert_error(&paid, "already_paid");
}

#[tokio::test]
async fn a_fine_being_paid_holds_the_violation_record_it_names_too() {
    let s = Sandbox::start().await;
    let (_, minted) =
        s.post_json("/admin/tokens", &json!({"host": "wallet", "sub": "u-fine"})).await;
    let token = minted["token"].as_str().expect("token").to_string();
    let (_, fines) = s
        .post_json(
            "/dept/hz-traffic-police/fines",
            &json!({"jdsbh": "3301061000234567", "hphm": "浙A12345"}),
        )
        .await;
    let decision = json!({"service": "traffic-fine-payment", "reference": fines["data"]["jkbh"], "amount": "200.00"});
    let (code, _, created) =
        send(&s, ORDERS, Some("fine-moving-01"), Some(&token), Some("330100"), &decision).await;
    assert_eq!(code, 201, "{created}");
    let no = created["orderNo"].clone();
    settle(&s, &no, "processing", Some(&token)).await;

    let violation = json!({"service": "traffic-violations", "city": "330100",
        "reference": "3301001202504120001", "amount": "200.00"});
    let (code, _, mine) =
        send(&s, ORDERS, Some("record-pay-01"), Some(&token), None, &violation).await;
    assert_eq!(code, 409, "{mine}");
    assert_error(&mine, "payment_in_progress");
    assert_eq!(mine["error"]["order"], no, "the same user's decision order is named");
    let (code, _, other) = send(&s, ORDERS, Some("record-pay-02"), None, None, &violation).await;
    assert_eq!((code, other["error"].get("order")), (409, None), "{other}");
    let (_, wfcx) = s.wfcx("浙A12345", "123456").await;
    let other_record = &wfcx["data"]["wfjl"][1];
    assert_ne!(other_record["xh"], "3301001202504120001");
    let fen = other_record["fkje"].as_i64().expect("fine");
    let unrelated = json!({"service": "traffic-violations", "city": "330100",
        "reference": other_record["xh"], "amount": format!("{}.{:02}", fen / 100, fen % 100)});
    let (code, _, free) = send(&s, ORDERS, Some("record-pay-03"), None, None, &unrelated).await;
    assert_eq!(code, 201, "another record is not held: {free}");

    settle(&s, &no, "failed", Some(&token)).await;
    let (code, _, open) =
        send(&s, ORDERS, Some("record-pay-04"), Some(&token), None, &violation).await;
    assert_eq!(code, 201, "{open}");
}

#[tokio::test]
async fn an_order_beaten_by_another_of_the_same_bill_answers_already_paid() {
    // Two tabs, two sheets open at once: both confirmed; the second is refused and says why.
    let s = Sandbox::start().await;
    let request = fixture("order-request.json");
    let (_, _, first) = order(&s, "two-tabs-0001", &request).await;
    let (_, _, second) = order(&s, "two-tabs-0002", &request).await;
    let (_, _, third) = order(&s, "two-tabs-0003", &request).await;
    settle(&s, &first["orderNo"], "success", None).await;
    // The second provider's notification of success arrives: the bill is paid already.
    let (code, refused) =
        s.prove(second["orderNo"].as_str().expect("orderNo"), "success", None).await;
    assert_eq!(code, 409);
    assert_error(&refused, "already_paid");
    for beaten in [&second, &third] {
        let answer = status(&s, &beaten["orderNo"]).await;
        assert_eq!(keys(&answer), keys(&fixture("status-paid-elsewhere.json")));
        assert_eq!(
            (&answer["state"], &answer["reason"]),
            (&json!("cancelled"), &json!("already-paid")),
            "{answer}"
        );
    }
    assert_eq!(status(&s, &first["orderNo"]).await["state"], "paid");
}
