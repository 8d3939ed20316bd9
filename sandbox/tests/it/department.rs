//! The simulated Hangzhou traffic-police department and fault injection, over real HTTP.

use crate::common;

use citypanel_descriptor::rules::{validate_engine_tail, validate_plate, RuleError};
use common::{assert_error, Sandbox};
use serde_json::{json, Value};

const WFCX: &str = "/dept/hz-traffic-police/wfcx";

fn records(body: &Value) -> &Vec<Value> {
    body["data"]["wfjl"].as_array().expect("wfjl array")
}

#[tokio::test]
async fn seeded_plate_has_three_records_with_exact_fields() {
    let sandbox = Sandbox::start().await;
    let (status, body) = sandbox.wfcx("浙A12345", "123456").await;
    assert_eq!(status, 200);
    assert_eq!(body["code"], "0000");
    assert_eq!(body["msg"], "成功");
    assert_eq!(body["data"]["hphm"], "浙A12345");
    assert_eq!(body["data"]["total"], 3);
    let wfjl = records(&body);
    assert_eq!(wfjl.len(), 3);
    assert_eq!(
        wfjl[0],
        json!({
            "xh": "3301001202504120001",
            "wfsj": "20250412083015",
            "wfdd": "杭州市西湖区文三路与学院路交叉口",
            "wfxw": "机动车违反禁令标志指示的",
            "fkje": 20000,
            "wfjf": 3,
            "clzt": "0",
            "cjfs": "1"
        })
    );
    for record in wfjl {
        let keys: Vec<&str> =
            record.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, ["cjfs", "clzt", "fkje", "wfdd", "wfjf", "wfsj", "wfxw", "xh"]);
        assert!(record["fkje"].is_u64() && record["wfjf"].is_u64());
    }
    let kinds: Vec<(&Value, &Value)> = wfjl.iter().map(|r| (&r["clzt"], &r["cjfs"])).collect();
    let unpaid_camera = kinds.iter().filter(|k| k.0 == "0" && k.1 == "1").count();
    let handled_officer = kinds.iter().filter(|k| k.0 == "1" && k.1 == "2").count();
    assert_eq!((unpaid_camera, handled_officer), (2, 1));
    let times: Vec<&str> = wfjl.iter().filter_map(|r| r["wfsj"].as_str()).collect();
    assert!(times.windows(2).all(|w| w[0] > w[1]), "newest first");
}

#[tokio::test]
async fn other_seeded_plates_and_normalization() {
    let sandbox = Sandbox::start().await;
    let (_, lower) = sandbox.wfcx("浙a12345", "123456").await;
    assert_eq!(lower["code"], "0000");
    assert_eq!(lower["data"]["hphm"], "浙A12345");
    assert_eq!(lower["data"]["total"], 3);

    let (_, new_energy) = sandbox.wfcx("浙AD12345", "a1b2c3").await;
    assert_eq!(new_energy["data"]["total"], 1);
    assert_eq!(records(&new_energy).len(), 1);

    let (_, ningbo) = sandbox.wfcx("浙B67890", "654321").await;
    assert_eq!(ningbo["data"]["total"], 5);
    assert_eq!(records(&ningbo).len(), 5);
}

#[tokio::test]
async fn department_error_codes() {
    let sandbox = Sandbox::start().await;
    let (status, body) = sandbox.wfcx("浙A12345", "000000").await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({ "code": "E2001", "msg": "发动机号不匹配", "data": null }));
}

/// Input the descriptor's rules refuse never reaches the department: the platform answers
/// `422` with the browser's field errors (rule code, English message, pointer into the body).
#[tokio::test]
async fn malformed_inputs_get_the_browsers_field_errors() {
    let sandbox = Sandbox::start().await;
    let rule = |r: Result<String, RuleError>| r.err().map(|e| (e.code(), e.user_message("en")));
    let cases = [
        ("A12345", "123456", "/hphm", "plate", rule(validate_plate("A12345"))),
        ("浙A1234", "123456", "/hphm", "plate", rule(validate_plate("浙A1234"))),
        ("浙A12345", "12#456", "/fdjh", "engine", rule(validate_engine_tail("12#456"))),
        ("浙A12345", "", "/fdjh", "engine", Some(("required", "This field is required".into()))),
    ];
    assert_eq!(cases[0].4.as_ref().map(|r| r.0), Some("plate.province"));
    for (hphm, fdjh, path, input, expected) in cases {
        let (code, message) = expected.expect("the browser rule refuses it");
        let (status, body) = sandbox.wfcx(hphm, fdjh).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["code"], "validation_failed");
        let fields = body["error"]["fields"].as_array().expect("fields");
        assert_eq!(fields.len(), 1, "{body}");
        assert_eq!(
            (&fields[0]["path"], &fields[0]["input"], &fields[0]["code"]),
            (&json!(path), &json!(input), &json!(code)),
            "{hphm} {fdjh}"
        );
        assert_eq!(fields[0]["message"], message);
    }
    let (status, body) = sandbox.post_json(WFCX, &json!({ "fdjh": "123456" })).await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["path"], "/hphm");
    assert_eq!(body["error"]["fields"][0]["code"], "required");
}

