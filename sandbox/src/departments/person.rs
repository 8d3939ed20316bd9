//! Person queries (descriptor format 1.1 `person_endpoint`, "My City"): each department
//! answers for a citizen, given the identity attributes its `digest` needs, in its own shape
//! and envelope — the same facts as its ordinary answers, from the same modules.
//!
//! Paths are `POST /dept/<city>-<department>/person/<op>`:
//!
//! | department | op | body | answer |
//! |---|---|---|---|
//! | traffic police (default) | `wfcx` | `{"hphms":[…]}` | `data.wfjl[]` (fen, `clzt`) |
//! | traffic police (Beijing) | `violations` | `{"car_nos":[…]}` | `list[]` (jiao, `paid`) |
//! | traffic police (Shanghai) | `violations` | `{"plateNumbers":[…]}` | `result.items[]` (yuan) |
//! | water | `bills` | `{"accountNos":[…]}` | `data.bills[]` (fen, ISO dates) |
//! | power (State Grid) | `bills` | `{"consNos":[…]}` | `data.bills[]` (yuan, `payFlag`) |
//! | power (Southern Grid) | `bills` | `{"eleCustNumbers":[…]}` | `result.bills[]` (fen, `yyyyMMdd`) |
//! | gas | `bills` | `{"userNos":[…]}` | `data.bills[]` (yuan, `state`) |
//! | Taiyuan collector | `water`, `electricity`, `gas` | `{"jydm":"1002","shbh","yhhs":[…],"qdbs"}` | `jg.zd[]` (yuan strings, `yyyyMMdd`) |
//! | library | `loans` | `{"rdids":[…]}` | `data.loans[]` (`dueDate` `yyyyMMdd`) |
//! | vehicle admin | `inspection` | `{"hphms":[…]}` | `data.vehicles[]` (`jyyxqz` `yyyyMMdd`) |
//! | vehicle admin | `licence` | `{"sfzmhm"}` | `data.licences[]` |
//! | exit-entry | `applications` | `{"sfzh"}` | `data.applications[]` |
//!
//! A list must hold 1–20 well-formed identifiers, else the department's own "malformed
//! parameter" answer; identifiers it does not know simply have nothing. Faults apply as on the
//! ordinary routes.

use citypanel_descriptor::rules::{format_yuan, validate_id_number, validate_plate};
use serde_json::{json, Value};

use super::bills::{self, data::Standing, payees, paying as bill_paying};
use super::cities::listed;
use super::exit_entry::{self, PROGRESS};
use super::library::{self, loans::loans};
use super::people::{self, Utility, APPLICATIONS, LICENCES};
use super::route::{Answer, Call, Route};
use super::traffic::{self, records::records};
use super::vehicle_admin;

/// Most identifiers in one person request.
pub const MAX_ITEMS: usize = 20;

