//! Native tests of the payment machine: every host outcome, double clicks and retries.

use citypanel::pay::machine::{
    HostOutcome as H, OrderStatus as O, PayCommand as C, PayEvent as E, PayState as S, Payment,
};

fn pay(key: &str) -> E {
    E::Pay { fresh_key: key.to_string() }
}

fn created(order: &str) -> E {
    E::OrderCreated { order: order.to_string() }
}

fn to_host(p: &mut Payment) {
    assert_eq!(p.on(pay("k1")), [C::CreateOrder { key: "k1".into() }]);
    assert_eq!(p.on(created("o1")), [C::HostPay { order: "o1".into() }]);
}

#[test]
fn success_settles_and_shows_receipt() {
    let mut p = Payment::new(5);
    to_host(&mut p);
    assert!(
        p.on(E::Host(H::Success)).is_empty(),
        "the host settles the order with the platform, not the panel"
    );
    assert_eq!(p.state, S::Paid { order: "o1".into() });
    assert!(p.on(pay("k2")).is_empty(), "a paid bill is never paid again");
}

#[test]
fn double_click_and_duplicate_answers_do_nothing() {
    let mut p = Payment::new(5);
    p.on(pay("k1"));
    assert!(p.on(pay("k2")).is_empty(), "second click while ordering");
    p.on(created("o1"));
    assert!(p.on(pay("k3")).is_empty(), "click while the sheet is open");
    assert!(p.on(created("o1")).is_empty(), "duplicate order answer");
    p.on(E::Host(H::Success));
    assert!(p.on(E::Host(H::Success)).is_empty(), "duplicate host answer");
    assert!(p.locked());
}

#[test]
fn cancelled_returns_to_the_bill_with_a_new_attempt() {
    let mut p = Payment::new(5);
    to_host(&mut p);
    p.on(E::Host(H::Cancelled));
    assert_eq!(p.state, S::Ready);
    assert_eq!(p.on(pay("k2")), [C::CreateOrder { key: "k2".into() }]);
}

#[test]
fn failed_shows_reason_and_retry_uses_a_new_order() {
    let mut p = Payment::new(5);
    to_host(&mut p);
    p.on(E::Host(H::Failed));
    assert!(matches!(p.state, S::Failed { order: Some(_), .. }));
    assert!(!p.locked());
    assert_eq!(p.on(pay("k2")), [C::CreateOrder { key: "k2".into() }]);
}

#[test]
fn order_error_retry_reuses_the_same_key() {
    let mut p = Payment::new(5);
    p.on(pay("k1"));
    p.on(E::OrderError { reason: "network".into() });
    assert_eq!(p.on(pay("k2")), [C::CreateOrder { key: "k1".into() }], "same attempt, same key");
}

#[test]
fn unknown_and_processing_are_reconciled() {
    for outcome in [H::Unknown, H::Processing] {
        let mut p = Payment::new(5);
        to_host(&mut p);
        let cmds = p.on(E::Host(outcome));
        assert_eq!(cmds, [C::Poll { order: "o1".into() }]);
        assert!(p.on(pay("k9")).is_empty(), "no new payment while checking");
        assert_eq!(p.on(E::Status(O::Processing)), [C::Poll { order: "o1".into() }]);
        assert_eq!(p.on(E::PollError), [C::Poll { order: "o1".into() }]);
        assert!(p.on(E::Status(O::Paid)).is_empty());
        assert_eq!(p.state, S::Paid { order: "o1".into() });
    }
}

#[test]
fn unknown_that_settles_as_failed_allows_retry() {
    let mut p = Payment::new(5);
    to_host(&mut p);
    p.on(E::Host(H::Unknown));
    p.on(E::Status(O::Failed));
    assert!(matches!(p.state, S::Failed { .. }));
    assert_eq!(p.on(pay("k2")), [C::CreateOrder { key: "k2".into() }]);
}

#[test]
fn reconciliation_budget_ends_unsettled_without_retry() {
    let mut p = Payment::new(3);
    to_host(&mut p);
    p.on(E::Host(H::Unknown));
    p.on(E::Status(O::Processing));
    p.on(E::Status(O::Processing));
    assert!(p.on(E::Status(O::Processing)).is_empty());
    assert_eq!(p.state, S::Unsettled { order: "o1".into() });
    assert!(p.on(pay("k2")).is_empty(), "an unsettled payment is never paid again");
}

