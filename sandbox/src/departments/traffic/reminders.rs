//! Violation reminders (违法提醒订阅): `POST /dept/<city>-traffic-police/reminders` with
//! `{"hphm","fdjh","sjhm","tzfs","tybz"}`, and its status on `/hub/traffic/reminder-status`.
//!
//! The engine tail must match the national register (`E2001`); a plate is subscribed once per
//! city (`E2101`); a mobile number follows at most 5 vehicles per city (`E2102`). A
//! subscription runs one year from today.

use citypanel_descriptor::rules::{validate_engine_tail, validate_mobile, validate_plate};
use citypanel_descriptor::Date;
use serde_json::{json, Value};

use crate::departments::desk::Filed;
use crate::departments::people;
use crate::departments::route::{Answer, Call};
use crate::departments::util::{compact, mask_mobile, yymmdd};

/// The most vehicles one mobile number may follow in a city.
pub const MAX_PER_MOBILE: usize = 5;

fn one_year_from(day: Date) -> Date {
    Date::new(day.y + 1, day.m, day.d)
        .or_else(|| Date::new(day.y + 1, day.m, day.d - 1))
        .and_then(|d| d.add_days(-1))
        .unwrap_or(day)
}

/// Subscribes a plate to new-violation reminders.
pub fn subscribe(call: &Call<'_>) -> Answer {
    let refuse = |input| Answer::ok(call.dialect.invalid(input));
    let Ok(plate) = validate_plate(&call.field("/hphm")) else {
        return refuse("plate");
    };
    let Ok(engine) = validate_engine_tail(&call.field("/fdjh")) else {
        return refuse("engine");
    };
    let Ok(mobile) = validate_mobile(&call.field("/sjhm")) else {
        return refuse("mobile");
    };
    let channel = call.field("/tzfs");
    if !matches!(channel.as_str(), "sms" | "app") {
        return refuse("channel");
    }
    if call.field("/tybz") != "true" {
        return refuse("consent");
    }
    if people::vehicle(&plate).is_none_or(|v| v.engine != engine) {
        return Answer::ok(call.dialect.error("E2001", "发动机号不匹配"));
    }
    let city = call.city.code;
    let (plate_key, mobile_key) = (format!("{city}|{plate}"), format!("{city}|{mobile}"));
    call.desk.with(|ledger| {
        let active = |key: &str| {
            ledger
                .records()
                .filter(|(_, f)| f.kind == "reminder" && f.active && f.about(key))
                .count()
        };
        if active(&plate_key) > 0 {
            return Answer::ok(call.dialect.error("E2101", "该号牌已订阅"));
        }
        if active(&mobile_key) >= MAX_PER_MOBILE {
            return Answer::ok(call.dialect.error("E2102", "手机号订阅车辆已达上限"));
        }
        let n = ledger.next(&format!("DY{city}"));
        let dyh = format!("DY{city}{}{n:04}", yymmdd(call.today));
        let data = json!({
            "dyh": dyh, "hphm": plate, "sjhm": mask_mobile(&mobile), "tzfs": channel,
            "ksrq": compact(call.today), "jzrq": compact(one_year_from(call.today)), "zt": "1",
        });
        let answer = call.dialect.ok("0000", "订阅成功", data);
        let filed = Filed {
            kind: "reminder",
            answer: answer.clone(),
            keys: vec![plate_key, mobile_key],
            date: None,
            slot: None,
            active: true,
            held_until: None,
        };
        ledger.file(dyh, filed);
        Answer::ok(answer)
    })
}

/// Subscriptions made before the sandbox started (the published samples).
pub fn seeded(reference: &str) -> Option<Value> {
    match reference {
        "DY3301002504280031" => Some(json!({
            "code": "0000", "msg": "订阅成功",
            "data": { "dyh": reference, "hphm": "浙A12345", "sjhm": "138****8000", "tzfs": "sms",
                      "ksrq": "20250428", "jzrq": "20260427", "zt": "1" },
        })),
        "DY3301002504280032" => {
            Some(json!({ "code": "E2101", "msg": "该号牌已订阅", "data": null }))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_less_a_day() {
        let d = |s| Date::parse_iso(s).unwrap_or(Date { y: 1, m: 1, d: 1 });
        assert_eq!(one_year_from(d("2025-04-28")), d("2026-04-27"));
        assert_eq!(one_year_from(d("2024-02-29")), d("2025-02-27"));
    }
}