/// The strings of the array at `key`, each normalized by `check`; `Err(())` when it is not an
/// array of 1–[`MAX_ITEMS`] strings that pass.
fn list(
    call: &Call<'_>,
    key: &str,
    check: impl Fn(&str) -> Option<String>,
) -> Result<Vec<String>, ()> {
    let items = call.body.get(key).and_then(Value::as_array).ok_or(())?;
    if items.is_empty() || items.len() > MAX_ITEMS {
        return Err(());
    }
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let v = item.as_str().and_then(&check).ok_or(())?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

fn plates(call: &Call<'_>, key: &str) -> Result<Vec<String>, Answer> {
    list(call, key, |s| validate_plate(s).ok())
        .map_err(|_| Answer::ok(call.dialect.invalid("plate")))
}

fn numbers(
    call: &Call<'_>,
    key: &str,
    (lo, hi): (usize, usize),
    input: &str,
) -> Result<Vec<String>, Answer> {
    let ok = |s: &str| {
        ((lo..=hi).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| s.to_string())
    };
    list(call, key, ok).map_err(|_| Answer::ok(call.dialect.invalid(input)))
}

/// The city's violation records of these plates, those paid through the platform handled.
fn violations(call: &Call<'_>, plates: &[String]) -> Vec<(String, traffic::records::Violation)> {
    let city = call.city.code;
    plates
        .iter()
        .flat_map(|p| {
            records(city, p)
                .iter()
                .map(|v| (p.clone(), traffic::paying::violation(city, v, call.books)))
        })
        .collect()
}

/// Default shape: `{"hphms":[…]}` → `{"code":"0000","data":{"total","wfjl":[{hphm,…}]}}`.
fn traffic_default(call: &Call<'_>) -> Answer {
    let plates = match plates(call, "hphms") {
        Ok(p) => p,
        Err(refusal) => return refusal,
    };
    let wfjl: Vec<Value> = violations(call, &plates)
        .into_iter()
        .map(|(plate, v)| {
            let mut r = json!(v);
            r["hphm"] = json!(plate);
            r
        })
        .collect();
    Answer::ok(call.dialect.ok("0000", "成功", json!({ "total": wfjl.len(), "wfjl": wfjl })))
}

/// Beijing: `{"car_nos":[…]}` → `{"ret":0,"list":[{car_no,…}]}` (fines in jiao).
fn traffic_beijing(call: &Call<'_>) -> Answer {
    let plates = match plates(call, "car_nos") {
        Ok(p) => p,
        Err(refusal) => return refusal,
    };
    let list: Vec<Value> = violations(call, &plates)
        .iter()
        .map(|(plate, v)| {
            let mut r = traffic::shapes::beijing_record(v);
            r["car_no"] = json!(plate);
            r
        })
        .collect();
    Answer::ok(json!({ "ret": 0, "msg": "ok", "total": list.len(), "list": list }))
}

/// Shanghai: `{"plateNumbers":[…]}` → `{"status":200,"result":{"items":[{plateNumber,…}]}}`.
fn traffic_shanghai(call: &Call<'_>) -> Answer {
    let plates = match plates(call, "plateNumbers") {
        Ok(p) => p,
        Err(refusal) => return refusal,
    };
    let items: Vec<Value> = violations(call, &plates)
        .iter()
        .map(|(plate, v)| {
            let mut r = traffic::shapes::shanghai_record(v);
            r["plateNumber"] = json!(plate);
            r
        })
        .collect();
    let result = json!({ "total": items.len(), "items": items });
    Answer::ok(json!({ "status": 200, "message": "OK", "result": result }))
}

/// The billed accounts among `numbers`: (number, bill, paid at).
fn billed(
    call: &Call<'_>,
    utility: Utility,
    numbers: &[String],
) -> Vec<(String, &'static bills::data::Bill, Option<String>)> {
    let city = call.city.code;
    numbers
        .iter()
        .filter(|n| people::account(city, utility, n).is_some())
        .filter_map(|n| match bills::data::standing(city, n) {
            Some(Standing::Billed(b)) => {
                Some((n.clone(), b, bill_paying::bill_paid_at(b, call.books)))
            }
            _ => None,
        })
        .collect()
}

fn yuan(fen: i64) -> Value {
    json!(fen as f64 / 100.0)
}

/// Water: `{"accountNos":[…]}` → `{"code":0,"data":{"bills":[…]}}` (fen, `yyyy-MM-dd`).
fn water(call: &Call<'_>) -> Answer {
    let numbers = match numbers(call, "accountNos", Utility::Water.lengths(), "account") {
        Ok(n) => n,
        Err(refusal) => return refusal,
    };
    let city = call.city.code;
    let list: Vec<Value> = billed(call, Utility::Water, &numbers)
        .iter()
        .map(|(n, b, paid)| {
            json!({ "accountNo": n, "billNo": b.no, "period": b.period, "amountFen": b.total(),
                    "dueDate": b.due, "status": if paid.is_some() { "PAID" } else { "UNPAID" },
                    "payee": payees::payee(city, Utility::Water) })
        })
        .collect();
    Answer::ok(json!({ "code": 0, "message": "success", "data": { "bills": list } }))
}

/// State Grid: `{"consNos":[…]}` → `{"rtnCode":"1","data":{"bills":[…]}}` (yuan).
fn power(call: &Call<'_>) -> Answer {
    let numbers = match numbers(call, "consNos", Utility::Power.lengths(), "account") {
        Ok(n) => n,
        Err(refusal) => return refusal,
    };
    let list: Vec<Value> = billed(call, Utility::Power, &numbers)
        .iter()
        .map(|(n, b, paid)| {
            json!({ "consNo": n, "billId": b.no, "billYm": b.period.replace('-', ""),
                    "oweAmt": yuan(b.total()), "payDeadline": b.due,
                    "payFlag": if paid.is_some() { "1" } else { "0" } })
        })
        .collect();
    Answer::ok(json!({ "rtnCode": "1", "rtnMsg": "成功", "data": { "bills": list } }))
}

/// Southern Grid: `{"eleCustNumbers":[…]}` → `{"errcode":0,"result":{"bills":[…]}}` (fen).
fn southern(call: &Call<'_>) -> Answer {
    let numbers = match numbers(call, "eleCustNumbers", Utility::Power.lengths(), "account") {
        Ok(n) => n,
        Err(refusal) => return refusal,
    };
    let list: Vec<Value> = billed(call, Utility::Power, &numbers)
        .iter()
        .map(|(n, b, paid)| {
            json!({ "eleCustNumber": n, "billNo": b.no, "billMonth": b.period,
                    "totalFee": b.total(), "latestPayDate": b.due.replace('-', ""),
                    "arrearsFlag": if paid.is_some() { "N" } else { "Y" } })
        })
        .collect();
    Answer::ok(json!({ "errcode": 0, "errmsg": "ok", "result": { "bills": list } }))
}

/// Gas: `{"userNos":[…]}` → `{"resultCode":"SUCCESS","data":{"bills":[…]}}` (yuan).
fn gas(call: &Call<'_>) -> Answer {
    let numbers = match numbers(call, "userNos", Utility::Gas.lengths(), "account") {
        Ok(n) => n,
        Err(refusal) => return refusal,
    };
    let list: Vec<Value> = billed(call, Utility::Gas, &numbers)
        .iter()
        .map(|(n, b, paid)| {
            json!({ "userNo": n, "billNo": b.no, "billMonth": b.period,
                    "totalAmount": yuan(b.total()), "dueDate": b.due,
                    "state": if paid.is_some() { "PAID" } else { "OWING" } })
        })
        .collect();
    Answer::ok(json!({ "resultCode": "SUCCESS", "resultMsg": "", "data": { "bills": list } }))
}

/// The Taiyuan collector's batch query (transaction `1002`) for one utility's merchant code:
/// `{"jydm":"1002","shbh","yhhs":[…],"qdbs"}` → `{"fhm":"00","jg":{"zd":[…]}}`.
fn collector(call: &Call<'_>, utility: Utility, merchant: &str) -> Answer {
    if call.field("/jydm") != "1002"
        || call.field("/shbh") != merchant
        || call.field("/qdbs").is_empty()
    {
        return Answer::ok(call.dialect.invalid(""));
    }
    let numbers = match numbers(call, "yhhs", utility.lengths(), "account") {
        Ok(n) => n,
        Err(refusal) => return refusal,
    };
    let zd: Vec<Value> = billed(call, utility, &numbers)
        .iter()
        .map(|(n, b, paid)| {
            json!({ "yhh": n, "zdh": b.no, "zq": b.period.replace('-', ""),
                    "qfje": format_yuan(b.total()), "jzrq": b.due.replace('-', ""),
                    "zt": if paid.is_some() { "02" } else { "01" } })
        })
        .collect();
    Answer::ok(json!({ "fhm": "00", "fhxx": "交易成功", "jg": { "zd": zd } }))
}

/// Library: `{"rdids":[…]}` → `{"code":"0","data":{"loans":[{rdid,…}]}}`; lost cards have none.
fn library_loans(call: &Call<'_>) -> Answer {
    let cards = match numbers(call, "rdids", (6, 20), "card") {
        Ok(n) => n,
        Err(refusal) => return refusal,
    };
    let city = call.city.code;
    let mut items = Vec::new();
    for card in cards.iter().filter_map(|c| people::card(city, c)).filter(|c| !c.lost) {
        for s in call.desk.with(|l| loans(l, city, card.card)) {
            let mut loan = library::service::loan_json(&s);
            loan["rdid"] = json!(card.card);
            items.push(loan);
        }
    }
    Answer::ok(call.dialect.ok("0", "ok", json!({ "loans": items })))
}

/// Vehicle admin: `{"hphms":[…]}` → `{"code":"0000","data":{"vehicles":[…]}}`: the national
/// register's inspection validity (`jyyxqz`, `yyyyMMdd`) of each known plate.
fn inspection(call: &Call<'_>) -> Answer {
    let plates = match plates(call, "hphms") {
        Ok(p) => p,
        Err(refusal) => return refusal,
    };
    let vehicles: Vec<Value> = plates
        .iter()
        .filter_map(|p| people::vehicle(p))
        .map(|v| {
            json!({ "hphm": v.plate, "clxh": v.model, "jyyxqz": v.inspection_due.replace('-', ""),
                    "zt": if v.blocked { "E" } else { "A" } })
        })
        .collect();
    Answer::ok(call.dialect.ok("0000", "成功", json!({ "vehicles": vehicles })))
}

/// Vehicle admin: `{"sfzmhm"}` → `{"code":"0000","data":{"licences":[…]}}`.
fn licence(call: &Call<'_>) -> Answer {
    let Ok(id) = validate_id_number(&call.field("/sfzmhm")) else {
        return Answer::ok(call.dialect.invalid("licence"));
    };
    let licences: Vec<Value> = LICENCES
        .iter()
        .filter(|l| l.holder.id_number == id)
        .map(|l| {
            let [cycle_start, cycle_end, _, _, valid_to] = l.dates;
            json!({ "zjcx": l.class, "zt": l.status, "ljjf": l.points, "jfqsrq": cycle_start,
                    "qfrq": cycle_end, "yxqz": valid_to })
        })
        .collect();
    Answer::ok(call.dialect.ok("0000", "成功", json!({ "licences": licences })))
}

/// Exit-entry: `{"sfzh"}` → `{"code":"00","data":{"applications":[…]}}`, each with its
/// current stage (`dqhj`, `bz`) and whether it is still being handled (`zt`).
fn applications(call: &Call<'_>) -> Answer {
    let Ok(id) = validate_id_number(&call.field("/sfzh")) else {
        return Answer::ok(call.dialect.invalid(""));
    };
    let list: Vec<Value> = APPLICATIONS
        .iter()
        .filter(|a| a.applicant.id_number == id)
        .filter_map(|a| PROGRESS.iter().find(|p| p.0 == a.number))
        .map(|(slbh, business, stages)| {
            let current = stages.iter().find(|s| s.2 == "current");
            let last = current.or(stages.iter().rev().find(|s| s.2 == "done"));
            json!({ "slbh": slbh, "ywlx": business,
                    "dqhj": last.map(|s| s.0), "sj": last.and_then(|s| s.1), "bz": last.map(|s| s.3),
                    "zt": if current.is_some() { "processing" } else { "completed" } })
        })
        .collect();
    Answer::ok(call.dialect.ok("00", "查询成功", json!({ "applications": list })))
}

/// Every person-query route.
pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    let mut add = |prefixes, suffix, op, service, dialect, shape, handler| {
        for city in listed(prefixes) {
            routes.push(Route::person(city, suffix, op, service).answers(dialect, shape, handler));
        }
    };
    let tp = traffic::SUFFIX;
    add(
        "hz gz sz nb nc qd ty fs wh",
        tp,
        "wfcx",
        "traffic-violations",
        &traffic::DIALECT,
        "person",
        traffic_default,
    );
    add(
        "bj",
        tp,
        "violations",
        "traffic-violations",
        &traffic::BEIJING,
        "person-beijing",
        traffic_beijing,
    );
    add(
        "sh",
        tp,
        "violations",
        "traffic-violations",
        &traffic::SHANGHAI,
        "person-shanghai",
        traffic_shanghai,
    );
    add(
        "hz bj sh gz sz nb nc fs wh",
        "water",
        "bills",
        "water-bill",
        &bills::WATER,
        "person",
        water,
    );
    add(
        "hz bj sh nb nc qd wh",
        "power",
        "bills",
        "electricity-bill",
        &bills::POWER,
        "person",
        power,
    );
    add(
        "gz sz fs",
        "power",
        "bills",
        "electricity-bill",
        &bills::SOUTHERN,
        "person-southern-grid",
        southern,
    );
    add("hz bj sh sz nb nc qd wh", "gas", "bills", "gas-bill", &bills::GAS, "person", gas);
    let co = "collector";
    add("ty", co, "water", "water-bill", &bills::COLLECTOR, "person-ty-collector", |c| {
        collector(c, Utility::Water, "TYSW")
    });
    add(
        "ty",
        co,
        "electricity",
        "electricity-bill",
        &bills::COLLECTOR,
        "person-ty-collector",
        |c| collector(c, Utility::Power, "TYGD"),
    );
    add("ty", co, "gas", "gas-bill", &bills::COLLECTOR, "person-ty-collector", |c| {
        collector(c, Utility::Gas, "TYRQ")
    });
    add(
        "hz bj sh gz sz nb qd fs wh",
        library::SUFFIX,
        "loans",
        "library-loans",
        &library::DIALECT,
        "person",
        library_loans,
    );
    let va = vehicle_admin::SUFFIX;
    add(
        "hz bj sh gz sz nb qd fs wh",
        va,
        "inspection",
        "vehicle-inspection-booking",
        &vehicle_admin::DIALECT,
        "person",
        inspection,
    );
    add(
        "hz bj sh gz sz nb qd ty wh",
        va,
        "licence",
        "driving-licence-points",
        &vehicle_admin::DIALECT,
        "person",
        licence,
    );
    add(
        "hz bj sh gz sz nb nc qd ty fs wh",
        exit_entry::SUFFIX,
        "applications",
        "exit-entry-progress",
        &exit_entry::DIALECT,
        "person",
        applications,
    );
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_routes_are_dept_paths_of_their_services() {
        let all = routes();
        assert_eq!(all.len(), 79, "every city of each of the eight services");
        for r in &all {
            assert!(r.person && r.service.is_some() && r.path.contains("/person/"), "{}", r.path);
        }
        assert!(all.iter().any(|r| r.path == "/dept/hz-traffic-police/person/wfcx"));
        assert!(all.iter().any(|r| r.path == "/dept/sz-power/person/bills"));
    }
}
