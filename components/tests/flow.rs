//! Native tests of the query flow state machine.

use citypanel::flow::{Failure, FieldIssue, Phase, QueryFlow};
use citypanel_descriptor::{parse, Descriptor};

mod support;
use support::{catalog, fixture};

fn descriptor() -> Descriptor {
    parse(include_str!("../../catalog/traffic-violations.json"))
        .descriptor
        .expect("valid catalog descriptor")
}

const THREE: &str = include_str!("../../tests/fixtures/responses/hz-traffic-3-records.json");

fn filled(d: &Descriptor) -> QueryFlow {
    let mut f = QueryFlow::new(d);
    f.input(d, "plate", "浙a12345".into());
    f.input(d, "engine", "123456".into());
    f
}

#[test]
fn blur_validates_only_touched_fields() {
    let d = descriptor();
    let mut f = QueryFlow::new(&d);
    f.blur(&d, "plate");
    assert!(f.errors.is_empty(), "an untouched empty field stays quiet");
    f.input(&d, "plate", "AB123".into());
    f.blur(&d, "plate");
    assert!(
        matches!(f.errors.get("plate"), Some(FieldIssue::Rule(e)) if e.code() == "plate.province")
    );
    f.input(&d, "plate", "浙a12345".into());
    f.blur(&d, "plate");
    assert!(f.errors.is_empty());
    assert_eq!(f.value("plate"), "浙A12345", "normalized on blur");
}

#[test]
fn submit_with_errors_shows_summary_and_sends_nothing() {
    let d = descriptor();
    let mut f = QueryFlow::new(&d);
    assert!(f.submit(&d, "330100", "key-0001").is_none());
    assert!(f.summary);
    assert_eq!(f.errors.len(), 2);
    assert_eq!(f.phase, Phase::Editing);
}

#[test]
fn success_then_back_keeps_values() {
    let d = descriptor();
    let mut f = filled(&d);
    let (seq, req) = f.submit(&d, "330100", "key-0001").expect("request");
    assert_eq!(f.phase.state_name(), "loading");
    assert!(!req.path.contains("12345"));
    assert!(f.submit(&d, "330100", "key-0001").is_none(), "no double submit while in flight");
    f.answered(&d, seq, 200, THREE);
    assert!(
        matches!(&f.phase, Phase::Success { records, partial: false, .. } if records.len() == 3)
    );
    f.back();
    assert_eq!(f.phase, Phase::Editing);
    assert_eq!(f.value("plate"), "浙A12345");
}

#[test]
fn empty_answer_is_empty_state() {
    let d = descriptor();
    let mut f = filled(&d);
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, r#"{"code":"0000","data":{"total":0,"wfjl":[]}}"#);
    assert_eq!(f.phase, Phase::Empty);
}

#[test]
fn department_field_error_lands_on_the_field() {
    let d = descriptor();
    let mut f = filled(&d);
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, r#"{"code":"E2001","msg":"x","data":null}"#);
    assert_eq!(f.phase, Phase::Editing);
    assert!(
        matches!(f.errors.get("engine"), Some(FieldIssue::Department(t)) if t.get("en").contains("engine number"))
    );
    f.input(&d, "engine", "654321".into());
    assert!(f.errors.is_empty(), "typing clears the department error");
}

#[test]
fn unreachable_then_retry_succeeds_and_stale_answers_are_ignored() {
    let d = descriptor();
    let mut f = filled(&d);
    let (seq1, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.unreachable(seq1, false);
    assert_eq!(f.phase, Phase::Failed(Failure::Unreachable { timed_out: false }));
    let (seq2, _) = f.retry().expect("retry");
    assert_ne!(seq1, seq2);
    f.answered(&d, seq1, 200, THREE);
    assert_eq!(f.phase.state_name(), "loading", "stale answer ignored");
    f.answered(&d, seq2, 200, THREE);
    assert_eq!(f.phase.state_name(), "success");
    assert!(f.retry().is_none(), "nothing to retry after success");
}

#[test]
fn garbage_and_unmapped_codes_fail_clearly() {
    let d = descriptor();
    let mut f = filled(&d);
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, "<html>oops");
    assert!(
        matches!(&f.phase, Phase::Failed(Failure::Malformed { detail }) if detail.contains("not JSON"))
    );
    let (seq, _) = f.retry().expect("retry");
    f.answered(&d, seq, 200, r#"{"code":"E5000"}"#);
    assert!(
        matches!(&f.phase, Phase::Failed(Failure::Department { code, message: Some(_) }) if code == "E5000")
    );
}

#[test]
fn city_not_served_fails_without_a_request() {
    let d = descriptor();
    let mut f = filled(&d);
    assert!(f.submit(&d, "999999", "key-0001").is_none());
    assert_eq!(f.phase, Phase::Failed(Failure::NotServed));
}

#[test]
fn values_without_records_are_a_success_for_single_value_widgets() {
    let d = catalog("driving-licence-points");
    let mut f = QueryFlow::new(&d);
    f.input(&d, "licence", "330106198805203216".into());
    f.input(&d, "dabh", "330100412387".into());
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, &fixture("driving-licence-points", "default-ok.json"));
    let Phase::Success { records, values, stale: false, .. } = &f.phase else {
        panic!("{:?}", f.phase)
    };
    assert!(records.is_empty());
    assert_eq!(values.get("points").display("en"), "3");
}

