//! "My City"'s person view: what the departments hold for the citizen (a digest per service,
//! asked by the platform with the citizen's consent), and the consent itself — which
//! departments may be asked, with what. Plain Rust: reading the platform's answers
//! (`GET /api/v1/me/consent`, `GET /api/v1/me/digest`), the rows shown, the bodies sent.

use crate::i18n::{t, Msg};
use crate::mine::model::{Row, RowAction};
use citypanel_descriptor::request::encode;
use serde_json::{json, Map, Value as Json};

/// The platform route of the citizen's consent (`GET`, `PUT`).
pub const CONSENT_PATH: &str = "/api/v1/me/consent";
/// The platform route of the departments' digest (`GET`).
pub const DIGEST_PATH: &str = "/api/v1/me/digest";

/// A text in both locales, as the platform sends it (`{"zh-CN": …, "en": …}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    pub zh: String,
    pub en: String,
}

impl Texts {
    /// The text in `locale` (English for every locale but Chinese), or the other one when
    /// that one is empty.
    pub fn get(&self, locale: &str) -> &str {
        let (first, second) =
            if locale.starts_with("zh") { (&self.zh, &self.en) } else { (&self.en, &self.zh) };
        if first.is_empty() {
            second
        } else {
            first
        }
    }
}

/// One department the platform may ask, for one service, and what it would send it.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    pub service: String,
    pub title: Texts,
    pub department: Texts,
    /// Each attribute class sent (`plates`, `id_number`, …) with its values masked.
    pub attributes: Vec<(String, Vec<String>)>,
    pub granted: bool,
}

/// The citizen's consent in one city.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Consent {
    /// Whether the citizen has answered at least once in this city.
    pub asked: bool,
    pub departments: Vec<Department>,
}

impl Consent {
    /// Whether My City should ask before anything is sent: never answered, and there is
    /// someone to ask.
    pub fn needs_asking(&self) -> bool {
        !self.asked && !self.departments.is_empty()
    }

    /// How many departments may be asked.
    pub fn granted(&self) -> usize {
        self.departments.iter().filter(|d| d.granted).count()
    }

    /// Whether `service` may be asked.
    pub fn allows(&self, service: &str) -> bool {
        self.departments.iter().any(|d| d.service == service && d.granted)
    }
}

/// How a department's answer for the citizen came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    Ready,
    /// It did not answer within its deadline.
    Late,
    /// It failed.
    Unavailable,
    /// The citizen has not agreed to ask it (it was not called).
    NotGranted,
}

/// How pressing a matter is, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    Overdue,
    DueSoon,
    Due,
    Info,
}

impl Urgency {
    fn read(s: &str) -> Option<Urgency> {
        Some(match s {
            "overdue" => Urgency::Overdue,
            "due_soon" => Urgency::DueSoon,
            "due" => Urgency::Due,
            "info" => Urgency::Info,
            _ => return None,
        })
    }

    /// `data-state` of the row.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::DueSoon => "due_soon",
            Urgency::Due => "due",
            Urgency::Info => "info",
        }
    }

    fn badge(self) -> Msg {
        match self {
            Urgency::Overdue => Msg::UrgencyOverdue,
            Urgency::DueSoon => Msg::UrgencyDueSoon,
            Urgency::Due => Msg::UrgencyDue,
            Urgency::Info => Msg::UrgencyInfo,
        }
    }
}

/// One matter a department holds for the citizen: "2 unpaid fines · ¥300.00".
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMatter {
    pub urgency: Urgency,
    /// The next date it is due (`yyyy-MM-dd`), if any.
    pub next_date: Option<String>,
    /// The one-line summary, rendered by the platform from the descriptor.
    pub text: Texts,
    /// The service's inputs that open it for this matter.
    pub open: Vec<(String, String)>,
}

/// What one service's department answered for the citizen.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceDigest {
    pub service: String,
    pub title: Texts,
    pub department: Texts,
    pub reach: Reach,
    pub matters: Vec<PersonMatter>,
}

