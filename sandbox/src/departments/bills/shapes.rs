//! One bill in each utility's own shape: the default water (fen, ISO dates), electricity
//! (State Grid: yuan numbers, `yyyyMM`), gas (yuan numbers, state words), China Southern Power
//! Grid (fen, `yyyyMMdd`, epoch millis) and the Taiyuan collector's legacy protocol (yuan
//! strings, `yyyyMMdd`, `yyyyMMddHHmmss`).

use citypanel_descriptor::rules::format_yuan;
use serde_json::{json, Value};

use super::data::Bill;
use crate::departments::people::Account;
use crate::departments::util::{epoch_ms_of14, iso_of14, mask_name};

/// What every shape is drawn from.
pub struct Drawn<'a> {
    /// The account.
    pub account: &'a Account,
    /// Its bill.
    pub bill: &'a Bill,
    /// Who is paid.
    pub payee: &'static str,
    /// When it was paid (`yyyyMMddHHmmss`): as seeded, or through the platform.
    pub paid_at: Option<String>,
}

impl Drawn<'_> {
    fn holder(&self) -> String {
        mask_name(self.account.holder.name)
    }
}

/// Fen as a JSON number of yuan (`13680` → `136.8`).
fn yuan(fen: i64) -> Value {
    json!(fen as f64 / 100.0)
}

fn month(period: &str) -> String {
    period.replace('-', "")
}

/// `{"code":0,"message":"success","data":{"bill":{…}}}`.
pub fn water(d: &Drawn<'_>) -> Value {
    let b = d.bill;
    let items: Vec<Value> = b.lines().iter()
        .map(|(name, usage, price, fen)| json!({ "name": name, "usage": usage, "unitPrice": price, "amountFen": fen }))
        .collect();
    let bill = json!({
        "billNo": b.no, "accountNo": d.account.number, "holder": d.holder(), "address": d.account.address,
        "period": b.period, "usageTons": b.items.first().map_or(0, |i| i.1), "amountFen": b.total(),
        "lateFeeFen": 0, "dueDate": b.due, "status": if d.paid_at.is_some() { "PAID" } else { "UNPAID" },
        "payee": d.payee, "paidAt": d.paid_at.as_deref().map(iso_of14), "items": items,
    });
    json!({ "code": 0, "message": "success", "data": { "bill": bill } })
}

/// `{"rtnCode":"1","rtnMsg":"成功","data":{…}}`.
pub fn power(d: &Drawn<'_>) -> Value {
    let b = d.bill;
    let details: Vec<Value> = b.lines().iter()
        .map(|(item, pq, price, fen)| json!({ "item": item, "pq": pq, "price": price, "amt": yuan(*fen) }))
        .collect();
    let data = json!({
        "billId": b.no, "consNo": d.account.number, "consName": d.holder(), "elecAddr": d.account.address,
        "billYm": month(b.period), "oweAmt": yuan(b.total()), "penalty": 0, "payDeadline": b.due,
        "payFlag": if d.paid_at.is_some() { "1" } else { "0" }, "orgName": d.payee,
        "paidTime": d.paid_at.as_deref().map(iso_of14), "details": details,
    });
    json!({ "rtnCode": "1", "rtnMsg": "成功", "data": data })
}

/// `{"resultCode":"SUCCESS","resultMsg":"","data":{…}}`.
pub fn gas(d: &Drawn<'_>) -> Value {
    let b = d.bill;
    let items: Vec<Value> = b.lines().iter()
        .map(|(name, volume, price, fen)| json!({ "name": name, "volume": volume, "price": price, "amount": yuan(*fen) }))
        .collect();
    let data = json!({
        "billNo": b.no, "userNo": d.account.number, "userName": d.holder(), "address": d.account.address,
        "billMonth": b.period, "totalAmount": yuan(b.total()), "lateFee": 0, "dueDate": b.due,
        "state": if d.paid_at.is_some() { "PAID" } else { "OWING" }, "company": d.payee,
        "paidAt": d.paid_at.as_deref().map(iso_of14), "items": items,
    });
    json!({ "resultCode": "SUCCESS", "resultMsg": "", "data": data })
}

/// `{"errcode":0,"errmsg":"ok","result":{…}}`.
pub fn southern(d: &Drawn<'_>) -> Value {
    let b = d.bill;
    let items: Vec<Value> = b.lines().iter()
        .map(|(name, qty, price, fen)| json!({ "itemName": name, "quantity": qty, "unitPrice": price, "fee": fen }))
        .collect();
    let result = json!({
        "billNo": b.no, "eleCustNumber": d.account.number, "custName": d.holder(), "address": d.account.address,
        "billMonth": b.period, "totalFee": b.total(), "lateFee": 0, "latestPayDate": b.due.replace('-', ""),
        "arrearsFlag": if d.paid_at.is_some() { "N" } else { "Y" }, "supplyUnit": d.payee,
        "paidTime": d.paid_at.as_deref().map(epoch_ms_of14), "items": items,
    });
    json!({ "errcode": 0, "errmsg": "ok", "result": result })
}

/// `{"fhm":"00","fhxx":"交易成功","jg":{…}}`.
pub fn collector(d: &Drawn<'_>) -> Value {
    let b = d.bill;
    let mx: Vec<Value> = b.lines().iter()
        .map(|(name, sl, dj, fen)| json!({ "xmmc": name, "sl": sl.to_string(), "dj": dj, "je": format_yuan(*fen) }))
        .collect();
    let jg = json!({
        "yhh": d.account.number, "yhm": d.holder(), "yhdz": d.account.address, "zdh": b.no,
        "zq": month(b.period), "qfje": format_yuan(b.total()), "znj": "0.00", "jzrq": b.due.replace('-', ""),
        "zt": if d.paid_at.is_some() { "02" } else { "01" }, "skdw": d.payee, "jfsj": d.paid_at, "mx": mx,
    });
    json!({ "fhm": "00", "fhxx": "交易成功", "jg": jg })
}
