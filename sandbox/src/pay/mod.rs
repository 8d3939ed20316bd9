//! `/platform/pay/orders` and `/platform/pay/status`: the payment endpoints the catalog's `pay`
//! actions and payment lifecycles name, a thin façade over the orders store
//! ([`crate::orders`]). The `orderNo` is the order id; it becomes `paid` only on proof from
//! the payment side: the host's payment provider's signed notification
//! (`POST /platform/pay/notify`, [`notify`]) or the platform's own payment page ([`page`]). A reference its department already counts as paid
//! ([`crate::departments::payments`]) cannot be ordered again (`409 already_paid`). For hosts
//! without a wallet: the payment page ([`page`]) and its QR code ([`qr`]).

pub mod answer;
pub mod notify;
pub mod page;
pub mod provider;
pub mod qr;
pub mod request;

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::Value;

use crate::departments::books::Settlement;
use crate::departments::payments;
use crate::error::{ApiError, JsonBody};
use crate::extract::{IdempotencyKey, CITY_HEADER};
use crate::identity::Caller;
use crate::orders::store;
use crate::orders::{Created, REPLAYED_HEADER};
use crate::validate::{Checker, TOKEN};
use crate::AppState;

/// The platform payment routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/platform/pay/orders", post(create))
        .route("/platform/pay/status", post(status))
        .route("/platform/pay/page", axum::routing::get(page::page))
        .route("/platform/pay/page.css", axum::routing::get(page::style))
        .route("/platform/pay/page.js", axum::routing::get(page::script))
        .route("/platform/pay/page/settle", post(page::settle))
        .route("/platform/pay/notify", post(notify_route))
        .route("/sandbox/provider/orders/{id}/settle", post(provider::settle))
        .route("/platform/pay/qr", axum::routing::get(qr::qr))
}

async fn create(
    State(state): State<AppState>,
    caller: Caller,
    headers: HeaderMap,
    IdempotencyKey(key): IdempotencyKey,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let JsonBody(body) = body?;
    let header_city = headers.get(CITY_HEADER).and_then(|v| v.to_str().ok());
    let new = request::new_order(&body, header_city, caller.0.clone(), &state.catalog)?;
    let created = if let Some(pool) = state.db.pg() {
        crate::orders::pg::create(pool, &key, &new, true).await?
    } else {
        state
            .db
            .call(move |conn| {
                if store::keyed(conn, &key)?.is_none() {
                    if payments::is_settled(conn, &new.service, &new.city, &new.reference)? {
                        return Err(ApiError::Conflict(
                            "already_paid",
                            format!("reference `{}` is already paid", new.reference),
                        ));
                    }
                    // An order being paid that would settle this one too: the same reference (the
                    // store answers that itself) or a linked one (the decision naming a violation
                    // record, the record a decision names).
                    for moving in store::processing_in(conn, &new.city)? {
                        let payment = Settlement {
                            service: moving.service.clone(),
                            reference: moving.reference.clone(),
                            amount_fen: moving.amount_fen,
                            paid_ms: 0,
                        };
                        let linked = moving.reference != new.reference
                            && payments::would_settle(
                                &payment,
                                &new.city,
                                &new.service,
                                &new.reference,
                            );
                        if linked {
                            let order = (moving.user == new.user).then_some(moving.id);
                            return Err(ApiError::InFlight {
                                reference: new.reference.clone(),
                                order,
                            });
                        }
                    }
                }
                store::create(conn, &key, &new)
            })
            .await?
    };
    Ok(match created {
        Created::New(order) => {
            let location = format!("/api/v1/orders/{}", order.id);
            let answer = Json(answer::created(&order));
            let mut response = (StatusCode::CREATED, answer).into_response();
            if let Ok(value) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(header::LOCATION, value);
            }
            response
        }
        Created::Replayed(order) => {
            let replayed = [(REPLAYED_HEADER, "true")];
            (StatusCode::OK, replayed, Json(answer::created(&order))).into_response()
        }
    })
}

/// `POST /platform/pay/notify`: a payment provider's signed notification ([`notify`]).
async fn notify_route(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let bytes = body.map_err(crate::extract::body_error)?;
    let header = match headers.get(notify::SIGNATURE_HEADER) {
        Some(value) => Some(value.to_str().map_err(|_| {
            let message = format!("header `{}` must be ascii", notify::SIGNATURE_HEADER);
            ApiError::Unauthorized("invalid_signature", message)
        })?),
        None => None,
    };
    let order = notify::receive(&state, header, &bytes).await?;
    Ok(Json(serde_json::json!({ "order": order })))
}

async fn status(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let JsonBody(body) = body?;
    let mut check = Checker::new(&body)?;
    let reference = check.text("reference", TOKEN);
    check.finish()?;
    let id = reference.unwrap_or_default();
    if let Some(pool) = state.db.pg() {
        return match crate::orders::pg::get(pool, &id).await? {
            order if caller.owns(&order.user) => {
                let paid_elsewhere = crate::orders::pg::paid_elsewhere(pool, &order).await?;
                Ok(Json(answer::status(&order, paid_elsewhere)))
            }
            _ => Err(ApiError::NotFound(format!("no order `{id}`"))),
        };
    }
    let reply = state
        .db
        .call(move |conn| match store::get(conn, &id)? {
            order if caller.owns(&order.user) => {
                let paid_elsewhere = store::paid_elsewhere(conn, &order)?;
                Ok(answer::status(&order, paid_elsewhere))
            }
            _ => Err(ApiError::NotFound(format!("no order `{id}`"))),
        })
        .await?;
    Ok(Json(reply))
}