#[tokio::test]
async fn unknown_plate_is_empty_success() {
    let sandbox = Sandbox::start().await;
    let (status, body) = sandbox.wfcx("沪C88888", "ABC123").await;
    assert_eq!(status, 200);
    assert_eq!(body["code"], "0000");
    assert_eq!(body["data"], json!({ "hphm": "沪C88888", "total": 0, "wfjl": [] }));
}

async fn set_fault(sandbox: &Sandbox, mode: &str, latency_ms: u64) -> Value {
    let fault =
        json!({ "department": "hz-traffic-police", "mode": mode, "latency_ms": latency_ms });
    let (status, body) = sandbox.post_json("/admin/faults", &fault).await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn wfcx_raw(sandbox: &Sandbox) -> (u16, String) {
    let body = json!({ "hphm": "浙A12345", "fdjh": "123456" }).to_string();
    sandbox.post_raw(WFCX, body.into_bytes()).await
}

#[tokio::test]
async fn each_fault_mode_then_off_restores() {
    let sandbox = Sandbox::start().await;
    assert_eq!(sandbox.get_json("/admin/faults").await, (200, json!({})));

    let listed = set_fault(&sandbox, "garbage", 0).await;
    assert_eq!(listed["hz-traffic-police"]["mode"], "garbage");
    assert_eq!(wfcx_raw(&sandbox).await, (200, "<html>oops".to_string()));

    set_fault(&sandbox, "error", 0).await;
    let (status, text) = wfcx_raw(&sandbox).await;
    let body: Value = serde_json::from_str(&text).expect("json");
    assert_eq!(status, 200);
    assert_eq!(body, json!({ "code": "E5000", "msg": "系统繁忙", "data": null }));

    set_fault(&sandbox, "http500", 0).await;
    assert_eq!(wfcx_raw(&sandbox).await, (500, String::new()));

    let (_, listed) = sandbox.get_json("/admin/faults").await;
    assert_eq!(
        listed,
        json!({ "hz-traffic-police": { "mode": "http500", "latency_ms": 0, "error_rate": 1.0 } })
    );

    assert_eq!(set_fault(&sandbox, "off", 0).await, json!({}));
    let (status, body) = sandbox.wfcx("浙A12345", "123456").await;
    assert_eq!((status, &body["data"]["total"]), (200, &json!(3)));
}

#[tokio::test]
async fn latency_fault_delays_the_answer() {
    let sandbox = Sandbox::start().await;
    set_fault(&sandbox, "off", 300).await;
    let started = std::time::Instant::now();
    let (status, body) = sandbox.wfcx("浙A12345", "123456").await;
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    assert_eq!((status, &body["code"]), (200, &json!("0000")));
    set_fault(&sandbox, "off", 0).await;
    assert_eq!(sandbox.get_json("/admin/faults").await, (200, json!({})));
}

#[tokio::test]
async fn bad_fault_requests_are_error_json() {
    let sandbox = Sandbox::start().await;
    let cases = [
        (json!({ "department": "nope", "mode": "off" }), 404, "not_found"),
        (json!({ "department": "hz-traffic-police", "mode": "boom" }), 400, "bad_request"),
        (json!({ "department": "hz-traffic-police", "latency_ms": -1 }), 400, "bad_request"),
        (json!({ "department": "hz-traffic-police", "latency_ms": 999_999 }), 400, "bad_request"),
        (json!({ "mode": "off" }), 400, "bad_request"),
    ];
    for (request, status, code) in cases {
        let (got, body) = sandbox.post_json("/admin/faults", &request).await;
        assert_eq!(got, status, "{request}");
        assert_error(&body, code);
    }
}
