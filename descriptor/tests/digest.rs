//! Format 1.1 `digest` (person queries): parsing rules and their diagnostics, the 1.0
//! fallback, identity attributes, the person request and the mapping of answers to matters.

use citypanel_descriptor::digest::{
    matters, person_request, AttrValue, AttributeClass, Attributes, DigestError, MatterStatus,
};
use citypanel_descriptor::{parse, read_value, resolve_json, Date, Descriptor, Severity};
use serde_json::{json, Value as Json};

/// A small traffic-violation query with a digest: plates in, unpaid fines per plate out.
fn doc() -> Json {
    json!({
        "format": "1.1",
        "id": "fines",
        "kind": "query",
        "category": "vehicle",
        "title": { "zh-CN": "违法查询", "en": "Violations" },
        "cities": [
            {
                "code": "330100",
                "name": { "zh-CN": "杭州", "en": "Hangzhou" },
                "department": { "zh-CN": "交警", "en": "Traffic police" },
                "endpoint": "/dept/hz/wfcx",
                "person_endpoint": "/dept/hz/person"
            },
            {
                "code": "110100",
                "name": { "zh-CN": "北京", "en": "Beijing" },
                "department": { "zh-CN": "交管局", "en": "Traffic bureau" },
                "endpoint": "/dept/bj/wfcx"
            }
        ],
        "inputs": [
            { "id": "plate", "kind": "plate", "label": { "zh-CN": "号牌", "en": "Plate" }, "pii": "plate" },
            { "id": "engine", "kind": "engine_tail", "label": { "zh-CN": "发动机号", "en": "Engine" }, "pii": "secret" }
        ],
        "request": { "method": "POST", "body": { "plate": "{plate}", "engine": "{engine}" } },
        "response": {
            "records": "/list",
            "fields": [ { "id": "offence", "pointer": "/what" } ]
        },
        "result": { "widget": "record_list", "title": "offence", "fields": [], "empty": { "zh-CN": "无", "en": "None" } },
        "digest": {
            "needs": ["plates"],
            "request": { "method": "POST", "body": { "plates": "{plates}" }, "timeout_ms": 3000 },
            "response": {
                "status": { "pointer": "/code", "success": ["0"] },
                "errors": { "9": { "message": { "zh-CN": "系统繁忙", "en": "Busy" } } },
                "records": "/fines",
                "fields": [
                    { "id": "plate", "pointer": "/hphm" },
                    { "id": "fine", "pointer": "/fkje", "format": "money_fen" },
                    { "id": "deadline", "pointer": "/jzrq", "format": "date8" },
                    { "id": "state", "pointer": "/zt", "format": { "enum": { "0": { "zh-CN": "未处理", "en": "Unpaid" }, "1": { "zh-CN": "已处理", "en": "Paid" } } } }
                ]
            },
            "matters": [
                {
                    "where": { "field": "state", "in": ["0"] },
                    "group": "plate",
                    "amount": "fine",
                    "date": "deadline",
                    "text": { "zh-CN": "{plate} {count} 笔未处理违法 · {amount}", "en": "{plate}: {count} unpaid fines · {amount}" },
                    "one": { "zh-CN": "{plate} 1 笔未处理违法 · {amount}", "en": "{plate}: 1 unpaid fine · {amount}" },
                    "open": { "plate": "{plate}" }
                }
            ]
        }
    })
}

fn parse_doc(v: &Json) -> citypanel_descriptor::Parsed {
    parse(&v.to_string())
}

fn ok(v: &Json) -> Descriptor {
    let p = parse_doc(v);
    match p.descriptor {
        Some(d) => d,
        None => panic!("{:#?}", p.diagnostics),
    }
}

/// The (path, code, severity) of every diagnostic.
fn diags(v: &Json) -> Vec<(String, &'static str, Severity)> {
    parse_doc(v).diagnostics.into_iter().map(|d| (d.path, d.code, d.severity)).collect()
}

