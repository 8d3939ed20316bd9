//! The real binary's log: one key=value line per request with the route pattern, status and
//! latency, and never a plate, ID number, phone number or name, whatever the requests carry.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_citypanel-sandbox");

/// A child process that is killed if a test fails before stopping it.
pub(crate) struct Guard(pub(crate) Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn spawn() -> (Guard, String) {
    let catalog = format!("{}/../catalog", env!("CARGO_MANIFEST_DIR"));
    // `--dev-allow-anonymous`: the requests name their user in the body (a phone number, an ID
    // number — personal data on purpose) to show it never reaches the log.
    let mut child = Guard(
        Command::new(BIN)
            .args(["--port", "0", "--memory", "--catalog", &catalog])
            .arg("--dev-allow-anonymous")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary starts"),
    );
    let mut line = String::new();
    let stdout = child.0.stdout.take().expect("stdout piped");
    BufReader::new(stdout).read_line(&mut line).expect("listening line");
    let url = line.trim_end().rsplit(' ').next().unwrap_or_default().to_string();
    (child, url)
}

fn date_ahead(days: i64) -> String {
    use citypanel_sandbox::time::{beijing_today, date_of_days};
    date_of_days(beijing_today().days() + days).to_string()
}

#[tokio::test]
async fn logs_never_carry_plates_id_numbers_phones_or_names() {
    let (mut child, url) = spawn();
    let client = reqwest::Client::new();
    let post = |path: &str, key: &str, body: Value| {
        let request = client.post(format!("{url}{path}")).header("idempotency-key", key);
        request.json(&body).send()
    };
    let sub = json!({ "topic": "violations", "key": "浙A88888", "user": "13912345678", "city": "330100" });
    assert_eq!(post("/api/v1/subscriptions", "k", sub).await.expect("post").status(), 201);
    let listed = client.get(format!("{url}/api/v1/subscriptions?user=13912345678")).send();
    assert_eq!(listed.await.expect("get").status(), 200);
    let order = json!({
        "service": "traffic-fine-payment", "city": "330100", "reference": "R-1",
        "amount_fen": 100, "user": "110105194912310021"
    });
    assert_eq!(post("/api/v1/orders", "pii-order-1", order).await.expect("post").status(), 201);
    let slots = format!(
        "{url}/api/v1/slots?service=marriage&city=330100&resource=office-1&date={}",
        date_ahead(5)
    );
    let slots: Value = client.get(slots).send().await.expect("slots").json().await.expect("json");
    let party = json!({
        "slot": slots[0]["id"], "user": "u-1",
        "party": { "name": "李四", "id_number": "11010519491231002X", "phone": "13800138000" }
    });
    let held = post("/api/v1/bookings/hold", "pii-hold-01", party).await.expect("post");
    assert_eq!(held.status(), 201);
    let invalid =
        json!({ "topic": "violations", "key": "浙A88888", "user": "13800138000", "city": "x" });
    assert_eq!(post("/api/v1/subscriptions", "k", invalid).await.expect("post").status(), 422);
    // A phone number is no engine tail: refused by the descriptor's rules (`422`).
    let wfcx = json!({ "hphm": "浙A88888", "fdjh": "13800138000" });
    // (Department routes honour `Idempotency-Key`: each request its own well-formed key.)
    assert_eq!(
        post("/dept/hz-traffic-police/wfcx", "pii-wfcx-01", wfcx).await.expect("post").status(),
        422
    );
    let wfcx = json!({ "hphm": "浙A88888", "fdjh": "138001" });
    assert_eq!(
        post("/dept/hz-traffic-police/wfcx", "pii-wfcx-02", wfcx).await.expect("post").status(),
        200
    );

    let killed = Command::new("kill").args(["-TERM", &child.0.id().to_string()]).status();
    assert!(killed.expect("kill command").success());
    let mut log = String::new();
    let mut stderr = child.0.stderr.take().expect("stderr piped");
    stderr.read_to_string(&mut log).expect("read log");
    child.0.wait().expect("exits");
    assert!(log.contains("route=\"/api/v1/bookings/hold\" status=201"), "{log}");
    assert!(log.contains("route=\"/api/v1/subscriptions\" status=422"), "{log}");
    assert!(log.contains("request{id=") && log.contains("latency_ms="), "{log}");
    let secrets =
        ["88888", "13912345678", "110105194912310021", "11010519491231002X", "13800138000", "李四"];
    for secret in secrets {
        assert!(!log.contains(secret), "`{secret}` leaked into the log:\n{log}");
    }
}
