//! `GET /platform/pay/qr?order=…`: the payment page of one order ([`super::page`]) as a QR code
//! (SVG), so a citizen whose host app has no wallet can pay on their phone. The code holds the
//! page's absolute URL on the origin the request was made to (its `Host`, `https` when
//! `X-Forwarded-Proto` says so).

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

use crate::error::ApiError;
use crate::orders::store;
use crate::pay::page::{order_id, PageQuery};
use crate::AppState;

/// Pixels per module: a version-4 code (33 modules + the quiet zone) is about 200 px.
const MODULE_PX: u32 = 5;

/// The origin the request was made to, from `Host` (and `X-Forwarded-Proto`): `http://host[:port]`.
fn origin(headers: &HeaderMap) -> Result<String, ApiError> {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let ok = !host.is_empty()
        && host.len() <= 255
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    if !ok {
        return Err(ApiError::BadRequest(format!(
            "the `host` header must name the platform, got `{}`",
            host.escape_default()
        )));
    }
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    Ok(format!("{}://{host}", if https { "https" } else { "http" }))
}

/// The payment page's absolute URL for `order` (an id already checked by [`order_id`]).
pub fn page_url(origin: &str, order: &str) -> String {
    format!("{origin}/platform/pay/page?order={order}")
}

/// `text` as an SVG QR code (error correction M, a 4-module quiet zone, black on white).
pub fn svg(text: &str) -> Result<String, ApiError> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| ApiError::Internal(format!("qr code of `{text}`: {e}")))?;
    Ok(code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(MODULE_PX, MODULE_PX)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build())
}

/// The QR code of one order's payment page. `400` for a malformed order id, `404` for an
/// unknown order, as the page itself.
pub async fn qr(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    let id = order_id(q.order)?;
    let origin = origin(&headers)?;
    let lookup = id.clone();
    match state.db.pg() {
        Some(pool) => crate::orders::pg::get(pool, &lookup).await?,
        None => state.db.call(move |conn| store::get(conn, &lookup)).await?,
    };
    let image = svg(&page_url(&origin, &id))?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            // The code of an order never changes (the page it opens shows the status), but it
            // names the origin asked, so only the asking browser keeps it.
            (header::CACHE_CONTROL, "private, max-age=86400"),
            (header::VARY, "host, x-forwarded-proto"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CONTENT_SECURITY_POLICY, "default-src 'none'"),
        ],
        image,
    )
        .into_response())
}
