//! Validation of every input kind, hidden inputs, and request building with overrides,
//! headers, query encoding and idempotency.

mod common;

use citypanel_descriptor::map::Map;
use citypanel_descriptor::model::Method;
use citypanel_descriptor::{
    build_request, validate_all, validate_all_on, validate_value, Date, RequestError,
};
use common::fixture;
use serde_json::json;

fn values(pairs: &[(&str, &str)]) -> Map<String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn every_input_kind_validates_and_normalizes() {
    let d = fixture("every-input-kind");
    let raw = values(&[
        ("applicant", "agent"),
        ("agent_name", "阿依古丽·买买提"),
        ("id_no", "11010519491231002x"),
        ("mobile", "+86 138 1234 5678"),
        ("plate", "浙a12345"),
        ("vin", "1m8gdm9axkp042788"),
        ("engine", "a1b2c3"),
        ("passengers", "2"),
        ("deposit", "¥12.5"),
        ("birthday", "1990-03-07"),
        ("visit_day", "2026-01-05"),
        ("hospital", "H01"),
        ("department", "D07"),
        ("slot", "S3"),
        ("note", " hello "),
        ("note_confirm", "abc123"),
        ("agree", "true"),
    ]);
    let ok = validate_all(&d, &raw).expect("valid values");
    assert_eq!(ok.get("id_no").map(String::as_str), Some("11010519491231002X"));
    assert_eq!(ok.get("mobile").map(String::as_str), Some("13812345678"));
    assert_eq!(ok.get("plate").map(String::as_str), Some("浙A12345"));
    assert_eq!(ok.get("vin").map(String::as_str), Some("1M8GDM9AXKP042788"));
    assert_eq!(ok.get("deposit").map(String::as_str), Some("12.50"));
    assert_eq!(ok.get("note").map(String::as_str), Some("hello"));
    assert_eq!(ok.get("agree").map(String::as_str), Some("true"));
    let today = Date::new(2026, 1, 1);
    let errors = validate_all_on(
        &d,
        &values(&[
            ("applicant", "other"),
            ("passengers", "10"),
            ("deposit", "0.1"),
            ("visit_day", "2026-01-20"),
            ("birthday", "2026-01-02"),
        ]),
        today,
    )
    .expect_err("invalid values");
    let codes: Vec<(&str, &str)> =
        errors.iter().map(|e| (e.input.as_str(), e.error.code())).collect();
    assert_eq!(
        codes,
        [
            ("applicant", "select.option"),
            ("id_no", "required"),
            ("passengers", "number.max"),
            ("deposit", "amount.min"),
            ("birthday", "date.max"),
            ("visit_day", "date.max"),
            ("slot", "required"),
            ("agree", "consent.required")
        ]
    );
}

#[test]
fn hidden_inputs_are_neither_validated_nor_sent() {
    let d = fixture("every-input-kind");
    let agent = d.input("agent_name").expect("input");
    assert!(!agent.is_visible(&values(&[("applicant", "self")])));
    assert!(agent.is_visible(&values(&[("applicant", "agent")])));
    let raw = values(&[
        ("applicant", "self"),
        ("agent_name", "Not Chinese"),
        ("id_no", "330106199003071236"),
        ("slot", "S1"),
        ("agree", "true"),
    ]);
    let ok = validate_all(&d, &raw).expect("agent name is hidden");
    assert!(!ok.contains_key("agent_name") && !ok.contains_key("note_confirm"));
    let req = build_request(&d, "330100", &ok).expect("served");
    assert_eq!(req.body.as_ref().and_then(|b| b.get("agent")), Some(&json!("")));
    assert_eq!(req.body.as_ref().and_then(|b| b.pointer("/car/plate")), Some(&json!("")));
    assert!(validate_value(agent, "Zhang").is_err());
}

#[test]
fn requests_carry_headers_idempotency_and_the_city_override() {
    let d = fixture("city-response-override");
    let v = values(&[("plate", "浙A12345")]);
    let hz = build_request(&d, "330100", &v).expect("hangzhou");
    assert_eq!(
        (hz.path.as_str(), hz.timeout_ms, hz.idempotency_key),
        ("/dept/hz-test/query", 10_000, false)
    );
    assert_eq!(hz.body, Some(json!({"hphm": "浙A12345"})));
    assert!(hz.headers.is_empty());
    let bj = build_request(&d, "110100", &v).expect("beijing");
    assert_eq!(
        (bj.path.as_str(), bj.method, bj.timeout_ms),
        ("/dept/bj-traffic/violations", Method::Post, 12_000)
    );
    assert_eq!(bj.body, Some(json!({"plateNo": "浙A12345", "source": "citypanel"})));
    assert_eq!(bj.headers, [("X-Api-Version".to_string(), "2".to_string())]);
    assert_eq!(
        build_request(&d, "999999", &v),
        Err(RequestError::CityNotServed { service: d.id.clone(), city: "999999".into() })
    );
    let booking = fixture("every-input-kind");
    let req = build_request(&booking, "330100", &Map::new()).expect("served");
    assert!(req.idempotency_key);
    assert_eq!(req.headers.len(), 2);
}

#[test]
fn query_strings_are_percent_encoded_and_ordered() {
    let d = fixture("unicode-everywhere");
    let req =
        build_request(&d, "330100", &values(&[("min_zu", "维吾尔族 & 汉族")])).expect("served");
    assert_eq!(req.method, Method::Post);
    assert_eq!(
        req.path,
        "/dept/杭州/民政/查询?%E5%9F%8E%E5%B8%82=%E6%9D%AD%E5%B7%9E&%E6%B0%91%E6%97%8F=%E7%BB%B4%E5%90%BE%E5%B0%94%E6%97%8F%20%26%20%E6%B1%89%E6%97%8F"
    );
    let table = fixture("widget-table");
    let req = build_request(&table, "330100", &values(&[("report", "R-1/2?x")])).expect("served");
    assert_eq!(
        (req.method, req.path.as_str(), req.body.is_none()),
        (Method::Get, "/dept/hz-test/query?report_no=R-1%2F2%3Fx", true)
    );
    let roads = fixture("empty-inputs");
    assert_eq!(build_request(&roads, "330100", &Map::new()).map(|r| r.cache_ttl_s), Ok(30));
}
