//! The registration cascade on the shared hub: `/hub/health/hospitals` (`{}`; the city from
//! the `X-Citypanel-City` header, else Hangzhou), `/hub/health/departments` (`{"hospital"}`),
//! `/hub/health/doctors` (`{"hospital","department","date"}`), `/hub/health/slots`
//! (`{"hospital","doctor","date"}`), each `{"resultCode":"0","data":{<list>:[…]}}`.

use citypanel_descriptor::Date;
use serde_json::{json, Value};

use super::hospitals::{departments, hospital, on_duty, slots, HOSPITALS};
use crate::departments::route::{Answer, Call};

fn list(key: &str, items: Vec<Value>) -> Answer {
    Answer::ok(json!({ "resultCode": "0", "data": { key: items } }))
}

/// `/hub/health/hospitals`.
pub fn hospitals(call: &Call<'_>) -> Answer {
    let items = HOSPITALS
        .iter()
        .filter(|h| h.0[1..].starts_with(call.city.code))
        .map(|h| json!({ "hospitalId": h.0, "hospitalName": h.1, "level": h.2 }))
        .collect();
    list("hospitals", items)
}

/// `/hub/health/departments`.
pub fn depts(call: &Call<'_>) -> Answer {
    let Some(h) = hospital(&call.field("/hospital")) else {
        return Answer::ok(call.dialect.invalid("hospital"));
    };
    list(
        "depts",
        departments(h)
            .iter()
            .map(|(code, name)| json!({ "deptCode": code, "deptName": name }))
            .collect(),
    )
}

/// `/hub/health/doctors`.
pub fn doctors_on(call: &Call<'_>) -> Answer {
    let (h, dept) = (call.field("/hospital"), call.field("/department"));
    let day = Date::parse_iso(&call.field("/date"));
    let known = hospital(&h).is_some_and(|x| departments(x).iter().any(|d| d.0 == dept));
    let (true, Some(day)) = (known, day) else {
        return Answer::ok(call.dialect.invalid("department"));
    };
    let items = on_duty(&h, &dept, day)
        .into_iter()
        .map(|(id, name, title, fee)| {
            let shown = if title.is_empty() { name } else { format!("{name}（{title}）") };
            json!({ "doctorId": id, "doctorName": shown, "fee": fee })
        })
        .collect();
    list("doctors", items)
}

/// `/hub/health/slots`.
pub fn doctor_slots(call: &Call<'_>) -> Answer {
    let (h, doctor) = (call.field("/hospital"), call.field("/doctor"));
    let (Some(found), Some(day)) = (hospital(&h), Date::parse_iso(&call.field("/date"))) else {
        return Answer::ok(call.dialect.invalid("slot"));
    };
    let working =
        departments(found).iter().any(|d| on_duty(&h, d.0, day).iter().any(|x| x.0 == doctor));
    let shown = if working { slots(&doctor, day) } else { Vec::new() };
    let items = call.desk.with(|ledger| {
        shown
            .into_iter()
            .map(|(id, period, places)| {
                let left = places.saturating_sub(ledger.taken(&format!("{h}|{id}")));
                json!({ "slotId": id, "period": period, "left": left })
            })
            .collect()
    });
    list("slots", items)
}
