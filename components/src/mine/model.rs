//! "My City": a citizen's own matters across departments in one place — what they booked or
//! handled through the panels, their payments, the reminders they follow — read from the
//! platform's `GET /api/v1/me`. Panels report what they complete (`POST /api/v1/me/records`)
//! for a signed-in citizen. Plain Rust: reading the answer, grouping it, and deciding what to
//! report, tested natively.

use crate::flow::report::{MatterKind, MatterState, CANCELLED_KEY, REOPEN_KEY};
use crate::i18n::{t, Msg};
use citypanel_descriptor::request::encode;
use citypanel_descriptor::time::{parse_iso8601, Iso};
use serde_json::Value as Json;

/// The platform route listing a citizen's matters.
pub const ME_PATH: &str = "/api/v1/me";
/// One thing the citizen booked or handled.
#[derive(Debug, Clone, PartialEq)]
pub struct Matter {
    pub service: String,
    pub kind: MatterKind,
    /// The department's booking or receipt number.
    pub reference: String,
    pub state: MatterState,
    /// When it last changed (epoch ms), if the platform said.
    pub at_ms: Option<i64>,
}

/// One payment: being processed, or paid.
#[derive(Debug, Clone, PartialEq)]
pub struct Payment {
    /// The platform order id.
    pub order: String,
    pub service: String,
    /// The bill, decision or record paid.
    pub reference: String,
    pub amount_fen: i64,
    /// `false` while money may still be moving.
    pub paid: bool,
    /// When it was paid, or last changed while processing (epoch ms).
    pub at_ms: Option<i64>,
}

/// A reminder the citizen follows.
#[derive(Debug, Clone, PartialEq)]
pub struct Follow {
    /// The platform's subscription id.
    pub id: String,
    /// `violations`, `bill-due`, `appointment` or `progress`.
    pub topic: String,
    /// The plate, account, booking or application number followed.
    pub key: String,
}

/// A citizen's matters in one city.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mine {
    pub matters: Vec<Matter>,
    pub payments: Vec<Payment>,
    pub following: Vec<Follow>,
}

impl Mine {
    /// The appointments (bookings), in the platform's order (newest first).
    pub fn appointments(&self) -> impl Iterator<Item = &Matter> {
        self.matters.iter().filter(|m| m.kind == MatterKind::Booking)
    }

    /// Applications and other handling, newest first.
    pub fn handled(&self) -> impl Iterator<Item = &Matter> {
        self.matters.iter().filter(|m| m.kind == MatterKind::Transaction)
    }

    /// Nothing at all to show.
    pub fn is_empty(&self) -> bool {
        self.matters.is_empty() && self.payments.is_empty() && self.following.is_empty()
    }

    /// Forgets a reminder the citizen stopped following.
    pub fn unfollow(&mut self, id: &str) {
        self.following.retain(|f| f.id != id);
    }
}

fn text<'a>(item: &'a Json, key: &str) -> Result<&'a str, String> {
    match item.get(key) {
        Some(Json::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(other) => Err(format!("`{key}` must be a non-empty string, got `{other}`")),
        None => Err(format!("`{key}` is missing")),
    }
}

fn instant(item: &Json, key: &str) -> Option<i64> {
    match parse_iso8601(item.get(key)?.as_str()?)? {
        Iso::Instant(ms) => Some(ms),
        Iso::Date(_) => None,
    }
}

fn matter(item: &Json) -> Result<Matter, String> {
    let kind = match text(item, "kind")? {
        "booking" => MatterKind::Booking,
        "transaction" => MatterKind::Transaction,
        other => return Err(format!("`kind` must be `booking` or `transaction`, got `{other}`")),
    };
    let state = match text(item, "state")? {
        "done" => MatterState::Done,
        "cancelled" => MatterState::Cancelled,
        other => return Err(format!("`state` must be `done` or `cancelled`, got `{other}`")),
    };
    Ok(Matter {
        service: text(item, "service")?.to_string(),
        kind,
        reference: text(item, "reference")?.to_string(),
        state,
        at_ms: instant(item, "updated_at"),
    })
}

fn payment(item: &Json) -> Result<Payment, String> {
    let paid = match text(item, "status")? {
        "paid" => true,
        "processing" => false,
        other => return Err(format!("`status` must be `paid` or `processing`, got `{other}`")),
    };
    let amount_fen = match item.get("amount_fen").and_then(Json::as_i64) {
        Some(n) if n > 0 => n,
        _ => {
            return Err(format!(
                "`amount_fen` must be a positive integer, got `{}`",
                item.get("amount_fen").unwrap_or(&Json::Null)
            ))
        }
    };
    Ok(Payment {
        order: text(item, "id")?.to_string(),
        service: text(item, "service")?.to_string(),
        reference: text(item, "reference")?.to_string(),
        amount_fen,
        paid,
        at_ms: if paid { instant(item, "paid_at") } else { instant(item, "updated_at") },
    })
}