/// The departments' digest for the citizen in one city, most urgent first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Digest {
    pub services: Vec<ServiceDigest>,
}

impl Digest {
    /// Drops the cards of a department the citizen no longer lets My City ask (at once, before
    /// the platform's next answer).
    pub fn withdraw(&mut self, service: &str) {
        self.services.retain(|s| s.service != service);
    }
}

fn text<'a>(item: &'a Json, key: &str) -> Result<&'a str, String> {
    match item.get(key) {
        Some(Json::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(other) => Err(format!("`{key}` must be a non-empty string, got `{other}`")),
        None => Err(format!("`{key}` is missing")),
    }
}

fn texts(item: &Json, key: &str) -> Result<Texts, String> {
    let map = item
        .get(key)
        .and_then(Json::as_object)
        .ok_or_else(|| format!("`{key}` must be an object of texts by locale"))?;
    let get = |tag: &str| map.get(tag).and_then(Json::as_str).unwrap_or_default().to_string();
    let found = Texts { zh: get("zh-CN"), en: get("en") };
    if found.zh.is_empty() && found.en.is_empty() {
        return Err(format!("`{key}` has neither a `zh-CN` nor an `en` text"));
    }
    Ok(found)
}

fn array<'a>(doc: &'a Json, key: &str) -> Result<&'a Vec<Json>, String> {
    doc.get(key)
        .and_then(Json::as_array)
        .ok_or_else(|| format!("`{key}` is missing or not an array"))
}

fn object(body: &str, path: &str) -> Result<Json, String> {
    let doc: Json =
        serde_json::from_str(body).map_err(|e| format!("the `{path}` answer is not JSON: {e}"))?;
    if doc.is_object() {
        Ok(doc)
    } else {
        Err(format!("the `{path}` answer must be an object"))
    }
}

fn department(item: &Json) -> Result<Department, String> {
    let mut attributes = Vec::new();
    for (i, a) in array(item, "attributes")?.iter().enumerate() {
        let class = text(a, "class").map_err(|e| format!("`attributes[{i}]`: {e}"))?;
        let masked = array(a, "masked")
            .map_err(|e| format!("`attributes[{i}]`: {e}"))?
            .iter()
            .filter_map(Json::as_str)
            .map(str::to_string)
            .collect();
        attributes.push((class.to_string(), masked));
    }
    Ok(Department {
        service: text(item, "service")?.to_string(),
        title: texts(item, "title")?,
        department: texts(item, "department")?,
        attributes,
        granted: item
            .get("granted")
            .and_then(Json::as_bool)
            .ok_or("`granted` must be true or false")?,
    })
}

/// Reads `GET /api/v1/me/consent`. A malformed department is skipped and named in the second
/// list (for the console); a malformed answer is an error naming what is wrong.
pub fn parse_consent(body: &str) -> Result<(Consent, Vec<String>), String> {
    let doc = object(body, CONSENT_PATH)?;
    let asked = doc
        .get("asked")
        .and_then(Json::as_bool)
        .ok_or_else(|| format!("the `{CONSENT_PATH}` answer: `asked` must be true or false"))?;
    let mut skipped = Vec::new();
    let mut departments = Vec::new();
    let list =
        array(&doc, "departments").map_err(|e| format!("the `{CONSENT_PATH}` answer: {e}"))?;
    for (i, item) in list.iter().enumerate() {
        match department(item) {
            Ok(d) => departments.push(d),
            Err(e) => {
                skipped.push(format!("`{CONSENT_PATH}` answer: `departments[{i}]` skipped: {e}"))
            }
        }
    }
    Ok((Consent { asked, departments }, skipped))
}

