//! Every formatter, single values, tones, and a city's own response shape.

mod common;

use citypanel_descriptor::mapping::convert;
use citypanel_descriptor::model::{EnumEntry, Format, Tone};
use citypanel_descriptor::{map_response, map_with, Outcome, Text, Value};
use common::fixture;
use serde_json::json;

fn show(format: &Format, raw: serde_json::Value) -> Option<String> {
    convert(&raw, format).map(|v| v.display("en"))
}

#[test]
fn every_formatter() {
    assert_eq!(show(&Format::Text, json!("x")).as_deref(), Some("x"));
    assert_eq!(show(&Format::Text, json!(3.5)).as_deref(), Some("3.5"));
    assert_eq!(show(&Format::Text, json!(true)).as_deref(), Some("true"));
    assert_eq!(show(&Format::Text, json!({"a": 1})), None);
    assert_eq!(show(&Format::Integer, json!("3")).as_deref(), Some("3"));
    assert_eq!(show(&Format::Integer, json!(3.0)).as_deref(), Some("3"));
    assert_eq!(show(&Format::Integer, json!(3.5)), None);
    assert_eq!(show(&Format::MoneyFen, json!(20000)).as_deref(), Some("¥200.00"));
    assert_eq!(show(&Format::MoneyJiao, json!(200)).as_deref(), Some("¥20.00"));
    assert_eq!(show(&Format::MoneyJiao, json!(i64::MAX)), None);
    assert_eq!(show(&Format::MoneyYuan, json!("12.5")).as_deref(), Some("¥12.50"));
    assert_eq!(show(&Format::MoneyYuan, json!(12.5)).as_deref(), Some("¥12.50"));
    assert_eq!(show(&Format::MoneyYuan, json!("12.345")), None);
    assert_eq!(show(&Format::Date8, json!("20250412")).as_deref(), Some("2025-04-12"));
    assert_eq!(show(&Format::Date8, json!(20250412)).as_deref(), Some("2025-04-12"));
    assert_eq!(
        show(&Format::DateTime14, json!("20250412083015")).as_deref(),
        Some("2025-04-12 08:30")
    );
    assert_eq!(show(&Format::Iso8601, json!("2025-04-12")).as_deref(), Some("2025-04-12"));
    assert_eq!(
        show(&Format::Iso8601, json!("2025-04-12T00:30:15Z")).as_deref(),
        Some("2025-04-12 08:30")
    );
    assert_eq!(show(&Format::Iso8601, json!(20250412)), None);
    assert_eq!(
        show(&Format::EpochMillis, json!(1_744_417_815_000_i64)).as_deref(),
        Some("2025-04-12 08:30")
    );
    assert_eq!(
        show(&Format::EpochMillis, json!("1744417815000")).as_deref(),
        Some("2025-04-12 08:30")
    );
    assert_eq!(convert(&json!(null), &Format::MoneyFen), Some(Value::Missing));
}

#[test]
fn enums_with_labels_and_tones() {
    let entry = |zh: &str, en: &str, tone| EnumEntry {
        label: Text::new(&[("zh-CN", zh), ("en", en)]),
        tone,
    };
    let labels: citypanel_descriptor::map::Map<EnumEntry> = [
        ("0".to_string(), entry("未处理", "Unpaid", Some(Tone::Danger))),
        ("1".to_string(), entry("已处理", "Handled", None)),
    ]
    .into();
    let format = Format::Enum(labels);
    let v = convert(&json!(0), &format).unwrap_or(Value::Missing);
    assert_eq!(
        (v.display("zh-CN").as_str(), v.code(), v.tone()),
        ("未处理", Some("0"), Some(Tone::Danger))
    );
    let v = convert(&json!("1"), &format).unwrap_or(Value::Missing);
    assert_eq!((v.display("en").as_str(), v.tone()), ("Handled", None));
    let unknown = convert(&json!("9"), &format).unwrap_or(Value::Missing);
    assert_eq!((unknown.display("en").as_str(), unknown.code()), ("9", Some("9")));
}

#[test]
fn bill_reads_single_values_and_line_items() {
    let d = fixture("widget-bill");
    let body = json!({"code": "0", "data": {"total": 1234, "due": "2026-01-15", "paid": false, "company": "杭州水务",
        "holder": "张三", "address": "浙江省杭州市西湖区", "items": [{"month": "2025-12", "usage": 12, "fee": "61.70"}, {"month": "2025-11", "usage": "x", "fee": 61.7}]}});
    let Outcome::Records { records, values, truncated, problems } =
        map_response(&d, 200, &body.to_string())
    else {
        panic!("records")
    };
    assert!(!truncated);
    assert_eq!(values.get("amount"), &Value::Money(12340));
    assert_eq!(values.get("due").display("en"), "2026-01-15");
    assert_eq!(values.get("status").display("zh-CN"), "未缴");
    assert_eq!(values.get("status").code(), Some("false"));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].get("fee"), &Value::Money(6170));
    assert_eq!(records[1].get("fee"), &Value::Money(6170));
    assert_eq!(records[1].get("usage"), &Value::Missing);
    assert_eq!(problems, ["record 1: `usage` at `/usage` cannot be read"]);
    assert_eq!(
        d.response.value("holder").map(|f| f.pii),
        Some(citypanel_descriptor::PiiClass::Name)
    );
}

#[test]
fn a_city_override_reads_its_own_department_shape() {
    let d = fixture("city-response-override");
    let hz = r#"{"code":"0000","data":{"list":[{"wfsj":"20250412083015","fkje":20000}]}}"#;
    let bj = r#"{"status":1,"result":{"items":[{"occurredAt":1744417815000,"penalty":"200"}]}}"#;
    let first = |o: Outcome| match o {
        Outcome::Records { records, .. } => records
            .into_iter()
            .next()
            .map(|r| (r.get("time").display("en"), r.get("fine").display("en"))),
        other => panic!("{other:?}"),
    };
    let want = Some(("2025-04-12 08:30".to_string(), "¥200.00".to_string()));
    assert_eq!(first(map_response(&d, 200, hz)), want);
    let beijing = d.resolve("110100").expect("served in Beijing");
    assert_eq!(first(map_response(&beijing, 200, bj)), want);
    assert_eq!(first(map_with(d.response_for("110100").expect("beijing"), 200, bj)), want);
    // The unresolved descriptor reads Hangzhou's shape: Beijing's answer has no `/code`.
    assert!(matches!(map_response(&d, 200, bj), Outcome::Malformed(_)));
    match map_response(&beijing, 200, r#"{"status":-3}"#) {
        Outcome::DepartmentError { code, field, .. } => {
            assert_eq!((code.as_str(), field.as_deref()), ("-3", Some("plate")))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn values_only_answers_need_no_records() {
    let d = fixture("widget-ticket");
    let body = r#"{"data":{"no":"MR20260101001","place":"西湖区婚姻登记处","time":1767225600000}}"#;
    let Outcome::Records { records, values, problems, .. } = map_response(&d, 200, body) else {
        panic!("records")
    };
    assert!(records.is_empty() && problems.is_empty());
    assert_eq!(values.get("no").display("en"), "MR20260101001");
    assert_eq!(values.get("time").display("en"), "2026-01-01 08:00");
    assert!(matches!(map_response(&d, 502, body), Outcome::Malformed(_)));
}
