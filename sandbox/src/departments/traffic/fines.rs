//! Penalty decisions (处罚决定书) and their payment look-up, `POST /dept/<city>-traffic-police/
//! fines` with `{"jdsbh","hphm"}`, answered as a bill in the default shape (fen, `yyyyMMdd`).
//!
//! A decision names the violation record it settles, so the fine agrees with the violation
//! inquiry (same time, place, offence and amount); one was issued on the spot.

use citypanel_descriptor::rules::validate_plate;
use serde_json::{json, Value};

use super::paying::decision_paid_at;
use super::police_name;
use super::records::{record, Violation};
use crate::departments::people;
use crate::departments::route::{Answer, Call};
use crate::departments::util::mask_name;

/// One penalty decision.
#[derive(Debug)]
pub struct Decision {
    /// The city code.
    pub city: &'static str,
    /// The decision number (15–16 digits).
    pub jdsbh: &'static str,
    /// The plate.
    pub plate: &'static str,
    /// The number of the violation record it settles (in the city's violation inquiry, or
    /// [`ON_THE_SPOT`] for a decision issued on the spot).
    pub record: &'static str,
    /// The deciding unit (`cfjg`).
    pub authority: &'static str,
    /// The payment deadline, `yyyyMMdd`.
    pub due: &'static str,
    /// The late-payment surcharge in fen (3% of the fine per day overdue).
    pub late_fee: u32,
    /// The payment number (`jkbh`).
    pub payment_no: &'static str,
    /// When it was paid, `yyyyMMddHHmmss`.
    pub paid_at: Option<&'static str>,
    /// `false` once online payment is closed (`E3004`).
    pub online: bool,
}

const fn d(
    city: &'static str,
    jdsbh: &'static str,
    plate: &'static str,
    xh: &'static str,
    authority: &'static str,
    due: &'static str,
    payment_no: &'static str,
) -> Decision {
    Decision {
        city,
        jdsbh,
        plate,
        record: xh,
        authority,
        due,
        late_fee: 0,
        payment_no,
        paid_at: None,
        online: true,
    }
}

/// Every decision.
#[rustfmt::skip]
pub static DECISIONS: &[Decision] = &[
    d("330100", "3301061000234567", "浙A12345", "3301001202504120001", "杭州市公安局交通警察支队西湖大队", "20250523", "3301002505080012345"),
    Decision { late_fee: 1800, ..d("330100", "330105100018842", "浙AD12345", "3301002202503080019", "杭州市公安局交通警察支队拱墅大队", "20250402", "3301002504110009876") },
    Decision { paid_at: Some("20241120153208"), ..d("330100", "3301081000112233", "浙A12345", "3301002202411180003", "杭州市公安局交通警察支队滨江大队", "20241218", "3301002411200004471") },
    Decision { online: false, ..d("330100", "3301091000098765", "浙B67890", "3301002202412090005", "杭州市公安局交通警察支队萧山大队", "20250108", "3301002412100003318") },
    d("110100", "1101051000456789", "京N8B512", "1101051250412004562", "北京市公安局公安交通管理局朝阳交通支队", "20250530", "1101002504200017766"),
    d("310100", "3101151000778899", "沪AK6321", "3101151250412003117", "上海市公安局交通警察总队浦东支队", "20250530", "3101002504190021345"),
    d("440100", "4401061000334455", "粤B3M8K6", "4401001202503220019", "广州市公安局交通警察支队天河大队", "20250430", "4401002503300008812"),
    d("440300", "4403051000556677", "粤B3M8K6", "4403001202504180031", "深圳市公安局交通警察支队南山大队", "20250525", "4403002504250013390"),
    d("330200", "3302031000221100", "浙B67890", "3302001202503150011", "宁波市公安局交通警察局海曙分局", "20250420", "3302002503210004417"),
    d("360100", "3601021000667788", "鄂A5N2L8", "3601001202504090015", "南昌市公安局交通管理局红谷滩分局", "20250516", "3601002504160002291"),
    d("370200", "3702021000889900", "鄂A5N2L8", "3702001202504050009", "青岛市公安局交通警察支队市南大队", "20250512", "3702002504120005524"),
    d("140100", "1401051000123450", "鄂A5N2L8", "1401001202502140021", "太原市公安局交通警察支队小店大队", "20250320", "1401002502200001876"),
    d("440600", "4406041000445566", "粤B3M8K6", "4406001202502020044", "佛山市公安局交通警察支队禅城大队", "20250310", "4406002502080003360"),
    d("420100", "4201061000998877", "鄂A5N2L8", "4201001202504210052", "武汉市公安局交通管理局武昌大队", "20250528", "4201002504280016653"),
];

