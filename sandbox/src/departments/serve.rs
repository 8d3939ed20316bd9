//! The axum side of a [`Route`]: extracting the request, fault injection in the department's
//! own "busy" shape, the descriptor's validation, then the handler.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Extension, Json};
use citypanel_descriptor::ServiceKind;
use serde_json::Value;

use super::books::{self, Books};
use super::check::{check, Refusal};
use super::cities;
use super::desk::Desk;
use super::idempotency;
use super::payments;
use super::route::{Call, Place, Route, CITY_HEADER};
use super::util;
use crate::db::DbError;
use crate::error::{ApiError, JsonBody};
use crate::faults::FaultMode;
use crate::AppState;

impl Route {
    /// The axum method router for this route.
    pub fn method_router(self) -> MethodRouter<AppState> {
        let route = Arc::new(self);
        if route.get {
            get(
                move |State(state): State<AppState>,
                      Extension(desk): Extension<Desk>,
                      headers: HeaderMap,
                      query: Result<Query<BTreeMap<String, String>>, QueryRejection>| {
                    let route = Arc::clone(&route);
                    let query = query.map(|q| q.0).unwrap_or_default();
                    async move { serve(&route, state, desk, &headers, query, Ok(Value::Null)).await }
                },
            )
        } else {
            post(
                move |State(state): State<AppState>,
                      Extension(desk): Extension<Desk>,
                      headers: HeaderMap,
                      body: Result<JsonBody<Value>, ApiError>| {
                    let route = Arc::clone(&route);
                    async move { serve_post(&route, state, desk, &headers, body.map(|b| b.0)).await }
                },
            )
        }
    }
}

/// A `POST`: with an `Idempotency-Key`, done once per key ([`idempotency`]); without, served.
async fn serve_post(
    route: &Route,
    state: AppState,
    desk: Desk,
    headers: &HeaderMap,
    body: Result<Value, ApiError>,
) -> Response {
    let key = match idempotency::key(headers) {
        Ok(Some(key)) => key,
        Ok(None) => return serve(route, state, desk, headers, BTreeMap::new(), body).await,
        Err(error) => return error.into_response(),
    };
    // An unreadable body is refused before the key is taken: a retry may send it right.
    let body = match body {
        Ok(body) => body,
        Err(error) => return serve(route, state, desk, headers, BTreeMap::new(), Err(error)).await,
    };
    let query = BTreeMap::new();
    let city = headers.get(CITY_HEADER).and_then(|v| v.to_str().ok());
    // A read (a bill, a status poll, options) is answered afresh: replaying it would show a
    // bill unpaid after it was paid.
    if !changes_state(route, &state, &desk, &body, city) {
        return serve(route, state, desk, headers, query, Ok(body)).await;
    }
    let fingerprint = idempotency::fingerprint(&body, &query, city);
    let entry = match state.dept_replies.entry(&route.path, &key, fingerprint) {
        Ok(entry) => entry,
        Err(error) => return error.into_response(),
    };
    let first = || run(route, state.clone(), desk, headers, query.clone(), Ok(body.clone()));
    match entry.answer(first).await {
        Ok(((status, body), replayed)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response = (status, Json(body)).into_response();
            if replayed {
                response.headers_mut().insert(
                    idempotency::REPLAYED_HEADER,
                    axum::http::HeaderValue::from_static("true"),
                );
            }
            response
        }
        Err(response) => response,
    }
}

/// Whether a `POST` to `route` changes something at the department: a transaction's
/// request (`booking`: a hold; `transaction`: an application, a renewal, a reminder) or a lifecycle's `confirm`,
/// `release` or `cancel`. Queries, status polls and options are reads.
fn changes_state(
    route: &Route,
    state: &AppState,
    desk: &Desk,
    body: &Value,
    header_city: Option<&str>,
) -> bool {
    let Some(service) = route.service.filter(|_| !route.person) else {
        return matches!(route.shape, "confirm" | "release" | "cancel");
    };
    let city = match route.place {
        Place::City(code) => cities::by_code(code),
        Place::Hub(resolve) => resolve(body, header_city),
    };
    city.and_then(|city| desk.descriptor(&state.catalog, service, city.code))
        .is_some_and(|d| matches!(d.kind, ServiceKind::Transaction | ServiceKind::Booking))
}

