//! The vehicle administrations (车辆管理所): driving-licence points and annual-inspection
//! booking with its stations, slots, status and cancelling on `/hub/traffic/...`.
//!
//! Codes: `0000` success, `E1001` malformed plate, `E1003` other malformed parameter,
//! `E4001`/`E4002` licence, `E6001`–`E6005` booking, `E6100` no such booking, `E6101` too late
//! to cancel, `E5000` busy.

pub mod inspection;
pub mod licence;
pub mod stations;

use serde_json::Value;

use super::cities::{self, listed};
use super::dialect::Dialect;
use super::lifecycle;
use super::route::{Handler, Route};

/// The department id suffix, e.g. `hz-vehicle-admin`.
pub const SUFFIX: &str = "vehicle-admin";

/// The envelope `{"code","msg","data"}`.
pub static DIALECT: Dialect = Dialect {
    code: "code",
    msg: "msg",
    data: "data",
    numeric: false,
    busy: ("E5000", "系统繁忙"),
    missing: ("E6100", "预约记录不存在"),
    invalid: &[
        ("licence", "E4002", "驾驶证信息不存在"),
        ("dabh", "E4001", "档案编号不匹配"),
        ("plate", "E1001", "号牌号码格式错误"),
        ("vin", "E6002", "车辆识别代号不符"),
        ("*", "E1003", "参数格式错误"),
    ],
};

/// Every vehicle-administration route.
pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    for city in listed("hz bj sh gz sz nb qd ty wh") {
        let r = Route::dept(city, SUFFIX, "licence-points", "driving-licence-points");
        routes.push(r.answers(&DIALECT, "default", licence::points));
    }
    for city in listed("hz bj sh gz sz nb qd fs wh") {
        let r = Route::dept(city, SUFFIX, "inspection-booking", "vehicle-inspection-booking");
        routes.push(r.answers(&DIALECT, "default", inspection::book));
    }
    routes.push(
        Route::hub(
            "/hub/traffic/inspection-stations",
            SUFFIX,
            "options-stations",
            cities::named_or_hangzhou,
        )
        .answers(&DIALECT, "options-stations", stations::stations),
    );
    routes.push(
        Route::hub("/hub/traffic/inspection-slots", SUFFIX, "options-slots", |body, header| {
            let station = body.get("station").and_then(Value::as_str).unwrap_or_default();
            cities::of_district(station).or_else(|| cities::named_or_hangzhou(body, header))
        })
        .answers(&DIALECT, "options-slots", stations::station_slots),
    );
    // The booking's lifecycle calls: the city comes from the reference.
    let lifecycle_calls: [(&str, &'static str, Handler); 4] = [
        ("/hub/traffic/inspection-status", "status", |call| {
            lifecycle::status(call, inspection::seeded)
        }),
        ("/hub/traffic/inspection-cancel", "cancel", |call| {
            lifecycle::cancel(call, &inspection::CANCELLING)
        }),
        ("/hub/traffic/inspection-confirm", "confirm", |call| {
            lifecycle::confirm(call, &inspection::HOLDING)
        }),
        ("/hub/traffic/inspection-release", "release", |call| {
            lifecycle::release(call, &inspection::HOLDING)
        }),
    ];
    for (path, shape, handler) in lifecycle_calls {
        routes.push(
            Route::hub(path, SUFFIX, shape, cities::by_reference).answers(&DIALECT, shape, handler),
        );
    }
    routes
}