fn has(v: &Json, path: &str, code: &str, sev: Severity) -> String {
    let p = parse_doc(v);
    let found =
        p.diagnostics.iter().find(|d| d.path == path && d.code == code && d.severity == sev);
    match found {
        Some(d) => d.message.clone(),
        None => panic!("no {sev:?} `{code}` at `{path}` in {:#?}", p.diagnostics),
    }
}

#[test]
fn a_1_1_document_with_a_digest_parses_without_diagnostics() {
    let v = doc();
    assert_eq!(diags(&v), vec![]);
    let d = ok(&v);
    let spec = d.digest.as_ref().expect("digest");
    assert_eq!(spec.needs, vec![AttributeClass::Plates]);
    assert_eq!(spec.matters.len(), 1);
    assert_eq!(spec.matters[0].due_soon_days, 7);
    assert_eq!(d.person_cities(), vec!["330100"]);
    let hz = d.digest_for("330100").expect("hangzhou answers");
    assert_eq!(hz.endpoint.as_deref(), Some("/dept/hz/person"));
    assert_eq!(d.digest_for("110100"), None, "no person_endpoint in Beijing");
    assert_eq!(d.digest_for("999999"), None);
}

#[test]
fn a_1_0_document_with_a_digest_is_read_as_a_1_0_reader_would() {
    let mut v = doc();
    v["format"] = json!("1.0");
    let p = parse_doc(&v);
    let d = p.descriptor.expect("still usable");
    assert_eq!(d.digest, None, "ignored, as by a 1.0 reader");
    assert_eq!(d.city("330100").and_then(|c| c.person_endpoint.clone()), None);
    let m = has(&v, "/digest", "needs-format", Severity::Warning);
    assert!(m.contains("declare `\"format\": \"1.1\"`"), "{m}");
    has(&v, "/cities/0/person_endpoint", "needs-format", Severity::Warning);
    assert!(p.diagnostics.iter().all(|d| d.severity == Severity::Warning));
}

#[test]
fn format_1_1_is_known_and_1_2_falls_back_with_a_warning() {
    let mut v = doc();
    assert!(!diags(&v).iter().any(|d| d.1 == "format-minor"));
    v["format"] = json!("1.2");
    v["digest"]["matters"][0]["colour"] = json!("red");
    has(&v, "/format", "format-minor", Severity::Warning);
    has(&v, "/digest/matters/0/colour", "unknown-field", Severity::Warning);
    assert!(parse_doc(&v).descriptor.is_some());
}

#[test]
fn the_lean_reader_accepts_and_skips_the_digest() {
    let p = read_value(&doc());
    let d = p.descriptor.expect("read");
    assert_eq!(d.digest, None);
}

#[test]
fn needs_are_attribute_classes_listed_once() {
    let mut v = doc();
    v["digest"]["needs"] = json!(["plate"]);
    let m = has(&v, "/digest/needs/0", "unknown-attribute", Severity::Error);
    assert!(m.contains("did you mean `plates`?"), "{m}");
    v["digest"]["needs"] = json!([]);
    has(&v, "/digest/needs", "required", Severity::Error);
    v["digest"]["needs"] = json!(["plates", "plates"]);
    has(&v, "/digest/needs/1", "attribute", Severity::Error);
    v["digest"]["needs"] = json!("plates");
    has(&v, "/digest/needs", "type", Severity::Error);
    if let Some(d) = v["digest"].as_object_mut() {
        d.remove("needs");
    }
    has(&v, "/digest", "required", Severity::Error);
}