/// Answers one request ([`run`]).
pub async fn serve(
    route: &Route,
    state: AppState,
    desk: Desk,
    headers: &HeaderMap,
    query: BTreeMap<String, String>,
    body: Result<Value, ApiError>,
) -> Response {
    match run(route, state, desk, headers, query, body).await {
        Ok((status, body)) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            (status, Json(body)).into_response()
        }
        Err(response) => response,
    }
}

/// Answers one request: faults of the department first, then the body, the descriptor's
/// validation (`422 validation_failed` in the platform shape when an input breaks its rule;
/// the department's own "invalid parameter" answer when a template constant differs), the
/// city's books of platform payments (paying services only), and the handler. `Ok` is the
/// handler's answer (status, body); `Err` anything answered before it.
async fn run(
    route: &Route,
    state: AppState,
    desk: Desk,
    headers: &HeaderMap,
    query: BTreeMap<String, String>,
    body: Result<Value, ApiError>,
) -> Result<(u16, Value), Response> {
    let null = Value::Null;
    let header_city = headers.get(CITY_HEADER).and_then(|v| v.to_str().ok());
    let city = match route.place {
        Place::City(code) => cities::by_code(code),
        Place::Hub(resolve) => resolve(body.as_ref().unwrap_or(&null), header_city),
    };
    if let Some(city) = city {
        let department = route.department(city);
        let busy = state.faults.get(&department).mode == FaultMode::Error;
        if let Some(faulty) = state.faults.apply(&department, &state.shutdown).await {
            return Err(if busy { Json(route.dialect.busy()).into_response() } else { faulty });
        }
    }
    let body = match body {
        Ok(body) => body,
        Err(error) => return Err(error.into_response()),
    };
    let Some(city) = city else {
        return Err(Json(route.dialect.missing()).into_response());
    };
    let checked = route.service.filter(|_| !route.person);
    if let Some(d) = checked.and_then(|s| desk.descriptor(&state.catalog, s, city.code)) {
        match check(&d, &body, &query) {
            Ok(()) => {}
            Err(Refusal::Inputs(fields)) => return Err(ApiError::Invalid(fields).into_response()),
            Err(Refusal::Constant) => return Err(Json(route.dialect.invalid("")).into_response()),
        }
    }
    let books = match route.service.filter(|s| payments::is_paying(s)) {
        Some(_) => {
            let code = city.code;
            // On PostgreSQL other instances pay too: the books are read every time, never
            // cached in this process.
            let cached = if state.db.pg().is_some() { (None, 0) } else { state.books.get(code) };
            match cached {
                (Some(books), _) => books,
                (None, generation) => {
                    let read = match state.db.pg() {
                        Some(pool) => crate::db::pg::books(pool, code).await,
                        None => {
                            state
                                .db
                                .call(move |conn| books::read(conn, code).map_err(DbError::from))
                                .await
                        }
                    };
                    match read {
                        Ok(rows) => {
                            let books = Books::from_settlements(code, rows);
                            state.books.put(code, books.clone(), generation);
                            books
                        }
                        Err(_) => return Err(Json(route.dialect.busy()).into_response()),
                    }
                }
            }
        }
        None => Books::default(),
    };
    let call = Call {
        body: &body,
        query: &query,
        city,
        desk: &desk,
        today: util::today(),
        dialect: route.dialect,
        books: &books,
        hold_ms: state.hold_ms,
    };
    let answer = (route.handler)(&call);
    Ok((answer.status, answer.body))
}
