//! Native tests of the result widgets' presentation logic, from the real catalog descriptors
//! (resolved for Hangzhou) and their department fixtures.

use citypanel::flow::has_content;
use citypanel::kit::cells::Cell;
use citypanel::widgets::model::board::{level_counts, map_label, roads};
use citypanel::widgets::model::layout::{bill, key_values, list_items, table, ticket};
use citypanel::widgets::model::roads::{
    grid, known, layout, point_at, points_attr, shows_river, Stroke, HEIGHT, WIDTH,
};
use citypanel::widgets::model::summary;
use citypanel::widgets::model::timeline::{steps, StepState};
use citypanel_descriptor::mapping::{map_response, Outcome, Record};
use citypanel_descriptor::model::{ResultSpec, Widget};
use citypanel_descriptor::{Descriptor, PiiClass, Value};

mod support;
use support::catalog;

/// The descriptor and its fixture `name`, mapped: (descriptor, records, values, partial).
fn mapped(service: &str, name: &str) -> (Descriptor, Vec<Record>, Record, bool) {
    let d = catalog(service);
    let path =
        format!("{}/../tests/fixtures/responses/{service}/{name}", env!("CARGO_MANIFEST_DIR"));
    let body = std::fs::read_to_string(&path).expect("fixture file");
    match map_response(&d, 200, &body) {
        Outcome::Records { records, values, problems, .. } => {
            (d, records, values, !problems.is_empty())
        }
        other => panic!("{service}/{name}: {other:?}"),
    }
}

/// Every stroke and label inside the picture, and no two number labels touching.
fn assert_drawable(strokes: &[Stroke]) {
    for s in strokes {
        assert!(s.points.len() >= 2);
        for &(x, y) in s.points.iter().chain([&s.label]) {
            assert!((0..=WIDTH).contains(&x) && (0..=HEIGHT).contains(&y), "{s:?}");
        }
    }
    for (i, a) in strokes.iter().enumerate() {
        for b in &strokes[i + 1..] {
            let (dx, dy) = (i32::from(a.label.0 - b.label.0), i32::from(a.label.1 - b.label.1));
            assert!(dx * dx + dy * dy >= 18 * 18, "labels touch: {a:?} {b:?}");
        }
    }
}

fn texts(cells: &[Cell], locale: &str) -> Vec<String> {
    cells.iter().map(|c| c.text(locale, false)).collect()
}

#[test]
fn lab_report_table_has_headers_caption_rows_and_toned_flags() {
    let (d, records, values, partial) = mapped("lab-reports", "default-ok.json");
    let Widget::Table(spec) = &d.result.widget else { panic!("table") };
    let t = table(spec, &d.response, &records);
    assert!(!partial);
    let headers: Vec<&str> = t.columns.iter().map(|c| c.label.get("en")).collect();
    assert_eq!(headers, ["Test", "Result", "Unit", "Reference range", "Flag"]);
    assert!(t.caption.as_ref().is_some_and(|c| c.get("zh-CN").starts_with("检验结果")));
    assert_eq!(t.rows.len(), records.len());
    assert_eq!(texts(&t.rows[0], "en"), ["白细胞计数", "10.82", "10^9/L", "3.5-9.5", "High ↑"]);
    assert_eq!(t.rows[0][4].tone(), Some("warning"));
    assert_eq!(t.rows[3][4].tone(), Some("success"));
    assert_eq!(t.rows[0][0].tone(), None, "plain text has no tone");
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "en"),
        format!("{} records found", records.len())
    );
    let (d, records, ..) = mapped("lab-reports", "default-ok-critical.json");
    let Widget::Table(spec) = &d.result.widget else { panic!("table") };
    assert_eq!(table(spec, &d.response, &records).rows[0][4].tone(), Some("danger"));
}

