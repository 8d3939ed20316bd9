//! Native tests of the flow after the form: remote options, review, receipts, status polling,
//! cancelling, idempotency keys, and the offers (actions) of a result.

use citypanel::flow::offers::offers;
use citypanel::flow::{Choice, Failure, FieldIssue, Options, Phase, QueryFlow};
use citypanel::pay::machine::OrderStatus;
use citypanel::pay::order::{order_body, read_order, read_status, OrderRefusal};
use citypanel_descriptor::{parse, Date, Descriptor};

mod support;
use support::{fixture, published as catalog};

fn key_of(req: &citypanel_descriptor::BuiltRequest) -> Option<&str> {
    req.headers.iter().find(|(k, _)| k == "Idempotency-Key").map(|(_, v)| v.as_str())
}

/// Fills the hospital form through its cascade, answering each options call from fixtures.
fn hospital_filled(d: &Descriptor) -> QueryFlow {
    let mut f = QueryFlow::new(d);
    f.set_today(Date::new(2025, 5, 1));
    let hospitals = f.options_to_load(d);
    assert_eq!(hospitals.len(), 1, "only the hospital list has no dependency");
    let (id, (seq, req)) = &hospitals[0];
    assert_eq!((id.as_str(), req.path.as_str()), ("hospital", "/hub/health/hospitals"));
    f.options_answered(
        d,
        id,
        *seq,
        Some((200, &fixture("hospital-registration", "options-hospitals.json"))),
    );
    assert!(f.options_to_load(d).is_empty(), "nothing else until a hospital is picked");
    let steps = [
        ("hospital", "H330100001", "departments"),
        ("department", "0101", ""),
        ("date", "2025-05-06", "doctors"),
    ];
    for (id, value, next) in steps {
        f.input(d, id, value.into());
        if next.is_empty() {
            continue;
        }
        for (oid, (seq, req)) in f.options_to_load(d) {
            let body = req.body.clone().expect("options body");
            assert!(body.get("hospital").is_some(), "{oid} is asked with its dependencies: {body}");
            f.options_answered(
                d,
                &oid,
                seq,
                Some((200, &fixture("hospital-registration", &format!("options-{oid}s.json")))),
            );
        }
    }
    f.input(d, "doctor", "D10086".into());
    for (oid, (seq, _)) in f.options_to_load(d) {
        assert_eq!(oid, "slot");
        f.options_answered(
            d,
            &oid,
            seq,
            Some((200, &fixture("hospital-registration", "options-slots.json"))),
        );
    }
    for (id, v) in [
        ("slot", "S-D10086-20250506-0900"),
        ("name", "周文博"),
        ("id_number", "330105199508112658"),
        ("mobile", "13800138000"),
        ("consent", "true"),
    ] {
        f.input(d, id, v.into());
    }
    f
}

#[test]
fn cascading_options_reload_and_clear_what_depends_on_a_change() {
    let d = catalog("hospital-registration");
    let mut f = hospital_filled(&d);
    let Some(Options::Ready(slots)) = f.options.get("slot") else {
        panic!("slots loaded: {:?}", f.options.get("slot"))
    };
    assert_eq!(
        slots[0],
        Choice {
            value: "S-D10086-20250506-0830".into(),
            label: "08:30-09:00".into(),
            capacity: Some(0)
        }
    );
    assert!(!slots[0].available(), "a full slot cannot be picked");
    f.input(&d, "hospital", "H330100002".into());
    assert_eq!(f.value("department"), "", "a changed hospital clears the department");
    assert_eq!(f.value("slot"), "", "and every choice below it");
    assert_eq!(f.options.get("slot"), Some(&Options::Waiting));
    let reload: Vec<String> = f.options_to_load(&d).into_iter().map(|(id, _)| id).collect();
    assert_eq!(reload, ["department"], "the departments of the new hospital load");
}

#[test]
fn a_full_slot_is_refused_by_the_rules() {
    let d = catalog("hospital-registration");
    let mut f = hospital_filled(&d);
    f.input(&d, "slot", "S-D10086-20250506-0830".into());
    assert!(f.submit(&d, "330100", "k-000001").is_none());
    assert!(
        matches!(f.errors.get("slot"), Some(FieldIssue::Rule(e)) if e.code() == "select.option")
    );
}