#[test]
fn request_placeholders_are_needed_classes_in_the_body_only() {
    let mut v = doc();
    v["digest"]["request"]["body"] = json!({ "plates": "{plates}", "who": "{idnumber}" });
    let m = has(&v, "/digest/request/body/who", "unknown-attribute", Severity::Error);
    assert!(m.contains("`{idnumber}`") && m.contains("did you mean `id_number`?"), "{m}");
    v["digest"]["request"]["body"] = json!({ "plates": "{plates}", "who": "{id_number}" });
    let m = has(&v, "/digest/request", "attribute", Severity::Error);
    assert!(m.contains("sends `id_number`, which is not in `needs` (`plates`)"), "{m}");
    v["digest"]["request"]["body"] = json!({ "plates": "plates: {plates}" });
    let m = has(&v, "/digest/request/body/plates", "attribute", Severity::Error);
    assert!(m.contains("is a list and must be the whole string"), "{m}");
    v["digest"]["request"]["body"] = json!({ "x": "1" });
    let m = has(&v, "/digest/request", "attribute", Severity::Warning);
    assert!(m.contains("`plates` is in `needs` but this request does not send it"), "{m}");
    v["digest"]["request"] = json!({ "method": "GET", "query": { "p": "{plates}" } });
    has(&v, "/digest/request/query/p", "pii-in-query", Severity::Error);
    v["digest"]["request"] = json!({ "method": "GET", "body": { "p": "{plates}" } });
    has(&v, "/digest/request/body", "body-on-get", Severity::Error);
    v["digest"]["request"] =
        json!({ "method": "POST", "body": { "p": "{plates}" }, "headers": { "Cookie": "x" } });
    has(&v, "/digest/request/headers/Cookie", "header", Severity::Error);
}

#[test]
fn open_never_carries_a_secret_input_and_names_inputs() {
    let mut v = doc();
    v["digest"]["matters"][0]["open"] = json!({ "plate": "{plate}", "engine": "{plate}" });
    let m = has(&v, "/digest/matters/0/open/engine", "secret-open", Severity::Error);
    assert!(m.contains("input `engine` is `secret`"), "{m}");
    v["digest"]["matters"][0]["open"] = json!({ "plates": "{plate}" });
    has(&v, "/digest/matters/0/open/plates", "unknown-input", Severity::Error);
    v["digest"]["matters"][0]["open"] = json!({ "plate": "{hphm}" });
    has(&v, "/digest/matters/0/open/plate", "unknown-field-ref", Severity::Error);
}

#[test]
fn matter_fields_exist_with_the_right_formats() {
    let mut v = doc();
    v["digest"]["matters"][0]["amount"] = json!("plate");
    let m = has(&v, "/digest/matters/0/amount", "missing-amount", Severity::Error);
    assert!(m.contains("`plate` is not money"), "{m}");
    let mut v = doc();
    v["digest"]["matters"][0]["date"] = json!("fine");
    has(&v, "/digest/matters/0/date", "field-format", Severity::Error);
    let mut v = doc();
    v["digest"]["matters"][0]["group"] = json!("car");
    let m = has(&v, "/digest/matters/0/group", "unknown-field-ref", Severity::Error);
    assert!(m.contains("`car` is not a field"), "{m}");
    let mut v = doc();
    v["digest"]["matters"][0]["where"] = json!({ "field": "status", "in": ["0"] });
    has(&v, "/digest/matters/0/where/field", "unknown-field-ref", Severity::Error);
    v["digest"]["matters"][0]["where"] = json!({ "field": "state", "in": [] });
    has(&v, "/digest/matters/0/where/in", "required", Severity::Error);
    v["digest"]["matters"][0]["where"] = json!({ "field": "state", "in": [true] });
    has(&v, "/digest/matters/0/where/in/0", "type", Severity::Error);
    let mut v = doc();
    v["digest"]["matters"][0]["text"]["en"] = json!("{count} fines at {place}");
    has(&v, "/digest/matters/0/text/en", "unknown-field-ref", Severity::Error);
    let mut v = doc();
    v["digest"]["matters"][0]["due_soon_days"] = json!(400);
    has(&v, "/digest/matters/0/due_soon_days", "range", Severity::Error);
    let mut v = doc();
    v["digest"]["matters"] = json!([]);
    has(&v, "/digest/matters", "required", Severity::Error);
    let mut v = doc();
    v["digest"]["response"].as_object_mut().map(|r| r.remove("records"));
    let m = has(&v, "/digest/response", "required", Severity::Error);
    assert!(m.contains("`records`"), "{m}");
}

