//! The published fixtures are the departments' contract: each `<shape>-request.json` posted to
//! the department answers the published `<shape>-ok*.json` (values that depend on today, such
//! as new reference numbers, aside), and the status and cancel fixtures replay exactly.

use crate::common;
use crate::departments_support;

use common::Sandbox;
use departments_support::{fixture, post_value};
use serde_json::{json, Value};

/// Removes the values at these pointers (set to `null`) from a copy.
fn without(mut v: Value, pointers: &[&str]) -> Value {
    for p in pointers {
        if let Some(x) = v.pointer_mut(p) {
            *x = Value::Null;
        }
    }
    v
}

#[tokio::test]
async fn request_fixtures_get_the_published_answers() {
    let sandbox = Sandbox::start().await;
    let cases: &[(&str, &str, &str, &str, &[&str])] = &[
        (
            "traffic-violations",
            "/dept/hz-traffic-police/wfcx",
            "default-request",
            "default-ok",
            &[],
        ),
        (
            "traffic-violations",
            "/dept/bj-traffic-police/violations",
            "beijing-request",
            "beijing-ok",
            &[],
        ),
        (
            "traffic-violations",
            "/dept/sh-traffic-police/violations",
            "shanghai-request",
            "shanghai-ok",
            &[],
        ),
        (
            "traffic-fine-payment",
            "/dept/hz-traffic-police/fines",
            "default-request",
            "default-ok",
            &[],
        ),
        (
            "violation-reminders",
            "/dept/hz-traffic-police/reminders",
            "default-request",
            "default-ok",
            &["/data/dyh", "/data/ksrq", "/data/jzrq"],
        ),
        (
            "driving-licence-points",
            "/dept/hz-vehicle-admin/licence-points",
            "default-request",
            "default-ok",
            &[],
        ),
        ("lab-reports", "/dept/hz-health/lab-reports", "default-request", "default-ok", &[]),
        ("water-bill", "/dept/hz-water/bill", "default-request", "default-ok", &[]),
        (
            "water-bill",
            "/dept/ty-collector/water",
            "ty-collector-request",
            "ty-collector-ok",
            &["/jg/yhm"],
        ),
        ("electricity-bill", "/dept/hz-power/bill", "default-request", "default-ok", &[]),
        (
            "electricity-bill",
            "/dept/sz-power/bill",
            "southern-grid-request",
            "southern-grid-ok",
            &["/result/custName"],
        ),
        (
            "electricity-bill",
            "/dept/ty-collector/electricity",
            "ty-collector-request",
            "ty-collector-ok",
            &["/jg/yhm", "/jg/yhdz"],
        ),
        ("gas-bill", "/dept/hz-gas/bill", "default-request", "default-ok", &[]),
        (
            "gas-bill",
            "/dept/ty-collector/gas",
            "ty-collector-request",
            "ty-collector-ok",
            &["/jg/yhm", "/jg/yhdz"],
        ),
        (
            "exit-entry-progress",
            "/dept/hz-exit-entry/progress",
            "default-request",
            "default-ok",
            &[],
        ),
        ("library-loans", "/dept/hz-library/loans", "default-request", "default-ok", &[]),
        (
            "library-renewal",
            "/dept/hz-library/renewal",
            "default-request",
            "default-ok",
            &["/data/renewNo"],
        ),
        (
            "vehicle-inspection-booking",
            "/hub/traffic/inspection-stations",
            "options-stations-request",
            "options-stations",
            &[],
        ),
        (
            "vehicle-inspection-booking",
            "/hub/traffic/inspection-slots",
            "options-slots-request",
            "options-slots",
            &[],
        ),
        (
            "hospital-registration",
            "/hub/health/hospitals",
            "options-hospitals-request",
            "options-hospitals",
            &[],
        ),
        (
            "hospital-registration",
            "/hub/health/departments",
            "options-departments-request",
            "options-departments",
            &[],
        ),
        (
            "hospital-registration",
            "/hub/health/doctors",
            "options-doctors-request",
            "options-doctors",
            &[],
        ),
        (
            "hospital-registration",
            "/hub/health/slots",
            "options-slots-request",
            "options-slots",
            &[],
        ),
        (
            "marriage-registration",
            "/hub/civil/marriage-offices",
            "options-offices-request",
            "options-offices",
            &[],
        ),
        (
            "marriage-registration",
            "/hub/civil/marriage-slots",
            "options-slots-request",
            "options-slots",
            &[],
        ),
    ];
    for (service, path, request, expected, ignored) in cases {
        let (status, answer) = post_value(&sandbox, path, &fixture(service, request), None).await;
        assert_eq!(status, 200, "{service} {request}");
        assert_eq!(
            without(answer, ignored),
            without(fixture(service, expected), ignored),
            "{service} {path} {request}"
        );
    }
}

