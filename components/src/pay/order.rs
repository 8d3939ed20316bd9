//! A payment order on the platform, in plain Rust: the order's request body and reading the
//! platform's answers (the order number, the order's status).

use super::machine::OrderStatus;
use citypanel_descriptor::rules::format_yuan as yuan;
use serde_json::{json, Value as Json};

/// The body of a payment order.
pub fn order_body(service: &str, city: &str, reference: &str, fen: i64) -> Json {
    json!({ "service": service, "city": city, "reference": reference, "amount": yuan(fen) })
}

/// Why an order was not created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderRefusal {
    AlreadyPaid,
    /// The citizen's own earlier order of the bill is being paid (`409 payment_in_progress`
    /// naming it): reconcile that order instead of paying twice.
    InFlight(String),
    /// Someone else's order of the bill is being paid (`payment_in_progress` naming none).
    Busy,
    Other(String),
}

/// Reads the platform's answer to an order creation: the order number.
pub fn read_order(status: u16, body: &str) -> Result<String, OrderRefusal> {
    let json: Json = serde_json::from_str(body).unwrap_or(Json::Null);
    let code = json.pointer("/error/code").and_then(Json::as_str);
    if code == Some("already_paid") {
        return Err(OrderRefusal::AlreadyPaid);
    }
    if code == Some("payment_in_progress") {
        return match json.pointer("/error/order") {
            None => Err(OrderRefusal::Busy),
            Some(Json::String(order)) if !order.is_empty() => {
                Err(OrderRefusal::InFlight(order.clone()))
            }
            Some(other) => Err(OrderRefusal::Other(format!(
                "`payment_in_progress` with an unreadable `order`: {other}"
            ))),
        };
    }
    if !(200..300).contains(&status) {
        let msg = json.pointer("/error/message").and_then(Json::as_str).unwrap_or("");
        return Err(OrderRefusal::Other(format!(
            "order refused with http {status} `{}`: {msg}",
            code.unwrap_or("?")
        )));
    }
    match json.get("orderNo").and_then(Json::as_str) {
        Some(no) if !no.is_empty() => Ok(no.to_string()),
        _ => Err(OrderRefusal::Other("the order answer has no `orderNo`".into())),
    }
}

/// Reads an order status answer (`state`: created, processing, paid, failed, cancelled).
pub fn read_status(status: u16, body: &str) -> Option<OrderStatus> {
    if !(200..300).contains(&status) {
        return None;
    }
    let json: Json = serde_json::from_str(body).ok()?;
    Some(match json.get("state")?.as_str()? {
        "created" => OrderStatus::Created,
        "processing" => OrderStatus::Processing,
        "paid" => OrderStatus::Paid,
        "failed" => OrderStatus::Failed,
        "cancelled" if json.get("reason").and_then(Json::as_str) == Some("already-paid") => {
            OrderStatus::PaidElsewhere
        }
        "cancelled" => OrderStatus::Cancelled,
        _ => return None,
    })
}
