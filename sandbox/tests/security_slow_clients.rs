//! Slow and stalled clients (issue #15): half-sent headers, stalled bodies and idle
//! connections are closed after their limits; 1,000 of them do not stop a well-behaved
//! client; shutdown finishes within its deadline with them connected. Loopback only.
//!
//! Outside the one integration binary (`tests/it`) on purpose: a thousand sockets and timed
//! limits get their own process, not a share of a hundred tests running beside them.

#[path = "it/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use citypanel_sandbox::config::ConnLimits;
use citypanel_sandbox::{serve, Config, Running};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const LONG: Duration = Duration::from_secs(60);

fn limits() -> ConnLimits {
    ConnLimits {
        header_timeout: LONG,
        body_timeout: LONG,
        idle_timeout: LONG,
        max_connections: 512,
        shutdown_deadline: LONG,
    }
}

async fn start(limits: ConnLimits) -> Running {
    serve(Config { limits, ..common::config() }).await.expect("sandbox starts")
}

/// Reads until the server closes the connection; `None` if it is still open after `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let mut text = Vec::new();
    let read = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => text.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    read.ok().map(|()| String::from_utf8_lossy(&text).into_owned())
}

const HALF_HEADER: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
const STALLED_BODY: &[u8] = b"POST /admin/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\n\
content-type: application/json\r\ncontent-length: 100\r\n\r\n{\"host\":";
const FULL_GET: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

/// Sends a request and reads its (small, `ok`) response, leaving the connection open.
async fn keep_alive(addr: std::net::SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(FULL_GET).await.expect("write");
    let mut seen = Vec::new();
    let mut buf = [0u8; 1024];
    while !seen.ends_with(b"\r\n\r\nok") {
        let n = stream.read(&mut buf).await.expect("read");
        assert!(n > 0, "closed before the response: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    stream
}

/// One stalled client of kind `i % 4`: silent, half-sent headers, stalled body, idle
/// keep-alive.
async fn stalled(addr: std::net::SocketAddr, i: usize) -> TcpStream {
    if i % 4 == 3 {
        return keep_alive(addr).await;
    }
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    match i % 4 {
        1 => stream.write_all(HALF_HEADER).await.expect("write"),
        2 => stream.write_all(STALLED_BODY).await.expect("write"),
        _ => {}
    }
    stream
}

#[tokio::test]
async fn half_sent_headers_are_closed_after_the_header_timeout() {
    let running =
        start(ConnLimits { header_timeout: Duration::from_millis(300), ..limits() }).await;
    let mut stream = TcpStream::connect(running.addr()).await.expect("connect");
    stream.write_all(HALF_HEADER).await.expect("write");
    let began = Instant::now();
    let closed = closed_within(&mut stream, Duration::from_secs(5)).await;
    assert!(closed.is_some(), "a half-sent header was held past 5 s");
    let took = began.elapsed();
    assert!(took >= Duration::from_millis(250) && took < Duration::from_secs(3), "{took:?}");
    running.shutdown().await.expect("stops");
}

#[tokio::test]
async fn idle_and_silent_connections_are_closed_after_the_idle_limit() {
    let running = start(ConnLimits { idle_timeout: Duration::from_millis(300), ..limits() }).await;
    let mut silent = TcpStream::connect(running.addr()).await.expect("connect");
    let mut idle = keep_alive(running.addr()).await;
    let began = Instant::now();
    assert!(closed_within(&mut silent, Duration::from_secs(5)).await.is_some(), "silent held");
    assert!(closed_within(&mut idle, Duration::from_secs(5)).await.is_some(), "idle held");
    let took = began.elapsed();
    assert!(took >= Duration::from_millis(200) && took < Duration::from_secs(3), "{took:?}");
    running.shutdown().await.expect("stops");
}

#[tokio::test]
async fn a_stalled_body_is_answered_408_and_closed() {
    let running = start(ConnLimits { body_timeout: Duration::from_millis(300), ..limits() }).await;
    let mut stream = TcpStream::connect(running.addr()).await.expect("connect");
    stream.write_all(STALLED_BODY).await.expect("write");
    let answer = closed_within(&mut stream, Duration::from_secs(5)).await;
    let answer = answer.expect("a stalled body was held past 5 s");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(r#"{"error":{"code":"body_timeout","#), "{answer}");
    running.shutdown().await.expect("stops");
}

#[tokio::test]
async fn a_busy_connection_is_not_cut_by_the_idle_limit() {
    // A request slower than the idle limit (a department's latency) is still answered.
    let running = start(ConnLimits { idle_timeout: Duration::from_millis(200), ..limits() }).await;
    let client = reqwest::Client::new();
    let url = format!("{}/admin/faults", running.url());
    let fault =
        serde_json::json!({"department": "hz-traffic-police", "mode": "off", "latency_ms": 800});
    let set = client.post(&url).json(&fault).send().await.expect("set fault");
    assert!(set.status().is_success(), "{}", set.text().await.unwrap_or_default());
    let body = serde_json::json!({ "hphm": "沪C88888", "fdjh": "ABC123" });
    let began = Instant::now();
    let url = format!("{}/dept/hz-traffic-police/wfcx", running.url());
    let answer = client.post(url).json(&body).send().await.expect("answered");
    assert!(began.elapsed() >= Duration::from_millis(700), "{:?}", began.elapsed());
    assert_eq!(answer.status(), 200);
    running.shutdown().await.expect("stops");
}

#[tokio::test]
async fn a_thousand_stalled_clients_do_not_stop_a_good_one() {
    // The default limits: 512 connections, 10 s for headers, 30 s for bodies, 15 s idle.
    let running = start(ConnLimits::default()).await;
    let addr = running.addr();
    let began = Instant::now();
    let mut stalled_clients = Vec::new();
    for i in 0..1000 {
        stalled_clients.push(stalled(addr, i).await);
    }
    let opened = began.elapsed();
    let mut slowest = Duration::ZERO;
    for _ in 0..5 {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(5))
            .build()
            .expect("client");
        let began = Instant::now();
        let response = client.get(format!("{}/healthz", running.url())).send().await;
        let response = response.expect("the good client is served");
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.expect("text"), "ok");
        slowest = slowest.max(began.elapsed());
    }
    eprintln!("1000 stalled clients opened in {opened:?}; slowest of 5 good requests {slowest:?}");
    assert!(slowest < Duration::from_secs(2), "{slowest:?}");
    let began = Instant::now();
    running.shutdown().await.expect("stops");
    eprintln!("shutdown with stalled clients took {:?}", began.elapsed());
    drop(stalled_clients);
}

#[tokio::test]
async fn shutdown_finishes_within_its_deadline_with_stalled_clients() {
    let deadline = Duration::from_millis(1000);
    let running = start(ConnLimits { shutdown_deadline: deadline, ..limits() }).await;
    let addr = running.addr();
    let mut clients = Vec::new();
    for i in 0..200 {
        clients.push(stalled(addr, i).await);
    }
    // Let every stalled body reach its handler.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let began = Instant::now();
    let stopped = tokio::time::timeout(Duration::from_secs(10), running.shutdown()).await;
    let took = began.elapsed();
    eprintln!("shutdown with 200 stalled clients (deadline {deadline:?}) took {took:?}");
    assert!(stopped.is_ok(), "shutdown still waiting after 10 s");
    assert!(took < deadline + Duration::from_millis(1500), "{took:?}");
    for client in &mut clients {
        let closed = closed_within(client, Duration::from_secs(2)).await;
        assert!(closed.is_some(), "a connection outlived the shutdown");
    }
}
