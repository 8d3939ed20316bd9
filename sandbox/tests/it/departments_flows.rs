//! What citizens do with the departments over real HTTP: book, poll, cancel, renew, subscribe
//! — and every refusal in the department's own code.

use crate::common;
use crate::departments_support;

use citypanel_descriptor::rules::id_check_digit;
use citypanel_sandbox::departments::people::{self, CHEN, LIN, ZHOU};
use common::Sandbox;
use departments_support::{at, booking_values, call, descriptor, map, post_value, today};
use serde_json::{json, Value};

/// Holds a place (the department's answer to the descriptor's request).
async fn hold(
    sandbox: &Sandbox,
    service: &str,
    city: &str,
    values: &citypanel_descriptor::map::Map<String>,
) -> Value {
    let (status, body) = call(sandbox, &descriptor(service), city, values).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).expect("json")
}

/// Holds a place and confirms the hold, as the panel does (a refused hold is answered as is).
async fn submit(
    sandbox: &Sandbox,
    service: &str,
    city: &str,
    values: &citypanel_descriptor::map::Map<String>,
) -> Value {
    submit_replacing(sandbox, service, city, values, None).await
}

async fn submit_replacing(
    sandbox: &Sandbox,
    service: &str,
    city: &str,
    values: &citypanel_descriptor::map::Map<String>,
    replaces: Option<&str>,
) -> Value {
    let held = hold(sandbox, service, city, values).await;
    let d = descriptor(service);
    let confirm = d.lifecycle.as_ref().and_then(|l| l.confirm.clone()).expect("a holding booking");
    let Some(reference) = held.pointer(&confirm.reference).and_then(Value::as_str) else {
        return held;
    };
    let mut body = json!({ "reference": reference });
    if let Some(old) = replaces {
        body["replaces"] = json!(old);
    }
    let (status, answer) = post_value(sandbox, &confirm.endpoint, &body, None).await;
    assert_eq!(status, 200, "{answer}");
    answer
}

/// The same values with another slot that still has places (duplicates are checked on
/// confirming, after the place is held).
async fn another_slot(
    sandbox: &Sandbox,
    service: &str,
    values: &citypanel_descriptor::map::Map<String>,
) -> citypanel_descriptor::map::Map<String> {
    let (path, body, list, id, left) = match service {
        "vehicle-inspection-booking" => (
            "/hub/traffic/inspection-slots",
            json!({ "station": at(values, "station"), "date": at(values, "date") }),
            "/data/sd",
            "sdbh",
            "sy",
        ),
        "hospital-registration" => (
            "/hub/health/slots",
            json!({ "hospital": at(values, "hospital"), "doctor": at(values, "doctor"), "date": at(values, "date") }),
            "/data/slots",
            "slotId",
            "left",
        ),
        _ => (
            "/hub/civil/marriage-slots",
            json!({ "office": at(values, "office"), "date": at(values, "date") }),
            "/data/periods",
            "periodId",
            "remain",
        ),
    };
    let (_, slots) = post_value(sandbox, path, &body, None).await;
    let other = slots
        .pointer(list)
        .and_then(Value::as_array)
        .and_then(|s| {
            s.iter()
                .find(|x| x[id].as_str() != Some(at(values, "slot")) && x[left].as_u64() > Some(0))
        })
        .and_then(|x| x[id].as_str())
        .expect("another slot with places")
        .to_string();
    let mut moved = values.clone();
    moved.insert("slot".into(), other);
    moved
}

