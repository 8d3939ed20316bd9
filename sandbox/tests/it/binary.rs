//! The real `citypanel-sandbox` binary: listening line, restart on the same port, signals,
//! bad arguments.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_citypanel-sandbox");

fn catalog() -> String {
    format!("{}/../catalog", env!("CARGO_MANIFEST_DIR"))
}

/// A child process that is killed if a test fails before stopping it.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Spawns the binary on `port` and returns it with the URL from its listening line.
fn spawn(port: u16) -> (Guard, String) {
    spawn_with(port, Stdio::null())
}

fn spawn_with(port: u16, stderr: Stdio) -> (Guard, String) {
    let mut child = Guard(
        Command::new(BIN)
            .args(["--port", &port.to_string(), "--catalog", &catalog(), "--memory"])
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout piped");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read listening line");
    let prefix = "citypanel-sandbox listening on ";
    let url = line.trim_end().strip_prefix(prefix).unwrap_or_else(|| panic!("line: {line:?}"));
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    (child, url.to_string())
}

async fn healthz(url: &str) -> String {
    let response = reqwest::get(format!("{url}/healthz")).await.expect("healthz");
    assert_eq!(response.status(), 200);
    response.text().await.expect("text")
}

#[tokio::test]
async fn binary_restarts_on_the_same_port_after_kill() {
    let (mut first, url) = spawn(0);
    assert_eq!(healthz(&url).await, "ok");
    let port: u16 = url.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port");
    first.0.kill().expect("kill");
    first.0.wait().expect("reaped");

    let (mut second, again) = spawn(port);
    assert_eq!(again, url);
    assert_eq!(healthz(&again).await, "ok");
    second.0.kill().expect("kill");
    second.0.wait().expect("reaped");
}

#[tokio::test]
async fn binary_stops_gracefully_on_sigterm() {
    let (mut child, url) = spawn(0);
    assert_eq!(healthz(&url).await, "ok");
    let status = Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .expect("kill command");
    assert!(status.success());
    let exit = child.0.wait().expect("exits");
    assert!(exit.success(), "graceful exit, got {exit:?}");
}

#[tokio::test]
async fn logs_name_the_route_never_the_plate_or_engine() {
    let (mut child, url) = spawn_with(0, Stdio::piped());
    let body = serde_json::json!({ "hphm": "浙B67890", "fdjh": "654321" });
    let client = reqwest::Client::new();
    let response = client.post(format!("{url}/dept/hz-traffic-police/wfcx")).json(&body).send();
    assert_eq!(response.await.expect("post").status(), 200);
    let pid = child.0.id().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().expect("kill command");
    assert!(killed.success());
    let mut log = String::new();
    let mut stderr = child.0.stderr.take().expect("stderr piped");
    stderr.read_to_string(&mut log).expect("read log");
    child.0.wait().expect("exits");
    assert!(log.contains("/dept/hz-traffic-police/wfcx"), "{log}");
    assert!(log.contains("status=200"), "{log}");
    assert!(!log.contains("67890") && !log.contains("654321"), "{log}");
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    for args in [&["--port", "nope"][..], &["--bogus"], &["--host"]] {
        let output = Command::new(BIN).args(args).output().expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("Usage: citypanel-sandbox [--host"), "{stderr}");
        assert!(output.stdout.is_empty());
    }
    let secret = ["--host-key", "Wallet=0123456789abcdef-secret"];
    let output = Command::new(BIN).args(secret).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("invalid --host-key for `<invalid host>`"), "{stderr}");
    assert!(!stderr.contains("0123456789abcdef"), "{stderr}");
    let help = Command::new(BIN).arg("--help").output().expect("runs");
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("--host-key <HOST=SECRET>") && text.contains("--now <INSTANT>"),
        "{text}"
    );
    let output = Command::new(BIN)
        .args(["--port", "0", "--memory", "--catalog", "/nonexistent/catalog"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/catalog"));
}
