//! Person queries (descriptor format 1.1, My City) over real HTTP: the catalog's `digest`
//! specs, applied to the demo citizens' attributes, call the sandbox departments' person
//! endpoints, and their answers map to the citizen's matters; malformed person requests get
//! the department's own precise refusal; faults apply as on the ordinary routes.

use crate::common;
use crate::departments_support;

use citypanel_descriptor::digest::{
    matters, person_request, Attributes, DigestError, Matter, MatterStatus,
};
use citypanel_descriptor::Date;
use citypanel_sandbox::departments::people::{self, Citizen, AS_OF, CHEN, PEOPLE, ZHOU};
use common::Sandbox;
use departments_support::{catalog, post};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn as_of() -> Date {
    Date::parse_iso(AS_OF).expect("AS_OF")
}

/// Asks every catalog service with a person endpoint in `city` about `p`: service id →
/// matters (services whose needs the citizen lacks are not asked).
async fn my_city(
    sandbox: &Sandbox,
    p: &Citizen,
    city: &str,
) -> BTreeMap<String, Result<Vec<Matter>, DigestError>> {
    let attrs = Attributes::from_claims(&people::attributes(p), city).expect("claims");
    let mut out = BTreeMap::new();
    for d in catalog() {
        let Some(spec) = d.digest_for(city) else { continue };
        let request = match person_request(&spec, &attrs) {
            Ok(r) => r,
            Err(DigestError::MissingAttribute { .. }) => continue,
            Err(e) => panic!("{}: {e}", d.id),
        };
        assert_eq!(request.classes, spec.needs);
        let body = request.body.clone().expect("a person request has a body");
        let (status, text) = post(sandbox, &request.path, &body, Some(city)).await;
        out.insert(d.id.clone(), matters(&spec, status, &text, as_of()));
    }
    out
}

fn texts(ms: &[Matter]) -> Vec<(String, String)> {
    ms.iter().map(|m| (m.text.get("zh-CN").to_string(), m.text.get("en").to_string())).collect()
}

#[tokio::test]
async fn chen_siyuans_matters_in_hangzhou() {
    let sandbox = Sandbox::start().await;
    let all = my_city(&sandbox, &CHEN, "330100").await;
    let got = |id: &str| -> Vec<Matter> {
        match all.get(id) {
            Some(Ok(ms)) => ms.clone(),
            other => panic!("{id}: {other:?}"),
        }
    };
    assert_eq!(all.keys().map(String::as_str).collect::<Vec<_>>(), common::HZ_SERVICES);

    // Two unpaid camera fines on 浙A12345 (¥200 + ¥100); the handled one is not a matter.
    let fines = got("traffic-violations");
    assert_eq!(fines.len(), 1, "{fines:?}");
    assert_eq!((fines[0].count, fines[0].amount_fen), (2, Some(30000)));
    assert_eq!(fines[0].status, MatterStatus::Due, "unpaid fines are to do, though undated");
    assert_eq!(
        texts(&fines),
        [(
            "浙A***45 有 2 笔未处理违法 · ¥300.00".into(),
            "浙A***45: 2 unpaid violations · ¥300.00".into()
        )]
    );
    assert_eq!(fines[0].open.get("plate").map(String::as_str), Some("浙A12345"));

    // The home flat's water bill (18 t × (1.90 + 0.95)); the old flat's is paid.
    let water = got("water-bill");
    assert_eq!(water.len(), 1, "{water:?}");
    assert_eq!(water[0].amount_fen, Some(5130));
    assert_eq!(water[0].next_date, Date::parse_iso("2025-05-15"));
    assert_eq!(water[0].status, MatterStatus::Due);
    assert_eq!(water[0].text.get("en"), "Water bill ¥51.30 due 2025-05-15");
    assert_eq!(water[0].open.get("account").map(String::as_str), Some("3301287645"));

    let power = got("electricity-bill");
    assert_eq!(
        (power[0].amount_fen, power[0].next_date),
        (Some(13680), Date::parse_iso("2025-05-25"))
    );
    let gas = got("gas-bill");
    assert_eq!(gas[0].amount_fen, Some(5800));

    // Three loans, the first (三体) due the day before: overdue.
    let loans = got("library-loans");
    assert_eq!(loans.len(), 1, "{loans:?}");
    assert_eq!((loans[0].count, loans[0].status), (3, MatterStatus::Overdue));
    assert_eq!(loans[0].next_date, Date::parse_iso("2025-04-27"));
    assert_eq!(loans[0].text.get("en"), "3 library loans, the first due 2025-04-27");
    assert_eq!(loans[0].open.get("card").map(String::as_str), Some("0330012345678"));

    // 沪AK6321's inspection ends in 2 days (within 30: due soon), 浙A12345's in June.
    let inspection = got("vehicle-inspection-booking");
    assert_eq!(
        texts(&inspection).into_iter().map(|t| t.1).collect::<Vec<_>>(),
        ["沪A***21: inspection due by 2025-04-30", "浙A***45: inspection due by 2025-06-30"]
    );
    assert_eq!(
        inspection.iter().map(|m| m.status).collect::<Vec<_>>(),
        [MatterStatus::DueSoon, MatterStatus::Due]
    );
    assert!(inspection.iter().all(|m| !m.open.contains_key("vin")), "never the secret VIN");

    let points = got("driving-licence-points");
    assert_eq!(points[0].text.get("zh-CN"), "驾驶证（C1）本记分周期已记 3 分");
    assert_eq!(points[0].status, MatterStatus::Info);

    let passport = got("exit-entry-progress");
    assert_eq!(passport[0].text.get("zh-CN"), "普通护照首次申领：证件制作中");
    assert_eq!(passport[0].open.get("app_no").map(String::as_str), Some("330100202504200123"));
}

