//! Violation inquiry in the three answer shapes: the default legacy shape (`code`/`data.wfjl`,
//! fen, `yyyyMMddHHmmss`), Beijing's (`ret`/`list`, jiao, ISO 8601, booleans) and Shanghai's
//! (`status`/`result.items`, yuan strings, epoch millis, upper-case codes).

use citypanel_descriptor::rules::{format_yuan, validate_engine_tail, validate_plate};
use serde_json::{json, Value};

use super::paying;
use super::records::{records, Violation};
use crate::departments::people;
use crate::departments::route::{Answer, Call};
use crate::departments::util;

/// The plate and engine tail of a request, normalized, or the department's refusal.
fn vehicle_of(
    call: &Call<'_>,
    plate_at: &str,
    engine_at: &str,
) -> Result<(String, String), Answer> {
    let refuse = |input| Answer::ok(call.dialect.invalid(input));
    let plate = validate_plate(&call.field(plate_at)).map_err(|_| refuse("plate"))?;
    let engine = validate_engine_tail(&call.field(engine_at)).map_err(|_| refuse("engine"))?;
    Ok((plate, engine))
}

/// The city's records of a plate, those paid through the platform shown handled.
fn settled(call: &Call<'_>, plate: &str) -> Vec<Violation> {
    let city = call.city.code;
    records(city, plate).iter().map(|v| paying::violation(city, v, call.books)).collect()
}

/// Whether the national register has this plate with another engine number.
pub fn engine_mismatch(plate: &str, engine: &str) -> bool {
    people::vehicle(plate).is_some_and(|v| v.engine != engine)
}

/// `POST /dept/<city>-traffic-police/wfcx`, body `{"hphm","fdjh"}`: unknown plates have no
/// records; a known plate with another engine number is `E2001`.
pub fn wfcx(call: &Call<'_>) -> Answer {
    let (plate, engine) = match vehicle_of(call, "/hphm", "/fdjh") {
        Ok(v) => v,
        Err(refusal) => return refusal,
    };
    if engine_mismatch(&plate, &engine) {
        return Answer::ok(call.dialect.error("E2001", "发动机号不匹配"));
    }
    let wfjl = settled(call, &plate);
    let data = json!({ "hphm": plate, "total": wfjl.len(), "wfjl": wfjl });
    Answer::ok(call.dialect.ok("0000", "成功", data))
}

/// A record in Beijing's shape.
pub fn beijing_record(r: &Violation) -> Value {
    json!({
        "wfbh": r.xh,
        "date": util::iso_of14(r.wfsj),
        "addr": r.wfdd,
        "desc": r.wfxw,
        "amount": r.fkje / 10,
        "points": r.wfjf,
        "paid": r.clzt == "1",
        "source": if r.cjfs == "1" { "camera" } else { "police" },
    })
}

/// `POST /dept/bj-traffic-police/violations`, body `{"car_no","engine_no"}`: only vehicles
/// registered in Beijing (`京`, else `1003`); fines in jiao.
pub fn beijing(call: &Call<'_>) -> Answer {
    let (plate, engine) = match vehicle_of(call, "/car_no", "/engine_no") {
        Ok(v) => v,
        Err(refusal) => return refusal,
    };
    if !plate.starts_with('京') {
        return Answer::ok(call.dialect.error("1003", "vehicle not registered in Beijing"));
    }
    if engine_mismatch(&plate, &engine) {
        return Answer::ok(call.dialect.error("1002", "engine number mismatch"));
    }
    let list: Vec<Value> = settled(call, &plate).iter().map(beijing_record).collect();
    Answer::ok(json!({ "ret": 0, "msg": "ok", "total": list.len(), "list": list }))
}

/// A record in Shanghai's shape.
pub fn shanghai_record(r: &Violation) -> Value {
    json!({
        "noticeNo": r.xh,
        "time": util::epoch_ms_of14(r.wfsj),
        "location": r.wfdd,
        "behavior": r.wfxw,
        "fine": format_yuan(i64::from(r.fkje)),
        "score": r.wfjf,
        "state": if r.clzt == "0" { "UNPAID" } else { "PAID" },
        "channel": if r.cjfs == "1" { "CAMERA" } else { "OFFICER" },
    })
}

/// `POST /dept/sh-traffic-police/violations`, body `{"plateNumber","engineNumberLast6"}`:
/// plates not in the register are `4041`; fines as yuan strings, times in epoch millis.
pub fn shanghai(call: &Call<'_>) -> Answer {
    let (plate, engine) = match vehicle_of(call, "/plateNumber", "/engineNumberLast6") {
        Ok(v) => v,
        Err(refusal) => return refusal,
    };
    let Some(vehicle) = people::vehicle(&plate) else {
        return Answer::ok(call.dialect.error("4041", "未找到机动车信息"));
    };
    if vehicle.engine != engine {
        return Answer::ok(call.dialect.error("4001", "发动机号不匹配"));
    }
    let items: Vec<Value> = settled(call, &plate).iter().map(shanghai_record).collect();
    let result = json!({ "plateNumber": plate, "total": items.len(), "items": items });
    Answer::ok(json!({ "status": 200, "message": "OK", "result": result }))
}
