//! Inspection stations and their daily slots, on the shared hub:
//! `/hub/traffic/inspection-stations` (`{}`; the city from the `X-Citypanel-City` header,
//! else Hangzhou) and `/hub/traffic/inspection-slots` (`{"station","date"}`).
//!
//! Each station opens six one-hour periods, Monday to Saturday. Places per period follow one
//! of five weekly patterns, rotating by day and station (some periods full), minus the
//! places booked in this sandbox.

use citypanel_descriptor::Date;
use serde_json::{json, Value};

use crate::departments::route::{Answer, Call};
use crate::departments::util::{compact, rotation};

/// One inspection station: id (city code, `JC`, number), name and masked address.
pub type Station = (&'static str, &'static str, &'static str);

/// Every station.
#[rustfmt::skip]
pub static STATIONS: &[Station] = &[
    ("330100JC01", "杭州城北机动车检测站", "杭州市拱墅区石祥路***号"),
    ("330100JC02", "杭州之江机动车检测站", "杭州市西湖区之江路***号"),
    ("330100JC03", "杭州下沙机动车检测站", "杭州市钱塘区12号大街***号"),
    ("330100JC04", "杭州萧山机动车检测站", "杭州市萧山区通惠南路***号"),
    ("110100JC01", "北京市朝阳区十八里店机动车检测场", "北京市朝阳区十八里店南桥***号"),
    ("110100JC02", "北京市海淀区西北旺机动车检测场", "北京市海淀区西北旺路***号"),
    ("110100JC03", "北京市丰台区花乡机动车检测场", "北京市丰台区花乡四合庄路***号"),
    ("310100JC01", "上海市浦东新区金桥机动车检测站", "上海市浦东新区金桥路***号"),
    ("310100JC02", "上海市闵行区虹梅机动车检测站", "上海市闵行区虹梅南路***号"),
    ("310100JC03", "上海市宝山区沪太机动车检测站", "上海市宝山区沪太路***号"),
    ("440100JC01", "广州市天河区机动车检测站", "广州市天河区中山大道***号"),
    ("440100JC02", "广州市白云区机动车检测站", "广州市白云区广州大道北***号"),
    ("440100JC03", "广州市番禺区机动车检测站", "广州市番禺区市桥街***号"),
    ("440300JC01", "深圳市福田区机动车检测站", "深圳市福田区北环大道***号"),
    ("440300JC02", "深圳市南山区机动车检测站", "深圳市南山区沙河西路***号"),
    ("440300JC03", "深圳市宝安区机动车检测站", "深圳市宝安区宝安大道***号"),
    ("330200JC01", "宁波市鄞州区机动车检测站", "宁波市鄞州区天童南路***号"),
    ("330200JC02", "宁波市江北区机动车检测站", "宁波市江北区海川路***号"),
    ("330200JC03", "宁波市北仑区机动车检测站", "宁波市北仑区长江路***号"),
    ("370200JC01", "青岛市城阳区机动车检测站", "青岛市城阳区正阳路***号"),
    ("370200JC02", "青岛市黄岛区机动车检测站", "青岛市黄岛区长江中路***号"),
    ("370200JC03", "青岛市李沧区机动车检测站", "青岛市李沧区九水东路***号"),
    ("440600JC01", "佛山市禅城区机动车检测站", "佛山市禅城区季华路***号"),
    ("440600JC02", "佛山市南海区机动车检测站", "佛山市南海区桂城海八路***号"),
    ("440600JC03", "佛山市顺德区机动车检测站", "佛山市顺德区大良德胜路***号"),
    ("420100JC01", "武汉市洪山区机动车检测站", "武汉市洪山区白沙洲大道***号"),
    ("420100JC02", "武汉市江岸区机动车检测站", "武汉市江岸区后湖大道***号"),
    ("420100JC03", "武汉市东西湖区机动车检测站", "武汉市东西湖区金银湖路***号"),
];

/// The six daily periods.
pub const PERIODS: [&str; 6] =
    ["08:30-09:30", "09:30-10:30", "10:30-11:30", "13:30-14:30", "14:30-15:30", "15:30-16:30"];

/// Places per period; pattern 0 is the published sample day (330100JC01 on 2025-05-06).
#[rustfmt::skip]
const PATTERNS: [[u32; 6]; 5] = [
    [0, 4, 12, 9, 15, 2],
    [3, 0, 8, 10, 6, 0],
    [12, 9, 0, 5, 11, 7],
    [1, 6, 4, 0, 9, 14],
    [8, 2, 10, 7, 0, 5],
];

/// The station with this id.
pub fn station(id: &str) -> Option<&'static Station> {
    STATIONS.iter().find(|s| s.0 == id)
}

/// The slots of a station on a day: `(slot id, period, places before bookings)`; none on
/// Sundays.
pub fn slots(station: &str, day: Date) -> Vec<(String, &'static str, u32)> {
    if day.weekday() == 7 {
        return Vec::new();
    }
    let anchor = Date { y: 2025, m: 5, d: 6 };
    let pattern = PATTERNS[rotation(station, "330100JC01", day, anchor, PATTERNS.len())];
    PERIODS
        .iter()
        .zip(pattern)
        .enumerate()
        .map(|(i, (period, places))| {
            (format!("{station}-{}-{:02}", compact(day), i + 1), *period, places)
        })
        .collect()
}

/// `/hub/traffic/inspection-stations`: the stations of the city.
pub fn stations(call: &Call<'_>) -> Answer {
    let list: Vec<Value> = STATIONS
        .iter()
        .filter(|s| s.0.starts_with(call.city.code))
        .map(|(id, name, address)| json!({ "jczbh": id, "jczmc": name, "jczdz": address }))
        .collect();
    Answer::ok(json!({ "code": "0000", "data": { "list": list } }))
}

/// `/hub/traffic/inspection-slots`: the periods of a station on a day with places left.
pub fn station_slots(call: &Call<'_>) -> Answer {
    let id = call.field("/station");
    let (Some(_), Some(day)) = (station(&id), Date::parse_iso(&call.field("/date"))) else {
        return Answer::ok(call.dialect.invalid("station"));
    };
    let sd: Vec<Value> = call.desk.with(|ledger| {
        slots(&id, day)
            .into_iter()
            .map(|(sdbh, sjd, places)| {
                let left = places.saturating_sub(ledger.taken(&sdbh));
                json!({ "sdbh": sdbh, "sjd": sjd, "sy": left })
            })
            .collect()
    });
    Answer::ok(json!({ "code": "0000", "data": { "sd": sd } }))
}
