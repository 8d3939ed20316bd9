//! SQLite durability: a server restarted on the same data directory keeps its orders,
//! bookings, subscriptions and records; the schema is migrated once and versioned; `/readyz`.

use crate::common;

use citypanel_sandbox::{serve, Config, DataStore};
use common::{date_ahead, scratch, Sandbox};
use serde_json::{json, Value};

fn on_disk(dir: &std::path::Path) -> Config {
    Config { data: DataStore::Dir(dir.to_path_buf()), ..common::config() }
}

#[tokio::test]
async fn restart_on_the_same_data_dir_keeps_orders_and_bookings() {
    let dir = scratch("durable");
    let first = Sandbox::start_with(on_disk(&dir)).await;
    let order = json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": "DUR-1",
        "amount_fen": 15000, "user": "u-9"
    });
    let (status, created) = first.post_keyed("/api/v1/orders", "durable-key-1", &order).await;
    assert_eq!(status, 201);
    let order_id = created["order"]["id"].as_str().expect("id").to_string();
    assert_eq!(first.prove(&order_id, "success", None).await.0, 200);

    let query = format!(
        "/api/v1/slots?service=vehicle-inspection&city=330100&resource=r1&date={}",
        date_ahead(2)
    );
    let (_, slots) = first.get_json(&query).await;
    let slot = slots[0]["id"].as_str().expect("slot").to_string();
    let hold = json!({ "slot": slot, "user": "u-9" });
    let (_, held) = first.post_keyed("/api/v1/bookings/hold", "durable-hold-1", &hold).await;
    let booking_id = held["booking"]["id"].as_str().expect("id").to_string();
    let confirm = format!("/api/v1/bookings/{booking_id}/confirm");
    let (_, confirmed) = first.post_json(&confirm, &json!({})).await;
    let sub = json!({ "topic": "progress", "key": "APP-1", "user": "u-9", "city": "330100" });
    assert_eq!(first.post_json("/api/v1/subscriptions", &sub).await.0, 201);
    let record = json!({
        "service": "vehicle-inspection-booking", "city": "330100", "kind": "booking",
        "reference": "JY-DUR-1", "state": "done", "user": "u-9"
    });
    let (status, recorded) = first.post_json("/api/v1/me/records", &record).await;
    assert_eq!(status, 201, "{recorded}");
    first.running.shutdown().await.expect("clean shutdown");

    let second = Sandbox::start_with(on_disk(&dir)).await;
    let (status, order) = second.get_json(&format!("/api/v1/orders/{order_id}")).await;
    assert_eq!((status, &order["order"]["status"]), (200, &json!("paid")));
    let (status, again) = second
        .post_keyed(
            "/api/v1/orders",
            "durable-key-1",
            &json!({
                "service": "traffic-fine-payment", "city": "330100", "reference": "DUR-1",
                "amount_fen": 15000, "user": "u-9"
            }),
        )
        .await;
    assert_eq!((status, &again["order"]["id"]), (200, &json!(order_id)));
    let (status, booking) = second.get_json(&format!("/api/v1/bookings/{booking_id}")).await;
    assert_eq!((status, &booking), (200, &confirmed));
    let (_, slots) = second.get_json(&query).await;
    assert_eq!((&slots[0]["id"], &slots[0]["left"]), (&json!(slot), &json!(9)));
    let (_, subs) = second.get_json("/api/v1/subscriptions?user=u-9").await;
    assert_eq!(subs["subscriptions"].as_array().map(Vec::len), Some(1));
    let (status, again) = second.post_json("/api/v1/me/records", &record).await;
    assert_eq!((status, &again), (200, &recorded));
    let (_, me) = second.get_json("/api/v1/me?city=330100&user=u-9").await;
    assert_eq!(me["records"], json!([recorded["record"]]));
    assert_eq!(me["payments"][0]["id"], json!(order_id));
    assert_eq!(me["following"].as_array().map(Vec::len), Some(1));
    second.running.shutdown().await.expect("clean shutdown");

    let conn = rusqlite::Connection::open(dir.join("sandbox.sqlite3")).expect("open file");
    let versions: Vec<i64> = conn
        .prepare("SELECT version FROM schema_version ORDER BY version")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("versions");
    assert_eq!(versions, [1, 2, 3, 4, 5, 6, 7]);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn a_database_from_a_newer_sandbox_is_refused() {
    let dir = scratch("too-new");
    let conn = rusqlite::Connection::open(dir.join("sandbox.sqlite3")).expect("open");
    conn.execute_batch(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL);
         INSERT INTO schema_version VALUES (999, 0);",
    )
    .expect("seed");
    drop(conn);
    let error = match serve(on_disk(&dir)).await {
        Ok(_) => panic!("should refuse"),
        Err(e) => e,
    };
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().contains("`999`"), "{error}");
}

#[tokio::test]
async fn readyz_checks_the_database() {
    let sandbox = Sandbox::start().await;
    let response = sandbox.client.get(sandbox.url("/readyz")).send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("text"), "ready");
    let (status, body): (u16, Value) = sandbox.get_json("/api/v1/cities").await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn a_bill_paid_before_a_restart_is_still_paid_after_it() {
    let dir = scratch("durable-books");
    let account = json!({"accountNo": "3301287645"});
    let pay = json!({
        "service": "water-bill", "city": "330100", "reference": "SW3301202504018826",
        "amount": "51.30"
    });
    let first = Sandbox::start_with(on_disk(&dir)).await;
    let (status, created) = first.post_keyed("/platform/pay/orders", "books-key-1", &pay).await;
    assert_eq!(status, 201, "{created}");
    let order_no = created["orderNo"].as_str().expect("no");
    assert_eq!(first.prove(order_no, "success", None).await.0, 200);
    first.running.shutdown().await.expect("clean shutdown");

    let second = Sandbox::start_with(on_disk(&dir)).await;
    let (_, bill) = second.post_json("/dept/hz-water/bill", &account).await;
    assert_eq!(bill["data"]["bill"]["status"], "PAID", "{bill}");
    let (status, again) = second.post_keyed("/platform/pay/orders", "books-key-2", &pay).await;
    assert_eq!(status, 409, "{again}");
    assert_eq!(again["error"]["code"], "already_paid");
    second.running.shutdown().await.expect("clean shutdown");
}