#[test]
fn key_value_masks_personal_data_and_tones_the_status() {
    let (d, records, values, _) = mapped("driving-licence-points", "default-ok.json");
    let Widget::KeyValue(spec) = &d.result.widget else { panic!("key_value") };
    assert!(records.is_empty() && has_content(&d.result.widget, &records, &values));
    let items = key_values(spec, &d.response, &values);
    assert_eq!(items.len(), 11);
    let by =
        |id: &str| items.iter().find(|i| i.cell.field == id).map(|i| i.cell.clone()).expect(id);
    assert_eq!(by("name").text("zh-CN", false), "陈*");
    assert_eq!(by("licence").text("zh-CN", false), "330***********3216");
    assert!(
        by("name").masked() && !by("name").can_reveal(),
        "no reveal unless the descriptor allows it"
    );
    assert_eq!(by("name").text("zh-CN", true), "陈*", "revealing is refused without `reveal`");
    assert_eq!(
        (by("status").text("en", false), by("status").tone()),
        ("Valid".to_string(), Some("success"))
    );
    assert_eq!(by("points").text("en", false), "3");
    assert_eq!(by("valid_to").text("en", false), "2027-08-15");
    assert!(!by("issuer").masked());
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "zh-CN"),
        "已查询到以下信息"
    );
}

#[test]
fn reveal_is_per_field_and_only_when_allowed() {
    let (mut d, _, values, _) = mapped("driving-licence-points", "default-ok.json");
    for v in d.response.values.iter_mut().filter(|v| v.id == "licence") {
        v.reveal = true;
    }
    let Widget::KeyValue(spec) = &d.result.widget else { panic!("key_value") };
    let items = key_values(spec, &d.response, &values);
    let licence = items.iter().find(|i| i.cell.field == "licence").expect("licence");
    assert!(licence.cell.can_reveal());
    assert_eq!(
        licence.cell.text("en", true),
        "330106********3216",
        "the department's own value, unmasked"
    );
    assert_eq!(licence.cell.text("en", false), "330***********3216");
    assert_eq!(citypanel::i18n::catalog("zh-CN").show(licence.label.get("zh-CN")), "显示驾驶证号");
    assert_eq!(citypanel::i18n::catalog("en").show(licence.label.get("en")), "Show Licence number");
    let missing =
        Cell { field: "m".into(), value: Value::Missing, pii: PiiClass::Mobile, reveal: true };
    assert!(!missing.masked() && !missing.can_reveal(), "nothing to mask or show");
    assert_eq!(missing.text("en", false), "—");
    let mobile = Cell {
        field: "m".into(),
        value: Value::Text("13812345678".into()),
        pii: PiiClass::Mobile,
        reveal: false,
    };
    assert_eq!(mobile.text("en", true), "138****5678");
}

#[test]
fn record_lists_carry_badge_tones() {
    let (d, records, ..) = mapped("library-loans", "default-ok.json");
    let Widget::RecordList(spec) = &d.result.widget else { panic!("record_list") };
    let items = list_items(spec, &d.response, &records);
    assert_eq!(items.len(), records.len());
    let tones: Vec<Option<&str>> =
        items.iter().map(|i| i.badge.as_ref().and_then(Cell::tone)).collect();
    assert!(tones.iter().all(|t| matches!(t, Some("info" | "warning" | "danger"))), "{tones:?}");
    assert_eq!(items[0].fields.len(), spec.fields.len());
    let (d, records, ..) = mapped("traffic-violations", "default-ok.json");
    let Widget::RecordList(spec) = &d.result.widget else { panic!("record_list") };
    let items = list_items(spec, &d.response, &records);
    assert!(items
        .iter()
        .all(|i| i.badge.as_ref().is_some_and(|b| b.tone().is_none() && b.code().is_some())));
}

