//! Social-insurance contributions (社保缴费查询): `POST /dept/<city>-social-security/
//! contributions` with `{"aac002","aac003","cxys"}` (ID number, name, months).
//!
//! Each city's centre answers the latest `cxys` months on its own record of the person, newest
//! first, one row per insurance type (pension 110, medical 310, unemployment 210, injury 410),
//! the newest month `3` (being collected) while the spell runs to [`AS_OF`]. Codes: `1`
//! success, `2001` name does not match the ID number, `2002` not insured in this city, `2000`
//! malformed request, `9999` busy.

use citypanel_descriptor::rules::{format_yuan, validate_id_number};
use serde_json::{json, Value};

use super::cities::listed;
use super::dialect::Dialect;
use super::people::{self, Insured, AS_OF, INSURED};
use super::route::{Answer, Call, Route};
use super::util::mask_name;

/// The department id suffix, e.g. `hz-social-security`.
pub const SUFFIX: &str = "social-security";

/// The envelope `{"code","message","data"}`.
pub static DIALECT: Dialect = Dialect {
    code: "code",
    msg: "message",
    data: "data",
    numeric: false,
    busy: ("9999", "系统繁忙"),
    missing: ("2002", "未查询到参保信息"),
    invalid: &[
        ("id_number", "2002", "未查询到参保信息"),
        ("name", "2001", "姓名与身份证号码不一致"),
        ("*", "2000", "请求参数错误"),
    ],
};

/// Insurance types with the personal and employer rates in basis points.
const TYPES: [(&str, i64, i64); 4] =
    [("110", 800, 1600), ("310", 200, 950), ("210", 50, 50), ("410", 0, 20)];

fn months(spell: &Insured) -> Vec<(i32, i32)> {
    let parse = |s: &str| -> (i32, i32) {
        let (y, m) = s.split_once('-').unwrap_or(("0", "0"));
        (y.parse().unwrap_or(0), m.parse().unwrap_or(0))
    };
    let (from, to) = (parse(spell.months.0), parse(spell.months.1));
    let mut out = Vec::new();
    let mut at = to;
    while at >= from && at.1 >= 1 {
        out.push(at);
        at = if at.1 == 1 { (at.0 - 1, 12) } else { (at.0, at.1 - 1) };
    }
    out
}

fn rows(spell: &Insured, limit: usize) -> Vec<Value> {
    let running = spell.months.1 == &AS_OF[..7];
    let fen = |bp: i64| format_yuan(spell.base_fen * bp / 10_000);
    months(spell)
        .into_iter()
        .take(limit)
        .enumerate()
        .flat_map(|(i, (y, m))| {
            let state = if i == 0 && running { "3" } else { "1" };
            TYPES.iter().map(move |(code, personal, employer)| json!({
                "aae002": format!("{y:04}-{m:02}"), "aae140": code, "aab004": spell.employer,
                "aae180": format_yuan(spell.base_fen), "grjfje": fen(*personal), "dwjfje": fen(*employer), "jfzt": state,
            }))
        })
        .collect()
}

/// Answers the contributions of the latest `cxys` months.
pub fn contributions(call: &Call<'_>) -> Answer {
    let Ok(id) = validate_id_number(&call.field("/aac002")) else {
        return Answer::ok(call.dialect.invalid("id_number"));
    };
    let name = call.field("/aac003");
    let Some(limit) = call.field("/cxys").parse::<usize>().ok().filter(|n| (1..=60).contains(n))
    else {
        return Answer::ok(call.dialect.invalid(""));
    };
    let Some(spell) = INSURED.iter().find(|s| s.city == call.city.code && s.person.id_number == id)
    else {
        return Answer::ok(call.dialect.missing());
    };
    if people::by_id(&id).is_some_and(|p| p.name != name) {
        return Answer::ok(call.dialect.invalid("name"));
    }
    let rows = rows(spell, limit);
    let data = json!({ "aac003": mask_name(spell.person.name), "total": rows.len(), "rows": rows });
    Answer::ok(call.dialect.ok("1", "查询成功", data))
}

/// Every social-security route.
pub fn routes() -> Vec<Route> {
    listed("hz bj sh gz sz nb nc qd ty wh")
        .map(|city| {
            Route::dept(city, SUFFIX, "contributions", "social-security-records").answers(
                &DIALECT,
                "default",
                contributions,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_months_first_with_published_amounts() {
        let spell = &INSURED[0];
        let rows = rows(spell, 12);
        assert_eq!(rows.len(), 48);
        assert_eq!(rows[0]["aae002"], "2025-04");
        assert_eq!(
            (&rows[0]["grjfje"], &rows[0]["dwjfje"], &rows[0]["jfzt"]),
            (&json!("680.00"), &json!("1360.00"), &json!("3"))
        );
        assert_eq!(
            (&rows[1]["dwjfje"], &rows[3]["dwjfje"], &rows[4]["jfzt"]),
            (&json!("807.50"), &json!("17.00"), &json!("1"))
        );
        assert_eq!(rows[47]["aae002"], "2024-05");
        assert!(INSURED.iter().any(|s| months(s).is_empty()));
    }
}
