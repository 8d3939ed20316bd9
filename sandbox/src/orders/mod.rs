//! `/api/v1/orders`: idempotent payment orders and their settlement. The citizen (their host
//! page) may report `processing`, `failed` or `cancelled`; `success` is `403
//! payment_proof_required`: only the payment side pays ([`crate::pay::notify`]).

mod model;
pub mod pg;
pub mod store;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::api::bad_path;
use crate::error::{ApiError, JsonBody};
use crate::extract::{IdempotencyKey, QueryObject};
use crate::identity::Caller;
use crate::validate::{Checker, TOKEN};
use crate::AppState;

pub use model::{NewOrder, Order, Outcome, COLUMNS, MAX_AMOUNT_FEN};
pub use store::Created;

/// The order routes (nested under `/api`).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/orders", post(create).get(list))
        .route("/v1/orders/{id}", get(fetch))
        .route("/v1/orders/{id}/settle", post(settle))
}

/// The header set on an answer that replays an earlier idempotent request.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

async fn create(
    State(state): State<AppState>,
    caller: Caller,
    IdempotencyKey(key): IdempotencyKey,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let JsonBody(mut body) = body?;
    caller.claim(&mut body)?;
    let new = NewOrder::from_body(&body)?;
    let created = match state.db.pg() {
        Some(pool) => pg::create(pool, &key, &new, false).await?,
        None => state.db.call(move |conn| store::create(conn, &key, &new)).await?,
    };
    Ok(match created {
        Created::New(order) => {
            let location = format!("/api/v1/orders/{}", order.id);
            let mut response =
                (StatusCode::CREATED, Json(json!({ "order": order }))).into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Created::Replayed(order) => {
            let replayed = [(REPLAYED_HEADER, "true")];
            (StatusCode::OK, replayed, Json(json!({ "order": order }))).into_response()
        }
    })
}

/// The order `id` if the caller owns it, else `404` (never revealing that it exists).
fn owned(conn: &mut rusqlite::Connection, id: &str, caller: &Caller) -> Result<Order, ApiError> {
    match store::get(conn, id)? {
        order if caller.owns(&order.user) => Ok(order),
        _ => Err(ApiError::NotFound(format!("no order `{id}`"))),
    }
}

/// [`owned`] on PostgreSQL.
async fn owned_pg(
    pool: &crate::db::pg::Pool,
    id: &str,
    caller: &Caller,
) -> Result<Order, ApiError> {
    match pg::get(pool, id).await? {
        order if caller.owns(&order.user) => Ok(order),
        _ => Err(ApiError::NotFound(format!("no order `{id}`"))),
    }
}

async fn fetch(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = path.map_err(bad_path)?;
    let order = match state.db.pg() {
        Some(pool) => owned_pg(pool, &id, &caller).await?,
        None => state.db.call(move |conn| owned(conn, &id, &caller)).await?,
    };
    Ok(Json(json!({ "order": order })))
}

async fn settle(
    State(state): State<AppState>,
    caller: Caller,
    path: Result<Path<String>, PathRejection>,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = path.map_err(bad_path)?;
    let JsonBody(body) = body?;
    let outcome = Outcome::from_body(&body)?;
    if outcome == Outcome::Success {
        // The citizen's (or their host page's) word is no proof of payment.
        let message = "an order is paid only on proof from the payment side: the payment \
                       provider's signed notification (`POST /platform/pay/notify`) or the \
                       platform's payment page";
        return Err(ApiError::Denied("payment_proof_required", message.into()));
    }
    let order = match state.db.pg() {
        Some(pool) => {
            owned_pg(pool, &id, &caller).await?;
            pg::settle(pool, &id, outcome).await?
        }
        None => {
            state
                .db
                .call(move |conn| {
                    owned(conn, &id, &caller)?;
                    store::settle(conn, &id, outcome)
                })
                .await?
        }
    };
    state.books.forget();
    Ok(Json(json!({ "order": order })))
}

async fn list(
    State(state): State<AppState>,
    caller: Caller,
    QueryObject(query): QueryObject,
) -> Result<Json<Value>, ApiError> {
    let mut check = Checker::query(&query)?;
    let reference = check.text("reference", TOKEN);
    check.finish()?;
    let reference = reference.unwrap_or_default();
    let orders = match state.db.pg() {
        Some(pool) => pg::by_reference(pool, &reference).await?,
        None => state.db.call(move |conn| store::by_reference(conn, &reference)).await?,
    };
    let orders: Vec<Order> = orders.into_iter().filter(|order| caller.owns(&order.user)).collect();
    Ok(Json(json!({ "orders": orders })))
}
