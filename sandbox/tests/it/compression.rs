//! The platform's answers over real HTTP: a large catalog answer goes out gzip or Brotli as the
//! client accepts (`Vary: accept-encoding`), identical once decompressed, plain without the
//! header; revalidation (`ETag`, `304`) works with either form of the tag; small answers are
//! not compressed.

use std::io::Read;

use crate::common::{catalog_dir, scratch};
use citypanel_sandbox::{serve, Config};

/// The repository catalog plus `copies` copies of the traffic-violations descriptor for
/// Hangzhou (a large city catalog, as the catalog benchmark generates).
fn large_catalog(copies: usize) -> std::path::PathBuf {
    let dir = scratch("catalog-large");
    for entry in std::fs::read_dir(catalog_dir()).expect("catalog").flatten() {
        if entry.path().extension().is_some_and(|e| e == "json") {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
        }
    }
    let text = std::fs::read_to_string(catalog_dir().join("traffic-violations.json")).expect("r");
    let base: serde_json::Value = serde_json::from_str(&text).expect("json");
    for n in 0..copies {
        let mut copy = base.clone();
        copy["id"] = format!("traffic-violations-g{n}").into();
        copy["title"]["en"] = format!("Traffic violation inquiry (office {n})").into();
        let hangzhou: Vec<serde_json::Value> = base["cities"]
            .as_array()
            .expect("cities")
            .iter()
            .filter(|c| c["code"] == "330100")
            .cloned()
            .collect();
        copy["cities"] = hangzhou.into();
        let path = dir.join(format!("traffic-violations-g{n}.json"));
        std::fs::write(path, copy.to_string()).expect("write");
    }
    dir
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).expect("valid gzip");
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).expect("valid brotli");
    out
}

#[tokio::test]
async fn large_answers_are_compressed_as_accepted_and_revalidate() {
    let config = Config { catalog: large_catalog(200), ..Config::ephemeral() };
    let running = serve(config).await.expect("starts");
    // A client that decompresses nothing itself: what is on the wire is what we read.
    let client = reqwest::Client::builder().no_gzip().no_brotli().build().expect("client");
    let url = format!("{}/api/v1/cities/330100/catalog", running.url());
    let get = |accept: Option<&str>, tag: Option<&str>| {
        let mut request = client.get(&url);
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        if let Some(tag) = tag {
            request = request.header("if-none-match", tag);
        }
        request.send()
    };
    let header = |r: &reqwest::Response, name: &str| {
        r.headers().get(name).and_then(|v| v.to_str().ok()).map(String::from)
    };
    // Every `Vary` header's values (the platform also varies on `origin`).
    let vary = |r: &reqwest::Response| {
        let all = r.headers().get_all("vary").iter().filter_map(|v| v.to_str().ok());
        all.collect::<Vec<_>>().join(", ")
    };

    let plain = get(None, None).await.expect("plain");
    assert_eq!(plain.status(), 200);
    assert_eq!(header(&plain, "content-encoding"), None);
    assert!(vary(&plain).contains("accept-encoding"), "{}", vary(&plain));
    let strong = header(&plain, "etag").expect("etag");
    assert!(strong.starts_with('"'), "{strong}");
    let body = plain.bytes().await.expect("body").to_vec();
    let doc: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(doc["services"].as_array().map(Vec::len), Some(216));

    let gz = get(Some("gzip"), None).await.expect("gzip");
    assert_eq!(gz.status(), 200);
    assert_eq!(header(&gz, "content-encoding").as_deref(), Some("gzip"));
    assert!(vary(&gz).contains("accept-encoding"), "{}", vary(&gz));
    assert_eq!(header(&gz, "etag"), Some(format!("W/{strong}")), "a weak tag when encoded");
    assert_eq!(header(&gz, "cache-control").as_deref(), Some("public, max-age=60"));
    let zipped = gz.bytes().await.expect("gzip body").to_vec();
    assert!(zipped.len() * 5 < body.len(), "{} of {} bytes", zipped.len(), body.len());
    assert_eq!(gunzip(&zipped), body, "identical once decompressed");

    let br = get(Some("gzip, deflate, br"), None).await.expect("br");
    assert_eq!(header(&br, "content-encoding").as_deref(), Some("br"), "Brotli preferred");
    let brotli = br.bytes().await.expect("br body").to_vec();
    assert!(brotli.len() * 5 < body.len(), "{} of {} bytes", brotli.len(), body.len());
    assert_eq!(unbrotli(&brotli), body, "identical once decompressed");

    let identity = get(Some("identity"), None).await.expect("identity");
    assert_eq!(header(&identity, "content-encoding"), None);
    assert_eq!(identity.bytes().await.expect("body").to_vec(), body);

    // Revalidation: either form of the tag, with or without compression, gets a bodiless 304.
    for (accept, tag) in [
        (None, strong.clone()),
        (Some("gzip"), strong.clone()),
        (Some("br"), format!("W/{strong}")),
        (None, format!("W/{strong}")),
    ] {
        let r = get(accept, Some(&tag)).await.expect("revalidate");
        assert_eq!(r.status(), 304, "{accept:?} {tag}");
        assert_eq!(header(&r, "content-encoding"), None);
        assert!(r.bytes().await.expect("empty").is_empty());
    }
    let changed = get(Some("gzip"), Some("\"other\"")).await.expect("other tag");
    assert_eq!(changed.status(), 200);

    // Small answers go out as they are.
    let small = client
        .get(format!("{}/api/v1/cities/999999/catalog", running.url()))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("small");
    assert_eq!(header(&small, "content-encoding"), None, "status {}", small.status());
    let health = client
        .get(format!("{}/healthz", running.url()))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("healthz");
    assert_eq!(header(&health, "content-encoding"), None);
    running.shutdown().await.expect("stops");
}
