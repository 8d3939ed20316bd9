//! Annual-inspection booking (机动车检验预约): `POST /dept/<city>-vehicle-admin/
//! inspection-booking` with `{"hphm","clsbdh","jczbh","yyrq","sdbh","lxdh"}`.
//!
//! The VIN must match the national register (`E6002`); bookings open 3 months before the end
//! of the inspection period (`E6001`); a vehicle with something to settle first is `E6004`;
//! one unused booking per vehicle (`E6005`); a full period is `E6003`. The booking number is
//! `JC`, the city, the appointment day (`yyMMdd`) and a sequence.

use citypanel_descriptor::rules::{validate_mobile, validate_plate, validate_vin};
use citypanel_descriptor::Date;
use serde_json::{json, Value};

use super::stations::{slots, station};
use crate::departments::desk::Filed;
use crate::departments::lifecycle::{Cancelling, Holding};
use crate::departments::people;
use crate::departments::route::{Answer, Call};
use crate::departments::util::{self, yymmdd};

/// Holds a place for an inspection; `/hub/traffic/inspection-confirm` books it.
pub fn book(call: &Call<'_>) -> Answer {
    let refuse = |input| Answer::ok(call.dialect.invalid(input));
    let Ok(plate) = validate_plate(&call.field("/hphm")) else {
        return refuse("plate");
    };
    let Ok(vin) = validate_vin(&call.field("/clsbdh")) else {
        return refuse("vin");
    };
    let Ok(_mobile) = validate_mobile(&call.field("/lxdh")) else {
        return refuse("mobile");
    };
    let Some(vehicle) = people::vehicle(&plate).filter(|v| v.vin == vin) else {
        return Answer::ok(call.dialect.error("E6002", "车辆识别代号不符"));
    };
    let day = Date::parse_iso(&call.field("/yyrq"));
    let Some(day) = day.filter(|d| (1..=14).contains(&(d.days() - call.today.days()))) else {
        return refuse("date");
    };
    let jczbh = call.field("/jczbh");
    let Some(&(_, name, address)) = station(&jczbh).filter(|s| s.0.starts_with(call.city.code))
    else {
        return refuse("station");
    };
    let sdbh = call.field("/sdbh");
    let Some((_, period, places)) = slots(&jczbh, day).into_iter().find(|s| s.0 == sdbh) else {
        return refuse("slot");
    };
    if util::date(vehicle.inspection_due).days() - day.days() > 90 {
        return Answer::ok(call.dialect.error("E6001", "未到检验有效期"));
    }
    if vehicle.blocked {
        return Answer::ok(call.dialect.error("E6004", "存在未处理违法或事故"));
    }
    let key = format!("plate:{plate}");
    call.desk.with(|ledger| {
        if ledger.taken(&sdbh) >= places {
            return Answer::ok(call.dialect.error("E6003", "该时段已约满"));
        }
        let city = call.city.code;
        let yyh = format!("JC{city}{}{:04}", yymmdd(day), ledger.next(&format!("JC{city}")));
        let data = json!({
            "yyh": yyh, "hphm": plate, "jczbh": jczbh, "jczmc": name, "jczdz": address,
            "yyrq": day.to_string(), "sjd": period, "zt": "1",
        });
        let mut answer = call.dialect.ok("0000", "锁定成功", data);
        let until = HOLDING.hold(call, &mut answer);
        let filed = Filed {
            kind: "inspection",
            answer: answer.clone(),
            keys: vec![key.clone()],
            date: Some(day),
            slot: Some(sdbh.clone()),
            active: true,
            held_until: Some(until),
        };
        ledger.file(yyh, filed);
        Answer::ok(answer)
    })
}

/// Bookings made before the sandbox started (the published samples).
pub fn seeded(reference: &str) -> Option<Value> {
    match reference {
        "JC3301002505060023" => Some(json!({
            "code": "0000", "msg": "预约成功",
            "data": { "yyh": reference, "hphm": "浙A12345", "jczbh": "330100JC01",
                      "jczmc": "杭州城北机动车检测站", "jczdz": "杭州市拱墅区石祥路***号",
                      "yyrq": "2025-05-06", "sjd": "09:30-10:30", "zt": "1" },
        })),
        "JC3301002505060024" => {
            Some(json!({ "code": "E6003", "msg": "该时段已约满", "data": null }))
        }
        _ => None,
    }
}

/// How inspection bookings are cancelled (not on the appointment day).
pub static CANCELLING: Cancelling = Cancelling {
    kind: "inspection",
    ok_code: "0000",
    date_at: "/data/yyrq",
    state_at: ("/data/zt", "2"),
    message: "已取消预约",
    too_late: ("E6101", "距预约时段不足2小时，不能取消"),
    seeded,
};

/// How inspections are held and confirmed: one unused booking per vehicle (`E6005`, checked on
/// confirming); a lapsed hold is `E6006`.
pub static HOLDING: Holding = Holding {
    held: "0",
    booked: "1",
    booked_message: "预约成功",
    released_message: "预约名额已释放",
    expired: ("E6006", "预约锁定已超时，请重新选择时段"),
    conflict: ("E6005", "已有未使用的预约"),
    unique: |f| &f.keys,
    cancelling: &CANCELLING,
};