#[test]
fn a_bill_paid_elsewhere_is_reconciled_not_paid_again() {
    // Paid meanwhile: the receipt of that order, and never a host sheet.
    let mut p = Payment::new(5);
    assert_eq!(p.on(pay("k1")), [C::CreateOrder { key: "k1".into() }]);
    assert_eq!(p.on(E::InFlight { order: "o0".into() }), [C::Poll { order: "o0".into() }]);
    assert_eq!(p.state, S::Checking { order: "o0".into(), polls: 0 });
    assert!(p.locked());
    assert!(p.on(pay("k2")).is_empty(), "no click while it is checked");
    assert!(p.on(created("o9")).is_empty(), "a late order answer opens no sheet");
    assert_eq!(p.on(E::Status(O::Processing)), [C::Poll { order: "o0".into() }]);
    assert!(p.on(E::Status(O::Paid)).is_empty());
    assert_eq!(p.state, S::Paid { order: "o0".into() });

    // It failed: the citizen may pay, with a new attempt.
    let mut p = Payment::new(5);
    p.on(pay("k1"));
    p.on(E::InFlight { order: "o0".into() });
    p.on(E::Status(O::Failed));
    assert!(matches!(p.state, S::Failed { .. }));
    assert_eq!(
        p.on(pay("k2")),
        [C::CreateOrder { key: "k2".into() }],
        "k1 created nothing; the retry is a new attempt"
    );

    // Still moving after the budget: unsettled, no retry offered.
    let mut p = Payment::new(2);
    p.on(pay("k1"));
    p.on(E::InFlight { order: "o0".into() });
    p.on(E::Status(O::Processing));
    p.on(E::Status(O::Processing));
    assert_eq!(p.state, S::Unsettled { order: "o0".into() });
    assert!(p.on(pay("k2")).is_empty());
}

#[test]
fn an_order_beaten_by_another_of_the_bill_ends_without_a_retry_key() {
    // Two sheets were open at once; the other one paid the bill. Reconciling this order ends it.
    let mut p = Payment::new(5);
    to_host(&mut p);
    assert_eq!(p.on(E::Host(H::Unknown)), [C::Poll { order: "o1".into() }]);
    assert!(p.on(E::Status(O::PaidElsewhere)).is_empty());
    assert!(matches!(&p.state, S::Failed { order: Some(o), .. } if o == "o1"));
    assert!(!p.locked());
    assert_eq!(
        p.on(pay("k2")),
        [C::CreateOrder { key: "k2".into() }],
        "a new attempt (the platform then says already paid)"
    );
}

#[test]
fn shown_again_checks_an_open_sheet_and_a_paid_order_settles_it() {
    let mut p = Payment::new(5);
    assert!(p.on(E::Shown).is_empty(), "nothing in flight: nothing to check");
    to_host(&mut p);
    assert!(p.in_flight(), "the sheet is open: a step back is refused");
    assert_eq!(p.on(E::Shown), [C::Check { order: "o1".into() }]);
    assert!(p.on(E::Status(O::Processing)).is_empty(), "not paid yet: the sheet decides");
    assert_eq!(p.state, S::Paying { order: "o1".into() });
    assert!(p.on(E::Status(O::Paid)).is_empty());
    assert_eq!(p.state, S::Paid { order: "o1".into() }, "paid in the wallet app meanwhile");
    assert!(!p.in_flight());
    assert!(p.on(E::Host(H::Cancelled)).is_empty(), "the sheet's late answer changes nothing");
    assert_eq!(p.state, S::Paid { order: "o1".into() });
}

#[test]
fn shown_again_while_reconciling_polls_at_once() {
    let mut p = Payment::new(5);
    to_host(&mut p);
    assert_eq!(p.on(E::Host(H::Processing)), [C::Poll { order: "o1".into() }]);
    assert_eq!(p.on(E::Shown), [C::Check { order: "o1".into() }]);
    assert!(p.on(E::Status(O::Paid)).is_empty());
    assert_eq!(p.state, S::Paid { order: "o1".into() });
}
