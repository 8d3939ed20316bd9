//! The utilities and the Taiyuan third-party collector: one bill engine (look up the account,
//! answer its latest bill, or its own "not found", "closed", "being issued" or empty answer)
//! with one serializer per answer shape ([`shapes`]).
//!
//! Paths: `/dept/<city>-water/bill` (`{"accountNo"}`), `/dept/<city>-power/bill`
//! (`{"consNo","busiType":"01"}`, or `{"eleCustNumber","queryType":"ARREARS"}` on the Southern
//! Grid), `/dept/<city>-gas/bill` (`{"userNo"}`), `/dept/ty-collector/{water,electricity,gas}`
//! (`{"jydm":"1001","shbh","yhh","qdbs"}`).

pub mod data;
pub mod dialects;
pub mod payees;
pub mod paying;
pub mod shapes;

use serde_json::{json, Value};

use super::cities::listed;
use super::people::{self, Utility};
use super::route::{Answer, Call, Route};
use data::Standing;
pub use dialects::{COLLECTOR, GAS, POWER, SOUTHERN, WATER};
use shapes::Drawn;

/// One utility answering in one shape.
pub struct Kind {
    /// What it bills.
    pub utility: Utility,
    /// Where the account number is in the request.
    pub account_at: &'static str,
    /// The collector's merchant code (`shbh`) for this utility, if collected.
    pub merchant: Option<&'static str>,
    /// The code and message of a closed account.
    pub closed: (&'static str, &'static str),
    /// The code and message while this month's bill is being issued.
    pub issuing: (&'static str, &'static str),
    /// The bill in this shape.
    pub draw: fn(&Drawn<'_>) -> Value,
    /// The successful answer with no bill.
    pub empty: fn() -> Value,
}

fn serve(call: &Call<'_>, kind: &Kind) -> Answer {
    let number = call.field(kind.account_at);
    let (lo, hi) = kind.utility.lengths();
    if !(lo..=hi).contains(&number.len()) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Answer::ok(call.dialect.invalid("account"));
    }
    if let Some(merchant) = kind.merchant {
        if call.field("/jydm") != "1001"
            || call.field("/shbh") != merchant
            || call.field("/qdbs").is_empty()
        {
            return Answer::ok(call.dialect.invalid(""));
        }
    }
    let city = call.city.code;
    let account = people::account(city, kind.utility, &number);
    let (Some(account), Some(standing)) = (account, data::standing(city, &number)) else {
        return Answer::ok(call.dialect.missing());
    };
    Answer::ok(match standing {
        Standing::Billed(bill) => (kind.draw)(&Drawn {
            account,
            bill,
            payee: payees::payee(city, kind.utility),
            paid_at: paying::bill_paid_at(bill, call.books),
        }),
        Standing::NoBill => (kind.empty)(),
        Standing::Closed => call.dialect.error(kind.closed.0, kind.closed.1),
        Standing::Issuing => call.dialect.error(kind.issuing.0, kind.issuing.1),
    })
}

static WATER_BILL: Kind = Kind {
    utility: Utility::Water,
    account_at: "/accountNo",
    merchant: None,
    closed: ("1002", "account closed"),
    issuing: ("1003", "bill in issuing"),
    draw: shapes::water,
    empty: || json!({ "code": 0, "message": "success", "data": { "bill": null } }),
};
static POWER_BILL: Kind = Kind {
    utility: Utility::Power,
    account_at: "/consNo",
    merchant: None,
    closed: ("2002", "用户已销户"),
    issuing: ("3001", "电费发行中"),
    draw: shapes::power,
    empty: || json!({ "rtnCode": "1", "rtnMsg": "成功", "data": null }),
};
static GAS_BILL: Kind = Kind {
    utility: Utility::Gas,
    account_at: "/userNo",
    merchant: None,
    closed: ("USER_CLOSED", "用户已销户"),
    issuing: ("BILL_ISSUING", "账单出账中"),
    draw: shapes::gas,
    empty: || json!({ "resultCode": "SUCCESS", "resultMsg": "", "data": null }),
};
static SOUTHERN_BILL: Kind = Kind {
    utility: Utility::Power,
    account_at: "/eleCustNumber",
    merchant: None,
    closed: ("40002", "account closed"),
    issuing: ("40003", "bill in issuing"),
    draw: shapes::southern,
    empty: || json!({ "errcode": 0, "errmsg": "ok", "result": null }),
};

const fn collected(utility: Utility, merchant: &'static str) -> Kind {
    Kind {
        utility,
        account_at: "/yhh",
        merchant: Some(merchant),
        closed: ("12", "用户已销户"),
        issuing: ("13", "账单未出"),
        draw: shapes::collector,
        empty: || json!({ "fhm": "00", "fhxx": "交易成功", "jg": null }),
    }
}
static TY_WATER: Kind = collected(Utility::Water, "TYSW");
static TY_POWER: Kind = collected(Utility::Power, "TYGD");
static TY_GAS: Kind = collected(Utility::Gas, "TYRQ");

/// Every bill route.
pub fn routes() -> Vec<Route> {
    let mut routes = Vec::new();
    let mut add = |prefixes, suffix, op, service, dialect, shape, handler| {
        for city in listed(prefixes) {
            routes.push(Route::dept(city, suffix, op, service).answers(dialect, shape, handler));
        }
    };
    add("hz bj sh gz sz nb nc fs wh", "water", "bill", "water-bill", &WATER, "default", |c| {
        serve(c, &WATER_BILL)
    });
    add("hz bj sh nb nc qd wh", "power", "bill", "electricity-bill", &POWER, "default", |c| {
        serve(c, &POWER_BILL)
    });
    add("gz sz fs", "power", "bill", "electricity-bill", &SOUTHERN, "southern-grid", |c| {
        serve(c, &SOUTHERN_BILL)
    });
    add("hz bj sh sz nb nc qd wh", "gas", "bill", "gas-bill", &GAS, "default", |c| {
        serve(c, &GAS_BILL)
    });
    add("ty", "collector", "water", "water-bill", &COLLECTOR, "ty-collector", |c| {
        serve(c, &TY_WATER)
    });
    add("ty", "collector", "electricity", "electricity-bill", &COLLECTOR, "ty-collector", |c| {
        serve(c, &TY_POWER)
    });
    add("ty", "collector", "gas", "gas-bill", &COLLECTOR, "ty-collector", |c| serve(c, &TY_GAS));
    routes
}
