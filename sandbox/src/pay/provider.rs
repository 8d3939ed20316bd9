//! `POST /sandbox/provider/orders/{id}/settle`: a SANDBOX-ONLY stand-in for a host's payment
//! provider backend (the wallet's server), which the demo hosts' pay sheets call. It holds the
//! host's pay key — the browser never does — and, for the signed-in user of the Bearer token
//! (the wallet knows who pays), turns the sheet's confirm or cancel into a notification
//! signed exactly as a real provider's, delivered to the platform's verifier
//! ([`super::notify`]). Loopback peers only, like `/admin/tokens`: a real deployment has no
//! such route, its providers sign on their own servers.

use std::net::SocketAddr;

use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::Json;
use serde_json::{json, Value};

use crate::api::bad_path;
use crate::error::{ApiError, JsonBody};
use crate::identity::Caller;
use crate::ids::new_id;
use crate::orders::store;
use crate::time::now_ms;
use crate::validate::Checker;
use crate::AppState;

/// Signs and delivers the provider's notification of `outcome` for order `id`.
pub async fn settle(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    crate::faults::loopback_only(peer)?;
    let Path(id) = path.map_err(bad_path)?;
    let JsonBody(body) = body?;
    let mut check = Checker::new(&body)?;
    let outcome = check.choice("outcome", &["success", "failed", "cancelled", "processing"]);
    check.finish()?;
    let outcome = outcome.unwrap_or("processing");
    // The provider pays for its own signed-in user: a token is needed even under
    // `--dev-allow-anonymous`.
    let Some(user) = caller.0 else {
        let message = "the payment provider needs the host's identity token of the payer";
        return Err(ApiError::Unauthorized("missing_token", message.into()));
    };
    let host = user.split_once(':').map_or(user.as_str(), |(host, _)| host).to_string();
    let lookup = id.clone();
    let order = match state.db.pg() {
        Some(pool) => crate::orders::pg::get(pool, &lookup).await?,
        None => state.db.call(move |conn| store::get(conn, &lookup)).await?,
    };
    if order.user != user {
        return Err(ApiError::NotFound(format!("no order `{id}`")));
    }
    let Some(key) = state.pay_keys.get(&host).map(<[u8]>::to_vec) else {
        return Err(ApiError::NotFound(format!("no payment provider for host `{host}`")));
    };
    let notice = json!({
        "id": new_id("ntf"),
        "host": host,
        "order": order.id,
        "outcome": outcome,
        "amount_fen": order.amount_fen,
    });
    let bytes = notice.to_string().into_bytes();
    let header = super::notify::signature(&key, now_ms().div_euclid(1000), &bytes)?;
    let order = super::notify::receive(&state, Some(&header), &bytes).await?;
    Ok(Json(json!({ "order": order })))
}