#[tokio::test]
async fn inspection_booking_takes_a_place_and_gives_it_back() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "vehicle-inspection-booking", "330100").await;
    let slots_body = json!({ "station": at(&values, "station"), "date": at(&values, "date") });
    let left = |answer: &Value| {
        answer["data"]["sd"].as_array().and_then(|s| {
            s.iter().find(|x| x["sdbh"] == at(&values, "slot")).map(|x| x["sy"].clone())
        })
    };
    let (_, before) =
        post_value(&sandbox, "/hub/traffic/inspection-slots", &slots_body, None).await;
    let booked = submit(&sandbox, "vehicle-inspection-booking", "330100", &values).await;
    assert_eq!(
        (&booked["code"], &booked["data"]["hphm"], &booked["data"]["zt"]),
        (&json!("0000"), &json!("浙A12345"), &json!("1"))
    );
    let yyh = booked["data"]["yyh"].as_str().unwrap_or_default().to_string();
    assert!(yyh.starts_with("JC330100") && yyh.ends_with("0001"), "{yyh}");
    let (_, after) = post_value(&sandbox, "/hub/traffic/inspection-slots", &slots_body, None).await;
    assert_eq!(
        left(&after).and_then(|v| v.as_u64()),
        left(&before).and_then(|v| v.as_u64()).map(|n| n - 1)
    );

    let status = json!({ "reference": yyh });
    assert_eq!(post_value(&sandbox, "/hub/traffic/inspection-status", &status, None).await.0, 202);
    assert_eq!(
        post_value(&sandbox, "/hub/traffic/inspection-status", &status, None).await,
        (200, booked.clone())
    );

    let other = another_slot(&sandbox, "vehicle-inspection-booking", &values).await;
    let again = submit(&sandbox, "vehicle-inspection-booking", "330100", &other).await;
    assert_eq!(again["code"], "E6005");
    let (_, cancelled) =
        post_value(&sandbox, "/hub/traffic/inspection-cancel", &status, None).await;
    assert_eq!((&cancelled["code"], &cancelled["data"]["zt"]), (&json!("0000"), &json!("2")));
    let (_, restored) =
        post_value(&sandbox, "/hub/traffic/inspection-slots", &slots_body, None).await;
    assert_eq!(left(&restored), left(&before));
    let rebooked = submit(&sandbox, "vehicle-inspection-booking", "330100", &values).await;
    assert!(
        rebooked["data"]["yyh"]
            .as_str()
            // 0002 was the hold the duplicate gave up.
            .is_some_and(|r| r.ends_with("0003")),
        "{rebooked}"
    );
}

#[tokio::test]
async fn inspection_refusals() {
    let sandbox = Sandbox::start().await;
    let base = booking_values(&sandbox, "vehicle-inspection-booking", "330100").await;
    let with = |plate: &str, vin: &str| {
        let mut v = base.clone();
        v.insert("plate".into(), plate.into());
        v.insert("vin".into(), vin.into());
        v
    };
    let vin = |plate: &str| people::vehicle(plate).map_or("", |v| v.vin);
    let cases = [
        (with("浙AD12345", vin("浙AD12345")), "E6001"),
        (with("浙B67890", vin("浙B67890")), "E6004"),
        (with("浙A12345", vin("京N8B512")), "E6002"),
        (with("浙A54321", vin("浙A12345")), "E6002"),
    ];
    for (values, code) in cases {
        let answer = submit(&sandbox, "vehicle-inspection-booking", "330100", &values).await;
        assert_eq!(answer["code"], code, "{values:?}");
    }
    // Fill a period that has one place left, then the next vehicle is refused.
    let d = descriptor("vehicle-inspection-booking");
    for n in 1..=14 {
        let date = today().add_days(n).map(|d| d.to_string()).unwrap_or_default();
        let body = json!({ "station": "330100JC02", "date": date });
        let (_, slots) = post_value(&sandbox, "/hub/traffic/inspection-slots", &body, None).await;
        let one =
            slots["data"]["sd"].as_array().and_then(|s| s.iter().find(|x| x["sy"] == 1).cloned());
        let Some(one) = one else { continue };
        let mut values = with("京N8B512", vin("京N8B512"));
        values.extend([
            ("station".to_string(), "330100JC02".to_string()),
            ("date".into(), date),
            ("slot".into(), one["sdbh"].as_str().unwrap_or_default().into()),
        ]);
        let (_, first) = call(&sandbox, &d, "330100", &values).await;
        assert!(first.contains("\"0000\""), "{first}");
        let values = [("plate", "沪AK6321"), ("vin", vin("沪AK6321"))].into_iter().fold(
            values,
            |mut v, (k, x)| {
                v.insert(k.into(), x.into());
                v
            },
        );
        let (status, second) = call(&sandbox, &d, "330100", &values).await;
        assert!(
            matches!(map(&d, "330100", status, &second), citypanel_descriptor::Outcome::DepartmentError { code, field: Some(f), .. } if code == "E6003" && f == "slot")
        );
        return;
    }
    panic!("no period with one place left within 14 days");
}

