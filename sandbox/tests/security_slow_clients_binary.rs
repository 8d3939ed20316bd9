//! The real binary under a 256 open-file limit (issue #15): 1,000 stalled clients (more than
//! it can hold open) do not stop `/healthz` answering, the listener survives running out of
//! file descriptors, and SIGTERM ends it within the default 5 s shutdown deadline while they
//! are still connected. Loopback only.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

const BIN: &str = env!("CARGO_BIN_EXE_citypanel-sandbox");

/// A child process that is killed if a test fails before stopping it.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The binary under `ulimit -n 256`, and its URL.
fn spawn_limited() -> (Guard, String) {
    let catalog = format!("{}/../catalog", env!("CARGO_MANIFEST_DIR"));
    let mut child = Guard(
        Command::new("sh")
            .args(["-c", "ulimit -n 256 && exec \"$0\" \"$@\"", BIN])
            .args(["--port", "0", "--catalog", &catalog, "--memory"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout piped");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read listening line");
    let url = line.trim_end().strip_prefix("citypanel-sandbox listening on ");
    let url = url.unwrap_or_else(|| panic!("line: {line:?}")).to_string();
    (child, url)
}

const HALF_HEADER: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
const STALLED_BODY: &[u8] = b"POST /admin/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\n\
content-type: application/json\r\ncontent-length: 100\r\n\r\n{\"host\":";

async fn healthz(client: &reqwest::Client, url: &str) -> Duration {
    let began = Instant::now();
    let response = client.get(format!("{url}/healthz")).send().await.expect("healthz answers");
    assert_eq!(response.status(), 200);
    assert_eq!(response.text().await.expect("text"), "ok");
    began.elapsed()
}

#[tokio::test]
async fn a_thousand_stalled_clients_past_the_file_limit_then_sigterm() {
    let (mut child, url) = spawn_limited();
    let addr: std::net::SocketAddr =
        url.trim_start_matches("http://").parse().expect("socket address");
    let mut stalled = Vec::new();
    for i in 0..1000 {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        match i % 3 {
            1 => stream.write_all(HALF_HEADER).await.expect("write"),
            2 => stream.write_all(STALLED_BODY).await.expect("write"),
            _ => {}
        }
        stalled.push(stream);
    }
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        slowest = slowest.max(healthz(&client, &url).await);
    }
    eprintln!("binary, 256 files, 1000 stalled clients: slowest of 5 healthz {slowest:?}");
    assert!(slowest < Duration::from_secs(3), "{slowest:?}");

    // The clients are still connected (those not closed to make room) when SIGTERM comes.
    let began = Instant::now();
    let status = Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .expect("kill command");
    assert!(status.success());
    let exited = tokio::task::spawn_blocking(move || {
        let exit = child.0.wait();
        (exit, child)
    });
    let (exit, _child) =
        tokio::time::timeout(Duration::from_secs(15), exited).await.expect("exits").expect("join");
    let took = began.elapsed();
    eprintln!("binary SIGTERM with stalled clients connected: exited in {took:?}");
    assert!(exit.expect("wait").success(), "graceful exit");
    assert!(took < Duration::from_secs(8), "{took:?}");
    drop(stalled);
}