/// Submits the filled hospital form and answers the hold: the slot is held.
fn held(d: &Descriptor, f: &mut QueryFlow) -> String {
    let (seq, req) =
        f.submit(d, "330100", "k-hold-1").expect("a holding booking sends the hold at once");
    assert_eq!(req.path, "/dept/hz-health/registration");
    assert_eq!(key_of(&req), Some("k-hold-1"));
    f.answered(d, seq, 200, &fixture("hospital-registration", "hold-ok.json"));
    let Phase::Held { reference, expires } = &f.phase else { panic!("held: {:?}", f.phase) };
    assert_eq!(
        *expires,
        Some(1_746_065_100_000),
        "2025-05-01T02:05:00Z, from the answer's `expiresAt`"
    );
    assert_eq!(f.phase.state_name(), "held");
    reference.clone()
}

#[test]
fn booking_holds_then_confirms_once_with_one_key_and_can_cancel() {
    let d = catalog("hospital-registration");
    assert!(QueryFlow::holds(&d) && !QueryFlow::reviews(&d));
    let mut f = hospital_filled(&d);
    let reference = held(&d, &mut f);
    assert_eq!(reference, "GH3301002505060000123");
    let (seq, req) = f.confirm(&d, "330100", "k-000001").expect("confirm sends");
    assert_eq!(req.path, "/hub/health/confirm");
    assert_eq!(req.body, Some(serde_json::json!({ "reference": "GH3301002505060000123" })));
    assert_eq!(key_of(&req), Some("k-000001"), "confirming is its own attempt with its own key");
    assert!(f.confirm(&d, "330100", "k-000002").is_none(), "a double click sends nothing");
    f.unreachable(seq, true);
    let (seq, again) = f.retry().expect("retry after a timeout");
    assert_eq!(
        (again.path.as_str(), key_of(&again)),
        ("/hub/health/confirm", Some("k-000001")),
        "a retry is the same attempt"
    );
    f.answered(&d, seq, 200, &fixture("hospital-registration", "confirm-ok.json"));
    let Phase::Done { values, reference, .. } = &f.phase else { panic!("{:?}", f.phase) };
    assert_eq!(reference.as_deref(), Some("GH3301002505060000123"));
    assert!(!values.fields.is_empty());
    let (cseq, cancel) = f.cancel(&d).expect("cancel allowed");
    assert_eq!(cancel.path, "/hub/health/cancel");
    assert!(f.cancel(&d).is_none(), "one cancel at a time");
    f.answered(&d, cseq, 200, &fixture("hospital-registration", "cancel-ok.json"));
    assert_eq!(f.phase.state_name(), "cancelled");
}

#[test]
fn a_refused_cancel_keeps_the_receipt_and_says_why() {
    let d = catalog("hospital-registration");
    let mut f = hospital_filled(&d);
    held(&d, &mut f);
    let (seq, _) = f.confirm(&d, "330100", "k-000001").expect("confirm");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "confirm-ok.json"));
    let (cseq, _) = f.cancel(&d).expect("cancel");
    f.answered(&d, cseq, 200, &fixture("hospital-registration", "cancel-error-1101.json"));
    assert_eq!(f.phase.state_name(), "done");
    assert!(matches!(
        &f.phase,
        Phase::Done { cancel_error: Some(Failure::Department { code, .. }), .. } if code == "1101"
    ));
}

#[test]
fn a_full_slot_returns_to_the_form_with_fresh_slots_and_a_new_attempt_gets_a_new_key() {
    let d = catalog("hospital-registration");
    let mut f = hospital_filled(&d);
    let (seq, _) = f.submit(&d, "330100", "k-000001").expect("hold");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "default-error-1001.json"));
    assert_eq!(f.phase, Phase::Editing);
    assert!(matches!(f.errors.get("slot"), Some(FieldIssue::Department(_))));
    assert_eq!(f.value("slot"), "", "the refused slot is cleared");
    let reload: Vec<String> = f.options_to_load(&d).into_iter().map(|(id, _)| id).collect();
    assert_eq!(reload, ["slot"], "and the slots load again");
    f.input(&d, "slot", "S-D10086-20250506-0930".into());
    let (_, req) = f.submit(&d, "330100", "k-000002").expect("hold again");
    assert_eq!(key_of(&req), Some("k-000002"));
}

