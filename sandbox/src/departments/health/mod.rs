//! The health commissions' platforms: hospital registration (with its hospital → department →
//! doctor → slot cascade, status and cancelling on `/hub/health/...`) and lab reports.
//!
//! Registration codes (`resultCode`): `0` success, `1000` malformed request, `1001`–`1005`
//! refusals, `1100` no such order, `1101` too late to cancel, `9999` busy. Lab codes (`code`,
//! numbers): `200` success, `4000` malformed request, `4001`–`4003`, `5000` busy.

pub mod hospitals;
pub mod lab;
pub mod options;
pub mod registration;

use serde_json::Value;

use super::cities::{self, listed, City};
use super::dialect::Dialect;
use super::lifecycle;
use super::route::{Handler, Resolve, Route};

/// The department id suffix, e.g. `hz-health`.
pub const SUFFIX: &str = "health";

/// The registration platform's envelope `{"resultCode","resultMsg","data"}`.
pub static REGISTRATION: Dialect = Dialect {
    code: "resultCode",
    msg: "resultMsg",
    data: "data",
    numeric: false,
    busy: ("9999", "系统繁忙"),
    missing: ("1100", "预约记录不存在"),
    invalid: &[
        ("name", "1003", "实名信息校验不通过"),
        ("id_number", "1003", "实名信息校验不通过"),
        ("*", "1000", "请求参数错误"),
    ],
};

/// The lab-report service's envelope `{"code","msg","data"}`, numeric codes.
pub static LAB: Dialect = Dialect {
    code: "code",
    msg: "msg",
    data: "data",
    numeric: true,
    busy: ("5000", "系统繁忙"),
    missing: ("4001", "报告单不存在"),
    invalid: &[
        ("report_no", "4001", "报告单不存在"),
        ("id_number", "4003", "身份信息不符"),
        ("*", "4000", "请求参数错误"),
    ],
};

fn by_hospital(body: &Value, header: Option<&str>) -> Option<&'static City> {
    let id = body.get("hospital").and_then(Value::as_str).unwrap_or_default();
    id.get(1..).and_then(cities::of_district).or_else(|| cities::named_or_hangzhou(body, header))
}

/// Every health route.
pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    for city in listed("hz bj sh gz sz nb nc qd wh") {
        let r = Route::dept(city, SUFFIX, "registration", "hospital-registration");
        routes.push(r.answers(&REGISTRATION, "default", registration::register));
    }
    for city in listed("hz sh gz sz nb fs wh") {
        let r = Route::dept(city, SUFFIX, "lab-reports", "lab-reports");
        routes.push(r.answers(&LAB, "default", lab::report));
    }
    let hubs: [(&str, &'static str, Resolve, Handler); 8] = [
        (
            "/hub/health/hospitals",
            "options-hospitals",
            cities::named_or_hangzhou,
            options::hospitals,
        ),
        ("/hub/health/departments", "options-departments", by_hospital, options::depts),
        ("/hub/health/doctors", "options-doctors", by_hospital, options::doctors_on),
        ("/hub/health/slots", "options-slots", by_hospital, options::doctor_slots),
        ("/hub/health/status", "status", cities::by_reference, |call| {
            lifecycle::status(call, registration::seeded)
        }),
        ("/hub/health/cancel", "cancel", cities::by_reference, |call| {
            lifecycle::cancel(call, &registration::CANCELLING)
        }),
        ("/hub/health/confirm", "confirm", cities::by_reference, |call| {
            lifecycle::confirm(call, &registration::HOLDING)
        }),
        ("/hub/health/release", "release", cities::by_reference, |call| {
            lifecycle::release(call, &registration::HOLDING)
        }),
    ];
    for (path, shape, resolve, handler) in hubs {
        routes.push(Route::hub(path, SUFFIX, shape, resolve).answers(
            &REGISTRATION,
            shape,
            handler,
        ));
    }
    routes
}
