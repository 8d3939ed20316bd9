//! The two library endpoints: loans (`POST /dept/<city>-library/loans`, `{"rdid","password"}`)
//! and renewal (`POST /dept/<city>-library/renewal`, `{"rdid","password","barcode"}`).
//!
//! The password is the last 6 characters of the reader's ID number (`1001` otherwise); a lost
//! card is `1002`. A renewal adds 30 days, once per loan (`2002`), never for an overdue book
//! (`2001`) or one another reader reserved (`2003`), only for the reader's own loans (`2004`).
//! The renewal number is `XJ`, the city, today (`yyMMdd`) and a sequence.

use citypanel_descriptor::Date;
use serde_json::{json, Value};

use super::loans::{loans, renewal_key, Standing, MAX_RENEW};
use crate::departments::desk::Filed;
use crate::departments::people::{self, LibraryCard};
use crate::departments::route::{Answer, Call};
use crate::departments::util::{compact, mask_name, yymmdd};

/// The reader's card, or the library's refusal.
fn reader(call: &Call<'_>) -> Result<&'static LibraryCard, Answer> {
    let (card, password) = (call.field("/rdid"), call.field("/password"));
    let well_formed =
        (6..=20).contains(&card.len()) && card.bytes().all(|b| b.is_ascii_alphanumeric());
    if !well_formed || !(4..=16).contains(&password.chars().count()) {
        return Err(Answer::ok(call.dialect.invalid("card")));
    }
    let found =
        people::card(call.city.code, &card).filter(|c| people::card_password(c) == password);
    let Some(found) = found else {
        return Err(Answer::ok(call.dialect.error("1001", "证号或密码错误")));
    };
    if found.lost {
        return Err(Answer::ok(call.dialect.error("1002", "读者证已挂失")));
    }
    Ok(found)
}

/// A loan in the library's shape.
pub fn loan_json(s: &Standing) -> Value {
    let (barcode, title, author, call_no, branch, loaned, ..) = s.loan;
    json!({
        "barcode": barcode, "title": title, "author": author, "callNo": call_no, "libraryName": branch,
        "loanDate": loaned, "dueDate": s.due, "renewCount": s.renewed, "state": s.state(),
    })
}

/// The reader's loans.
pub fn list(call: &Call<'_>) -> Answer {
    let card = match reader(call) {
        Ok(card) => card,
        Err(refusal) => return refusal,
    };
    let items: Vec<Value> =
        call.desk.with(|l| loans(l, call.city.code, card.card)).iter().map(loan_json).collect();
    let data =
        json!({ "rdid": card.card, "readerName": mask_name(card.holder.name), "loans": items });
    Answer::ok(call.dialect.ok("0", "ok", data))
}

/// Renews one loan.
pub fn renew(call: &Call<'_>) -> Answer {
    let card = match reader(call) {
        Ok(card) => card,
        Err(refusal) => return refusal,
    };
    let barcode = call.field("/barcode");
    let city = call.city.code;
    call.desk.with(|ledger| {
        let Some(s) = loans(ledger, city, card.card).into_iter().find(|s| s.loan.0 == barcode)
        else {
            return Answer::ok(call.dialect.error("2004", "非本人借阅"));
        };
        let refusal = if s.state() == "OVERDUE" {
            Some(("2001", "图书已逾期"))
        } else if s.renewed >= MAX_RENEW {
            Some(("2002", "已达续借上限"))
        } else if s.loan.8 {
            Some(("2003", "已被预约"))
        } else {
            None
        };
        if let Some((code, msg)) = refusal {
            return Answer::ok(call.dialect.error(code, msg));
        }
        let new_due = Date::parse_compact(&s.due).and_then(|d| d.add_days(30));
        let renew_no =
            format!("XJ{city}{}{:04}", yymmdd(call.today), ledger.next(&format!("XJ{city}")));
        let data = json!({
            "renewNo": renew_no, "barcode": barcode, "title": s.loan.1, "oldDueDate": s.due,
            "newDueDate": new_due.map(compact), "renewCount": s.renewed + 1, "maxRenew": MAX_RENEW,
        });
        let answer = call.dialect.ok("0", "续借成功", data);
        let key = renewal_key(city, card.card, &barcode);
        ledger.file(
            renew_no,
            Filed {
                kind: "renewal",
                answer: answer.clone(),
                keys: vec![key],
                date: None,
                slot: None,
                active: true,
                held_until: None,
            },
        );
        Answer::ok(answer)
    })
}

/// Renewals made before the sandbox started (the published samples).
pub fn seeded(reference: &str) -> Option<Value> {
    match reference {
        "XJ3301002504280017" => Some(json!({
            "code": "0", "message": "续借成功",
            "data": { "renewNo": reference, "barcode": "03010005123409", "title": "长安的荔枝",
                      "oldDueDate": "20250515", "newDueDate": "20250614", "renewCount": 1, "maxRenew": 1 },
        })),
        "XJ3301002504280018" => {
            Some(json!({ "code": "2003", "message": "已被预约", "data": null }))
        }
        _ => None,
    }
}
