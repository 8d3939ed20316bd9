//! The civil-affairs bureaus: marriage-registration booking with its registries, periods,
//! status and cancelling on `/hub/civil/...`.
//!
//! Codes (`code`): `0` success, `7000` malformed request, `7001`–`7006` refusals, `7100` no
//! such booking, `7101` too late to cancel, `9999` busy.

pub mod booking;
pub mod offices;

use serde_json::Value;

use super::cities::{self, listed, City};
use super::dialect::Dialect;
use super::lifecycle;
use super::route::{Handler, Resolve, Route};

/// The department id suffix, e.g. `hz-civil-affairs`.
pub const SUFFIX: &str = "civil-affairs";

/// The envelope `{"code","msg","data"}`.
pub static DIALECT: Dialect = Dialect {
    code: "code",
    msg: "msg",
    data: "data",
    numeric: false,
    busy: ("9999", "系统繁忙"),
    missing: ("7100", "预约记录不存在"),
    invalid: &[("*", "7000", "预约信息不完整或格式错误")],
};

fn by_office(body: &Value, header: Option<&str>) -> Option<&'static City> {
    let code = body.get("office").and_then(Value::as_str).unwrap_or_default();
    cities::of_district(code).or_else(|| cities::named_or_hangzhou(body, header))
}

/// Every civil-affairs route.
pub fn routes() -> Vec<Route> {
    let mut routes: Vec<Route> = listed("hz bj sh gz sz nb qd wh")
        .map(|city| {
            Route::dept(city, SUFFIX, "marriage-booking", "marriage-registration").answers(
                &DIALECT,
                "default",
                booking::book,
            )
        })
        .collect();
    let hubs: [(&str, &'static str, Resolve, Handler); 6] = [
        (
            "/hub/civil/marriage-offices",
            "options-offices",
            cities::named_or_hangzhou,
            offices::offices,
        ),
        ("/hub/civil/marriage-slots", "options-slots", by_office, offices::office_periods),
        ("/hub/civil/marriage-status", "status", cities::by_reference, |call| {
            lifecycle::status(call, booking::seeded)
        }),
        ("/hub/civil/marriage-cancel", "cancel", cities::by_reference, |call| {
            lifecycle::cancel(call, &booking::CANCELLING)
        }),
        ("/hub/civil/marriage-confirm", "confirm", cities::by_reference, |call| {
            lifecycle::confirm(call, &booking::HOLDING)
        }),
        ("/hub/civil/marriage-release", "release", cities::by_reference, |call| {
            lifecycle::release(call, &booking::HOLDING)
        }),
    ];
    for (path, shape, resolve, handler) in hubs {
        routes.push(Route::hub(path, SUFFIX, shape, resolve).answers(&DIALECT, shape, handler));
    }
    routes
}