fn follow(item: &Json) -> Result<Follow, String> {
    Ok(Follow {
        id: text(item, "id")?.to_string(),
        topic: text(item, "topic")?.to_string(),
        key: text(item, "key")?.to_string(),
    })
}

fn list<T>(
    doc: &Json,
    key: &str,
    read: fn(&Json) -> Result<T, String>,
    skipped: &mut Vec<String>,
) -> Result<Vec<T>, String> {
    let items = doc
        .get(key)
        .and_then(Json::as_array)
        .ok_or_else(|| format!("`{key}` is missing or not an array"))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match read(item) {
            Ok(v) => out.push(v),
            Err(e) => skipped.push(format!("`{ME_PATH}` answer: `{key}[{i}]` skipped: {e}")),
        }
    }
    Ok(out)
}

/// Reads the platform's `GET /api/v1/me` answer. A malformed entry is skipped and named in the
/// second list (for the console); a malformed answer is an error naming what is wrong.
pub fn parse(body: &str) -> Result<(Mine, Vec<String>), String> {
    let doc: Json = serde_json::from_str(body)
        .map_err(|e| format!("the `{ME_PATH}` answer is not JSON: {e}"))?;
    if !doc.is_object() {
        return Err(format!("the `{ME_PATH}` answer must be an object"));
    }
    let mut skipped = Vec::new();
    let matters = list(&doc, "records", matter, &mut skipped)
        .map_err(|e| format!("the `{ME_PATH}` answer: {e}"))?;
    let payments = list(&doc, "payments", payment, &mut skipped)
        .map_err(|e| format!("the `{ME_PATH}` answer: {e}"))?;
    let following = list(&doc, "following", follow, &mut skipped)
        .map_err(|e| format!("the `{ME_PATH}` answer: {e}"))?;
    Ok((Mine { matters, payments, following }, skipped))
}

/// What a followed topic is called.
pub fn topic_label(topic: &str, locale: &str) -> &'static str {
    let msg = match topic {
        "violations" => Msg::TopicViolations,
        "bill-due" => Msg::TopicBillDue,
        "appointment" => Msg::TopicAppointment,
        "progress" => Msg::TopicProgress,
        _ => Msg::TopicOther,
    };
    t(locale, msg)
}

/// A followed key as shown: plates are masked (`浙A***45`); account, booking and application
/// numbers are shown as the citizen entered them.
pub fn shown_key(topic: &str, key: &str) -> String {
    match topic {
        "violations" => {
            citypanel_descriptor::mask::mask(citypanel_descriptor::PiiClass::Plate, key)
        }
        _ => key.to_string(),
    }
}

/// The target opening `m`'s service at its receipt (`service?@reference=…[&@cancelled=1]`).
pub fn reopen_target(m: &Matter) -> String {
    let cancelled = if m.state == MatterState::Cancelled {
        format!("&{CANCELLED_KEY}=1")
    } else {
        String::new()
    };
    format!("{}?{REOPEN_KEY}={}{cancelled}", m.service, encode(&m.reference))
}

/// What a row's button does.
#[derive(Debug, Clone, PartialEq)]
pub enum RowAction {
    /// Opens a target: a service id, or a matter's receipt ([`reopen_target`]).
    Open(String),
    /// Stops following the reminder (by subscription id).
    Unfollow(String),
}

/// One row of My City as shown: the same shape for every section, so one view renders all.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `booking`, `transaction`, `payment` or `follow` (`data-kind`).
    pub kind: &'static str,
    /// `done`, `cancelled`, `paid` or `processing` (`data-state`); none for a reminder.
    pub state: Option<&'static str>,
    /// The service id (`data-service`); none for a reminder.
    pub service: Option<String>,
    /// The service's name, or what a reminder follows.
    pub name: String,
    pub badge: Option<&'static str>,
    /// Number, amount, reference and when.
    pub detail: Option<String>,
    pub action: Option<RowAction>,
    /// The button's class.
    pub button_class: &'static str,
}

fn with_time(text: String, at_ms: Option<i64>, time: &dyn Fn(i64) -> String) -> String {
    match at_ms.map(time).filter(|t| !t.is_empty()) {
        Some(t) => format!("{text} · {t}"),
        None => text,
    }
}