#[tokio::test]
async fn every_person_endpoint_answers_the_demo_citizens_in_every_city() {
    let sandbox = Sandbox::start().await;
    let cities: Vec<String> = {
        let mut c: Vec<String> = catalog()
            .iter()
            .flat_map(|d| d.person_cities().into_iter().map(String::from).collect::<Vec<_>>())
            .collect();
        c.sort();
        c.dedup();
        c
    };
    assert_eq!(cities.len(), 11, "{cities:?}");
    let mut asked = 0;
    let mut with_matters: BTreeMap<String, usize> = BTreeMap::new();
    for city in &cities {
        for p in PEOPLE {
            for (service, result) in my_city(&sandbox, p, city).await {
                asked += 1;
                let ms =
                    result.unwrap_or_else(|e| panic!("{service} in {city} for {}: {e}", p.name));
                *with_matters.entry(service).or_default() += usize::from(!ms.is_empty());
            }
        }
    }
    assert!(asked > 150, "{asked}");
    // Through the Taiyuan collector's own protocol: 18 t × (2.65 + 0.95), due 20 May.
    let ty = my_city(&sandbox, &ZHOU, "140100").await;
    let water = ty["water-bill"].as_ref().expect("taiyuan water");
    assert_eq!(water.len(), 1, "{water:?}");
    assert_eq!(
        (water[0].amount_fen, water[0].next_date),
        (Some(6480), Date::parse_iso("2025-05-20"))
    );
    assert_eq!(water[0].open.get("account").map(String::as_str), Some("0100234567"));
    // Every service yields matters for some citizen somewhere.
    assert_eq!(with_matters.len(), 8, "{with_matters:?}");
    assert!(with_matters.values().all(|n| *n > 0), "{with_matters:?}");
}

#[tokio::test]
async fn shanghai_and_southern_grid_answer_in_their_own_shapes() {
    let sandbox = Sandbox::start().await;
    let sh = my_city(&sandbox, &CHEN, "310100").await;
    let fines = sh["traffic-violations"].as_ref().expect("shanghai");
    let (status, body) = post(
        &sandbox,
        "/dept/sh-traffic-police/person/violations",
        &json!({ "plateNumbers": ["浙A12345", "沪AK6321"] }),
        Some("310100"),
    )
    .await;
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&body).expect("json");
    assert_eq!(body["status"], 200);
    let unpaid = body["result"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["state"] == "UNPAID")
        .count();
    assert_eq!(fines.iter().map(|m| m.count as usize).sum::<usize>(), unpaid);
    let sz = my_city(&sandbox, &citypanel_sandbox::departments::people::HUANG, "440300").await;
    assert!(sz["electricity-bill"].is_ok(), "{:?}", sz["electricity-bill"]);
}