#[test]
fn a_bill_with_no_values_and_no_items_is_empty() {
    let d = catalog("water-bill");
    let mut f = QueryFlow::new(&d);
    f.input(&d, "account", "3301287645".into());
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, &fixture("water-bill", "default-empty.json"));
    assert_eq!(f.phase, Phase::Empty);
    let (seq, _) = f.refresh().expect("an empty result can be refreshed");
    f.answered(&d, seq, 200, &fixture("water-bill", "default-ok.json"));
    assert!(
        matches!(&f.phase, Phase::Success { values, .. } if values.get("amount").money() == Some(5130))
    );
}

#[test]
fn refresh_resends_the_last_request_and_replaces_the_result() {
    let d = catalog("road-conditions");
    let mut f = QueryFlow::new(&d);
    assert!(f.refresh().is_none(), "nothing shown yet");
    let (seq, first) = f.submit(&d, "330100", "key-0001").expect("request");
    assert!(f.refresh().is_none(), "not while the query is in flight");
    f.answered(&d, seq, 200, &fixture("road-conditions", "default-ok.json"));
    assert!(matches!(&f.phase, Phase::Success { records, .. } if records.len() == 15));
    let (rseq, again) = f.refresh().expect("refresh");
    assert_eq!(again, first, "the same request, not through the form");
    assert!(f.refreshing());
    assert_eq!(f.phase.state_name(), "success", "the result stays on screen while refreshing");
    assert!(f.refresh().is_none(), "one refresh at a time");
    let one_road = r#"{"code":0,"data":{"updateTime":"2025-04-28T08:20:00+08:00","roads":[{"roadName":"之江路","status":1,"speed":50}]}}"#;
    f.answered(&d, rseq, 200, one_road);
    assert!(!f.refreshing());
    assert!(matches!(&f.phase, Phase::Success { records, stale: false, .. } if records.len() == 1));
}

#[test]
fn a_failed_refresh_keeps_the_old_result_marked_stale() {
    let d = catalog("road-conditions");
    let mut f = QueryFlow::new(&d);
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, &fixture("road-conditions", "default-ok.json"));
    let (rseq, _) = f.refresh().expect("refresh");
    f.answered(&d, rseq, 200, &fixture("road-conditions", "default-error-503.json"));
    assert!(matches!(&f.phase, Phase::Success { records, stale: true, .. } if records.len() == 15));
    let (rseq, _) = f.refresh().expect("refresh again");
    f.unreachable(rseq, true);
    assert!(
        matches!(&f.phase, Phase::Success { stale: true, .. }),
        "a network failure keeps it too"
    );
    let (rseq, _) = f.refresh().expect("and again");
    f.answered(&d, rseq, 200, &fixture("road-conditions", "default-ok.json"));
    assert!(
        matches!(&f.phase, Phase::Success { stale: false, .. }),
        "a good refresh clears the note"
    );
}

#[test]
fn refresh_answers_after_leaving_the_result_are_ignored() {
    let d = catalog("road-conditions");
    let mut f = QueryFlow::new(&d);
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.answered(&d, seq, 200, &fixture("road-conditions", "default-ok.json"));
    let (rseq, _) = f.refresh().expect("refresh");
    f.back();
    f.answered(&d, rseq, 200, &fixture("road-conditions", "default-ok.json"));
    assert_eq!(f.phase, Phase::Editing, "a late refresh answer does not bring the result back");
    let (seq, _) = f.submit(&d, "330100", "key-0001").expect("request");
    f.unreachable(seq, false);
    assert!(matches!(f.phase, Phase::Failed(_)), "a failed query (not a refresh) still fails");
}