#[test]
fn bill_shows_amount_due_status_payee_and_items() {
    let (d, records, values, _) = mapped("water-bill", "default-ok.json");
    let Widget::Bill(spec) = &d.result.widget else { panic!("bill") };
    let b = bill(spec, &d.response, &records, &values);
    assert_eq!(b.amount.text("en", false), "¥51.30");
    assert_eq!(b.due.as_ref().map(|c| c.text("en", false)).as_deref(), Some("2025-05-15"));
    let status = b.status.as_ref().expect("status");
    assert_eq!(
        (status.text("zh-CN", false).as_str(), status.tone(), status.code()),
        ("待缴费", Some("warning"), Some("UNPAID"))
    );
    assert_eq!(
        b.payee.as_ref().map(|c| c.text("en", false)).as_deref(),
        Some("杭州水务集团有限公司")
    );
    assert_eq!(b.items.len(), 2);
    let first: Vec<String> = b.items[0].fields.iter().map(|l| l.cell.text("en", false)).collect();
    assert!(!b.items[0].credit);
    assert_eq!(first, ["自来水费（第一阶梯）", "18", "¥1.90", "¥34.20"]);
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "en"),
        "Bill amount: ¥51.30"
    );
    let (d, records, values, _) = mapped("water-bill", "default-empty.json");
    assert!(!has_content(&d.result.widget, &records, &values), "no bill is the empty state");
}

#[test]
fn ticket_shows_the_code_fields_and_notice() {
    let (d, _, values, _) = mapped("hospital-registration", "status-ok.json");
    let receipt: &ResultSpec =
        d.lifecycle.as_ref().and_then(|l| l.receipt.as_ref()).expect("receipt");
    let Widget::Ticket(spec) = &receipt.widget else { panic!("ticket") };
    let t = ticket(spec, &d.response, &values);
    assert_eq!(t.code.text("en", false), "GH3301002505060000123");
    assert_eq!(t.fields.len(), 10);
    let patient = t.fields.iter().find(|f| f.cell.field == "patient").expect("patient");
    assert_eq!(patient.cell.text("zh-CN", false), "周*");
    let fee = t.fields.iter().find(|f| f.cell.field == "fee").expect("fee");
    assert_eq!(fee.cell.text("en", false), "¥50.00");
    assert!(t.notice.as_ref().is_some_and(|n| n.get("en").contains("30 minutes early")));
    assert!(has_content(&receipt.widget, &[], &values));
    assert!(!has_content(&receipt.widget, &[], &Record::default()));
}

#[test]
fn timeline_steps_have_states_and_one_current() {
    let (d, records, values, _) = mapped("exit-entry-progress", "default-ok.json");
    let Widget::Timeline(spec) = &d.result.widget else { panic!("timeline") };
    let s = steps(spec, &d.response, &records);
    let states: Vec<&str> = s.iter().map(|x| x.state.as_str()).collect();
    assert_eq!(states, ["done", "done", "done", "current", "pending"]);
    let current: Vec<bool> = s.iter().map(|x| x.is_current).collect();
    assert_eq!(current, [false, false, false, true, false]);
    assert_eq!(
        s[0].time.as_ref().map(|t| t.text("en", false)).as_deref(),
        Some("2025-04-20 10:12")
    );
    assert!(s[4].time.is_none(), "a stage not reached has no time");
    assert_eq!(s[3].state_text("en"), "In progress");
    assert_eq!(
        s[4].note.as_ref().map(|n| n.text("zh-CN", false)).as_deref(),
        Some("制证完成后通过EMS寄往申请时填写的地址")
    );
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "en"),
        "5 stages, now: Document produced"
    );
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "zh-CN"),
        "共 5 个环节，当前：制证"
    );
    let (d, records, values, _) = mapped("exit-entry-progress", "default-ok-collected.json");
    let Widget::Timeline(spec) = &d.result.widget else { panic!("timeline") };
    assert!(steps(spec, &d.response, &records)
        .iter()
        .all(|x| x.state == StepState::Done && !x.is_current));
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "en"),
        "5 stages, all done"
    );
}

