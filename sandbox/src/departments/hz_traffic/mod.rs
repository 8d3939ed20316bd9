//! The Hangzhou traffic-police department (杭州市公安局交通警察支队): violation inquiry
//! (违法查询, `wfcx`) in the department's own legacy shape.
//!
//! Request `{"hphm":"浙A12345","fdjh":"123456"}`; every answer is HTTP 200 with
//! `{"code","msg","data"}`, `code` `"0000"` on success.

mod seed;

use citypanel_descriptor::rules::{validate_engine_tail, validate_plate};
use serde::Serialize;
use serde_json::{json, Value};

pub use seed::{Vehicle, Violation, VEHICLES};

/// The department id used by `/admin/faults`.
pub const DEPARTMENT: &str = "hz-traffic-police";

/// The department's answer codes.
pub mod codes {
    /// Success.
    pub const OK: &str = "0000";
    /// The plate (`hphm`) is malformed.
    pub const BAD_PLATE: &str = "E1001";
    /// The engine-number tail (`fdjh`) is malformed.
    pub const BAD_ENGINE: &str = "E1002";
    /// The plate is on record but the engine number does not match it.
    pub const ENGINE_MISMATCH: &str = "E2001";
}

/// The `data` of a successful inquiry.
#[derive(Debug, Clone, Serialize)]
pub struct WfcxData {
    /// The normalized plate.
    pub hphm: String,
    /// The number of records.
    pub total: usize,
    /// The records, newest first.
    pub wfjl: &'static [Violation],
}

/// Answers a violation inquiry. Never fails: every problem is an error code in the body.
pub fn wfcx(request: &Value) -> Value {
    let field = |name: &str| {
        request
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let Ok(plate) = validate_plate(field("hphm")) else {
        return failure(codes::BAD_PLATE, "号牌号码格式错误");
    };
    let Ok(engine) = validate_engine_tail(field("fdjh")) else {
        return failure(codes::BAD_ENGINE, "发动机号格式错误");
    };
    let records = match VEHICLES.iter().find(|v| v.hphm == plate) {
        Some(vehicle) if vehicle.fdjh != engine => {
            return failure(codes::ENGINE_MISMATCH, "发动机号不匹配");
        }
        Some(vehicle) => vehicle.records,
        None => &[],
    };
    let data = WfcxData {
        hphm: plate,
        total: records.len(),
        wfjl: records,
    };
    json!({ "code": codes::OK, "msg": "成功", "data": data })
}

fn failure(code: &str, msg: &str) -> Value {
    json!({ "code": code, "msg": msg, "data": null })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(hphm: &str, fdjh: &str) -> Value {
        wfcx(&json!({ "hphm": hphm, "fdjh": fdjh }))
    }

    #[test]
    fn seeded_vehicles() {
        assert_eq!(ask("浙A12345", "123456")["data"]["total"], 3);
        assert_eq!(ask("浙ad12345", "a1b2c3")["data"]["total"], 1);
        assert_eq!(
            ask("浙B67890", "654321")["data"]["wfjl"]
                .as_array()
                .map(Vec::len),
            Some(5)
        );
        assert_eq!(ask("浙A12345", "123456")["data"]["hphm"], "浙A12345");
    }

    #[test]
    fn error_codes() {
        assert_eq!(ask("A12345", "123456")["code"], codes::BAD_PLATE);
        assert_eq!(ask("浙A12345", "12")["code"], codes::BAD_ENGINE);
        assert_eq!(ask("浙A12345", "654321")["code"], codes::ENGINE_MISMATCH);
        assert_eq!(wfcx(&json!([1, 2]))["code"], codes::BAD_PLATE);
        assert_eq!(wfcx(&json!({ "hphm": 5 }))["data"], Value::Null);
    }

    #[test]
    fn unknown_plate_is_empty() {
        let answer = ask("沪C00001", "ZZZ999");
        assert_eq!(answer["code"], codes::OK);
        assert_eq!(answer["data"]["total"], 0);
        assert_eq!(answer["data"]["wfjl"], json!([]));
    }
}
