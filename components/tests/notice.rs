//! Host notices (`notify`): the shape check, which panel a notice concerns, and the hub that
//! hands notices to the panels of one mount.

use citypanel::flow::{Phase, QueryFlow};
use citypanel::notice::{parse_notice, Notice, Notices};
use citypanel_descriptor::model::Topic;
use citypanel_descriptor::{BuiltRequest, Descriptor};
use serde_json::json;
use std::cell::Cell;
use std::rc::Rc;

mod support;
use support::{catalog, fixture};

fn notice(topic: Topic, key: &str) -> Notice {
    Notice { topic, key: key.into(), message: None }
}

#[test]
fn a_notice_is_topic_key_and_an_optional_message() {
    let n = parse_notice(
        &json!({ "topic": "bill-due", "key": " 3301287645 ", "message": "水费已缴清" }),
    )
    .expect("valid");
    assert_eq!(
        n,
        Notice {
            topic: Topic::BillDue,
            key: "3301287645".into(),
            message: Some("水费已缴清".into())
        }
    );
    let n = parse_notice(&json!({ "topic": "violations", "key": "浙A12345" })).expect("valid");
    assert_eq!(n.message, None);
}

#[test]
fn malformed_notices_are_refused_with_the_reason() {
    let cases = [
        (json!("bill-due"), "must be an object"),
        (json!({ "key": "1" }), "needs a `topic`"),
        (
            json!({ "topic": "weather", "key": "1" }),
            "`topic` `weather` is not `violations`, `bill-due`, `appointment` or `progress`",
        ),
        (json!({ "topic": 3, "key": "1" }), "`topic` must be a string, got `3`"),
        (json!({ "topic": "progress" }), "needs a `key`"),
        (json!({ "topic": "progress", "key": "  " }), "`key` is empty"),
        (
            json!({ "topic": "progress", "key": "x".repeat(129) }),
            "`key` is longer than 128 characters",
        ),
        (json!({ "topic": "progress", "key": "a\u{0007}b" }), "`key` contains control characters"),
        (
            json!({ "topic": "progress", "key": "E1", "message": "m".repeat(201) }),
            "`message` is longer than 200 characters",
        ),
        (
            json!({ "topic": "progress", "key": "E1", "message": ["a"] }),
            "`message` must be a string",
        ),
        (json!({ "topic": "progress", "key": "E1", "url": "https://x" }), "unknown key `url`"),
    ];
    for (v, want) in cases {
        let err = parse_notice(&v).expect_err(&v.to_string());
        assert!(err.contains(want), "{v}: `{err}` lacks `{want}`");
    }
}

#[test]
fn keys_match_whatever_their_ascii_case() {
    let n = notice(Topic::Violations, "浙a12345");
    assert!(n.about("浙A12345"));
    assert!(n.about(" 浙A12345 "));
    assert!(!n.about("浙A12346"));
    assert!(!n.about(""));
}

fn shown_bill() -> (Descriptor, QueryFlow, BuiltRequest) {
    let d = catalog("water-bill");
    let mut f = QueryFlow::new(&d);
    f.input(&d, "account", "3301287645".into());
    let (seq, sent) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, &fixture("water-bill", "default-ok.json"));
    assert!(matches!(f.phase, Phase::Success { .. }), "{:?}", f.phase);
    (d, f, sent)
}

#[test]
fn a_notice_concerns_the_panel_showing_that_key_under_a_subscribed_topic() {
    let (d, mut f, sent) = shown_bill();
    assert!(f.concerns(&d, &notice(Topic::BillDue, "3301287645")));
    assert!(!f.concerns(&d, &notice(Topic::BillDue, "3301287646")), "another account");
    assert!(
        !f.concerns(&d, &notice(Topic::Violations, "3301287645")),
        "a topic the service does not follow"
    );
    // The refresh it causes re-sends the same query and replaces the result.
    let (seq, req) = f.refresh().expect("refresh");
    assert_eq!(req, sent, "the same query again");
    f.answered(&d, seq, 200, &fixture("water-bill", "default-empty.json"));
    assert_eq!(f.phase, Phase::Empty);
    assert!(
        f.concerns(&d, &notice(Topic::BillDue, "3301287645")),
        "an empty result is still about the account"
    );
}

#[test]
fn a_notice_does_not_concern_a_form_or_a_service_without_that_subscription() {
    let d = catalog("water-bill");
    let mut f = QueryFlow::new(&d);
    f.input(&d, "account", "3301287645".into());
    assert!(!f.concerns(&d, &notice(Topic::BillDue, "3301287645")), "nothing shown yet");
    let (_, mut shown, _) = shown_bill();
    shown.back();
    assert!(!shown.concerns(&d, &notice(Topic::BillDue, "3301287645")), "back on the form");
    let points = catalog("driving-licence-points");
    let mut p = QueryFlow::new(&points);
    p.input(&points, "licence", "330106198805203216".into());
    p.input(&points, "dabh", "330100412387".into());
    let (seq, _) = p.submit(&points, "330100", "key-0001").expect("request");
    p.answered(&points, seq, 200, &fixture("driving-licence-points", "default-ok.json"));
    for topic in Topic::ALL {
        assert!(
            !p.concerns(&points, &notice(*topic, "330106198805203216")),
            "{topic}: no subscribe action"
        );
    }
}

#[test]
fn the_hub_hands_a_notice_to_every_listener_and_says_whether_one_acted() {
    let hub = Notices::new();
    let seen = Rc::new(Cell::new(0));
    let (a, b) = (seen.clone(), seen.clone());
    let first = hub.listen(move |n| {
        a.set(a.get() + 1);
        n.key == "A"
    });
    hub.listen(move |_| {
        b.set(b.get() + 1);
        false
    });
    assert_eq!(hub.listeners(), 2);
    assert!(hub.deliver(&notice(Topic::Progress, "A")));
    assert!(!hub.deliver(&notice(Topic::Progress, "B")));
    assert_eq!(seen.get(), 4, "every listener hears every notice");
    hub.forget(first);
    assert_eq!(hub.listeners(), 1);
    assert!(!hub.deliver(&notice(Topic::Progress, "A")), "the panel that acted is gone");
}

#[test]
fn a_listener_may_add_or_remove_listeners_while_a_notice_is_delivered() {
    let hub = Notices::new();
    let inner = hub.clone();
    hub.listen(move |_| {
        let id = inner.listen(|_| true);
        inner.forget(id);
        true
    });
    assert!(hub.deliver(&notice(Topic::Appointment, "HZ1")));
    assert_eq!(hub.listeners(), 1);
}
