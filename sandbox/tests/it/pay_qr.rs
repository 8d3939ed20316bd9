//! `GET /platform/pay/qr?order=…` over real HTTP: an SVG QR code that a phone's camera reads as
//! the order's payment page on the origin asked (decoded here with `rqrr`), and the page's
//! own `400` / `404` for malformed and unknown orders.

use crate::common;

use common::{assert_error, Sandbox};
use serde_json::{json, Value};

const ORDER: &str = "/platform/pay/orders";

async fn water_order(s: &Sandbox) -> String {
    let body = json!({ "service": "water-bill", "city": "330100", "reference": "SW3301202504018826", "amount": "51.30" });
    let (code, created) = s.post_keyed(ORDER, "qr-water-0001", &body).await;
    assert_eq!(code, 201, "{created}");
    created["orderNo"].as_str().expect("orderNo").to_string()
}

/// The numbers after `key="` in the first tag that has it.
fn attr(svg: &str, key: &str) -> Option<usize> {
    let at = svg.find(&format!(" {key}=\""))? + key.len() + 3;
    svg[at..].split('"').next()?.parse().ok()
}

/// Paints the SVG's one dark `<path>` (`M{x} {y}h{w}v{h}H{x}V{y}` rectangles, as the
/// `qrcode` crate writes them) into a `width × height` greyscale picture.
fn rasterize(svg: &str) -> (usize, usize, Vec<u8>) {
    let (w, h) = (attr(svg, "width").expect("width"), attr(svg, "height").expect("height"));
    assert!(svg.contains(&format!("viewBox=\"0 0 {w} {h}\"")), "{svg:.200}");
    let mut pixels = vec![255u8; w * h];
    let start = svg.find("<path fill=\"#000\" d=\"").expect("one dark path") + 21;
    let d = &svg[start..start + svg[start..].find('"').expect("path end")];
    let mut rects = 0;
    for part in d.split('M').filter(|p| !p.is_empty()) {
        let n: Vec<usize> = part
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("number"))
            .collect();
        let [x, y, rw, rh, ..] = n[..] else { panic!("rectangle `M{part}`") };
        for row in y..y + rh {
            for col in x..x + rw {
                pixels[row * w + col] = 0;
            }
        }
        rects += 1;
    }
    assert!(rects > 100, "a QR code has many dark modules, got {rects}");
    (w, h, pixels)
}

fn decode(svg: &str) -> String {
    let (w, h, pixels) = rasterize(svg);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the picture");
    grids[0].decode().expect("the code decodes").1
}

#[tokio::test]
async fn the_qr_code_opens_the_payment_page_of_the_order() {
    let s = Sandbox::start().await;
    let order = water_order(&s).await;
    let response =
        s.client.get(s.url(&format!("/platform/pay/qr?order={order}"))).send().await.expect("get");
    assert_eq!(response.status().as_u16(), 200);
    let header =
        |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    assert_eq!(header("content-type").as_deref(), Some("image/svg+xml"));
    assert_eq!(header("cache-control").as_deref(), Some("private, max-age=86400"));
    assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
    let svg = response.text().await.expect("svg");
    assert!(
        svg.starts_with("<?xml") && svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg:.120}"
    );
    assert!(!svg.contains("<script"), "pictures only");
    let url = decode(&svg);
    assert_eq!(
        url,
        s.url(&format!("/platform/pay/page?order={order}")),
        "the absolute page URL on the origin asked"
    );

    // The code opens the page, which shows the order.
    let page = s.client.get(&url).send().await.expect("page");
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.text().await.expect("html").contains(&order));

    // Behind a TLS proxy the code says https, with the host the phone can reach.
    let proxied = s
        .client
        .get(s.url(&format!("/platform/pay/qr?order={order}")))
        .header("host", "pay.example.gov.cn")
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .expect("get");
    assert_eq!(proxied.status().as_u16(), 200);
    let url = decode(&proxied.text().await.expect("svg"));
    assert_eq!(url, format!("https://pay.example.gov.cn/platform/pay/page?order={order}"));
}

#[tokio::test]
async fn unknown_and_malformed_orders_are_refused_like_the_page() {
    let s = Sandbox::start().await;
    for route in ["/platform/pay/qr", "/platform/pay/page"] {
        let (code, body) = s.get_json(&format!("{route}?order=ord_0000000000000000")).await;
        assert_eq!(code, 404, "{route}: {body}");
        assert_error(&body, "not_found");
        for bad in [
            "",
            "?order=",
            "?order=ord%2F..%2Fx",
            "?order=%3Cscript%3E",
            &format!("?order={}", "a".repeat(65)),
        ] {
            let (code, body): (u16, Value) = s.get_json(&format!("{route}{bad}")).await;
            assert_eq!(code, 400, "{route}{bad}: {body}");
            assert_error(&body, "bad_request");
            assert!(!body.to_string().contains("<script>"), "{body}");
        }
    }
    let (code, body) = s.post_json("/platform/pay/qr?order=ord_0000000000000000", &json!({})).await;
    assert_eq!(code, 405, "{body}");
}
