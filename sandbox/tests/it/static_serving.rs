//! Static files as a CDN would serve them: Brotli before gzip for browsers that accept it,
//! `application/wasm` (so browsers compile while downloading and cache the compiled code),
//! a year `immutable` inside the content-addressed SDK folder, revalidation elsewhere.

use crate::common;

use citypanel_sandbox::{serve, Config};
use common::scratch;

#[tokio::test]
async fn brotli_wasm_type_and_cache_lifetimes() {
    let dist = scratch("dist-static");
    let hashed = dist.join("sdk").join("0123456789abcdef");
    std::fs::create_dir_all(&hashed).expect("mkdir");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>x</title>").expect("w");
    std::fs::write(hashed.join("citypanel-app_bg.wasm"), b"\0asm\x01\0\0\0").expect("w");
    std::fs::write(hashed.join("citypanel-app_bg.wasm.br"), b"brotli bytes").expect("w");
    std::fs::write(hashed.join("citypanel-app_bg.wasm.gz"), b"\x1f\x8bgzip bytes").expect("w");
    let running =
        serve(Config { dist: Some(dist), catalog: common::catalog_dir(), ..Config::ephemeral() })
            .await
            .expect("starts");
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().expect("client");
    let get = |path: &str, accept: &str| {
        client.get(format!("{}{path}", running.url())).header("accept-encoding", accept).send()
    };
    let header = |r: &reqwest::Response, name: &str| {
        r.headers().get(name).and_then(|v| v.to_str().ok()).map(String::from)
    };

    let wasm = "/sdk/0123456789abcdef/citypanel-app_bg.wasm";
    let br = get(wasm, "gzip, deflate, br").await.expect("get br");
    assert_eq!(br.status(), 200);
    assert_eq!(header(&br, "content-encoding").as_deref(), Some("br"));
    assert_eq!(header(&br, "content-type").as_deref(), Some("application/wasm"));
    assert_eq!(header(&br, "vary").as_deref(), Some("accept-encoding"));
    assert_eq!(
        header(&br, "cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(br.bytes().await.expect("bytes").as_ref(), b"brotli bytes");

    let gz = get(wasm, "gzip").await.expect("get gz");
    assert_eq!(header(&gz, "content-encoding").as_deref(), Some("gzip"));
    assert_eq!(gz.bytes().await.expect("bytes").as_ref(), b"\x1f\x8bgzip bytes");

    let plain = get(wasm, "identity").await.expect("get plain");
    assert_eq!(header(&plain, "content-encoding"), None);
    assert_eq!(header(&plain, "content-type").as_deref(), Some("application/wasm"));

    let html = get("/index.html", "br").await.expect("get html");
    assert_eq!(header(&html, "cache-control").as_deref(), Some("no-cache"));
    running.shutdown().await.expect("stops");
}

/// Pages get the strict Content-Security-Policy (frameable only by this origin, the iframe
/// entry also by the `--allow-origin` hosts); other files only `nosniff`; platform routes
/// neither.
#[tokio::test]
async fn pages_carry_a_strict_content_security_policy() {
    let dist = scratch("dist-csp");
    std::fs::write(dist.join("index.html"), "<!doctype html><title>x</title>").expect("w");
    std::fs::write(dist.join("app.js"), "export {}").expect("w");
    let host = "https://wallet.example";
    let config = Config {
        dist: Some(dist),
        catalog: common::catalog_dir(),
        allow_origins: vec![host.into()],
        ..Config::ephemeral()
    };
    let running = serve(config).await.expect("starts");
    let client = reqwest::Client::new();
    let get = |path: &str| client.get(format!("{}{path}", running.url())).send();
    let header = |r: &reqwest::Response, name: &str| {
        r.headers().get(name).and_then(|v| v.to_str().ok()).map(String::from)
    };

    let page = get("/").await.expect("get page");
    let csp = header(&page, "content-security-policy").expect("a policy");
    for directive in [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert!(csp.ends_with("frame-ancestors 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header(&page, "x-content-type-options").as_deref(), Some("nosniff"));

    let frame =
        get("/?frame=1&host=https%3A%2F%2Fwallet.example&city=330100").await.expect("frame");
    let csp = header(&frame, "content-security-policy").expect("a policy");
    assert!(csp.ends_with(&format!("frame-ancestors 'self' {host}")), "{csp}");

    let script = get("/app.js").await.expect("get js");
    assert_eq!(header(&script, "content-security-policy"), None);
    assert_eq!(header(&script, "x-content-type-options").as_deref(), Some("nosniff"));

    let api = get("/api/v1/cities").await.expect("get api");
    assert_eq!(header(&api, "content-security-policy"), None);
    running.shutdown().await.expect("stops");
}
