//! The published catalog parses clean, and its mapping reads real department answers.

use citypanel_descriptor::map::Map;
use citypanel_descriptor::{
    build_request, map_response, parse, validate_all, Outcome, Severity, Value,
};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn traffic() -> citypanel_descriptor::Descriptor {
    let src = std::fs::read_to_string(root().join("catalog/traffic-violations.json"))
        .expect("catalog file");
    let parsed = parse(&src);
    assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
    parsed.descriptor.expect("valid descriptor")
}

#[test]
fn every_catalog_file_is_clean() {
    let mut n = 0;
    for entry in std::fs::read_dir(root().join("catalog")).expect("catalog dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let parsed = parse(&std::fs::read_to_string(&path).expect("read"));
            let errors: Vec<_> =
                parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            assert!(parsed.descriptor.is_some());
            n += 1;
        }
    }
    assert!(n >= 1);
}

#[test]
fn request_keeps_pii_in_the_body() {
    let d = traffic();
    let raw: Map<String> = [
        ("plate".to_string(), " 浙a12345".to_string()),
        ("engine".to_string(), "123456".to_string()),
    ]
    .into();
    let values = validate_all(&d, &raw).expect("valid values");
    assert_eq!(values.get("plate").map(String::as_str), Some("浙A12345"));
    let req = build_request(&d, "330100", &values).expect("city served");
    assert_eq!(req.path, "/dept/hz-traffic-police/wfcx");
    assert_eq!(req.body, Some(serde_json::json!({"hphm": "浙A12345", "fdjh": "123456"})));
    assert!(build_request(&d, "999999", &values).is_err());
}

#[test]
fn validation_reports_every_field() {
    let d = traffic();
    let raw: Map<String> = [("plate".to_string(), "AB123".to_string())].into();
    let errors = validate_all(&d, &raw).expect_err("invalid");
    let codes: Vec<_> = errors.iter().map(|e| (e.input.as_str(), e.error.code())).collect();
    assert_eq!(codes, [("plate", "plate.province"), ("engine", "required")]);
}

#[test]
fn hangzhou_answer_maps_to_uniform_records() {
    let d = traffic();
    let body =
        std::fs::read_to_string(root().join("tests/fixtures/responses/hz-traffic-3-records.json"))
            .expect("fixture");
    let Outcome::Records { records, truncated, problems, .. } = map_response(&d, 200, &body) else {
        panic!("expected records");
    };
    assert!(!truncated);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(records.len(), 3);
    let r = &records[0];
    assert_eq!(r.get("time").display("zh-CN"), "2025-04-12 08:30");
    assert_eq!(r.get("fine"), &Value::Money(20000));
    assert_eq!(r.get("fine").display("en"), "¥200.00");
    assert_eq!(r.get("points"), &Value::Integer(3));
    assert_eq!(r.get("status").display("zh-CN"), "未处理");
    assert_eq!(r.get("status").display("en"), "Unpaid");
    assert_eq!(r.get("source").display("en"), "Camera-captured");
    assert_eq!(records[2].get("source").display("zh-CN"), "民警现场处罚");
}

#[test]
fn department_errors_and_garbage_are_told_apart() {
    let d = traffic();
    match map_response(&d, 200, r#"{"code":"E2001","msg":"发动机号不匹配","data":null}"#) {
        Outcome::DepartmentError { code, field, message } => {
            assert_eq!(code, "E2001");
            assert_eq!(field.as_deref(), Some("engine"));
            assert!(message.expect("mapped").get("en").contains("engine number"));
        }
        other => panic!("{other:?}"),
    }
    match map_response(&d, 200, r#"{"code":"E9999"}"#) {
        Outcome::DepartmentError { code, message, .. } => {
            assert_eq!((code.as_str(), message), ("E9999", None))
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(map_response(&d, 200, "<html>oops"), Outcome::Malformed(_)));
    assert!(matches!(map_response(&d, 500, ""), Outcome::Malformed(_)));
    assert!(matches!(
        map_response(&d, 200, r#"{"code":"0000","data":{"wfjl":{}}}"#),
        Outcome::Malformed(_)
    ));
    let empty = map_response(&d, 200, r#"{"code":"0000","data":{"total":0,"wfjl":[]}}"#);
    assert!(matches!(empty, Outcome::Records { ref records, .. } if records.is_empty()));
}

#[test]
fn unreadable_fields_are_partial_not_fatal() {
    let d = traffic();
    let body = r#"{"code":"0000","data":{"wfjl":[{"wfsj":"yesterday","fkje":"lots","wfxw":"x"}]}}"#;
    let Outcome::Records { records, problems, .. } = map_response(&d, 200, body) else { panic!() };
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].get("time"), &Value::Missing);
    assert_eq!(problems.len(), 2, "{problems:?}");
}
