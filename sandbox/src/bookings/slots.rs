//! Appointment slots, seeded on first listing for each (service, city, resource, date):
//! ten half-hour slots a day (09:00–11:30 and 14:00–16:30, China Standard Time), each with
//! [`SLOT_CAPACITY`] places. Slot ids are derived from their key, so they are stable.

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use crate::db::immediate;
use crate::error::ApiError;
use crate::ids::derived_id;
use crate::time::{beijing_today, date_of_days, now_ms, Date};
use crate::validate::{Checker, CITY, DATE, SERVICE, TOKEN};

/// Places in every seeded slot.
pub const SLOT_CAPACITY: i64 = 10;

/// How many days ahead slots can be listed.
pub const DAYS_AHEAD: i64 = 180;

/// The start times of a day's slots; each lasts 30 minutes.
pub(super) const STARTS: [&str; 10] =
    ["09:00", "09:30", "10:00", "10:30", "11:00", "14:00", "14:30", "15:00", "15:30", "16:00"];

/// One slot as listed: `{"id","start","end","capacity","left"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// The slot id, e.g. `slot_9c1d…`.
    pub id: String,
    /// Start, RFC 3339 with the `+08:00` offset.
    pub start: String,
    /// End, RFC 3339 with the `+08:00` offset.
    pub end: String,
    /// Places in total.
    pub capacity: i64,
    /// Places neither confirmed nor held by an unexpired hold.
    pub left: i64,
}

/// A validated `GET /api/v1/slots` query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotQuery {
    pub(super) service: String,
    pub(super) city: String,
    pub(super) resource: String,
    pub(super) date: Date,
}

impl SlotQuery {
    /// Checks `service`, `city`, `resource` and `date` (today to [`DAYS_AHEAD`] days on).
    pub fn from_query(query: &Value) -> Result<SlotQuery, ApiError> {
        let mut check = Checker::query(query)?;
        let service = check.text("service", SERVICE);
        let city = check.text("city", CITY);
        let resource = check.text("resource", TOKEN);
        let date = check.text("date", DATE).and_then(|text| {
            let today = beijing_today();
            let last = date_of_days(today.days() + DAYS_AHEAD);
            let first = date_of_days(today.days() - 1);
            let date = Date::parse_iso(&text);
            match date {
                Some(d) if d >= first && d <= last => return Some(d),
                Some(_) => check.reject(
                    "/date",
                    "range",
                    format!("date must be from `{}` to `{}`, got `{text}`", first, last),
                ),
                None => check.reject(
                    "/date",
                    "format",
                    format!("date must be a calendar date `yyyy-MM-dd`, got `{text}`"),
                ),
            }
            None
        });
        check.finish()?;
        match (service, city, resource, date) {
            (Some(service), Some(city), Some(resource), Some(date)) => {
                Ok(SlotQuery { service, city, resource, date })
            }
            _ => Err(ApiError::Internal("validation lost a field".into())),
        }
    }
}

pub(super) fn end_of(start: &str) -> String {
    let minutes = start
        .split_once(':')
        .and_then(|(h, m)| Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?))
        .unwrap_or(0)
        + 30;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Seeds the day's slots if it has none yet, then lists them with their places left.
pub fn list(conn: &mut Connection, q: &SlotQuery) -> Result<Vec<Slot>, ApiError> {
    let date = q.date.to_string();
    let key = (q.service.as_str(), q.city.as_str(), q.resource.as_str(), date.as_str());
    let day = "service = ?1 AND city = ?2 AND resource = ?3 AND date = ?4";
    let count_sql = format!("SELECT COUNT(*) FROM slots WHERE {day}");
    let seeded: i64 = conn.query_row(&count_sql, key, |row| row.get(0))?;
    if seeded == 0 {
        let tx = immediate(conn)?;
        for start in STARTS {
            let id = derived_id("slot", &[key.0, key.1, key.2, key.3, start]);
            let at = |time: &str| format!("{date}T{time}:00+08:00");
            tx.execute(
                "INSERT OR IGNORE INTO slots (id, service, city, resource, date, start_at, \
                 end_at, capacity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    id,
                    key.0,
                    key.1,
                    key.2,
                    key.3,
                    at(start),
                    at(&end_of(start)),
                    SLOT_CAPACITY
                ],
            )?;
        }
        tx.commit()?;
    }
    let sql = format!(
        "SELECT s.id, s.start_at, s.end_at, s.capacity, s.capacity - (SELECT COUNT(*) \
         FROM bookings b WHERE b.slot_id = s.id AND (b.status = 'confirmed' OR \
         (b.status = 'held' AND b.expires_ms > ?5))) FROM slots s WHERE {day} ORDER BY s.start_at"
    );
    let mut statement = conn.prepare(&sql)?;
    let params = rusqlite::params![key.0, key.1, key.2, key.3, now_ms()];
    let rows = statement.query_map(params, |row| {
        Ok(Slot {
            id: row.get(0)?,
            start: row.get(1)?,
            end: row.get(2)?,
            capacity: row.get(3)?,
            left: row.get::<_, i64>(4)?.max(0),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<Slot>>>()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn slots_last_half_an_hour() {
        assert_eq!(super::end_of("09:30"), "10:00");
        assert_eq!(super::end_of("16:00"), "16:30");
    }
}
