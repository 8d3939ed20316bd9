//! Payment proof: `POST /platform/pay/notify`, the signed asynchronous notification of a
//! host's payment provider (its wallet backend), the only way besides the platform's own
//! payment page ([`super::page`]) that an order becomes `paid`. A citizen's own word
//! (`POST /api/v1/orders/{id}/settle` with `success`) never pays.
//!
//! The provider signs `"{t}.{body}"` — `t` the Unix time in seconds, `body` the exact bytes
//! sent — with HMAC-SHA256 and its host's pay key (`--pay-key HOST=SECRET`), and sends
//! `citypanel-signature: t=<t>,v1=<64 lowercase hex>` with a JSON body
//! `{"id","host","order","outcome","amount_fen"}`. The platform checks, in this order: the
//! header's shape, the host's key, the time (within [`TOLERANCE_S`] of its clock either way),
//! the signature (constant-time), that the notification id was never seen before (ids are
//! used once, whatever their result), that the order is one of the host's users' and that
//! the amount is the order's.

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::error::ApiError;
use crate::identity::HostKeys;
use crate::orders::{store, Order, Outcome};
use crate::time::now_ms;
use crate::validate::{Checker, TOKEN};
use crate::AppState;

type HmacSha256 = Hmac<Sha256>;

/// The header carrying the provider's signature.
pub const SIGNATURE_HEADER: &str = "citypanel-signature";

/// How far a notification's time may be from the platform's clock, in seconds (5 minutes).
pub const TOLERANCE_S: i64 = 300;

/// SANDBOX-ONLY payment-notification keys of the demo hosts' payment providers, used when no
/// `--pay-key` is given. Public: never use them outside the sandbox.
pub const DEV_PAY_KEYS: [(&str, &str); 4] = [
    ("wallet", "sandbox-dev-only-wallet-pay-key-1"),
    ("microblog", "sandbox-dev-only-microblog-pay-k2"),
    ("shop", "sandbox-dev-only-shop-pay-key-003"),
    ("messenger", "sandbox-dev-only-messenger-pay-4"),
];

/// The built-in sandbox-only [`DEV_PAY_KEYS`].
pub fn dev_pay_keys() -> HostKeys {
    let mut keys = HostKeys::default();
    for (host, key) in DEV_PAY_KEYS {
        keys.insert(host, key);
    }
    keys
}

fn mac(key: &[u8]) -> Result<HmacSha256, ApiError> {
    // HMAC takes a key of any length; the error cannot happen.
    <HmacSha256 as Mac>::new_from_slice(key)
        .map_err(|_| ApiError::Internal("hmac refused a key".into()))
}

/// The `citypanel-signature` value for `body` sent at `t` (Unix seconds), signed with `key`.
pub fn signature(key: &[u8], t: i64, body: &[u8]) -> Result<String, ApiError> {
    let mut mac = mac(key)?;
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    Ok(format!("t={t},v1={hex}"))
}

fn unauthorized(code: &'static str, message: &str) -> ApiError {
    ApiError::Unauthorized(code, message.to_string())
}

/// Reads `t=<digits>,v1=<64 hex>` (in either order, nothing else).
fn parse_header(value: &str) -> Result<(i64, Vec<u8>), ApiError> {
    let bad = || {
        let message = format!("header `{SIGNATURE_HEADER}` must be `t=<unix seconds>,v1=<64 hex>`");
        unauthorized("invalid_signature", &message)
    };
    let (mut t, mut v1) = (None, None);
    for part in value.split(',') {
        match part.trim().split_once('=') {
            Some(("t", n)) if t.is_none() && !n.is_empty() && n.len() <= 12 => {
                t = Some(n.parse::<i64>().map_err(|_| bad())?);
            }
            Some(("v1", hex)) if v1.is_none() && hex.len() == 64 => {
                let bytes = (0..32)
                    .map(|i| hex.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
                    .collect::<Option<Vec<u8>>>()
                    .ok_or_else(bad)?;
                v1 = Some(bytes);
            }
            _ => return Err(bad()),
        }
    }
    match (t, v1) {
        (Some(t), Some(v1)) => Ok((t, v1)),
        _ => Err(bad()),
    }
}

/// A verified notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The provider's notification id (used once).
    pub id: String,
    /// The host whose provider signed it.
    pub host: String,
    /// The platform order.
    pub order: String,
    /// What the payment came to.
    pub outcome: Outcome,
    /// The amount taken, in fen.
    pub amount_fen: i64,
}

/// Checks the signature header and body against the pay keys at `now_s`: `401` with a
/// precise code when it is not the provider's, `400`/`422` when the body is unreadable.
pub fn verify(
    keys: &HostKeys,
    header: Option<&str>,
    body: &[u8],
    now_s: i64,
) -> Result<Notice, ApiError> {
    let Some(header) = header else {
        let message = format!("a payment notification needs header `{SIGNATURE_HEADER}`");
        return Err(unauthorized("missing_signature", &message));
    };
    let (t, claimed) = parse_header(header)?;
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::BadRequest(format!("invalid json body: {e}")))?;
    let mut check = Checker::new(&value)?;
    let id = check.text("id", TOKEN);
    let host = check.text("host", TOKEN);
    let order = check.text("order", TOKEN);
    let outcome = check.choice("outcome", &["success", "failed", "cancelled", "processing"]);
    let amount_fen = check.integer("amount_fen", 1, crate::orders::MAX_AMOUNT_FEN);
    check.finish()?;
    let (Some(id), Some(host), Some(order), Some(outcome), Some(amount_fen)) =
        (id, host, order, outcome, amount_fen)
    else {
        return Err(ApiError::BadRequest("a notification field is missing".into()));
    };
    let Some(key) = keys.get(&host) else {
        return Err(unauthorized("unknown_host", &format!("no pay key for host `{host}`")));
    };
    if (now_s - t).abs() > TOLERANCE_S {
        let message = format!(
            "the notification was signed at `{t}`, more than {TOLERANCE_S} s from the platform's \
             clock (`{now_s}`)"
        );
        return Err(unauthorized("stale_notification", &message));
    }
    let mut mac = mac(key)?;
    mac.update(t.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&claimed).map_err(|_| {
        unauthorized("bad_signature", "the notification's signature does not match its body")
    })?;
    let outcome = Outcome::from_body(&json!({ "outcome": outcome }))?;
    Ok(Notice { id, host, order, outcome, amount_fen })
}