#[tokio::test]
async fn hospital_registration_rules_and_same_day_cancel() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "hospital-registration", "330100").await;
    let booked = submit(&sandbox, "hospital-registration", "330100", &values).await;
    assert_eq!(
        (&booked["resultCode"], &booked["data"]["patientName"], &booked["data"]["status"]),
        (&json!("0"), &json!("陈*远"), &json!("BOOKED"))
    );
    let other = another_slot(&sandbox, "hospital-registration", &values).await;
    assert_eq!(
        submit(&sandbox, "hospital-registration", "330100", &other).await["resultCode"],
        "1002"
    );
    let mut renamed = values.clone();
    renamed.insert("name".into(), "陈远".into());
    assert_eq!(
        submit(&sandbox, "hospital-registration", "330100", &renamed).await["resultCode"],
        "1003"
    );
    let mut children = values.clone();
    children.insert("hospital".into(), "H330100004".into());
    children.insert("department".into(), "0601".into());
    children.insert("doctor".into(), "D00000".into());
    children
        .insert("slot".into(), format!("S-D00000-{}-0930", at(&values, "date").replace('-', "")));
    assert_eq!(
        submit(&sandbox, "hospital-registration", "330100", &children).await["resultCode"],
        "1005"
    );

    // Booked for today, it cannot be cancelled any more.
    let date = today().to_string();
    let body = json!({ "hospital": "H330100001", "department": "0102", "date": date });
    let (_, doctors) = post_value(&sandbox, "/hub/health/doctors", &body, None).await;
    let doctor = doctors["data"]["doctors"][0]["doctorId"].as_str().unwrap_or_default().to_string();
    let (_, slots) = post_value(
        &sandbox,
        "/hub/health/slots",
        &json!({ "hospital": "H330100001", "doctor": doctor, "date": date }),
        None,
    )
    .await;
    let slot = slots["data"]["slots"]
        .as_array()
        .and_then(|s| s.iter().find(|x| x["left"].as_u64() > Some(0)).cloned())
        .expect("slot today");
    let mut today_values = values.clone();
    today_values.extend([
        ("department".to_string(), "0102".to_string()),
        ("date".into(), date),
        ("doctor".into(), doctor),
        ("slot".into(), slot["slotId"].as_str().unwrap_or_default().into()),
    ]);
    let today_booking = submit(&sandbox, "hospital-registration", "330100", &today_values).await;
    let reference = json!({ "reference": today_booking["data"]["orderId"] });
    assert_eq!(
        post_value(&sandbox, "/hub/health/cancel", &reference, None).await.1["resultCode"],
        "1101"
    );
    let tomorrow = json!({ "reference": booked["data"]["orderId"] });
    let (_, cancelled) = post_value(&sandbox, "/hub/health/cancel", &tomorrow, None).await;
    assert_eq!(
        (&cancelled["resultCode"], &cancelled["data"]["status"]),
        (&json!("0"), &json!("CANCELLED"))
    );
    assert_eq!(
        submit(&sandbox, "hospital-registration", "330100", &values).await["resultCode"],
        "0"
    );
}

/// A valid male ID number of someone born on `birth` (`yyyyMMdd`) in Hangzhou's Xihu district.
fn male_id(birth: &str) -> String {
    let body = format!("330106{birth}123");
    format!("{body}{}", id_check_digit(&body).unwrap_or('0'))
}

#[tokio::test]
async fn marriage_booking_checks_both_parties() {
    let sandbox = Sandbox::start().await;
    let values = booking_values(&sandbox, "marriage-registration", "330100").await;
    let mut swapped = values.clone();
    swapped.insert("a_id".into(), LIN.id_number.into());
    swapped.insert("a_name".into(), LIN.name.into());
    swapped.insert("b_id".into(), CHEN.id_number.into());
    swapped.insert("b_name".into(), CHEN.name.into());
    assert_eq!(submit(&sandbox, "marriage-registration", "330100", &swapped).await["code"], "7003");
    let young = today()
        .add_days(-(21 * 365))
        .map(|d| format!("{:04}{:02}{:02}", d.y, d.m, d.d))
        .unwrap_or_default();
    let mut under_age = values.clone();
    under_age.insert("a_id".into(), male_id(&young));
    under_age.insert("a_name".into(), "张小军".into());
    assert_eq!(
        submit(&sandbox, "marriage-registration", "330100", &under_age).await["code"],
        "7005"
    );

    let booked = submit(&sandbox, "marriage-registration", "330100", &values).await;
    assert_eq!(
        (&booked["data"]["maleName"], &booked["data"]["femaleName"]),
        (&json!("陈*远"), &json!("林*雯"))
    );
    let book_no = booked["data"]["bookNo"].as_str().unwrap_or_default();
    assert!(book_no.starts_with(&format!("HY{}", at(&values, "office"))), "{book_no}");
    let other = another_slot(&sandbox, "marriage-registration", &values).await;
    assert_eq!(submit(&sandbox, "marriage-registration", "330100", &other).await["code"], "7002");
    let (_, cancelled) =
        post_value(&sandbox, "/hub/civil/marriage-cancel", &json!({ "reference": book_no }), None)
            .await;
    assert_eq!(cancelled["data"]["status"], "CANCELLED");
    assert_eq!(submit(&sandbox, "marriage-registration", "330100", &values).await["code"], "0");
}

