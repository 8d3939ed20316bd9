//! The platform's clock, pinned with `--now` on the real binary: the year-end payment pause
//! begins and ends at its minutes, and "today" (the slots' bookable range) turns over at
//! midnight Beijing time across a year boundary, whatever the machine's clock says.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_citypanel-sandbox");

/// A child process that is killed when the test ends, however it ends.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The binary on a free port with its clock starting at `now`; its URL.
fn at(now: &str) -> (Guard, String) {
    let catalog = format!("{}/../catalog", env!("CARGO_MANIFEST_DIR"));
    // `--dev-allow-anonymous`: these tests are about the clock (year-end windows, booking
    // ranges), not identity; their orders are anonymous as a host under the flag would send.
    let mut child = Guard(
        Command::new(BIN)
            .args(["--port", "0", "--catalog", &catalog, "--memory", "--now", now])
            .arg("--dev-allow-anonymous")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout piped");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("listening line");
    let url = line.trim_end().strip_prefix("citypanel-sandbox listening on ").expect("url");
    (child, url.to_string())
}

/// Asks for a payment order of Hangzhou's electricity bill `GW3301202504000123456` (¥136.80,
/// account 3306012345); the status and the body.
async fn order_electricity(url: &str, key: &str) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!("{url}/platform/pay/orders"))
        .header("idempotency-key", key)
        .json(&json!({ "service": "electricity-bill", "city": "330100",
                       "reference": "GW3301202504000123456", "amount": "136.80" }))
        .send()
        .await
        .expect("order request");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The bookable range `(first, last)` the platform names when a date is out of range.
async fn slot_range(url: &str) -> (String, String) {
    let query = "service=vehicle-inspection-booking&city=330100&resource=a&date=2000-01-01";
    let body: Value = reqwest::get(format!("{url}/api/v1/slots?{query}"))
        .await
        .expect("slots")
        .json()
        .await
        .expect("json");
    let message = body["error"]["fields"][0]["message"].as_str().expect("message").to_string();
    let dates: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    (dates[0].to_string(), dates[1].to_string())
}

#[tokio::test]
async fn year_end_pauses_payments_from_its_first_to_its_last_minute() {
    // The catalog pauses electricity payments 2025-12-31 23:00 → 2026-01-01 03:00 (Beijing).
    let (_before, url) = at("2025-12-31T22:59:00+08:00");
    let (status, body) = order_electricity(&url, "clock-before").await;
    assert_eq!(status, 201, "a minute before the window: {body}");

    let (_during, url) = at("2025-12-31T23:30:00+08:00");
    let (status, body) = order_electricity(&url, "clock-during").await;
    assert_eq!((status, body["error"]["code"].as_str()), (503, Some("payment_paused")), "{body}");

    let (_after, url) = at("2026-01-01T03:00:00+08:00");
    let (status, body) = order_electricity(&url, "clock-after").await;
    assert_eq!(status, 201, "at the window's last minute's end: {body}");
}

#[tokio::test]
async fn today_turns_over_at_midnight_beijing_across_the_year() {
    // 23:30 on New Year's Eve in Beijing is 15:30 UTC: still 2026-12-31 in Beijing.
    let (_eve, url) = at("2026-12-31T15:30:00Z");
    assert_eq!(slot_range(&url).await, ("2026-12-30".into(), "2027-06-29".into()));
    // 00:30 on New Year's Day in Beijing is still 2026-12-31 in UTC.
    let (_new_year, url) = at("2026-12-31T16:30:00Z");
    assert_eq!(slot_range(&url).await, ("2026-12-31".into(), "2027-06-30".into()));
}

#[test]
fn a_bad_now_is_refused_with_its_value() {
    let out = Command::new(BIN).args(["--now", "tomorrow", "--memory"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid --now `tomorrow`"), "{stderr}");
}
