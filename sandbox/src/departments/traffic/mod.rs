//! The traffic police of every city: violation inquiry (three answer shapes), fine payment
//! look-up, violation reminders and their status. Vehicles come from the national register
//! ([`crate::departments::people::VEHICLES`]); records are kept per city.
//!
//! Default-shape codes: `0000` success, `E1001` malformed plate, `E1002` malformed engine
//! tail, `E1003` other malformed parameter, `E2001` engine mismatch, `E2101`/`E2102`
//! subscription limits, `E3001`–`E3004` decisions, `E5000` busy.

pub mod fines;
pub mod paying;
pub mod records;
pub mod reminders;
pub mod shapes;

use super::cities::{self, listed};
use super::dialect::Dialect;
use super::lifecycle;
use super::route::Route;

/// The department id suffix, e.g. `hz-traffic-police`.
pub const SUFFIX: &str = "traffic-police";

/// The default legacy envelope `{"code","msg","data"}`.
pub static DIALECT: Dialect = Dialect {
    code: "code",
    msg: "msg",
    data: "data",
    numeric: false,
    busy: ("E5000", "系统繁忙"),
    missing: ("E2100", "订阅记录不存在"),
    invalid: &[
        ("plate", "E1001", "号牌号码格式错误"),
        ("engine", "E1002", "发动机号格式错误"),
        ("jdsbh", "E3001", "决定书编号不存在"),
        ("*", "E1003", "参数格式错误"),
    ],
};

/// Beijing traffic management's envelope `{"ret","msg","list"}`.
pub static BEIJING: Dialect = Dialect {
    code: "ret",
    msg: "msg",
    data: "list",
    numeric: true,
    busy: ("9999", "system busy"),
    missing: ("1003", "vehicle not registered in Beijing"),
    invalid: &[("*", "1001", "invalid parameter")],
};

/// Shanghai traffic police's envelope `{"status","message","result"}`.
pub static SHANGHAI: Dialect = Dialect {
    code: "status",
    msg: "message",
    data: "result",
    numeric: true,
    busy: ("5031", "系统繁忙"),
    missing: ("4041", "未找到机动车信息"),
    invalid: &[("*", "4000", "请求参数错误")],
};

/// The traffic police of a city (the payee of fines).
pub fn police_name(city: &str) -> &'static str {
    match city {
        "110100" => "北京市公安局公安交通管理局",
        "310100" => "上海市公安局交通警察总队",
        "440100" => "广州市公安局交通警察支队",
        "440300" => "深圳市公安局交通警察局",
        "330200" => "宁波市公安局交通警察局",
        "360100" => "南昌市公安局交通管理局",
        "370200" => "青岛市公安局交通警察支队",
        "140100" => "太原市公安局交通警察支队",
        "440600" => "佛山市公安局交通警察支队",
        "420100" => "武汉市公安局交通管理局",
        _ => "杭州市公安局交通警察支队",
    }
}

/// Every traffic-police route (road conditions are in [`crate::departments::road`]).
pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    for city in listed("hz gz sz nb nc qd ty fs wh") {
        let r = Route::dept(city, SUFFIX, "wfcx", "traffic-violations");
        routes.push(r.answers(&DIALECT, "default", shapes::wfcx));
    }
    for city in listed("bj") {
        let r = Route::dept(city, SUFFIX, "violations", "traffic-violations");
        routes.push(r.answers(&BEIJING, "beijing", shapes::beijing));
    }
    for city in listed("sh") {
        let r = Route::dept(city, SUFFIX, "violations", "traffic-violations");
        routes.push(r.answers(&SHANGHAI, "shanghai", shapes::shanghai));
    }
    for city in listed("hz bj sh gz sz nb nc qd ty fs wh") {
        let r = Route::dept(city, SUFFIX, "fines", "traffic-fine-payment");
        routes.push(r.answers(&DIALECT, "default", fines::fines));
    }
    for city in listed("hz bj sh gz sz nb wh") {
        let r = Route::dept(city, SUFFIX, "reminders", "violation-reminders");
        routes.push(r.answers(&DIALECT, "default", reminders::subscribe));
    }
    let status = Route::hub("/hub/traffic/reminder-status", SUFFIX, "status", cities::by_reference);
    routes.push(
        status.answers(&DIALECT, "status", |call| lifecycle::status(call, reminders::seeded)),
    );
    routes
}
