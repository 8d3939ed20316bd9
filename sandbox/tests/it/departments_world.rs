//! One world across the departments: a citizen's records agree everywhere, every city's
//! option lists cascade, road conditions move with the clock, special accounts answer in each
//! shape, and every department answers faults in its own "busy" shape.

use crate::common;
use crate::departments_support;

use citypanel_descriptor::Outcome;
use citypanel_sandbox::departments::DEPARTMENTS;
use common::Sandbox;
use departments_support::{booking_values, call, day_ahead, descriptor, map, post, post_value};
use serde_json::{json, Value};

#[tokio::test]
async fn chen_siyuan_is_the_same_person_in_every_department() {
    let sandbox = Sandbox::start().await;
    let hz = Some("330100");
    let (_, violations) = post_value(
        &sandbox,
        "/dept/hz-traffic-police/wfcx",
        &json!({ "hphm": "浙A12345", "fdjh": "123456" }),
        hz,
    )
    .await;
    let (_, fine) = post_value(
        &sandbox,
        "/dept/hz-traffic-police/fines",
        &json!({ "jdsbh": "3301061000234567", "hphm": "浙A12345" }),
        hz,
    )
    .await;
    let values = booking_values(&sandbox, "vehicle-inspection-booking", "330100").await;
    let (_, booking) =
        call(&sandbox, &descriptor("vehicle-inspection-booking"), "330100", &values).await;
    let booking: Value = serde_json::from_str(&booking).expect("json");
    let (_, licence) = post_value(
        &sandbox,
        "/dept/sh-vehicle-admin/licence-points",
        &json!({ "sfzmhm": "330106198805203216", "dabh": "330100412387" }),
        hz,
    )
    .await;
    let (_, social) = post_value(
        &sandbox,
        "/dept/sh-social-security/contributions",
        &json!({ "aac002": "330106198805203216", "aac003": "陈思远", "cxys": "12" }),
        hz,
    )
    .await;
    let (_, water) =
        post_value(&sandbox, "/dept/hz-water/bill", &json!({ "accountNo": "3301287645" }), hz)
            .await;
    let (_, gas) =
        post_value(&sandbox, "/dept/hz-gas/bill", &json!({ "userNo": "10234567" }), hz).await;
    let (_, loans) = post_value(
        &sandbox,
        "/dept/hz-library/loans",
        &json!({ "rdid": "0330012345678", "password": "203216" }),
        hz,
    )
    .await;
    let (_, progress) = post_value(
        &sandbox,
        "/dept/wh-exit-entry/progress",
        &json!({ "slbh": "330100202504200123", "sfzh": "330106198805203216" }),
        hz,
    )
    .await;
    let marriage_values = booking_values(&sandbox, "marriage-registration", "330100").await;
    let (_, marriage) =
        call(&sandbox, &descriptor("marriage-registration"), "330100", &marriage_values).await;
    let marriage: Value = serde_json::from_str(&marriage).expect("json");

    let plate = &violations["data"]["hphm"];
    assert_eq!(plate, "浙A12345");
    assert_eq!((&fine["data"]["hphm"], &booking["data"]["hphm"]), (plate, plate));
    let record = &violations["data"]["wfjl"][0];
    for key in ["wfsj", "wfdd", "wfxw", "fkje"] {
        assert_eq!(fine["data"][key], record[key], "{key}");
    }
    let names = [
        &fine["data"]["dsr"],
        &licence["data"]["xm"],
        &social["data"]["aac003"],
        &water["data"]["bill"]["holder"],
        &gas["data"]["userName"],
        &loans["data"]["readerName"],
        &progress["data"]["sqr"],
        &marriage["data"]["maleName"],
    ];
    assert!(names.iter().all(|n| **n == json!("陈*远")), "{names:?}");
    assert_eq!(social["data"]["rows"][0]["aab004"], "上海启明软件有限公司");
    assert_eq!(social["data"]["rows"][0]["aae002"], "2015-12");
    assert_eq!(water["data"]["bill"]["address"], gas["data"]["address"]);
}