/// The overdue decision of 浙AD12345 was issued on the spot: not among the camera records.
pub static ON_THE_SPOT: Violation = Violation {
    xh: "3301002202503080019",
    wfsj: "20250308191204",
    wfdd: "杭州市拱墅区莫干山路与文一路交叉口",
    wfxw: "驾驶机动车违反道路交通信号灯通行的",
    fkje: 20000,
    wfjf: 6,
    clzt: "1",
    cjfs: "2",
};

/// The violation a decision settles.
pub fn violation_of(decision: &Decision) -> Option<&'static Violation> {
    if decision.record == ON_THE_SPOT.xh {
        return Some(&ON_THE_SPOT);
    }
    record(decision.city, decision.record).map(|(_, r)| r)
}

fn bill(call: &Call<'_>, decision: &Decision, v: &Violation) -> Value {
    let party = people::vehicle(decision.plate).map_or("*".into(), |x| mask_name(x.owner.name));
    let paid_at = decision_paid_at(decision, call.books);
    let daily = v.fkje * 3 / 100;
    let surcharge = match decision.late_fee {
        0 => "加处罚款".to_string(),
        fee => format!("加处罚款（逾期{}天，每日按罚款数额的3%）", fee / daily.max(1)),
    };
    json!({
        "jdsbh": decision.jdsbh, "hphm": decision.plate, "dsr": party,
        "wfsj": v.wfsj, "wfdd": v.wfdd, "wfxw": v.wfxw, "cfjg": decision.authority,
        "fkje": v.fkje, "znj": decision.late_fee, "yjje": v.fkje + decision.late_fee,
        "jfqx": decision.due, "zt": if paid_at.is_some() { "1" } else { "0" },
        "skdw": police_name(call.city.code), "jkbh": decision.payment_no, "jfsj": paid_at,
        "mx": [{ "xm": "罚款", "je": v.fkje }, { "xm": surcharge, "je": decision.late_fee }],
    })
}

/// `POST /dept/<city>-traffic-police/fines`: `E3001` unknown decision, `E3002` another plate,
/// `E3004` online payment closed; a paid decision (seeded, or paid through the platform — see
/// [`super::paying`]) answers with `zt` `1` and `jfsj`.
pub fn fines(call: &Call<'_>) -> Answer {
    let jdsbh = call.field("/jdsbh");
    if !(15..=16).contains(&jdsbh.len()) || !jdsbh.bytes().all(|b| b.is_ascii_digit()) {
        return Answer::ok(call.dialect.invalid("jdsbh"));
    }
    let Ok(plate) = validate_plate(&call.field("/hphm")) else {
        return Answer::ok(call.dialect.invalid("plate"));
    };
    let found = DECISIONS.iter().find(|x| x.city == call.city.code && x.jdsbh == jdsbh);
    let Some((decision, v)) = found.and_then(|x| violation_of(x).map(|v| (x, v))) else {
        return Answer::ok(call.dialect.error("E3001", "决定书编号不存在"));
    };
    if decision.plate != plate {
        return Answer::ok(call.dialect.error("E3002", "号牌号码与决定书不符"));
    }
    if !decision.online {
        return Answer::ok(call.dialect.error("E3004", "已超过网上缴款期限"));
    }
    Answer::ok(call.dialect.ok("0000", "成功", bill(call, decision, v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_settle_records_of_their_plate() {
        for decision in DECISIONS {
            let v = violation_of(decision).unwrap_or_else(|| panic!("{}", decision.jdsbh));
            assert!((15..=16).contains(&decision.jdsbh.len()));
            let found = record(decision.city, decision.record).map(|(b, _)| b.plate);
            assert!(v == &ON_THE_SPOT || found == Some(decision.plate), "{}", decision.record);
            assert_eq!(decision.late_fee % (v.fkje * 3 / 100), 0);
        }
    }
}