fn person_matter(item: &Json) -> Result<PersonMatter, String> {
    let status = text(item, "status")?;
    let urgency = Urgency::read(status).ok_or_else(|| {
        format!("`status` must be `overdue`, `due_soon`, `due` or `info`, got `{status}`")
    })?;
    let open = match item.get("open") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Object(map)) => map
            .iter()
            .map(|(k, v)| match v {
                Json::String(s) => Ok((k.clone(), s.clone())),
                other => Err(format!("`open.{k}` must be a string, got `{other}`")),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => return Err(format!("`open` must be an object, got `{other}`")),
    };
    Ok(PersonMatter {
        urgency,
        next_date: item.get("next_date").and_then(Json::as_str).map(str::to_string),
        text: texts(item, "text")?,
        open,
    })
}

fn service_digest(item: &Json, skipped: &mut Vec<String>) -> Result<ServiceDigest, String> {
    let service = text(item, "service")?.to_string();
    let reach = match text(item, "state")? {
        "ready" => Reach::Ready,
        "late" => Reach::Late,
        "unavailable" => Reach::Unavailable,
        "not_granted" => Reach::NotGranted,
        other => {
            return Err(format!(
                "`state` must be `ready`, `late`, `unavailable` or `not_granted`, got `{other}`"
            ))
        }
    };
    let mut matters = Vec::new();
    if let Some(list) = item.get("matters").and_then(Json::as_array) {
        for (i, m) in list.iter().enumerate() {
            match person_matter(m) {
                Ok(m) => matters.push(m),
                Err(e) => skipped
                    .push(format!("`{DIGEST_PATH}` answer: `{service}` matter {i} skipped: {e}")),
            }
        }
    }
    Ok(ServiceDigest {
        title: texts(item, "title")?,
        department: texts(item, "department")?,
        service,
        reach,
        matters,
    })
}

/// Reads `GET /api/v1/me/digest`, keeping the platform's order (most urgent first). A
/// malformed service or matter is skipped and named in the second list.
pub fn parse_digest(body: &str) -> Result<(Digest, Vec<String>), String> {
    let doc = object(body, DIGEST_PATH)?;
    let list = array(&doc, "services").map_err(|e| format!("the `{DIGEST_PATH}` answer: {e}"))?;
    let mut skipped = Vec::new();
    let mut services = Vec::new();
    for (i, item) in list.iter().enumerate() {
        match service_digest(item, &mut skipped) {
            Ok(s) => services.push(s),
            Err(e) => skipped.push(format!("`{DIGEST_PATH}` answer: `services[{i}]` skipped: {e}")),
        }
    }
    Ok((Digest { services }, skipped))
}

/// The body of `PUT /api/v1/me/consent` setting the listed services' consent.
pub fn consent_body(city: &str, choices: &[(String, bool)]) -> Json {
    let services: Map<String, Json> =
        choices.iter().map(|(s, granted)| (s.clone(), Json::Bool(*granted))).collect();
    json!({ "city": city, "services": services })
}

/// The target opening `service` for a matter, its inputs filled (`service?plate=…`).
pub fn open_target(service: &str, open: &[(String, String)]) -> String {
    let query: Vec<String> =
        open.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    if query.is_empty() {
        service.to_string()
    } else {
        format!("{service}?{}", query.join("&"))
    }
}

/// What an attribute class is called.
pub fn class_label(class: &str, locale: &str) -> String {
    let msg = match class {
        "name" => Msg::AttrName,
        "id_number" => Msg::AttrIdNumber,
        "mobile" => Msg::AttrMobile,
        "plates" => Msg::AttrPlates,
        "water_account" => Msg::AttrWaterAccount,
        "electricity_account" => Msg::AttrElectricityAccount,
        "gas_account" => Msg::AttrGasAccount,
        "library_card" => Msg::AttrLibraryCard,
        other => return other.to_string(),
    };
    t(locale, msg).to_string()
}

/// "车牌号 浙A1***5、沪AK***1；身份证号 3301**********3216": what a department would be sent.
pub fn attributes_text(d: &Department, locale: &str) -> String {
    let (sep, list_sep) = if locale.starts_with("zh") { ("；", "、") } else { ("; ", ", ") };
    d.attributes
        .iter()
        .map(|(class, masked)| format!("{} {}", class_label(class, locale), masked.join(list_sep)))
        .collect::<Vec<_>>()
        .join(sep)
}