#[tokio::test]
async fn option_lists_cascade_in_every_city() {
    let sandbox = Sandbox::start().await;
    let weekday = day_ahead(1, 7, &[1, 2, 3, 4, 5]);
    for city in
        ["330100", "110100", "310100", "440100", "440300", "330200", "360100", "370200", "420100"]
    {
        let (_, hospitals) =
            post_value(&sandbox, "/hub/health/hospitals", &json!({}), Some(city)).await;
        let hospitals = hospitals["data"]["hospitals"].as_array().cloned().unwrap_or_default();
        assert!(hospitals.len() >= 3, "{city}");
        for h in &hospitals {
            let id = &h["hospitalId"];
            assert!(id.as_str().is_some_and(|s| s[1..].starts_with(city)));
            let (_, depts) =
                post_value(&sandbox, "/hub/health/departments", &json!({ "hospital": id }), None)
                    .await;
            let dept = &depts["data"]["depts"][0]["deptCode"];
            let (_, doctors) = post_value(
                &sandbox,
                "/hub/health/doctors",
                &json!({ "hospital": id, "department": dept, "date": weekday }),
                None,
            )
            .await;
            let doctors = doctors["data"]["doctors"].as_array().cloned().unwrap_or_default();
            assert_eq!(doctors.len(), 4, "{id}");
            let (_, slots) = post_value(
                &sandbox,
                "/hub/health/slots",
                &json!({ "hospital": id, "doctor": doctors[0]["doctorId"], "date": weekday }),
                None,
            )
            .await;
            let slots = slots["data"]["slots"].as_array().cloned().unwrap_or_default();
            assert_eq!(slots.len(), 6, "{id}");
            assert!(
                slots.iter().any(|s| s["left"] == 0)
                    || slots.iter().all(|s| s["left"].as_u64() > Some(0))
            );
        }
    }
    let saturday = day_ahead(1, 7, &[6]);
    let (_, weekend) = post_value(
        &sandbox,
        "/hub/health/doctors",
        &json!({ "hospital": "H330100001", "department": "0101", "date": saturday }),
        None,
    )
    .await;
    assert_eq!(
        weekend["data"]["doctors"],
        json!([{ "doctorId": "D00000", "doctorName": "普通门诊", "fee": "16.00" }])
    );
    for city in
        ["330100", "110100", "310100", "440100", "440300", "330200", "370200", "440600", "420100"]
    {
        let (_, stations) =
            post_value(&sandbox, "/hub/traffic/inspection-stations", &json!({}), Some(city)).await;
        let station = stations["data"]["list"][0]["jczbh"].clone();
        assert!(station.as_str().is_some_and(|s| s.starts_with(city)), "{city}");
        let (_, sd) = post_value(
            &sandbox,
            "/hub/traffic/inspection-slots",
            &json!({ "station": station, "date": weekday }),
            None,
        )
        .await;
        assert_eq!(sd["data"]["sd"].as_array().map(Vec::len), Some(6));
    }
    for city in ["330100", "110100", "310100", "440100", "440300", "330200", "370200", "420100"] {
        let (_, offices) =
            post_value(&sandbox, "/hub/civil/marriage-offices", &json!({}), Some(city)).await;
        let office = offices["data"]["offices"][0]["orgCode"].clone();
        assert!(office.as_str().is_some_and(|s| s[..4] == city[..4]), "{city}");
        let (_, periods) = post_value(
            &sandbox,
            "/hub/civil/marriage-slots",
            &json!({ "office": office, "date": weekday }),
            None,
        )
        .await;
        assert_eq!(periods["data"]["periods"].as_array().map(Vec::len), Some(6));
    }
    let (_, none) =
        post_value(&sandbox, "/hub/civil/marriage-offices", &json!({}), Some("360100")).await;
    assert_eq!(none["data"]["offices"], json!([]));
}

