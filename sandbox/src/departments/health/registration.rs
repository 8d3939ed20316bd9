//! Hospital registration (预约挂号): `POST /dept/<city>-health/registration` with
//! `{"hospitalId","deptCode","doctorId","visitDate","slotId","patient":{"name","idCard",
//! "phone"},"agreed"}`.
//!
//! `1003` a demo citizen's ID number under another name, `1005` a children's department for a
//! patient aged 14 or more, `1002` a second booking of the same patient, day and department,
//! `1001` a full (or unknown) slot, `1000` anything else malformed. The answer is a hold
//! (`status` `LOCKED`, `expiresAt`) until `/hub/health/confirm` books it (`1006` once lapsed). The order number is `GH`,
//! the city, the visit day (`yyMMdd`) and a 7-digit sequence.

use citypanel_descriptor::rules::{validate_id_number, validate_mobile};
use citypanel_descriptor::Date;
use serde_json::{json, Value};

use super::hospitals::{departments, hospital, on_duty, slots};
use crate::departments::desk::Filed;
use crate::departments::lifecycle::{Cancelling, Holding};
use crate::departments::people;
use crate::departments::route::{Answer, Call};
use crate::departments::util::{age_on, mask_name, yymmdd};

/// Holds a place for a registration (锁号); `/hub/health/confirm` books it.
pub fn register(call: &Call<'_>) -> Answer {
    let refuse = |input| Answer::ok(call.dialect.invalid(input));
    let name = call.field("/patient/name");
    let Ok(id) = validate_id_number(&call.field("/patient/idCard")) else {
        return refuse("id_number");
    };
    if name.is_empty() {
        return refuse("name");
    }
    if validate_mobile(&call.field("/patient/phone")).is_err() || call.field("/agreed") != "true" {
        return refuse("mobile");
    }
    let (hid, dept, doctor) =
        (call.field("/hospitalId"), call.field("/deptCode"), call.field("/doctorId"));
    let Some(h) = hospital(&hid).filter(|h| h.0[1..].starts_with(call.city.code)) else {
        return refuse("hospital");
    };
    let Some(&(_, dept_name)) = departments(h).iter().find(|d| d.0 == dept) else {
        return refuse("department");
    };
    let day = Date::parse_iso(&call.field("/visitDate"));
    let Some(day) = day.filter(|d| (0..=7).contains(&(d.days() - call.today.days()))) else {
        return refuse("date");
    };
    let Some((_, doctor_name, title, fee)) =
        on_duty(&hid, &dept, day).into_iter().find(|d| d.0 == doctor)
    else {
        return refuse("doctor");
    };
    let slot_id = call.field("/slotId");
    let all = slots(&doctor, day);
    let Some(index) = all.iter().position(|s| s.0 == slot_id) else {
        return Answer::ok(call.dialect.error("1001", "号源已约满"));
    };
    if people::by_id(&id).is_some_and(|p| p.name != name) {
        return Answer::ok(call.dialect.error("1003", "实名信息校验不通过"));
    }
    if h.3 && age_on(&id, day) >= 14 {
        return Answer::ok(call.dialect.error("1005", "该科室仅限14周岁以下患者"));
    }
    let (slot_key, visit_key) = (format!("{hid}|{slot_id}"), format!("{id}|{hid}|{dept}|{day}"));
    call.desk.with(|ledger| {
        let taken = ledger.taken(&slot_key);
        if taken >= all[index].2 {
            return Answer::ok(call.dialect.error("1001", "号源已约满"));
        }
        let city = call.city.code;
        let order = format!("GH{city}{}{:07}", yymmdd(day), ledger.next(&format!("GH{city}")));
        let data = json!({
            "orderId": order, "hospitalId": hid, "hospitalName": h.1, "deptName": dept_name,
            "doctorName": doctor_name, "doctorTitle": title, "visitDate": day.to_string(),
            "visitTime": all[index].1, "visitNo": (index as u32 * 6 + taken + 1).to_string(), "fee": fee,
            "patientName": mask_name(&name), "checkIn": h.4, "status": "BOOKED",
        });
        let mut answer = call.dialect.ok("0", "锁号成功", data);
        let until = HOLDING.hold(call, &mut answer);
        let filed = Filed { kind: "registration", answer: answer.clone(), keys: vec![visit_key, id.clone()], date: Some(day), slot: Some(slot_key), active: true, held_until: Some(until) };
        ledger.file(order, filed);
        Answer::ok(answer)
    })
}

/// Registrations made before the sandbox started (the published samples).
pub fn seeded(reference: &str) -> Option<Value> {
    match reference {
        "GH3301002505060000123" => Some(json!({
            "resultCode": "0", "resultMsg": "预约成功",
            "data": { "orderId": reference, "hospitalId": "H330100001",
                      "hospitalName": "浙江大学医学院附属第一医院（庆春院区）", "deptName": "心血管内科",
                      "doctorName": "王建国", "doctorTitle": "主任医师", "visitDate": "2025-05-06",
                      "visitTime": "09:00-09:30", "visitNo": "12", "fee": "50.00", "patientName": "周*博",
                      "checkIn": "门诊1号楼一楼自助机或人工窗口取号", "status": "BOOKED" },
        })),
        "GH3301002505060000124" => {
            Some(json!({ "resultCode": "1001", "resultMsg": "号源已约满", "data": null }))
        }
        _ => None,
    }
}

/// How registrations are cancelled (not on the visit day).
pub static CANCELLING: Cancelling = Cancelling {
    kind: "registration",
    ok_code: "0",
    date_at: "/data/visitDate",
    state_at: ("/data/status", "CANCELLED"),
    message: "取消成功",
    too_late: ("1101", "已过可取消时间"),
    seeded,
};

/// How registrations are held and confirmed: one active registration per patient, day and
/// department (`1002`, checked on confirming); a lapsed hold is `1006`.
pub static HOLDING: Holding = Holding {
    held: "LOCKED",
    booked: "BOOKED",
    booked_message: "预约成功",
    released_message: "号源已释放",
    expired: ("1006", "锁号已超时，请重新选择时段"),
    conflict: ("1002", "同一就诊人同日同科室限约一个号"),
    unique: |f| &f.keys[..f.keys.len().min(1)],
    cancelling: &CANCELLING,
};