#[test]
fn a_city_override_is_checked_against_the_matters() {
    let mut v = doc();
    v["cities"][1]["person_endpoint"] = json!("/dept/bj/person");
    v["cities"][1]["person_request"] = json!({ "method": "POST", "body": { "hphm": "{plates}" } });
    v["cities"][1]["person_response"] = json!({
        "records": "/data",
        "fields": [ { "id": "plate", "pointer": "/car" }, { "id": "fine", "pointer": "/yuan", "format": "money_yuan" } ]
    });
    let p = parse_doc(&v);
    let m: Vec<&str> = p
        .diagnostics
        .iter()
        .filter(|d| d.path == "/cities/1/person_response" && d.code == "unknown-field-ref")
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        m.iter()
            .any(|m| m.contains("`deadline`") && m.contains("named at `/digest/matters/0/date`")),
        "{m:?}"
    );
    v["cities"][1]["person_response"]["fields"] = json!([
        { "id": "plate", "pointer": "/car" },
        { "id": "fine", "pointer": "/yuan", "format": "money_yuan" },
        { "id": "deadline", "pointer": "/due", "format": "iso8601" },
        { "id": "state", "pointer": "/paid" }
    ]);
    let d = ok(&v);
    let bj = d.digest_for("110100").expect("beijing answers");
    assert_eq!(bj.endpoint.as_deref(), Some("/dept/bj/person"));
    assert_eq!(bj.response.records.as_deref(), Some("/data"));
    assert_eq!(bj.request.body, Some(json!({ "hphm": "{plates}" })));
    let hz = d.digest_for("330100").expect("hangzhou");
    assert_eq!(hz.response.records.as_deref(), Some("/fines"));
    // The model's and the JSON's city resolution agree.
    let resolved = resolve_json(&v, "110100").expect("resolved");
    assert_eq!(resolved["digest"]["response"]["records"], json!("/data"));
    assert!(resolved["cities"][0].get("person_request").is_none());
    let mut no_person = v.clone();
    if let Some(c) = no_person["cities"][1].as_object_mut() {
        c.remove("person_endpoint");
    }
    assert!(resolve_json(&no_person, "110100").expect("resolved").get("digest").is_none());
    assert_eq!(ok(&no_person).resolve("110100").and_then(|d| d.digest), None);
    let m = has(&no_person, "/cities/1/person_request", "unknown-field", Severity::Warning);
    assert!(m.contains("applies only with a `person_endpoint`"), "{m}");
    let r = d.resolve("110100").expect("resolve");
    assert_eq!(r.digest.and_then(|s| s.response.records).as_deref(), Some("/data"));
    v["cities"][1]["person_request"] = json!({ "method": "POST", "body": { "m": "{mobile}" } });
    has(&v, "/cities/1/person_request", "attribute", Severity::Error);
}

#[test]
fn person_endpoints_need_a_digest_and_are_platform_paths() {
    let mut v = doc();
    v.as_object_mut().map(|o| o.remove("digest"));
    let m = has(&v, "/cities/0/person_endpoint", "required", Severity::Error);
    assert!(m.contains("needs a top-level `digest`"), "{m}");
    let mut v = doc();
    v["cities"][0]["person_endpoint"] = json!("https://evil.example/p");
    has(&v, "/cities/0/person_endpoint", "endpoint", Severity::Error);
    let mut v = doc();
    v["cities"][0].as_object_mut().map(|c| c.remove("person_endpoint"));
    has(&v, "/digest", "required", Severity::Warning);
}

fn claims() -> Json {
    json!({
        "name": "陈思远", "id_number": "330106198805203216", "mobile": "13800138000",
        "plates": ["浙A12345", "沪AK6321"],
        "accounts": [
            { "kind": "water", "city": "330100", "number": "W1" },
            { "kind": "water", "city": "310100", "number": "W2" },
            { "kind": "library_card", "city": "330100", "number": "L1" },
            { "kind": "boat", "city": "330100", "number": "B1" }
        ]
    })
}

