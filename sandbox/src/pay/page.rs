//! `GET /platform/pay/page?order=…`: the platform's own payment page, where a citizen whose
//! host app has no wallet pays (the panel links here, or shows it as a QR code). It is opened
//! by link or QR code on any device, without the host's identity token: the order id in its
//! URL — 128 random bits — is the capability, so no token is asked for and nothing but that
//! one order is reachable from it. In the sandbox the page plays the platform's own payment
//! provider: "pay" and "cancel" post to `POST /platform/pay/page/settle`, which is proof from
//! the payment side (a citizen's own `POST /api/v1/orders/{id}/settle` never pays).

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use citypanel_descriptor::rules::format_yuan;

use crate::error::{ApiError, JsonBody};
use crate::orders::{store, Outcome};
use crate::validate::{Checker, TOKEN};
use crate::AppState;

#[derive(Deserialize)]
pub struct PageQuery {
    pub(crate) order: Option<String>,
}

/// Escapes text for HTML element content and attribute values.
fn esc(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The `order` query parameter: 1–64 of `[A-Za-z0-9_-]` (`400 bad_request` otherwise). Shared
/// with the page's QR code ([`super::qr`]).
pub(crate) fn order_id(order: Option<String>) -> Result<String, ApiError> {
    let id = order.unwrap_or_default();
    if id.is_empty()
        || id.len() > 64
        || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(ApiError::BadRequest(format!(
            "`order` must name an order, got `{}`",
            esc(&id)
        )));
    }
    Ok(id)
}

/// The page's policy: its own script and style only, nothing framed or framing it.
pub const PAGE_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

/// The page's style, served as `/platform/pay/page.css` (no inline style under its CSP).
const PAGE_CSS: &str = r#"body{font:16px/1.5 -apple-system,"Noto Sans CJK SC",sans-serif;margin:0;background:#f4f6f8;color:#1f2329}
main{max-width:420px;margin:32px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px rgb(0 0 0/8%)}
h1{font-size:20px;margin:0 0 16px} dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px;margin:0 0 24px}
dt{color:#535b66} dd{margin:0;font-weight:600;overflow-wrap:anywhere} .amount{font-size:28px}
button{font:inherit;font-weight:600;width:100%;min-height:48px;border-radius:8px;margin-top:8px;cursor:pointer}
#pay{background:#1560d4;color:#fff;border:0} #cancel{background:#fff;color:#1560d4;border:1px solid #1560d4}
#result{margin-top:16px;font-weight:600}
"#;

/// The page's script, served as `/platform/pay/page.js` (no inline script under its CSP).
const PAGE_JS: &str = r#"const order = document.getElementById('order').textContent;
async function settle(outcome) {
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  const r = await fetch('/platform/pay/page/settle', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ order, outcome }) });
  const body = await r.json().catch(() => ({}));
  document.getElementById('status').textContent = body.order?.status || body.error?.code || String(r.status);
  document.getElementById('result').textContent = r.ok
    ? (outcome === 'success' ? '支付成功，请返回应用。Paid — go back to the app.' : '已取消。Cancelled.')
    : '操作失败 Failed: ' + (body.error?.message || r.status);
}
document.getElementById('pay').addEventListener('click', () => settle('success'));
document.getElementById('cancel').addEventListener('click', () => settle('cancelled'));
"#;

/// `GET /platform/pay/page.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", PAGE_CSS)
}

/// `GET /platform/pay/page.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", PAGE_JS)
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    let headers = [
        (header::CONTENT_TYPE, kind),
        (header::CACHE_CONTROL, "no-cache"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    (StatusCode::OK, headers, body).into_response()
}

/// The payment page of one order.
pub async fn page(
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
) -> Result<Response, ApiError> {
    let id = order_id(q.order)?;
    let lookup = id.clone();
    let order = match state.db.pg() {
        Some(pool) => crate::orders::pg::get(pool, &lookup).await?,
        None => state.db.call(move |conn| store::get(conn, &lookup)).await?,
    };
    let settled = order.status != "created" && order.status != "processing";
    let html = format!(
        r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>城市服务平台 · 缴费 Payment</title>
<link rel="stylesheet" href="/platform/pay/page.css">
</head>
<body><main>
<h1>城市服务平台缴费 · Pay on the city platform</h1>
<dl>
<dt>金额 Amount</dt><dd class="amount">¥{amount}</dd>
<dt>业务 Service</dt><dd>{service}</dd>
<dt>缴费编号 Reference</dt><dd>{reference}</dd>
<dt>订单号 Order</dt><dd id="order">{id}</dd>
<dt>状态 Status</dt><dd id="status">{status}</dd>
</dl>
<button id="pay" type="button"{disabled}>确认支付 Pay ¥{amount}</button>
<button id="cancel" type="button"{disabled}>取消 Cancel</button>
<p id="result" role="status"></p>
</main>
<script src="/platform/pay/page.js"></script>
</body></html>"#,
        amount = format_yuan(order.amount_fen),
        service = esc(&order.service),
        reference = esc(&order.reference),
        id = esc(&order.id),
        status = esc(&order.status),
        disabled = if settled { " disabled" } else { "" },
    );
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_SECURITY_POLICY, PAGE_CSP),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        html,
    )
        .into_response())
}

/// `POST /platform/pay/page/settle` `{"order","outcome":"success"|"cancelled"}`: the payment
/// page's Pay and Cancel. The order id is the capability (no token: the page is opened by
/// link or QR code, often on another device).
pub async fn settle(
    State(state): State<AppState>,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let JsonBody(body) = body?;
    let mut check = Checker::new(&body)?;
    let order = check.text("order", TOKEN);
    let outcome = check.choice("outcome", &["success", "cancelled"]);
    check.finish()?;
    let id = order_id(order)?;
    let outcome = match outcome {
        Some("success") => Outcome::Success,
        _ => Outcome::Cancelled,
    };
    let order = match state.db.pg() {
        Some(pool) => crate::orders::pg::settle(pool, &id, outcome).await?,
        None => state.db.call(move |conn| store::settle(conn, &id, outcome)).await?,
    };
    state.books.forget();
    Ok(Json(json!({ "order": order })))
}