#[tokio::test]
async fn road_conditions_move_with_the_minute() {
    let sandbox = Sandbox::start().await;
    let d = descriptor("road-conditions");
    let at = |city: &'static str, minute: u32| {
        let path =
            format!("/dept/{city}-traffic-police/road-conditions?scope=main&minute={minute}");
        let url = sandbox.url(&path);
        let client = sandbox.client.clone();
        async move {
            let response = client.get(url).send().await.expect("get");
            (response.status().as_u16(), response.text().await.expect("text"))
        }
    };
    let (status, night) = at("hz", 180).await;
    let (_, rush) = at("hz", 495).await;
    assert_eq!(at("hz", 495).await.1, rush, "the same minute gives the same picture");
    let levels = |text: &str| -> Vec<Value> {
        let v: Value = serde_json::from_str(text).expect("json");
        v["data"]["roads"]
            .as_array()
            .map(|r| r.iter().map(|x| x["status"].clone()).collect())
            .unwrap_or_default()
    };
    assert_ne!(levels(&night), levels(&rush));
    assert!(levels(&night).iter().all(|l| l.as_u64() <= Some(2)));
    assert!(levels(&rush).iter().filter(|l| l.as_u64() >= Some(3)).count() >= 5);
    assert!(
        rush.contains("中河高架") && rush.contains("延安路") && rush.contains("T08:15:00+08:00")
    );
    let Outcome::Records { records, problems, .. } = map(&d, "330100", status, &night) else {
        panic!("{night}")
    };
    assert!(problems.is_empty() && records.len() == 16);
    for city in ["bj", "sh", "gz", "sz", "wh"] {
        let (_, text) = at(city, 1080).await;
        assert!(levels(&text).len() >= 12, "{city}");
    }
    let response = sandbox
        .client
        .get(sandbox.url("/dept/hz-traffic-police/road-conditions?scope=all"))
        .send()
        .await
        .expect("get");
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["code"], 400);
}

#[tokio::test]
async fn special_accounts_and_people_answer_in_each_shape() {
    let sandbox = Sandbox::start().await;
    let cases = [
        ("/dept/hz-water/bill", json!({ "accountNo": "3301402288" }), "/code", json!(1002)),
        ("/dept/hz-water/bill", json!({ "accountNo": "3301287650" }), "/code", json!(1003)),
        (
            "/dept/hz-water/bill",
            json!({ "accountNo": "3301287646" }),
            "/data/bill/status",
            json!("PAID"),
        ),
        ("/dept/hz-water/bill", json!({ "accountNo": "99999999" }), "/code", json!(1001)),
        (
            "/dept/hz-power/bill",
            json!({ "consNo": "3306998877", "busiType": "01" }),
            "/rtnCode",
            json!("2002"),
        ),
        (
            "/dept/hz-power/bill",
            json!({ "consNo": "3306012399", "busiType": "01" }),
            "/rtnCode",
            json!("3001"),
        ),
        (
            "/dept/hz-power/bill",
            json!({ "consNo": "3306556677", "busiType": "01" }),
            "/data",
            Value::Null,
        ),
        (
            "/dept/hz-power/bill",
            json!({ "consNo": "3306012345", "busiType": "02" }),
            "/rtnCode",
            json!("2000"),
        ),
        ("/dept/hz-gas/bill", json!({ "userNo": "10998877" }), "/resultCode", json!("USER_CLOSED")),
        ("/dept/wh-gas/bill", json!({ "userNo": "2710458832" }), "/data/state", json!("PAID")),
        (
            "/dept/sz-power/bill",
            json!({ "eleCustNumber": "0300098765432", "queryType": "ARREARS" }),
            "/errcode",
            json!(40002),
        ),
        (
            "/dept/fs-power/bill",
            json!({ "eleCustNumber": "0600034567812", "queryType": "ARREARS" }),
            "/result/arrearsFlag",
            json!("N"),
        ),
        (
            "/dept/ty-collector/water",
            json!({ "jydm": "1001", "shbh": "TYSW", "yhh": "0100999999", "qdbs": "CITYPANEL" }),
            "/fhm",
            json!("12"),
        ),
        (
            "/dept/ty-collector/water",
            json!({ "jydm": "1001", "shbh": "TYGD", "yhh": "0100234567", "qdbs": "CITYPANEL" }),
            "/fhm",
            json!("01"),
        ),
        (
            "/dept/hz-social-security/contributions",
            json!({ "aac002": "440304199011232427", "aac003": "黄嘉琪", "cxys": "12" }),
            "/data/total",
            json!(0),
        ),
        (
            "/dept/hz-social-security/contributions",
            json!({ "aac002": "330106198805203216", "aac003": "陈远", "cxys": "12" }),
            "/code",
            json!("2001"),
        ),
        (
            "/dept/bj-social-security/contributions",
            json!({ "aac002": "330106198805203216", "aac003": "陈思远", "cxys": "12" }),
            "/code",
            json!("2002"),
        ),
        (
            "/dept/hz-health/lab-reports",
            json!({ "idCard": "330106198805203216", "reportNo": "2504280907215" }),
            "/code",
            json!(4002),
        ),
        (
            "/dept/hz-health/lab-reports",
            json!({ "idCard": "330106198805203216", "reportNo": "2504250812034" }),
            "/code",
            json!(4003),
        ),
        (
            "/dept/hz-exit-entry/progress",
            json!({ "slbh": "330100202504200123", "sfzh": "330102199203154321" }),
            "/code",
            json!("02"),
        ),
        (
            "/dept/hz-vehicle-admin/licence-points",
            json!({ "sfzmhm": "330106198805203216", "dabh": "330100412388" }),
            "/code",
            json!("E4001"),
        ),
        (
            "/dept/bj-traffic-police/violations",
            json!({ "car_no": "浙A12345", "engine_no": "123456" }),
            "/ret",
            json!(1003),
        ),
        (
            "/dept/sh-traffic-police/violations",
            json!({ "plateNumber": "沪A99999", "engineNumberLast6": "123456" }),
            "/status",
            json!(4041),
        ),
        (
            "/dept/sh-traffic-police/violations",
            json!({ "plateNumber": "浙A12345", "engineNumberLast6": "123456" }),
            "/result/total",
            json!(1),
        ),
        (
            "/dept/hz-traffic-police/fines",
            json!({ "jdsbh": "3301091000098765", "hphm": "浙B67890" }),
            "/code",
            json!("E3004"),
        ),
        (
            "/dept/hz-traffic-police/fines",
            json!({ "jdsbh": "3301061000234567", "hphm": "浙B67890" }),
            "/code",
            json!("E3002"),
        ),
        (
            "/dept/hz-traffic-police/fines",
            json!({ "jdsbh": "3301081000112233", "hphm": "浙A12345" }),
            "/data/zt",
            json!("1"),
        ),
    ];
    for (path, body, pointer, expected) in cases {
        let (status, answer) = post_value(&sandbox, path, &body, None).await;
        assert_eq!(
            (status, answer.pointer(pointer)),
            (200, Some(&expected)),
            "{path} {body}: {answer}"
        );
    }
}