#[test]
fn attributes_resolve_accounts_of_the_asked_city_only() {
    let a = Attributes::from_claims(&claims(), "330100").expect("claims");
    assert_eq!(a.get(AttributeClass::WaterAccount), Some(&AttrValue::Many(vec!["W1".into()])));
    assert_eq!(a.get(AttributeClass::LibraryCard), Some(&AttrValue::Many(vec!["L1".into()])));
    assert_eq!(a.get(AttributeClass::GasAccount), None);
    assert_eq!(a.get(AttributeClass::Name), Some(&AttrValue::One("陈思远".into())));
    let sh = Attributes::from_claims(&claims(), "310100").expect("claims");
    assert_eq!(sh.get(AttributeClass::WaterAccount), Some(&AttrValue::Many(vec!["W2".into()])));
    assert_eq!(sh.get(AttributeClass::LibraryCard), None);
    assert_eq!(Attributes::from_claims(&Json::Null, "330100"), Ok(Attributes::default()));
    assert_eq!(AttributeClass::Plates.mask("浙A12345"), "浙A***45");
    assert_eq!(a.masked(AttributeClass::Plates), ["浙A***45", "沪A***21"]);
    assert_eq!(a.masked(AttributeClass::IdNumber), ["330***********3216"]);
    assert_eq!(a.masked(AttributeClass::GasAccount), Vec::<String>::new());
    assert_eq!(AttributeClass::WaterAccount.mask("330100123456"), "330*****3456");
}

#[test]
fn attributes_of_the_wrong_shape_are_named() {
    let err = |v: Json| match Attributes::from_claims(&v, "330100") {
        Err(DigestError::Claims(m)) => m,
        other => panic!("{other:?}"),
    };
    assert_eq!(err(json!([1])), "`attrs` must be an object, found array");
    assert_eq!(err(json!({ "mobile": 138 })), "`mobile` must be a string, found number");
    assert_eq!(err(json!({ "plates": "浙A12345" })), "`plates` must be an array, found string");
    assert_eq!(err(json!({ "plates": [1] })), "`plates/0` must be a string, found number");
    assert_eq!(err(json!({ "accounts": [{ "kind": "water" }] })), "`accounts/0` has no `city`");
    assert_eq!(err(json!({ "accounts": ["W1"] })), "`accounts/0` must be an object, found string");
    assert!(err(json!({ "name": "x".repeat(65) })).contains("longer than 64"));
    let many: Vec<String> = (0..21).map(|i| format!("浙A{i:05}")).collect();
    assert!(err(json!({ "plates": many })).contains("has 21 items"));
    let accounts: Vec<Json> = (0..201)
        .map(|i| json!({ "kind": "water", "city": "330100", "number": i.to_string() }))
        .collect();
    assert!(err(json!({ "accounts": accounts })).contains("at most 200"));
}

#[test]
fn the_person_request_carries_only_the_needed_classes() {
    let d = ok(&doc());
    let spec = d.digest_for("330100").expect("spec");
    let attrs = Attributes::from_claims(&claims(), "330100").expect("claims");
    let r = person_request(&spec, &attrs).expect("request");
    assert_eq!(r.path, "/dept/hz/person");
    assert_eq!(r.body, Some(json!({ "plates": ["浙A12345", "沪AK6321"] })));
    assert_eq!(r.timeout_ms, 3000);
    assert_eq!(r.classes, vec![AttributeClass::Plates]);
    let none = Attributes::from_claims(&json!({ "mobile": "13800138000" }), "330100").unwrap();
    assert_eq!(
        person_request(&spec, &none),
        Err(DigestError::MissingAttribute { class: AttributeClass::Plates })
    );
    assert_eq!(
        DigestError::MissingAttribute { class: AttributeClass::Plates }.to_string(),
        "attribute `plates` is needed by the department and the citizen has none"
    );
    let top = d.digest.clone().expect("top");
    assert_eq!(person_request(&top, &attrs), Err(DigestError::NoEndpoint));
}