fn matter_row(m: &Matter, locale: &str, name: String, time: &dyn Fn(i64) -> String) -> Row {
    let badge = t(
        locale,
        match (m.kind, m.state) {
            (MatterKind::Booking, MatterState::Done) => Msg::MatterBooked,
            (MatterKind::Booking, MatterState::Cancelled) => Msg::MatterCancelled,
            (MatterKind::Transaction, MatterState::Done) => Msg::MatterSubmitted,
            (MatterKind::Transaction, MatterState::Cancelled) => Msg::MatterWithdrawn,
        },
    );
    let number = format!("{}{}", t(locale, Msg::NumberPrefix), m.reference);
    Row {
        kind: m.kind.as_str(),
        state: Some(m.state.as_str()),
        service: Some(m.service.clone()),
        name,
        badge: Some(badge),
        detail: Some(with_time(number, m.at_ms, time)),
        action: Some(RowAction::Open(reopen_target(m))),
        button_class: "cp-button cp-button--secondary cp-mine__open",
    }
}

fn payment_row(p: &Payment, locale: &str, name: String, time: &dyn Fn(i64) -> String) -> Row {
    let badge = t(locale, if p.paid { Msg::PaymentPaid } else { Msg::PaymentProcessing });
    let amount = format!(
        "¥{} · {}{}",
        citypanel_descriptor::rules::format_yuan(p.amount_fen),
        t(locale, Msg::RefPrefix),
        p.reference
    );
    Row {
        kind: "payment",
        state: Some(if p.paid { "paid" } else { "processing" }),
        service: Some(p.service.clone()),
        name,
        badge: Some(badge),
        detail: Some(with_time(amount, p.at_ms, time)),
        action: Some(RowAction::Open(p.service.clone())),
        button_class: "cp-button cp-button--secondary cp-mine__open",
    }
}

fn follow_row(f: &Follow, locale: &str) -> Row {
    Row {
        kind: "follow",
        state: None,
        service: None,
        name: format!("{} · {}", topic_label(&f.topic, locale), shown_key(&f.topic, &f.key)),
        badge: None,
        detail: None,
        action: Some(RowAction::Unfollow(f.id.clone())),
        button_class: "cp-button cp-button--secondary cp-mine__unfollow",
    }
}