#[test]
fn a_lapsed_hold_asks_for_a_slot_again() {
    let d = catalog("hospital-registration");
    let mut f = hospital_filled(&d);
    held(&d, &mut f);
    f.hold_lapsed(&d);
    assert_eq!(f.phase, Phase::Editing);
    assert_eq!(f.errors.get("slot"), Some(&FieldIssue::HoldLapsed));
    assert!(f.summary, "the error summary says why");
    assert_eq!(
        (f.value("slot"), f.value("doctor")),
        ("", "D10086"),
        "only the slot is picked again"
    );
    // A lapsed hold needs no release: `hold_lapsed` hands none back.
    // The department's own word on a lapsed hold does the same.
    let mut f = hospital_filled(&d);
    held(&d, &mut f);
    let (seq, _) = f.confirm(&d, "330100", "k-c").expect("confirm");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "confirm-error-1006.json"));
    assert_eq!(f.phase, Phase::Editing);
    assert!(matches!(f.errors.get("slot"), Some(FieldIssue::Department(_))));
    assert_eq!(f.value("slot"), "");
    f.input(&d, "slot", "S-D10086-20250506-0930".into());
    let (_, req) = f.submit(&d, "330100", "k-new").expect("a new hold");
    assert_eq!(
        req.path, "/dept/hz-health/registration",
        "a new hold, not a confirm of the lapsed one"
    );
    assert_eq!(key_of(&req), Some("k-new"));
}

#[test]
fn going_back_from_a_held_slot_releases_it() {
    let d = catalog("hospital-registration");
    let mut f = hospital_filled(&d);
    let reference = held(&d, &mut f);
    let release = f.back_from(&d).expect("the hold is released");
    assert_eq!(f.phase, Phase::Editing);
    assert_eq!(
        (release.path.as_str(), release.body.clone()),
        ("/hub/health/release", Some(serde_json::json!({ "reference": reference })))
    );
    assert!(f.back_from(&d).is_none(), "once");
    assert_eq!(f.value("slot"), "S-D10086-20250506-0900", "every value is kept");
}

/// The hospital descriptor with its lifecycle changed by `edit`.
fn hospital_with(edit: impl FnOnce(&mut serde_json::Value)) -> Descriptor {
    let path = format!("{}/../catalog/hospital-registration.json", env!("CARGO_MANIFEST_DIR"));
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("catalog file")).expect("JSON");
    edit(&mut v["lifecycle"]);
    parse(&v.to_string()).descriptor.expect("still valid")
}

#[test]
fn without_a_release_endpoint_a_hold_is_released_by_cancel_and_without_either_it_lapses() {
    let no_release = hospital_with(|l| {
        l["confirm"].as_object_mut().map(|c| c.remove("release"));
    });
    let mut f = hospital_filled(&no_release);
    held(&no_release, &mut f);
    let release = f.back_from(&no_release);
    assert_eq!(release.map(|r| r.path), Some("/hub/health/cancel".to_string()));
    let neither = hospital_with(|l| {
        l["confirm"].as_object_mut().map(|c| c.remove("release"));
        l.as_object_mut().map(|o| o.remove("cancel"));
    });
    let mut f = hospital_filled(&neither);
    held(&neither, &mut f);
    assert_eq!(f.back_from(&neither), None, "nothing to call: the hold lapses");
}