#[test]
fn scalar_classes_fill_text_and_undeclared_ones_stay_out() {
    let mut v = doc();
    v["digest"]["needs"] = json!(["id_number", "plates"]);
    v["digest"]["request"]["body"] = json!({ "sfzh": "ID:{id_number}", "plates": "{plates}" });
    let d = ok(&v);
    let spec = d.digest_for("330100").unwrap();
    let attrs = Attributes::from_claims(&claims(), "330100").unwrap();
    let r = person_request(&spec, &attrs).unwrap();
    assert_eq!(
        r.body,
        Some(json!({ "sfzh": "ID:330106198805203216", "plates": ["浙A12345", "沪AK6321"] }))
    );
}

fn today() -> Date {
    Date::new(2025, 4, 28).unwrap()
}

fn answer() -> String {
    json!({
        "code": 0,
        "fines": [
            { "hphm": "浙A12345", "fkje": 20000, "jzrq": "20250515", "zt": "0" },
            { "hphm": "浙A12345", "fkje": 10000, "jzrq": "20250420", "zt": "0" },
            { "hphm": "沪AK6321", "fkje": 5000, "jzrq": "20250501", "zt": "0" },
            { "hphm": "沪AK6321", "fkje": 9900, "jzrq": "20250301", "zt": "1" }
        ]
    })
    .to_string()
}

#[test]
fn records_become_grouped_summed_dated_matters_most_urgent_first() {
    let d = ok(&doc());
    let spec = d.digest_for("330100").unwrap();
    let ms = matters(&spec, 200, &answer(), today()).expect("matters");
    assert_eq!(ms.len(), 2);
    assert_eq!(ms[0].count, 2);
    assert_eq!(ms[0].amount_fen, Some(30000));
    assert_eq!(ms[0].next_date, Date::new(2025, 4, 20));
    assert_eq!(ms[0].status, MatterStatus::Overdue);
    assert_eq!(ms[0].text.get("zh-CN"), "浙A12345 2 笔未处理违法 · ¥300.00");
    assert_eq!(ms[0].text.get("en"), "浙A12345: 2 unpaid fines · ¥300.00");
    assert_eq!(ms[0].open.get("plate").map(String::as_str), Some("浙A12345"));
    // The paid fine is filtered out; one record uses the `one` text.
    assert_eq!(ms[1].count, 1);
    assert_eq!(ms[1].amount_fen, Some(5000));
    assert_eq!(ms[1].status, MatterStatus::DueSoon);
    assert_eq!(ms[1].text.get("en"), "沪AK6321: 1 unpaid fine · ¥50.00");
    let json = serde_json::to_value(&ms[0]).unwrap();
    assert_eq!(
        json,
        json!({ "count": 2, "amount_fen": 30000, "next_date": "2025-04-20", "status": "overdue",
                "text": { "zh-CN": "浙A12345 2 笔未处理违法 · ¥300.00", "en": "浙A12345: 2 unpaid fines · ¥300.00" },
                "open": { "plate": "浙A12345" } })
    );
}

#[test]
fn status_follows_the_next_date_and_the_window() {
    let t = today();
    let at = |d: i64| t.add_days(d);
    assert_eq!(MatterStatus::of(None, t, 7), MatterStatus::Info);
    assert_eq!(MatterStatus::of(at(-1), t, 7), MatterStatus::Overdue);
    assert_eq!(MatterStatus::of(at(0), t, 7), MatterStatus::DueSoon);
    assert_eq!(MatterStatus::of(at(7), t, 7), MatterStatus::DueSoon);
    assert_eq!(MatterStatus::of(at(8), t, 7), MatterStatus::Due);
    assert_eq!(MatterStatus::of(at(30), t, 30), MatterStatus::DueSoon);
    assert!(
        MatterStatus::Overdue < MatterStatus::DueSoon && MatterStatus::Due < MatterStatus::Info
    );
}