#[tokio::test]
async fn other_published_answers_of_the_demo_citizens() {
    let sandbox = Sandbox::start().await;
    let overdue = json!({ "jdsbh": "330105100018842", "hphm": "浙AD12345" });
    let (_, answer) = post_value(&sandbox, "/dept/hz-traffic-police/fines", &overdue, None).await;
    assert_eq!(answer, fixture("traffic-fine-payment", "default-ok-overdue"));
    let critical = json!({ "idCard": "330102199203154321", "reportNo": "2504261530118" });
    let (_, answer) = post_value(&sandbox, "/dept/hz-health/lab-reports", &critical, None).await;
    assert_eq!(answer, fixture("lab-reports", "default-ok-critical"));
    let collected = json!({ "slbh": "330100202503110457", "sfzh": "330102199203154321" });
    let (_, answer) = post_value(&sandbox, "/dept/nb-exit-entry/progress", &collected, None).await;
    assert_eq!(answer, fixture("exit-entry-progress", "default-ok-collected"));
    let (_, answer) = post_value(
        &sandbox,
        "/dept/hz-social-security/contributions",
        &fixture("social-security-records", "default-request"),
        None,
    )
    .await;
    let published = fixture("social-security-records", "default-ok");
    assert_eq!(
        answer["data"]["rows"].as_array().map(|r| r[..8].to_vec()),
        published["data"]["rows"].as_array().cloned()
    );
    assert_eq!(
        (&answer["data"]["aac003"], &answer["data"]["total"]),
        (&json!("陈*远"), &json!(48))
    );
    let (_, answer) = post_value(
        &sandbox,
        "/dept/hz-library/loans",
        &json!({ "rdid": "0330018806521", "password": "154321" }),
        None,
    )
    .await;
    assert_eq!(answer["data"]["loans"], json!([]));
    let (_, answer) =
        post_value(&sandbox, "/dept/hz-water/bill", &json!({ "accountNo": "3301556677" }), None)
            .await;
    assert_eq!(answer, fixture("water-bill", "default-empty"));
    let (_, answer) = post_value(
        &sandbox,
        "/dept/ty-collector/electricity",
        &json!({ "jydm": "1001", "shbh": "TYGD", "yhh": "1400555555", "qdbs": "CITYPANEL" }),
        None,
    )
    .await;
    assert_eq!(answer, fixture("electricity-bill", "ty-collector-empty"));
}

/// `(service, status endpoint)`.
const STATUS: &[(&str, &str)] = &[
    ("violation-reminders", "/hub/traffic/reminder-status"),
    ("vehicle-inspection-booking", "/hub/traffic/inspection-status"),
    ("hospital-registration", "/hub/health/status"),
    ("marriage-registration", "/hub/civil/marriage-status"),
    ("library-renewal", "/hub/library/renewal-status"),
];

/// The seeded reference one past a fixture's (even: it settled as a failure).
fn next_reference(reference: &str) -> String {
    let (head, last) = reference.split_at(reference.len() - 1);
    let digit = last.parse::<u8>().unwrap_or(0);
    format!("{head}{}", digit + 1)
}

#[tokio::test]
async fn status_polling_replays_the_fixtures() {
    let sandbox = Sandbox::start().await;
    for (service, endpoint) in STATUS {
        let request = fixture(service, "status-request");
        let first = post_value(&sandbox, endpoint, &request, None).await;
        assert_eq!(first, (202, fixture(service, "status-processing")), "{service}");
        let second = post_value(&sandbox, endpoint, &request, None).await;
        assert_eq!(second, (200, fixture(service, "status-ok")), "{service}");
        let third = post_value(&sandbox, endpoint, &request, None).await;
        assert_eq!(third, (200, fixture(service, "status-ok")), "{service}");
        let reference = request["reference"].as_str().unwrap_or_default();
        let failed = post_value(
            &sandbox,
            endpoint,
            &json!({ "reference": next_reference(reference) }),
            None,
        )
        .await;
        assert_eq!(failed, (200, fixture(service, "status-failed")), "{service}");
        let unknown = json!({ "reference": format!("{}99", &reference[..reference.len() - 2]) });
        let (status, answer) = post_value(&sandbox, endpoint, &unknown, None).await;
        assert_eq!(status, 200);
        assert!(
            answer.as_object().is_some_and(|o| o.len() == 3 && o.values().any(Value::is_null)),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn cancelling_replays_the_fixtures_and_is_repeatable() {
    let sandbox = Sandbox::start().await;
    let cancels = [
        (
            "vehicle-inspection-booking",
            "/hub/traffic/inspection-cancel",
            "/hub/traffic/inspection-status",
        ),
        ("hospital-registration", "/hub/health/cancel", "/hub/health/status"),
        ("marriage-registration", "/hub/civil/marriage-cancel", "/hub/civil/marriage-status"),
    ];
    for (service, cancel, status) in cancels {
        let request = fixture(service, "cancel-request");
        assert_eq!(
            post_value(&sandbox, cancel, &request, None).await,
            (200, fixture(service, "cancel-ok")),
            "{service}"
        );
        assert_eq!(
            post_value(&sandbox, cancel, &request, None).await,
            (200, fixture(service, "cancel-ok")),
            "{service}"
        );
        let polled = post_value(&sandbox, status, &request, None).await;
        assert_eq!(polled, (202, fixture(service, "status-processing")), "{service}");
        let settled = post_value(&sandbox, status, &request, None).await;
        assert_eq!(settled, (200, fixture(service, "cancel-ok")), "{service} status after cancel");
    }
}
