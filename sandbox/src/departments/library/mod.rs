//! The public libraries: loans and renewal, with the renewal status on
//! `/hub/library/renewal-status`.
//!
//! Codes (`code`): `0` success, `1001` wrong card or password, `1002` card lost,
//! `2001`–`2004` renewal refusals, `2100` no such renewal, `9999` busy.

pub mod loans;
pub mod service;

use super::cities::{self, listed};
use super::dialect::Dialect;
use super::lifecycle;
use super::route::Route;

/// The department id suffix, e.g. `hz-library`.
pub const SUFFIX: &str = "library";

/// The envelope `{"code","message","data"}`.
pub static DIALECT: Dialect = Dialect {
    code: "code",
    msg: "message",
    data: "data",
    numeric: false,
    busy: ("9999", "系统繁忙"),
    missing: ("2100", "续借记录不存在"),
    invalid: &[("barcode", "2004", "非本人借阅"), ("*", "1001", "证号或密码错误")],
};

/// Every library route.
pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    for city in listed("hz bj sh gz sz nb qd fs wh") {
        routes.push(Route::dept(city, SUFFIX, "loans", "library-loans").answers(
            &DIALECT,
            "default",
            service::list,
        ));
        routes.push(Route::dept(city, SUFFIX, "renewal", "library-renewal").answers(
            &DIALECT,
            "default",
            service::renew,
        ));
    }
    let status = Route::hub("/hub/library/renewal-status", SUFFIX, "status", cities::by_reference);
    routes
        .push(status.answers(&DIALECT, "status", |call| lifecycle::status(call, service::seeded)));
    routes
}
