//! Road conditions (路况): `GET /dept/<city>-traffic-police/road-conditions?scope=main`.
//!
//! The level of each segment is a function of (segment, minute of the day): a weekday demand
//! curve with morning and evening peaks, scaled by how strongly the road is loaded, shifted a
//! little per road, with a per-segment wobble that changes every 3 minutes — so a refresh
//! can differ, and the same minute always gives the same picture. `?minute=0..1439` asks for
//! a given minute (tests, demos); otherwise the current Beijing minute is used.

pub mod roads;

use serde_json::{json, Value};

use super::cities::listed;
use super::dialect::Dialect;
use super::route::{Answer, Call, Route};
use super::traffic::SUFFIX;
use super::util::{self, hash};

/// The envelope `{"code","msg","data"}`, numeric codes.
pub static DIALECT: Dialect = Dialect {
    code: "code",
    msg: "msg",
    data: "data",
    numeric: true,
    busy: ("503", "data source unavailable"),
    missing: ("404", "no such city"),
    invalid: &[("*", "400", "invalid parameter")],
};

fn bump(minute: f64, centre: f64, width: f64) -> f64 {
    let x = (minute - centre) / width;
    (-x * x).exp()
}

/// The share of road capacity in use at a minute of the day, before a road's own load.
pub fn demand(minute: f64) -> f64 {
    0.12 + 0.8 * bump(minute, 495.0, 65.0)
        + 0.85 * bump(minute, 1080.0, 75.0)
        + 0.28 * bump(minute, 750.0, 140.0)
}

/// Level (1 clear … 4 jammed) and speed of a segment at a minute of the day.
pub fn condition(road: &roads::Road, minute: u32) -> (u32, u32) {
    let (id, _, _, free, load) = *road;
    let shift = (hash(&[id]) % 31) as f64 - 15.0;
    let wobble = (hash(&[id, &(minute / 3).to_string()]) % 1000) as f64 / 1000.0;
    let c = demand(f64::from(minute) + shift) * f64::from(load) / 100.0 + (wobble - 0.5) * 0.24;
    let (level, factor) = match c {
        c if c < 0.45 => (1, 0.85),
        c if c < 0.7 => (2, 0.55),
        c if c < 0.95 => (3, 0.32),
        _ => (4, 0.12),
    };
    let speed = f64::from(free) * (factor + wobble * 0.12);
    (level, speed.round() as u32)
}

/// Answers the road picture of the city.
pub fn conditions(call: &Call<'_>) -> Answer {
    if call.query.get("scope").is_some_and(|s| s != "main") {
        return Answer::ok(call.dialect.invalid(""));
    }
    let minute = match call.query.get("minute") {
        Some(m) => match m.parse::<u32>() {
            Ok(m) if m < 1440 => m,
            _ => return Answer::ok(call.dialect.invalid("")),
        },
        None => citypanel_descriptor::time::beijing(crate::time::now_ms())
            .map_or(0, |t| u32::from(t.minute_of_day())),
    };
    let list: Vec<Value> = roads::roads(call.city.code).iter().map(|road| {
        let (level, speed) = condition(road, minute);
        json!({ "roadId": road.0, "roadName": road.1, "direction": road.2, "speed": speed, "status": level })
    }).collect();
    let data = json!({ "city": call.city.code, "updateTime": util::iso_at(call.today, minute), "roads": list });
    Answer::ok(call.dialect.ok("0", "ok", data))
}

/// Every road-conditions route.
pub fn routes() -> Vec<Route> {
    listed("hz bj sh gz sz wh")
        .map(|city| {
            let mut r = Route::dept(city, SUFFIX, "road-conditions", "road-conditions");
            r.get = true;
            r.answers(&DIALECT, "default", conditions)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rush_hour_is_worse_than_the_night_and_minutes_differ() {
        let hz = roads::roads("330100");
        let total = |minute| hz.iter().map(|r| condition(r, minute).0).sum::<u32>();
        assert!(total(8 * 60 + 15) > total(3 * 60) + 10, "{} {}", total(495), total(180));
        assert!(hz.iter().all(|r| condition(r, 180).0 <= 2));
        assert!((0..60).any(|m| hz.iter().any(|r| condition(r, 480 + m) != condition(r, 481 + m))));
        assert_eq!(condition(&hz[0], 600), condition(&hz[0], 600));
    }
}