/// Verifies a notification and applies it: the order's new state, or why not.
pub async fn receive(
    state: &AppState,
    header: Option<&str>,
    body: &[u8],
) -> Result<Order, ApiError> {
    let notice = verify(&state.pay_keys, header, body, now_ms().div_euclid(1000))?;
    let order = match state.db.pg() {
        Some(pool) => apply_pg(pool, &notice).await?,
        None => state.db.call(move |conn| apply(conn, &notice)).await?,
    };
    state.books.forget();
    Ok(order)
}

/// Records the notification id (once: `409 notification_replayed` after) and settles the
/// order with its outcome.
pub fn apply(conn: &mut rusqlite::Connection, notice: &Notice) -> Result<Order, ApiError> {
    let tx = crate::db::immediate(conn)?;
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO pay_notifications (id, host, order_id, received_ms) \
         VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![notice.id, notice.host, notice.order, now_ms()],
    )?;
    if inserted == 0 {
        let message =
            format!("notification `{}` was received before; ids are used once", notice.id);
        return Err(ApiError::Conflict("notification_replayed", message));
    }
    tx.commit()?;
    let order = store::get(conn, &notice.order)?;
    check(&order, notice)?;
    store::settle(conn, &notice.order, notice.outcome)
}

/// [`apply`] on PostgreSQL: the notification id is recorded once across every instance.
async fn apply_pg(pool: &crate::db::pg::Pool, notice: &Notice) -> Result<Order, ApiError> {
    use crate::orders::pg;
    pg::record_notification(pool, &notice.id, &notice.host, &notice.order).await?;
    let order = pg::get(pool, &notice.order).await?;
    check(&order, notice)?;
    pg::settle(pool, &notice.order, notice.outcome).await
}

/// A provider pays its own host's users' orders only, and exactly their amount.
fn check(order: &Order, notice: &Notice) -> Result<(), ApiError> {
    if let Some((host, _)) = order.user.split_once(':') {
        if host != notice.host {
            let message =
                format!("order `{}` is not one of host `{}`'s users'", order.id, notice.host);
            return Err(ApiError::Denied("wrong_host", message));
        }
    }
    if notice.amount_fen != order.amount_fen {
        let message = format!(
            "amount_fen must be the order's `{}`, got `{}`",
            order.amount_fen, notice.amount_fen
        );
        return Err(ApiError::field("/amount_fen", "amount_mismatch", message));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> HostKeys {
        dev_pay_keys()
    }

    fn body(order: &str) -> Vec<u8> {
        let v = json!({"id": "ntf_1", "host": "wallet", "order": order, "outcome": "success", "amount_fen": 20000});
        v.to_string().into_bytes()
    }

    #[test]
    fn a_signed_fresh_notification_verifies() {
        let b = body("ord_1");
        let key = keys().get("wallet").map(<[u8]>::to_vec).unwrap_or_default();
        let header = signature(&key, 1_000, &b).expect("sign");
        let notice = verify(&keys(), Some(&header), &b, 1_100).expect("verifies");
        assert_eq!(notice.order, "ord_1");
        assert_eq!(notice.outcome, Outcome::Success);
    }

    #[test]
    fn unsigned_wrongly_signed_tampered_and_stale_are_refused() {
        let b = body("ord_1");
        let code = |r: Result<Notice, ApiError>| r.map(|_| "ok").unwrap_or_else(|e| e.code());
        assert_eq!(code(verify(&keys(), None, &b, 1_000)), "missing_signature");
        for bad in ["", "t=1", "v1=00", "t=x,v1=", "t=1,v1=zz", "t=1,v1=00,x=1"] {
            assert_eq!(code(verify(&keys(), Some(bad), &b, 1_000)), "invalid_signature", "{bad}");
        }
        let other = signature(b"not-the-wallet-pay-key-000", 1_000, &b).expect("sign");
        assert_eq!(code(verify(&keys(), Some(&other), &b, 1_000)), "bad_signature");
        let key = keys().get("wallet").map(<[u8]>::to_vec).unwrap_or_default();
        let good = signature(&key, 1_000, &b).expect("sign");
        assert_eq!(code(verify(&keys(), Some(&good), &body("ord_2"), 1_000)), "bad_signature");
        assert_eq!(code(verify(&keys(), Some(&good), &b, 1_301)), "stale_notification");
        assert_eq!(code(verify(&keys(), Some(&good), &b, 699)), "stale_notification");
        assert_eq!(code(verify(&keys(), Some(&good), &b, 1_300)), "ok");
        // The same body signed by another host's key: that host has no claim on it.
        let shop = keys().get("shop").map(<[u8]>::to_vec).unwrap_or_default();
        let shop_signed = signature(&shop, 1_000, &b).expect("sign");
        assert_eq!(code(verify(&keys(), Some(&shop_signed), &b, 1_000)), "bad_signature");
    }
}