/// My City's sections as shown, in order — appointments, applications, payments, reminders —
/// each with its title; empty sections are left out. `title` names a service by id; `time`
/// writes an instant (Beijing time).
pub fn rows(
    mine: &Mine,
    locale: &str,
    title: impl Fn(&str) -> String,
    time: impl Fn(i64) -> String,
) -> Vec<(&'static str, Vec<Row>)> {
    let sections = [
        (
            t(locale, Msg::SectionAppointments),
            mine.appointments()
                .map(|m| matter_row(m, locale, title(&m.service), &time))
                .collect::<Vec<_>>(),
        ),
        (
            t(locale, Msg::SectionApplications),
            mine.handled().map(|m| matter_row(m, locale, title(&m.service), &time)).collect(),
        ),
        (
            t(locale, Msg::SectionPayments),
            mine.payments
                .iter()
                .map(|p| payment_row(p, locale, title(&p.service), &time))
                .collect(),
        ),
        (
            t(locale, Msg::SectionReminders),
            mine.following.iter().map(|f| follow_row(f, locale)).collect(),
        ),
    ];
    sections.into_iter().filter(|(_, rows)| !rows.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::report::reopening;

    const FIXTURE: &str = include_str!("../../../tests/fixtures/responses/platform/me.json");

    #[test]
    fn reads_the_platform_answer() {
        let (mine, skipped) = parse(FIXTURE).expect("fixture reads");
        assert!(skipped.is_empty(), "{skipped:?}");
        let appointments: Vec<_> =
            mine.appointments().map(|m| (m.service.as_str(), m.state)).collect();
        assert_eq!(
            appointments,
            [
                ("vehicle-inspection-booking", MatterState::Done),
                ("marriage-registration", MatterState::Cancelled)
            ]
        );
        assert_eq!(mine.handled().count(), 0);
        let pays: Vec<_> =
            mine.payments.iter().map(|p| (p.service.as_str(), p.amount_fen, p.paid)).collect();
        assert_eq!(pays, [("electricity-bill", 12860, false), ("water-bill", 5130, true)]);
        assert!(mine.payments[1].at_ms.is_some() && mine.matters[0].at_ms.is_some());
        assert_eq!(
            mine.following,
            [Follow {
                id: "sub_1c2d3e4f5a6b7c8d".into(),
                topic: "violations".into(),
                key: "浙A12345".into()
            }]
        );
        assert!(!mine.is_empty());
    }

    #[test]
    fn malformed_answers_are_named_and_bad_entries_skipped() {
        assert!(parse("<html>").unwrap_err().contains("not JSON"));
        assert!(parse("[]").unwrap_err().contains("must be an object"));
        let e = parse(r#"{"records":[],"payments":{}}"#).unwrap_err();
        assert_eq!(e, "the `/api/v1/me` answer: `payments` is missing or not an array");
        let body = r#"{"records":[{"service":"x","kind":"visit","reference":"1","state":"done"}],
            "payments":[{"id":"o","status":"paid","service":"s","reference":"r","amount_fen":-5},
                        {"id":"o2","status":"created","service":"s","reference":"r","amount_fen":5}],
            "following":[{"id":"s","topic":"violations","key":""}]}"#;
        let (mine, skipped) = parse(body).expect("skips");
        assert!(mine.is_empty());
        assert_eq!(skipped, [
            "`/api/v1/me` answer: `records[0]` skipped: `kind` must be `booking` or `transaction`, got `visit`",
            "`/api/v1/me` answer: `payments[0]` skipped: `amount_fen` must be a positive integer, got `-5`",
            "`/api/v1/me` answer: `payments[1]` skipped: `status` must be `paid` or `processing`, got `created`",
            "`/api/v1/me` answer: `following[0]` skipped: `key` must be a non-empty string, got `\"\"`",
        ]);
    }

    #[test]
    fn rows_in_sections_as_shown() {
        let (mine, _) = parse(FIXTURE).expect("fixture reads");
        let title = |id: &str| {
            if id == "water-bill" {
                "水费查询缴纳".to_string()
            } else {
                id.to_string()
            }
        };
        let time = |ms: i64| format!("t{ms}");
        let sections = rows(&mine, "zh-CN", title, time);
        let titles: Vec<_> = sections.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            titles,
            ["我的预约", "缴费记录", "我的关注"],
            "no applications: that section is left out"
        );
        let booked = &sections[0].1[0];
        assert_eq!(
            (booked.kind, booked.state, booked.badge),
            ("booking", Some("done"), Some("已预约"))
        );
        assert_eq!(
            booked.action,
            Some(RowAction::Open(
                "vehicle-inspection-booking?@reference=JY330100202501150007".into()
            ))
        );
        assert_eq!(
            sections[0].1[1].action,
            Some(RowAction::Open(
                "marriage-registration?@reference=HY330100202501200002&@cancelled=1".into()
            ))
        );
        assert_eq!(
            sections[1].1[1].action,
            Some(RowAction::Open("water-bill".into())),
            "a payment opens its service"
        );
        assert!(booked
            .detail
            .as_deref()
            .is_some_and(|d| d.starts_with("编号 JY330100202501150007 · t")));
        assert_eq!(sections[0].1[1].badge, Some("已取消"));
        let paid = &sections[1].1[1];
        assert_eq!(paid.name, "水费查询缴纳");
        assert!(
            paid.detail.as_deref().is_some_and(|d| d.starts_with("¥51.30 · 单号 3301287645 · t")),
            "{paid:?}"
        );
        assert_eq!(sections[1].1[0].badge, Some("处理中"));
        let follow = &sections[2].1[0];
        assert_eq!(
            (follow.name.as_str(), follow.state, follow.badge),
            ("违章提醒 · 浙A***45", None, None)
        );
        assert_eq!(follow.action, Some(RowAction::Unfollow("sub_1c2d3e4f5a6b7c8d".into())));
        let en = rows(&mine, "en", |id: &str| id.to_string(), |_| String::new());
        assert_eq!(
            en[1].1[1].detail.as_deref(),
            Some("¥51.30 · Ref. 3301287645"),
            "no time: none shown"
        );
        assert_eq!((en[0].0, en[0].1[1].badge), ("Appointments", Some("Cancelled")));
        assert!(rows(&Mine::default(), "zh-CN", |id: &str| id.to_string(), time).is_empty());
    }

    #[test]
    fn reopen_targets_round_trip() {
        let m = Matter {
            service: "x".into(),
            kind: MatterKind::Booking,
            reference: "A 1/&é".into(),
            state: MatterState::Done,
            at_ms: None,
        };
        assert_eq!(reopen_target(&m), "x?@reference=A%201%2F%26%C3%A9");
        let initial = vec![
            (REOPEN_KEY.to_string(), "A 1/&é".to_string()),
            (CANCELLED_KEY.to_string(), "1".to_string()),
        ];
        assert_eq!(reopening(&initial), Some(("A 1/&é", true)));
        assert_eq!(reopening(&initial[..1]), Some(("A 1/&é", false)));
        assert_eq!(reopening(&[("plate".to_string(), "浙A12345".to_string())]), None);
    }

    #[test]
    fn shown_keys_and_labels() {
        assert_eq!(shown_key("violations", "浙A12345"), "浙A***45");
        assert_eq!(shown_key("bill-due", "3301287645"), "3301287645");
        assert_eq!(
            (topic_label("progress", "zh-CN"), topic_label("bill-due", "en")),
            ("办理进度提醒", "Bills due")
        );
    }
}