#[tokio::test]
async fn library_renewal_moves_the_due_date_once() {
    let sandbox = Sandbox::start().await;
    let renew = |barcode: &str| json!({ "rdid": "0330012345678", "password": "203216", "barcode": barcode });
    let (_, renewed) =
        post_value(&sandbox, "/dept/hz-library/renewal", &renew("03010005123409"), None).await;
    assert_eq!(
        (
            &renewed["data"]["oldDueDate"],
            &renewed["data"]["newDueDate"],
            &renewed["data"]["renewCount"]
        ),
        (&json!("20250515"), &json!("20250614"), &json!(1))
    );
    let (_, loans) = post_value(
        &sandbox,
        "/dept/hz-library/loans",
        &json!({ "rdid": "0330012345678", "password": "203216" }),
        None,
    )
    .await;
    let book = &loans["data"]["loans"][1];
    assert_eq!(
        (&book["dueDate"], &book["renewCount"], &book["state"]),
        (&json!("20250614"), &json!(1), &json!("NORMAL"))
    );
    let refusals = [
        ("/dept/hz-library/renewal", renew("03010005123409"), "2002"),
        ("/dept/hz-library/renewal", renew("03010004567812"), "2001"),
        ("/dept/hz-library/renewal", renew("03010009999999"), "2004"),
        (
            "/dept/sh-library/renewal",
            json!({ "rdid": "31000100482216", "password": "203216", "barcode": "31000207781453" }),
            "2003",
        ),
        (
            "/dept/hz-library/renewal",
            json!({ "rdid": "0330012345678", "password": "000000", "barcode": "03010005123409" }),
            "1001",
        ),
        (
            "/dept/hz-library/loans",
            json!({ "rdid": "0330020117743", "password": ZHOU.id_number[12..].to_string() }),
            "1002",
        ),
    ];
    for (path, body, code) in refusals {
        assert_eq!(post_value(&sandbox, path, &body, None).await.1["code"], code, "{body}");
    }
    let status = json!({ "reference": renewed["data"]["renewNo"] });
    let settled = loop {
        let (code, answer) =
            post_value(&sandbox, "/hub/library/renewal-status", &status, None).await;
        if code == 200 {
            break answer;
        }
    };
    assert_eq!(settled, renewed);
}

#[tokio::test]
async fn reminders_are_one_per_plate_and_need_the_engine() {
    let sandbox = Sandbox::start().await;
    let d = descriptor("violation-reminders");
    let values = departments_support::demo_values("violation-reminders", "420100");
    let (_, first) = call(&sandbox, &d, "420100", &values).await;
    let first: Value = serde_json::from_str(&first).expect("json");
    assert_eq!(
        (&first["code"], &first["data"]["hphm"], &first["data"]["sjhm"]),
        (&json!("0000"), &json!("鄂A5N2L8"), &json!("139****4567"))
    );
    let day = today();
    assert_eq!(first["data"]["ksrq"], format!("{:04}{:02}{:02}", day.y, day.m, day.d));
    let (_, again) = call(&sandbox, &d, "420100", &values).await;
    assert!(again.contains("E2101"), "{again}");
    let (_, elsewhere) = call(&sandbox, &d, "330100", &values).await;
    assert!(elsewhere.contains("\"0000\""), "another city keeps its own list: {elsewhere}");
    let mut wrong = values.clone();
    wrong.insert("engine".into(), "000000".into());
    wrong.insert("plate".into(), "鄂A5N2L9".into());
    let (status, refused) = call(&sandbox, &d, "420100", &wrong).await;
    assert!(
        matches!(map(&d, "420100", status, &refused), citypanel_descriptor::Outcome::DepartmentError { code, .. } if code == "E2001")
    );
}