#[test]
fn rescheduling_confirms_the_new_slot_in_place_of_the_old_booking() {
    let d = catalog("hospital-registration");
    let mut f = hospital_filled(&d);
    held(&d, &mut f);
    let (seq, _) = f.confirm(&d, "330100", "k-1").expect("confirm");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "confirm-ok.json"));
    assert!(f.reschedule(&d), "the descriptor allows moving a booking");
    assert_eq!(f.phase, Phase::Editing);
    assert_eq!(f.replacing.as_ref().map(|r| r.0.as_str()), Some("GH3301002505060000123"));
    assert_eq!(f.value("slot"), "", "a new slot is picked");
    // Keeping the booking brings its ticket back.
    f.keep_booking(&d);
    assert!(
        matches!(&f.phase, Phase::Done { reference: Some(r), .. } if r == "GH3301002505060000123")
    );
    assert!(f.reschedule(&d));
    f.input(&d, "slot", "S-D10086-20250506-0930".into());
    let (seq, _) = f.submit(&d, "330100", "k-2").expect("hold the new slot");
    let mut answer: serde_json::Value =
        serde_json::from_str(&fixture("hospital-registration", "hold-ok.json")).unwrap();
    answer["data"]["orderId"] = "GH3301002505060000124".into();
    f.answered(&d, seq, 200, &answer.to_string());
    let (seq, req) = f.confirm(&d, "330100", "k-3").expect("confirm the new slot");
    assert_eq!(
        req.body,
        Some(
            serde_json::json!({ "reference": "GH3301002505060000124", "replaces": "GH3301002505060000123" })
        )
    );
    let mut booked: serde_json::Value =
        serde_json::from_str(&fixture("hospital-registration", "confirm-ok.json")).unwrap();
    booked["data"]["orderId"] = "GH3301002505060000124".into();
    f.answered(&d, seq, 200, &booked.to_string());
    assert!(
        matches!(&f.phase, Phase::Done { reference: Some(r), .. } if r == "GH3301002505060000124")
    );
    assert!(
        matches!(&f.phase, Phase::Done { moved_from: Some(r), .. } if r == "GH3301002505060000123")
    );
    assert!(f.replacing.is_none());
}

#[test]
fn a_booking_without_confirm_still_reviews_then_books() {
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/../catalog/hospital-registration.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let lc = v["lifecycle"].as_object_mut().unwrap();
    lc.remove("confirm");
    lc.remove("reschedule");
    let d = parse(&v.to_string()).descriptor.expect("valid");
    let mut f = hospital_filled(&d);
    assert!(f.submit(&d, "330100", "k-000001").is_none(), "a booking stops at the review step");
    assert_eq!(f.phase, Phase::Review);
    let (seq, req) = f.confirm(&d, "330100", "k-000001").expect("confirm sends the booking");
    assert_eq!(req.path, "/dept/hz-health/registration");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "default-ok.json"));
    assert_eq!(f.phase.state_name(), "done");
    assert!(!f.reschedule(&d), "moving needs a confirmed hold");
}

#[test]
fn a_processing_transaction_is_polled_until_settled() {
    let d = catalog("library-renewal");
    let mut f = QueryFlow::new(&d);
    for (id, v) in [("card", "0330012345678"), ("password", "203216"), ("barcode", "33010012345")] {
        f.input(&d, id, v.into());
    }
    assert!(f.submit(&d, "330100", "k-000001").is_none());
    if f.phase != Phase::Review {
        panic!("review first: {:?} {:?}", f.phase, f.errors);
    }
    let (seq, _) = f.confirm(&d, "330100", "k-000001").expect("confirm");
    f.answered(&d, seq, 202, &fixture("library-renewal", "status-processing.json"));
    assert!(
        matches!(&f.phase, Phase::Checking { reference, polls: 0, .. } if reference == "XJ3301002504280017")
    );
    assert!(!f.can_go_back(), "no going back while the outcome is unknown");
    let (pseq, poll) = f.poll(&d).expect("poll");
    assert_eq!(
        poll.body.as_ref().and_then(|b| b.get("reference")).and_then(|r| r.as_str()),
        Some("XJ3301002504280017")
    );
    assert!(f.poll(&d).is_none(), "one poll at a time");
    f.answered(&d, pseq, 202, &fixture("library-renewal", "status-processing.json"));
    let (pseq, _) = f.poll(&d).expect("poll again");
    f.answered(&d, pseq, 200, &fixture("library-renewal", "status-ok.json"));
    assert_eq!(f.phase.state_name(), "done");
}