#[test]
fn ungrouped_dateless_matters_are_info_and_empty_answers_have_none() {
    let mut v = doc();
    let m = &mut v["digest"]["matters"][0];
    if let Some(m) = m.as_object_mut() {
        for k in ["group", "date", "one", "where"] {
            m.remove(k);
        }
        m.insert(
            "text".into(),
            json!({ "zh-CN": "共 {count} 条，截止 {date}", "en": "{count} in all, due {date}" }),
        );
    }
    let d = ok(&v);
    let spec = d.digest_for("330100").unwrap();
    let ms = matters(&spec, 200, &answer(), today()).unwrap();
    assert_eq!(ms.len(), 1);
    assert_eq!((ms[0].count, ms[0].amount_fen, ms[0].status), (4, Some(44900), MatterStatus::Info));
    assert_eq!(ms[0].text.get("en"), "4 in all, due —");
    let empty = json!({ "code": "0", "fines": [] }).to_string();
    assert_eq!(matters(&spec, 200, &empty, today()), Ok(vec![]));
}

#[test]
fn department_errors_and_malformed_answers_are_errors() {
    let d = ok(&doc());
    let spec = d.digest_for("330100").unwrap();
    match matters(&spec, 200, r#"{"code":9}"#, today()) {
        Err(DigestError::Department { code, message }) => {
            assert_eq!(code, "9");
            assert_eq!(message.map(|m| m.get("en").to_string()).as_deref(), Some("Busy"));
        }
        other => panic!("{other:?}"),
    }
    let e = matters(&spec, 200, "not json", today()).unwrap_err();
    assert!(matches!(e, DigestError::Malformed(ref m) if m.contains("not JSON")), "{e:?}");
    let e = matters(&spec, 500, r#"{"code":0}"#, today()).unwrap_err();
    assert_eq!(e, DigestError::Malformed("department answered http 500".into()));
    let e = matters(&spec, 200, r#"{"code":0,"fines":{}}"#, today()).unwrap_err();
    assert!(matches!(e, DigestError::Malformed(ref m) if m.contains("not an array")), "{e:?}");
    let bad = r#"{"code":0,"fines":[{"hphm":"浙A1","fkje":"x","jzrq":"20250515","zt":"0"}]}"#;
    let e = matters(&spec, 200, bad, today()).unwrap_err();
    assert!(matches!(e, DigestError::Malformed(ref m) if m.contains("`fine`")), "{e:?}");
}

#[test]
fn a_personal_field_is_masked_in_the_text_and_whole_in_open() {
    let mut v = doc();
    v["digest"]["response"]["fields"][0]["pii"] = json!("plate");
    let d = ok(&v);
    let spec = d.digest_for("330100").unwrap();
    let ms = matters(&spec, 200, &answer(), today()).expect("matters");
    assert_eq!(ms[0].text.get("zh-CN"), "浙A***45 2 笔未处理违法 · ¥300.00");
    assert_eq!(ms[1].text.get("en"), "沪A***21: 1 unpaid fine · ¥50.00");
    assert_eq!(ms[0].open.get("plate").map(String::as_str), Some("浙A12345"));
}

#[test]
fn undated_says_how_urgent_a_matter_without_a_date_is() {
    let mut v = doc();
    if let Some(m) = v["digest"]["matters"][0].as_object_mut() {
        m.remove("date");
        m.insert("undated".into(), json!("due"));
    }
    let d = ok(&v);
    let spec = d.digest_for("330100").unwrap();
    let ms = matters(&spec, 200, &answer(), today()).expect("matters");
    assert!(ms.iter().all(|m| m.next_date.is_none() && m.status == MatterStatus::Due), "{ms:?}");

    v["digest"]["matters"][0]["undated"] = json!("urgent");
    let message = has(&v, "/digest/matters/0/undated", "unknown-value", Severity::Error);
    assert!(message.contains("got `urgent`"), "{message}");
}