/// The rows of the departments' digest as shown: each matter, then a row for each department
/// that was asked but did not answer. Departments not asked show nothing.
pub fn digest_rows(digest: &Digest, locale: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut silent = Vec::new();
    for s in &digest.services {
        match s.reach {
            Reach::Ready => {
                for m in &s.matters {
                    rows.push(Row {
                        kind: "digest",
                        state: Some(m.urgency.as_str()),
                        service: Some(s.service.clone()),
                        name: s.title.get(locale).to_string(),
                        badge: Some(t(locale, m.urgency.badge())),
                        detail: Some(m.text.get(locale).to_string()),
                        action: Some(RowAction::Open(open_target(&s.service, &m.open))),
                        button_class: "cp-button cp-button--secondary cp-mine__open",
                    })
                }
            }
            Reach::Late | Reach::Unavailable => {
                let (state, msg) = if s.reach == Reach::Late {
                    ("late", Msg::DigestLate)
                } else {
                    ("unavailable", Msg::DigestUnavailable)
                };
                silent.push(Row {
                    kind: "digest",
                    state: Some(state),
                    service: Some(s.service.clone()),
                    name: s.title.get(locale).to_string(),
                    badge: None,
                    detail: Some(format!("{}{}", s.department.get(locale), t(locale, msg))),
                    action: Some(RowAction::Open(s.service.clone())),
                    button_class: "cp-button cp-button--secondary cp-mine__open",
                })
            }
            Reach::NotGranted => {}
        }
    }
    rows.extend(silent);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONSENT: &str = r#"{"city":"330100","asked":false,"departments":[
        {"service":"traffic-violations","title":{"zh-CN":"交通违法查询","en":"Traffic violations"},
         "department":{"zh-CN":"杭州市公安局交通警察支队","en":"Hangzhou Traffic Police"},
         "attributes":[{"class":"plates","masked":["浙A1***5","沪AK***1"]}],"granted":false},
        {"service":"water-bill","title":{"zh-CN":"水费","en":"Water bill"},
         "department":{"zh-CN":"杭州水务","en":"Hangzhou Water"},
         "attributes":[{"class":"water_account","masked":["33****01"]},{"class":"mobile","masked":["138****8000"]}],"granted":true},
        {"service":"broken","title":"x","department":{},"attributes":[],"granted":false}]}"#;

    const DIGEST: &str = r#"{"city":"330100","asked":true,"services":[
        {"service":"traffic-violations","title":{"zh-CN":"交通违法查询","en":"Traffic violations"},
         "department":{"zh-CN":"交警支队","en":"Traffic Police"},"state":"ready","matters":[
           {"count":2,"amount_fen":30000,"next_date":null,"status":"overdue",
            "text":{"zh-CN":"2 笔未处理违法 · ¥300.00","en":"2 unpaid fines · ¥300.00"},
            "open":{"plate":"浙A12345"}},
           {"count":1,"status":"soon","text":{"en":"x"}}]},
        {"service":"library-loans","title":{"zh-CN":"图书借阅","en":"Library loans"},
         "department":{"zh-CN":"杭州图书馆","en":"Hangzhou Library"},"state":"late","matters":[]},
        {"service":"gas-bill","title":{"zh-CN":"燃气费","en":"Gas bill"},
         "department":{"zh-CN":"杭州燃气","en":"Hangzhou Gas"},"state":"not_granted"},
        {"service":"water-bill","title":{"zh-CN":"水费","en":"Water bill"},
         "department":{"zh-CN":"杭州水务","en":"Hangzhou Water"},"state":"ready","matters":[
           {"count":1,"amount_fen":7500,"next_date":"2025-05-15","status":"due",
            "text":{"zh-CN":"水费 ¥75.00 · 5月15日前缴纳","en":"Water bill ¥75.00 due 15 May"},
            "open":{"account":"3301001234 & co"}}]},
        {"service":"road","state":"ready"}]}"#;

    #[test]
    fn reads_the_consent_answer() {
        let (consent, skipped) = parse_consent(CONSENT).expect("reads");
        assert!(!consent.asked && consent.needs_asking());
        assert_eq!(consent.departments.len(), 2);
        assert_eq!(skipped.len(), 1);
        assert!(
            skipped[0].contains("`departments[2]` skipped: `title` must be an object"),
            "{skipped:?}"
        );
        assert_eq!(consent.granted(), 1);
        assert!(consent.allows("water-bill") && !consent.allows("traffic-violations"));
        let water = &consent.departments[1];
        assert_eq!(attributes_text(water, "zh-CN"), "水费户号 33****01；手机号 138****8000");
        assert_eq!(attributes_text(water, "en"), "Water account 33****01; Mobile 138****8000");
        let plates = &consent.departments[0];
        assert_eq!(attributes_text(plates, "zh-CN"), "车牌号 浙A1***5、沪AK***1");
    }

    #[test]
    fn asking_is_needed_only_once_and_only_with_someone_to_ask() {
        let answered = Consent { asked: true, ..parse_consent(CONSENT).expect("reads").0 };
        assert!(!answered.needs_asking());
        assert!(!Consent { asked: false, departments: vec![] }.needs_asking());
    }

    #[test]
    fn malformed_answers_are_named() {
        assert!(parse_consent("<html>").unwrap_err().contains("not JSON"));
        assert_eq!(
            parse_consent(r#"{"departments":[]}"#).unwrap_err(),
            "the `/api/v1/me/consent` answer: `asked` must be true or false"
        );
        assert_eq!(
            parse_digest(r#"{"services":{}}"#).unwrap_err(),
            "the `/api/v1/me/digest` answer: `services` is missing or not an array"
        );
        assert!(parse_digest("[]").unwrap_err().contains("must be an object"));
    }

    #[test]
    fn digest_rows_show_matters_then_silent_departments() {
        let (digest, skipped) = parse_digest(DIGEST).expect("reads");
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].contains("`traffic-violations` matter 1 skipped: `status` must be"));
        assert!(skipped[1].contains("`services[4]` skipped"));
        let rows = digest_rows(&digest, "en");
        let shown: Vec<_> = rows
            .iter()
            .map(|r| {
                (r.state.unwrap_or_default(), r.name.as_str(), r.detail.clone().unwrap_or_default())
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("overdue", "Traffic violations", "2 unpaid fines · ¥300.00".to_string()),
                ("due", "Water bill", "Water bill ¥75.00 due 15 May".to_string()),
                ("late", "Library loans", "Hangzhou Library has not answered yet.".to_string()),
            ]
        );
        assert_eq!(
            rows[0].action,
            Some(RowAction::Open("traffic-violations?plate=%E6%B5%99A12345".into()))
        );
        assert_eq!(
            rows[1].action,
            Some(RowAction::Open("water-bill?account=3301001234%20%26%20co".into()))
        );
        assert_eq!(rows[0].badge, Some("Overdue"));
        let zh = digest_rows(&digest, "zh-CN");
        assert_eq!(zh[0].detail.as_deref(), Some("2 笔未处理违法 · ¥300.00"));
        assert_eq!(zh[2].detail.as_deref(), Some("杭州图书馆暂未答复。"));
    }

    #[test]
    fn withdrawing_drops_the_cards_at_once() {
        let (mut digest, _) = parse_digest(DIGEST).expect("reads");
        digest.withdraw("traffic-violations");
        let rows = digest_rows(&digest, "en");
        assert!(rows.iter().all(|r| r.service.as_deref() != Some("traffic-violations")));
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn consent_body_names_each_choice() {
        let body =
            consent_body("330100", &[("water-bill".into(), true), ("gas-bill".into(), false)]);
        assert_eq!(body, json!({"city":"330100","services":{"water-bill":true,"gas-bill":false}}));
        assert_eq!(open_target("road-conditions", &[]), "road-conditions");
    }
}