#[tokio::test]
async fn every_department_answers_faults_in_its_own_busy_shape() {
    let sandbox = Sandbox::start().await;
    for id in DEPARTMENTS {
        let (status, _) = post_value(
            &sandbox,
            "/admin/faults",
            &json!({ "department": id, "mode": "error" }),
            None,
        )
        .await;
        assert_eq!(status, 200, "{id}");
    }
    let services = [
        "traffic-violations",
        "water-bill",
        "electricity-bill",
        "gas-bill",
        "hospital-registration",
        "lab-reports",
        "social-security-records",
        "marriage-registration",
        "exit-entry-progress",
        "library-loans",
        "driving-licence-points",
    ];
    for service in services {
        let d = descriptor(service);
        for binding in &d.cities {
            let values = departments_support::demo_values(service, &binding.code);
            let (status, body) = call(&sandbox, &d, &binding.code, &values).await;
            match map(&d, &binding.code, status, &body) {
                Outcome::DepartmentError { message: Some(_), .. } => {}
                other => panic!("{service} {}: {other:?} {body}", binding.code),
            }
        }
    }
    let (_, road) = post(&sandbox, "/hub/health/hospitals", &json!({}), Some("420100")).await;
    assert!(road.contains("9999"), "{road}");
    post_value(
        &sandbox,
        "/admin/faults",
        &json!({ "department": "wh-health", "mode": "garbage" }),
        None,
    )
    .await;
    assert_eq!(
        post(&sandbox, "/hub/health/hospitals", &json!({}), Some("420100")).await,
        (200, "<html>oops".to_string())
    );
    assert!(post(&sandbox, "/hub/health/hospitals", &json!({}), Some("330100"))
        .await
        .1
        .contains("9999"));
    post_value(
        &sandbox,
        "/admin/faults",
        &json!({ "department": "hz-health", "mode": "off" }),
        None,
    )
    .await;
    assert!(post(&sandbox, "/hub/health/hospitals", &json!({}), None)
        .await
        .1
        .contains("H330100001"));
}
