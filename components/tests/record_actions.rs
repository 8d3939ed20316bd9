//! Native tests of what a record's own action buttons say (they sit in the record's card):
//! the action and amount on the button, and which record for screen readers, masked.

use citypanel::flow::offers::{button_text, offers, record_name};
use citypanel_descriptor::mapping::{map_response, Outcome};

mod support;
use support::catalog;

/// A response fixture by its path under `tests/fixtures/responses/`.
fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../tests/fixtures/responses/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

#[test]
fn a_fines_pay_button_names_its_amount_and_offence() {
    let d = catalog("traffic-violations");
    let Outcome::Records { records, values, .. } =
        map_response(&d, 200, &fixture("hz-traffic-3-records.json"))
    else {
        panic!("records")
    };
    let all = offers(&d.result, &records, &values);
    // Records 0 and 1 are unpaid (`clzt` 0), record 2 is handled: it offers no payment.
    let pays: Vec<_> = all.iter().filter(|o| o.payment().is_some()).collect();
    assert_eq!(pays.iter().map(|o| o.record).collect::<Vec<_>>(), [Some(0), Some(1)]);
    let first = pays[0];
    let en = button_text(
        first,
        first.action.label.get("en"),
        &record_name(&d.result, &d.response, first, "en"),
        "en",
    );
    assert_eq!(
        en,
        (
            "Pay the fine ¥200.00".to_string(),
            " for 机动车违反禁令标志指示的, 2025-04-12 08:30".to_string()
        )
    );
    let zh = button_text(
        first,
        first.action.label.get("zh-CN"),
        &record_name(&d.result, &d.response, first, "zh-CN"),
        "zh-CN",
    );
    assert_eq!(
        zh,
        (
            "缴纳罚款 ¥200.00".to_string(),
            "（机动车违反禁令标志指示的，2025-04-12 08:30）".to_string()
        )
    );

    // The subscription is about the result as a whole: no record named.
    let remind = all.iter().find(|o| o.record.is_none()).expect("subscribe");
    assert_eq!(record_name(&d.result, &d.response, remind, "en"), "");
}

#[test]
fn a_records_name_is_masked_like_its_card() {
    // A loan list whose title were a person's name would show it masked on the button too.
    let mut d = catalog("library-loans");
    let citypanel_descriptor::model::Widget::RecordList(list) = &d.result.widget else {
        panic!("record list")
    };
    let title = list.title.clone().expect("title");
    for f in d.response.fields.iter_mut().filter(|f| f.id == title) {
        f.pii = citypanel_descriptor::PiiClass::Name;
    }
    let Outcome::Records { records, .. } =
        map_response(&d, 200, &fixture("library-loans/default-ok.json"))
    else {
        panic!("records")
    };
    let offer = citypanel::flow::offers::Offer {
        action: d.result.actions[0].clone(),
        record: Some(0),
        values: records[0].clone(),
    };
    let name = record_name(&d.result, &d.response, &offer, "en");
    assert!(name.contains('*'), "masked: {name}");
}