#[tokio::test]
async fn malformed_person_requests_get_the_departments_precise_refusal() {
    let sandbox = Sandbox::start().await;
    let hz = Some("330100");
    let cases = [
        (
            "/dept/hz-traffic-police/person/wfcx",
            json!({ "hphms": "浙A12345" }),
            "code",
            json!("E1001"),
        ),
        ("/dept/hz-traffic-police/person/wfcx", json!({ "hphms": [] }), "code", json!("E1001")),
        (
            "/dept/hz-traffic-police/person/wfcx",
            json!({ "hphms": ["浙A1234"] }),
            "code",
            json!("E1001"),
        ),
        (
            "/dept/bj-traffic-police/person/violations",
            json!({ "car_nos": [1] }),
            "ret",
            json!(1001),
        ),
        ("/dept/sh-traffic-police/person/violations", json!({}), "status", json!(4000)),
        ("/dept/hz-water/person/bills", json!({ "accountNos": ["12"] }), "code", json!(1001)),
        (
            "/dept/hz-power/person/bills",
            json!({ "consNos": ["33060123456789012"] }),
            "rtnCode",
            json!("2001"),
        ),
        (
            "/dept/sz-power/person/bills",
            json!({ "eleCustNumbers": "0300012345678" }),
            "errcode",
            json!(40001),
        ),
        (
            "/dept/hz-gas/person/bills",
            json!({ "userNos": ["1023-4567"] }),
            "resultCode",
            json!("USER_NOT_FOUND"),
        ),
        ("/dept/hz-library/person/loans", json!({ "rdids": ["x"] }), "code", json!("1001")),
        (
            "/dept/hz-vehicle-admin/person/inspection",
            json!({ "hphms": [null] }),
            "code",
            json!("E1001"),
        ),
        (
            "/dept/hz-vehicle-admin/person/licence",
            json!({ "sfzmhm": "330106198805203217" }),
            "code",
            json!("E4002"),
        ),
        ("/dept/hz-exit-entry/person/applications", json!({ "sfzh": "" }), "code", json!("03")),
        (
            "/dept/ty-collector/person/gas",
            json!({ "jydm": "1001", "shbh": "TYRQ", "yhhs": ["20045678"], "qdbs": "X" }),
            "fhm",
            json!("01"),
        ),
        (
            "/dept/ty-collector/person/gas",
            json!({ "jydm": "1002", "shbh": "TYRQ", "yhhs": ["1"], "qdbs": "X" }),
            "fhm",
            json!("11"),
        ),
    ];
    for (path, body, key, code) in cases {
        let (status, text) = post(&sandbox, path, &body, hz).await;
        let answer: Value = serde_json::from_str(&text).expect("json");
        assert_eq!((status, &answer[key]), (200, &code), "{path} {body}: {text}");
    }
    let many: Vec<String> = (0..21).map(|i| format!("浙A{i:05}")).collect();
    let (_, text) =
        post(&sandbox, "/dept/hz-traffic-police/person/wfcx", &json!({ "hphms": many }), hz).await;
    assert!(text.contains("E1001"), "{text}");
    // Unknown identifiers are not errors: there is simply nothing.
    let (_, text) =
        post(&sandbox, "/dept/hz-water/person/bills", &json!({ "accountNos": ["9999999999"] }), hz)
            .await;
    assert_eq!(serde_json::from_str::<Value>(&text).expect("json")["data"]["bills"], json!([]));
}

#[tokio::test]
async fn faults_apply_to_person_endpoints_in_the_departments_busy_shape() {
    let sandbox = Sandbox::start().await;
    let (status, _) = post(
        &sandbox,
        "/admin/faults",
        &json!({ "department": "hz-traffic-police", "mode": "error" }),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let all = my_city(&sandbox, &CHEN, "330100").await;
    match &all["traffic-violations"] {
        Err(DigestError::Department { code, message }) => {
            assert_eq!(code, "E5000");
            assert!(message.as_ref().is_some_and(|m| m.get("en").contains("busy")), "{message:?}");
        }
        other => panic!("{other:?}"),
    }
    // The other departments still answer.
    assert!(all["water-bill"].is_ok());
}