#[test]
fn polling_gives_up_after_the_longest_wait_without_allowing_a_resubmit() {
    let d = catalog("library-renewal");
    let mut f = QueryFlow::new(&d);
    for (id, v) in [("card", "0330012345678"), ("password", "203216"), ("barcode", "33010012345")] {
        f.input(&d, id, v.into());
    }
    f.submit(&d, "330100", "k-000001");
    let (seq, _) = f.confirm(&d, "330100", "k-000001").expect("confirm");
    f.answered(&d, seq, 202, &fixture("library-renewal", "status-processing.json"));
    let budget = QueryFlow::max_polls(&d);
    for _ in 0..budget {
        let Some((pseq, _)) = f.poll(&d) else { break };
        f.unreachable(pseq, true);
    }
    assert!(f.poll(&d).is_none());
    assert!(matches!(f.phase, Phase::Failed(Failure::Unsettled { .. })), "{:?}", f.phase);
    assert!(f.retry().is_none(), "an unsettled submission is never sent again");
}

#[test]
fn declared_defaults_fill_selects() {
    let d = catalog("violation-reminders");
    let f = QueryFlow::new(&d);
    assert_eq!(f.value("channel"), "sms", "the declared default");
}

#[test]
fn pay_offers_follow_when_per_record_and_once_per_record() {
    let d = catalog("traffic-violations");
    let body = std::fs::read_to_string(format!(
        "{}/../tests/fixtures/responses/hz-traffic-3-records.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture");
    let citypanel_descriptor::Outcome::Records { records, values, .. } =
        citypanel_descriptor::map_response(&d, 200, &body)
    else {
        panic!("records")
    };
    let all = offers(&d.result, &records, &values);
    let pays: Vec<_> = all.iter().filter(|o| o.payment().is_some()).collect();
    assert!(
        !pays.is_empty() && pays.len() < records.len() + 1,
        "{} pay offers for {} records",
        pays.len(),
        records.len()
    );
    assert!(pays.iter().all(|o| o.record.is_some()));
    let mut recs: Vec<_> = pays.iter().map(|o| o.record).collect();
    recs.dedup();
    assert_eq!(recs.len(), pays.len(), "one pay offer per record");
    assert!(all.iter().any(|o| o.record.is_none() && o.action.label.get("en").contains("Remind")));
}

#[test]
fn order_answers_are_read_exactly() {
    assert_eq!(
        read_order(201, &fixture("platform-pay", "order-ok.json")),
        Ok("CP2025042810301500017".into())
    );
    assert_eq!(
        read_order(409, r#"{"error":{"code":"already_paid","message":"x"}}"#),
        Err(OrderRefusal::AlreadyPaid)
    );
    assert_eq!(
        read_order(409, &fixture("platform-pay", "order-in-progress.json")),
        Err(OrderRefusal::InFlight("CP2025042810301500017".into()))
    );
    assert_eq!(
        read_order(409, r#"{"error":{"code":"payment_in_progress","message":"x"}}"#),
        Err(OrderRefusal::Busy),
        "someone else's order"
    );
    assert!(
        matches!(read_order(409, r#"{"error":{"code":"payment_in_progress","order":""}}"#), Err(OrderRefusal::Other(m)) if m.contains("order"))
    );
    assert!(matches!(
        read_order(409, r#"{"error":{"code":"payment_in_progress","order":7}}"#),
        Err(OrderRefusal::Other(_))
    ));
    assert!(
        matches!(read_order(422, r#"{"error":{"code":"validation_failed","message":"bad"}}"#), Err(OrderRefusal::Other(m)) if m.contains("422"))
    );
    assert!(matches!(read_order(200, "{}"), Err(OrderRefusal::Other(_))));
    assert_eq!(
        read_status(200, &fixture("platform-pay", "status-paid.json")),
        Some(OrderStatus::Paid)
    );
    assert_eq!(
        read_status(200, &fixture("platform-pay", "status-processing.json")),
        Some(OrderStatus::Processing)
    );
    assert_eq!(
        read_status(200, &fixture("platform-pay", "status-paid-elsewhere.json")),
        Some(OrderStatus::PaidElsewhere)
    );
    assert_eq!(
        read_status(200, r#"{"orderNo":"x","state":"cancelled","reason":"user-cancelled"}"#),
        Some(OrderStatus::Cancelled)
    );
    assert_eq!(
        read_status(200, &fixture("platform-pay", "status-failed.json")),
        Some(OrderStatus::Failed)
    );
    assert_eq!(read_status(500, "{}"), None);
    let body = order_body("water-bill", "330100", "SW3301202504018826", 5130);
    let expected: serde_json::Value =
        serde_json::from_str(&fixture("platform-pay", "order-request.json")).expect("json");
    assert_eq!(body, expected, "the order request is the published shape");
}

#[test]
fn a_booking_reopened_by_its_number_shows_its_ticket_or_cancelled() {
    let d = catalog("hospital-registration");
    let mut f = QueryFlow::new(&d);
    let (seq, poll) =
        f.reopen(&d, " GH3301002505060000123 ", false).expect("the status endpoint is asked");
    assert_eq!(poll.path, "/hub/health/status");
    assert_eq!(poll.body, Some(serde_json::json!({ "reference": "GH3301002505060000123" })));
    assert_eq!(f.phase.state_name(), "checking");
    assert!(f.reopen(&d, "GH1", false).is_none(), "only from the form");
    assert!(f.poll(&d).is_none(), "one status request at a time");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "status-ok.json"));
    let Phase::Done { reference, values, .. } = &f.phase else { panic!("{:?}", f.phase) };
    assert_eq!(reference.as_deref(), Some("GH3301002505060000123"));
    assert!(!values.fields.is_empty(), "the ticket is mapped from the answer");
    assert!(f.cancel(&d).is_some(), "a reopened booking can be cancelled");

    // Cancelled (My City says so): the receipt shows cancelled, with nothing to cancel.
    let mut f = QueryFlow::new(&d);
    let (seq, _) = f.reopen(&d, "GH3301002505060000123", true).expect("asked");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "status-ok.json"));
    assert_eq!(f.phase.state_name(), "cancelled");
    assert!(f.cancel(&d).is_none());
    // The department could not answer: a retry asks it again, and the matter still opens
    // cancelled.
    let mut f = QueryFlow::new(&d);
    let (seq, _) = f.reopen(&d, "GH3301002505060000123", true).expect("asked");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "default-error-9999.json"));
    assert_eq!(f.phase.state_name(), "error", "{:?}", f.phase);
    let (seq, again) = f.retry().expect("a retry asks the status endpoint again");
    assert_eq!((again.path.as_str(), f.phase.state_name()), ("/hub/health/status", "checking"));
    f.answered(&d, seq, 200, &fixture("hospital-registration", "status-ok.json"));
    assert_eq!(f.phase.state_name(), "cancelled");
    // Back to the form after a failed reopen: the next submission is the citizen's own.
    let mut f = QueryFlow::new(&d);
    let (seq, _) = f.reopen(&d, "GH3301002505060000123", true).expect("asked");
    f.answered(&d, seq, 200, &fixture("hospital-registration", "default-error-9999.json"));
    f.back();
    assert_eq!(f.phase, Phase::Editing);
    assert!(f.retry().is_none());
    // A department still processing it: polled as after a submission.
    let mut f = QueryFlow::new(&d);
    let (seq, _) = f.reopen(&d, "GH3301002505060000123", false).expect("asked");
    f.answered(&d, seq, 202, &fixture("hospital-registration", "status-processing.json"));
    assert!(matches!(&f.phase, Phase::Checking { polls: 1, .. }), "{:?}", f.phase);
}

#[test]
fn only_bookings_and_handling_with_a_status_endpoint_reopen() {
    let mut f = QueryFlow::new(&catalog("water-bill"));
    assert!(
        f.reopen(&catalog("water-bill"), "SW1", false).is_none(),
        "a payment service has no receipts to reopen"
    );
    let d = catalog("traffic-violations");
    assert!(QueryFlow::new(&d).reopen(&d, "X", false).is_none(), "a query neither");
    let d = catalog("violation-reminders");
    assert!(
        QueryFlow::new(&d).reopen(&d, "  ", false).is_none(),
        "an empty number is not asked about"
    );
    let without = hospital_with(|lifecycle| {
        lifecycle.as_object_mut().map(|l| l.remove("status"));
    });
    assert!(
        QueryFlow::new(&without).reopen(&without, "GH1", false).is_none(),
        "no status endpoint, nothing to ask"
    );
    assert_eq!(QueryFlow::new(&d).phase, Phase::Editing);
}