#[test]
fn step_states_from_codes() {
    assert_eq!(StepState::from_code(Some("current"), true), StepState::Current);
    assert_eq!(StepState::from_code(Some("weird"), true), StepState::Pending);
    assert_eq!(StepState::from_code(None, true), StepState::Pending);
    assert_eq!(
        StepState::from_code(None, false),
        StepState::Done,
        "no state field: a plain history"
    );
}

#[test]
fn status_board_counts_levels_worst_first() {
    let (d, records, values, _) = mapped("road-conditions", "default-ok.json");
    let Widget::StatusBoard(spec) = &d.result.widget else { panic!("status_board") };
    let r = roads(spec, &d.response, &records);
    assert_eq!(r.len(), 15);
    assert_eq!(
        (r[0].number, r[0].name.text("en", false).as_str(), r[0].tone()),
        (1, "上塘—中河高架", Some("danger"))
    );
    let counts = level_counts(&r, "en");
    let want = [("Congested", 5), ("Blocked", 2), ("Slow", 4), ("Smooth", 4)]
        .map(|(l, n)| (l.to_string(), n));
    assert_eq!(counts, want);
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "en"),
        "15 roads: Congested 5, Blocked 2, Slow 4, Smooth 4"
    );
    assert_eq!(
        summary(&d.result.widget, &d.response, &records, &values, "zh-CN"),
        "共 15 条道路：拥堵 5 条、严重拥堵 2 条、缓行 4 条、畅通 4 条"
    );
    assert!(map_label(&r, "en").starts_with("Road conditions map — 15 roads"));
    assert!(map_label(&r, "zh-CN").starts_with("路况示意图，共 15 条道路"));
}

#[test]
fn hangzhou_roads_are_hand_placed_inside_the_picture() {
    let (d, records, ..) = mapped("road-conditions", "default-ok.json");
    let Widget::StatusBoard(spec) = &d.result.widget else { panic!("status_board") };
    let names: Vec<String> =
        roads(spec, &d.response, &records).iter().map(|r| r.name.text("zh-CN", false)).collect();
    for n in &names {
        assert!(known(n).is_some(), "`{n}` has a hand-placed stroke");
    }
    let strokes = layout(&names);
    assert_eq!(strokes.len(), 15);
    assert!(shows_river(&strokes));
    assert_drawable(&strokes);
    assert_eq!(points_attr(&strokes[0].points), "160,10 160,50 165,100 165,138");
    let mut with_more = names.clone();
    with_more.extend(["延安路", "某某路", "另一条路"].map(String::from));
    assert_drawable(&layout(&with_more));
    assert_eq!(point_at(&[(0, 0), (10, 0), (10, 10)], 0.75), (10, 5));
}

#[test]
fn unknown_roads_get_a_deterministic_grid() {
    let names: Vec<String> = (1..=8).map(|i| format!("道路{i}")).collect();
    let a = layout(&names);
    assert_eq!(a, layout(&names), "same names, same picture");
    assert!(!shows_river(&a));
    let (h, v, g) = (&a[0].points, &a[1].points, &a[2].points);
    assert_eq!(h[0].1, h[1].1, "first is horizontal");
    assert_eq!(v[0].0, v[1].0, "second is vertical");
    assert!(g[0].0 != g[1].0 && g[0].1 != g[1].1, "third is diagonal");
    assert_ne!(a[0].points, a[3].points, "strokes of one kind are spread out");
    assert_drawable(&a);
    for n in 1..=20 {
        let names: Vec<String> = (0..n).map(|i| format!("路{i}")).collect();
        assert_drawable(&layout(&names));
    }
    let mixed = layout(&["之江路".to_string(), "无名路".to_string()]);
    assert!(mixed[0].known && !mixed[1].known);
    assert_eq!(mixed[1], grid(0, 1), "unknown roads are numbered among themselves");
}
