//! The platform payment answers, as pinned by `tests/fixtures/responses/platform-pay/`:
//! `{"orderNo","state","amount"}` for a created order and the status of an order by state.

use citypanel_descriptor::rules::format_yuan;
use serde_json::{json, Value};

use crate::ids::hash;
use crate::orders::Order;
use crate::time::{beijing14, iso_of14};

/// The state word of an order: `created`, `processing`, `paid`, `failed`, `cancelled`.
pub fn state(order: &Order) -> &str {
    match order.status.as_str() {
        "processing" | "paid" | "failed" | "cancelled" => &order.status,
        _ => "created",
    }
}

/// `{"orderNo","state","amount"}`, the answer to `POST /platform/pay/orders`.
pub fn created(order: &Order) -> Value {
    json!({
        "orderNo": order.id,
        "state": state(order),
        "amount": format_yuan(order.amount_fen),
    })
}

/// The payment channel's serial number of a paid order: 20 digits derived from the order.
pub fn channel_serial(order: &Order) -> String {
    format!("42{:018}", hash(&["channel", &order.id]) % 1_000_000_000_000_000_000)
}

/// The answer to `POST /platform/pay/status`.
/// `paid_elsewhere`: another order of the same bill is paid — then an unpaid order answers
/// `cancelled` with the reason `already-paid` (it can never be paid; nothing was taken for it).
pub fn status(order: &Order, paid_elsewhere: bool) -> Value {
    let no = &order.id;
    if let (true, "created" | "failed" | "cancelled") = (paid_elsewhere, state(order)) {
        return json!({
            "orderNo": no,
            "state": "cancelled",
            "reason": "already-paid",
            "message": "该账单已由另一笔订单缴清，本单未扣款",
        });
    }
    match state(order) {
        "paid" => json!({
            "orderNo": no,
            "state": "paid",
            "amount": format_yuan(order.amount_fen),
            "paidAt": order.paid_ms.map(|ms| iso_of14(&beijing14(ms))),
            "channelSerial": channel_serial(order),
        }),
        "failed" => json!({
            "orderNo": no,
            "state": "failed",
            "reason": "payment-failed",
            "message": "支付未成功，款项未扣除",
        }),
        "cancelled" => json!({
            "orderNo": no,
            "state": "cancelled",
            "reason": "user-cancelled",
            "message": "支付已取消",
        }),
        other => json!({ "orderNo": no, "state": other }),
    }
}
