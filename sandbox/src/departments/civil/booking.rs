//! Marriage-registration booking (结婚登记预约): `POST /dept/<city>-civil-affairs/
//! marriage-booking` with `{"orgCode","bookDate","periodId","male":{"name","idCard","phone"},
//! "female":{…},"declare"}`.
//!
//! The ID numbers must fit the parties (`7003`/`7004`: the 17th digit is odd for men, even for
//! women) and their ages (`7005` men under 22, `7006` women under 20 on the day); a party with
//! an unused booking is `7002`; a full period `7001`; anything else malformed `7000`. The
//! booking number is `HY`, the registry code, the day (`yyMMdd`) and a sequence.

use citypanel_descriptor::rules::{validate_id_number, validate_mobile};
use citypanel_descriptor::Date;
use serde_json::{json, Value};

use super::offices::{office, periods};
use crate::departments::desk::Filed;
use crate::departments::lifecycle::{Cancelling, Holding};
use crate::departments::people;
use crate::departments::route::{Answer, Call};
use crate::departments::util::{age_on, is_male, mask_name, yymmdd};

/// One party: name and normalized ID number, or the input that is malformed.
fn party(call: &Call<'_>, at: &str, side: &'static str) -> Result<(String, String), &'static str> {
    let name = call.field(&format!("/{at}/name"));
    let id = validate_id_number(&call.field(&format!("/{at}/idCard"))).map_err(|_| side)?;
    validate_mobile(&call.field(&format!("/{at}/phone"))).map_err(|_| side)?;
    let known_name = people::by_id(&id).is_none_or(|p| p.name == name);
    if name.is_empty() || !known_name {
        return Err(side);
    }
    Ok((name, id))
}

/// Books a registration appointment for two parties.
pub fn book(call: &Call<'_>) -> Answer {
    let refuse = |input| Answer::ok(call.dialect.invalid(input));
    let (male, female) = match (party(call, "male", "a_id"), party(call, "female", "b_id")) {
        (Ok(m), Ok(f)) => (m, f),
        (Err(side), _) | (_, Err(side)) => return refuse(side),
    };
    if call.field("/declare") != "true" {
        return refuse("consent");
    }
    let code = call.field("/orgCode");
    let Some(&(_, org_name, address)) = office(&code).filter(|o| o.0[..4] == call.city.code[..4])
    else {
        return refuse("office");
    };
    let day = Date::parse_iso(&call.field("/bookDate"));
    let Some(day) = day.filter(|d| (1..=30).contains(&(d.days() - call.today.days()))) else {
        return refuse("date");
    };
    let period_id = call.field("/periodId");
    let Some((_, period, places)) = periods(&code, day).into_iter().find(|p| p.0 == period_id)
    else {
        return refuse("slot");
    };
    let checks = [
        (!is_male(&male.1), "7003", "男方身份证号码性别不符"),
        (is_male(&female.1), "7004", "女方身份证号码性别不符"),
        (age_on(&male.1, day) < 22, "7005", "男方未达法定婚龄"),
        (age_on(&female.1, day) < 20, "7006", "女方未达法定婚龄"),
    ];
    if let Some((_, code, msg)) = checks.iter().find(|c| c.0) {
        return Answer::ok(call.dialect.error(code, msg));
    }
    call.desk.with(|ledger| {
        if ledger.taken(&period_id) >= places {
            return Answer::ok(call.dialect.error("7001", "该时段已约满"));
        }
        let book_no = format!("HY{code}{}{:04}", yymmdd(day), ledger.next(&format!("HY{code}")));
        let data = json!({
            "bookNo": book_no, "orgCode": code, "orgName": org_name, "orgAddress": address,
            "bookDate": day.to_string(), "periodName": period, "maleName": mask_name(&male.0),
            "femaleName": mask_name(&female.0), "status": "BOOKED",
        });
        let mut answer = call.dialect.ok("0", "预约时段已锁定", data);
        let until = HOLDING.hold(call, &mut answer);
        let filed = Filed {
            kind: "marriage",
            answer: answer.clone(),
            keys: vec![male.1.clone(), female.1.clone()],
            date: Some(day),
            slot: Some(period_id.clone()),
            active: true,
            held_until: Some(until),
        };
        ledger.file(book_no, filed);
        Answer::ok(answer)
    })
}

/// Bookings made before the sandbox started (the published samples).
pub fn seeded(reference: &str) -> Option<Value> {
    match reference {
        "HY3301062505200015" => Some(json!({
            "code": "0", "msg": "预约成功",
            "data": { "bookNo": reference, "orgCode": "330106", "orgName": "杭州市西湖区婚姻登记处",
                      "orgAddress": "杭州市西湖区文三路***号", "bookDate": "2025-05-20", "periodName": "09:00-10:00",
                      "maleName": "陈*远", "femaleName": "林*雯", "status": "BOOKED" },
        })),
        "HY3301062505200016" => {
            Some(json!({ "code": "7001", "msg": "该时段已约满", "data": null }))
        }
        _ => None,
    }
}

/// How bookings are cancelled (not on the day itself).
pub static CANCELLING: Cancelling = Cancelling {
    kind: "marriage",
    ok_code: "0",
    date_at: "/data/bookDate",
    state_at: ("/data/status", "CANCELLED"),
    message: "取消成功",
    too_late: ("7101", "预约当日不能取消"),
    seeded,
};

/// How marriage registrations are held and confirmed: one unused booking per person (`7002`,
/// checked on confirming); a lapsed hold is `7007`.
pub static HOLDING: Holding = Holding {
    held: "HELD",
    booked: "BOOKED",
    booked_message: "预约成功",
    released_message: "预约名额已释放",
    expired: ("7007", "预约时段锁定已超时，请重新选择"),
    conflict: ("7002", "当事人存在未使用的预约"),
    unique: |f| &f.keys,
    cancelling: &CANCELLING,
};
