//! Calendar arithmetic, Beijing time and ISO 8601 without a clock.

use citypanel_descriptor::time::{
    beijing, civil_from_days, days_from_civil, parse_iso8601, Date, Iso,
};

#[test]
fn civil_days_round_trip_and_weekdays() {
    for days in (-700_000..2_900_000).step_by(997) {
        let d = civil_from_days(days).expect("in range");
        assert_eq!(d.days(), days, "{d}");
        assert_eq!(Date::new(d.y, d.m, d.d), Some(d));
    }
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    let weekday = |y, m, d| Date::new(y, m, d).map(|d| d.weekday());
    assert_eq!(weekday(1970, 1, 1), Some(4));
    assert_eq!(weekday(2025, 4, 12), Some(6));
    assert_eq!(weekday(2024, 2, 29), Some(4));
    assert_eq!(weekday(2000, 1, 2), Some(7));
    assert_eq!(Date::new(2024, 2, 29).and_then(|d| d.add_days(366)), Date::new(2025, 3, 1));
    assert_eq!(Date::new(2025, 1, 1).and_then(|d| d.add_days(-1)), Date::new(2024, 12, 31));
    assert_eq!(Date::new(9999, 12, 31).and_then(|d| d.add_days(1)), None);
    assert_eq!(Date::new(2100, 2, 29), None);
    assert_eq!(Date::new(2025, 0, 1), None);
}

#[test]
fn beijing_wall_clock() {
    let t = beijing(0).expect("epoch");
    assert_eq!((t.date, t.hh, t.mm), (Date { y: 1970, m: 1, d: 1 }, 8, 0));
    let t = beijing(1_767_196_800_000).expect("2025-12-31T16:00Z");
    assert_eq!((t.date.to_string(), t.hh, t.minute_of_day()), ("2026-01-01".to_string(), 0, 0));
    assert_eq!(Date::beijing(-1), Date::new(1970, 1, 1));
    assert_eq!(beijing(i64::MAX), None);
}

#[test]
fn iso8601_offsets() {
    assert_eq!(parse_iso8601("2025-04-12"), Date::new(2025, 4, 12).map(Iso::Date));
    let instant = |s: &str| match parse_iso8601(s) {
        Some(Iso::Instant(ms)) => Some(ms),
        _ => None,
    };
    let want = Some(1_744_417_815_000);
    for s in [
        "2025-04-12T00:30:15Z",
        "2025-04-12T08:30:15+08:00",
        "2025-04-12T08:30:15+0800",
        "2025-04-12 08:30:15",
        "2025-04-11T19:30:15-05:00",
    ] {
        assert_eq!(instant(s), want, "{s}");
    }
    // Milliseconds count (a hold's expiry is read to the millisecond); finer digits do not.
    assert_eq!(instant("2025-04-12T00:30:15.999Z"), want.map(|w| w + 999));
    assert_eq!(instant("2025-04-12T00:30:15.5Z"), want.map(|w| w + 500));
    assert_eq!(instant("2025-04-12T00:30:15.123456Z"), want.map(|w| w + 123));
    for bad in [
        "2025-04-12T",
        "2025-04-12T8:30",
        "2025-04-12T08:30:15+24:00",
        "2025-04-12T08:30:15Z+",
        "2025-04-12x",
        "２０２５-04-12",
    ] {
        assert_eq!(parse_iso8601(bad), None, "{bad}");
    }
}

/// The instants a panel looks again at: openings, closings and maintenance edges, in order.
#[test]
fn availability_changes_at_the_minute() {
    use citypanel_descriptor::availability::{Availability, Hours, Maintenance};
    use citypanel_descriptor::model::Capability;
    use citypanel_descriptor::model::CapabilityState;
    use citypanel_descriptor::time::parse_iso8601;
    let at = |s: &str| match parse_iso8601(s) {
        Some(citypanel_descriptor::time::Iso::Instant(ms)) => ms,
        other => panic!("{s}: {other:?}"),
    };
    // 06:00–23:59 every day, as social-security-records declares.
    let daily = Availability {
        hours: vec![Hours { days: vec![1, 2, 3, 4, 5, 6, 7], from: 360, to: 1439 }],
        maintenance: vec![],
    };
    let night = at("2026-12-08T03:00:00+08:00");
    assert!(matches!(daily.state(Capability::Query, night), CapabilityState::Closed { .. }));
    let opens = at("2026-12-08T06:00:00+08:00");
    assert_eq!(daily.next_change(Capability::Query, night), Some(opens));
    assert_eq!(daily.state(Capability::Query, opens), CapabilityState::Open);
    assert!(matches!(
        daily.state(Capability::Query, opens - 1),
        CapabilityState::Closed { next_open: Some(t) } if t == opens
    ));
    // Open: the next change is the closing minute, then the next morning.
    assert_eq!(daily.next_change(Capability::Query, opens), Some(at("2026-12-08T23:59:00+08:00")));
    assert_eq!(
        daily.next_change(Capability::Query, at("2026-12-08T23:59:00+08:00")),
        Some(at("2026-12-09T06:00:00+08:00"))
    );
    // A maintenance window for payments: its edges count for payments only.
    let year_end = Availability {
        hours: vec![],
        maintenance: vec![Maintenance {
            capability: Capability::Payment,
            from_ms: at("2025-12-31T23:00:00+08:00"),
            to_ms: at("2026-01-01T03:00:00+08:00"),
            message: None,
        }],
    };
    let before = at("2025-12-31T22:00:00+08:00");
    assert_eq!(
        year_end.next_change(Capability::Payment, before),
        Some(at("2025-12-31T23:00:00+08:00"))
    );
    assert_eq!(
        year_end.next_change(Capability::Payment, at("2025-12-31T23:30:00+08:00")),
        Some(at("2026-01-01T03:00:00+08:00"))
    );
    assert_eq!(year_end.next_change(Capability::Query, before), None);
    assert_eq!(year_end.next_change(Capability::Payment, at("2026-01-02T00:00:00+08:00")), None);
}
