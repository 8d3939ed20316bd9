//! Marriage registries and their daily periods, on the shared hub:
//! `/hub/civil/marriage-offices` (`{}`; the city from the `X-Citypanel-City` header, else
//! Hangzhou) and `/hub/civil/marriage-slots` (`{"office","date"}`).
//!
//! Registries open six periods Monday to Friday; the couples each period can take follow one
//! of five patterns rotating by day and registry (popular periods full), minus what was
//! booked in this sandbox.

use citypanel_descriptor::Date;
use serde_json::{json, Value};

use crate::departments::route::{Answer, Call};
use crate::departments::util::{compact, rotation};

/// A registry: district code, name, masked address.
pub type Office = (&'static str, &'static str, &'static str);

/// Every registry.
#[rustfmt::skip]
pub static OFFICES: &[Office] = &[
    ("330102", "杭州市上城区婚姻登记处", "杭州市上城区解放东路***号"),
    ("330105", "杭州市拱墅区婚姻登记处", "杭州市拱墅区上塘路***号"),
    ("330106", "杭州市西湖区婚姻登记处", "杭州市西湖区文三路***号"),
    ("330108", "杭州市滨江区婚姻登记处", "杭州市滨江区江汉路***号"),
    ("330109", "杭州市萧山区婚姻登记处", "杭州市萧山区博学路***号"),
    ("330110", "杭州市余杭区婚姻登记处", "杭州市余杭区临平大道***号"),
    ("110101", "北京市东城区婚姻登记处", "北京市东城区东直门内北小街***号"),
    ("110105", "北京市朝阳区婚姻登记处", "北京市朝阳区日坛北路***号"),
    ("110108", "北京市海淀区婚姻登记处", "北京市海淀区丹棱街***号"),
    ("310101", "上海市黄浦区婚姻登记中心", "上海市黄浦区蒙自路***号"),
    ("310104", "上海市徐汇区婚姻登记中心", "上海市徐汇区漕溪北路***号"),
    ("310115", "上海市浦东新区婚姻登记中心", "上海市浦东新区合欢路***号"),
    ("440104", "广州市越秀区婚姻登记处", "广州市越秀区东风中路***号"),
    ("440106", "广州市天河区婚姻登记处", "广州市天河区天河北路***号"),
    ("440113", "广州市番禺区婚姻登记处", "广州市番禺区市桥街***号"),
    ("440303", "深圳市罗湖区婚姻登记处", "深圳市罗湖区文锦中路***号"),
    ("440304", "深圳市福田区婚姻登记处", "深圳市福田区福中三路***号"),
    ("440305", "深圳市南山区婚姻登记处", "深圳市南山区南山大道***号"),
    ("330203", "宁波市海曙区婚姻登记处", "宁波市海曙区中山西路***号"),
    ("330212", "宁波市鄞州区婚姻登记处", "宁波市鄞州区天童南路***号"),
    ("370202", "青岛市市南区婚姻登记处", "青岛市市南区宁夏路***号"),
    ("370212", "青岛市崂山区婚姻登记处", "青岛市崂山区海尔路***号"),
    ("420102", "武汉市江岸区婚姻登记处", "武汉市江岸区沿江大道***号"),
    ("420106", "武汉市武昌区婚姻登记处", "武汉市武昌区中北路***号"),
    ("420111", "武汉市洪山区婚姻登记处", "武汉市洪山区珞喻路***号"),
];

const PERIODS: [&str; 6] =
    ["09:00-10:00", "10:00-11:00", "11:00-11:30", "13:30-14:30", "14:30-15:30", "15:30-16:30"];
/// Couples per period; pattern 0 is the published sample day (330106 on 2025-05-20).
#[rustfmt::skip]
const PATTERNS: [[u32; 6]; 5] = [[2, 0, 0, 1, 0, 3], [3, 2, 1, 2, 4, 1], [0, 1, 2, 0, 3, 2], [4, 3, 1, 2, 2, 0], [1, 0, 2, 3, 1, 2]];

/// The registry with this code.
pub fn office(code: &str) -> Option<&'static Office> {
    OFFICES.iter().find(|o| o.0 == code)
}

/// The periods of a registry on a day: `(period id, time, couples before bookings)`.
pub fn periods(office: &str, day: Date) -> Vec<(String, &'static str, u32)> {
    if day.weekday() >= 6 {
        return Vec::new();
    }
    let anchor = Date { y: 2025, m: 5, d: 20 };
    let pattern = PATTERNS[rotation(office, "330106", day, anchor, PATTERNS.len())];
    PERIODS
        .iter()
        .zip(pattern)
        .enumerate()
        .map(|(i, (name, n))| (format!("{office}-{}-{:02}", compact(day), i + 1), *name, n))
        .collect()
}

/// `/hub/civil/marriage-offices`: the registries of the city.
pub fn offices(call: &Call<'_>) -> Answer {
    let list: Vec<Value> = OFFICES
        .iter()
        .filter(|o| o.0[..4] == call.city.code[..4])
        .map(|(code, name, _)| json!({ "orgCode": code, "orgName": name }))
        .collect();
    Answer::ok(json!({ "code": "0", "data": { "offices": list } }))
}

/// `/hub/civil/marriage-slots`: the periods of a registry on a day with places left.
pub fn office_periods(call: &Call<'_>) -> Answer {
    let code = call.field("/office");
    let (Some(_), Some(day)) = (office(&code), Date::parse_iso(&call.field("/date"))) else {
        return Answer::ok(call.dialect.invalid("office"));
    };
    let list: Vec<Value> = call.desk.with(|ledger| {
        periods(&code, day)
            .into_iter()
            .map(|(id, name, n)| {
                let remain = n.saturating_sub(ledger.taken(&id));
                json!({ "periodId": id, "periodName": name, "remain": remain })
            })
            .collect()
    });
    Answer::ok(json!({ "code": "0", "data": { "periods": list } }))
}
