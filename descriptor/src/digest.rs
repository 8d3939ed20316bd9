//! Person queries (format 1.1, "My City"): a service's `digest` section says which identity
//! attributes its department needs, how to ask it about a person, and how to turn its answer
//! into short **matters** ("2 unpaid fines · ¥300.00"). The same request templating and
//! response mapping as ordinary queries; no clock (callers pass `today`).

use crate::map::Map;
use crate::mapping::{map_with, Outcome, Record};
use crate::model::{Method, PiiClass, ResponseSpec};
use crate::request::encode;
use crate::text::Text;
use crate::time::Date;
use crate::value::{format_money, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;
use thiserror::Error;

pub use crate::vocab::{AttributeClass, MatterStatus};

/// At most this many matters from one answer (the rest are dropped, least urgent first).
pub const MAX_MATTERS: usize = 50;

pub use crate::model::{
    DigestSpec, MatterSpec, WhereSpec, DEFAULT_DUE_SOON_DAYS, MAX_DUE_SOON_DAYS, MAX_MATTER_SPECS,
    RESERVED,
};

impl AttributeClass {
    /// Whether the class holds a list (plates, accounts) rather than one string.
    pub fn is_list(self) -> bool {
        !matches!(self, AttributeClass::Name | AttributeClass::IdNumber | AttributeClass::Mobile)
    }

    /// The `kind` of an account in the identity claims, for the account classes.
    pub fn account_kind(self) -> Option<&'static str> {
        match self {
            AttributeClass::WaterAccount => Some("water"),
            AttributeClass::ElectricityAccount => Some("electricity"),
            AttributeClass::GasAccount => Some("gas"),
            AttributeClass::LibraryCard => Some("library_card"),
            _ => None,
        }
    }

    /// How a value of this class is shown masked (consent screens): the standard's PII masks;
    /// account numbers keep their first 3 and last 4 characters.
    pub fn mask(self, value: &str) -> String {
        use crate::vocab::PiiClass;
        let class = match self {
            AttributeClass::Name => PiiClass::Name,
            AttributeClass::Plates => PiiClass::Plate,
            AttributeClass::Mobile => PiiClass::Mobile,
            _ => PiiClass::IdNumber,
        };
        crate::mask::mask(class, value)
    }
}

/// The value of one attribute class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrValue {
    One(String),
    Many(Vec<String>),
}

impl AttrValue {
    /// Every string of the value.
    pub fn values(&self) -> Vec<&str> {
        match self {
            AttrValue::One(s) => vec![s.as_str()],
            AttrValue::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A citizen's identity attributes resolved for one city: each class present has a non-empty
/// value (accounts: only those of the asked city).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attributes {
    pub values: BTreeMap<AttributeClass, AttrValue>,
}

/// Longest attribute string accepted from claims.
pub const MAX_ATTR_LEN: usize = 64;
/// Most plates (and accounts of one class in one city) accepted from claims.
pub const MAX_ATTR_ITEMS: usize = 20;
/// Most accounts (of every kind and city) accepted from claims.
pub const MAX_ACCOUNTS: usize = 200;

impl Attributes {
    /// Reads the identity token's `attrs` claim (see `docs/descriptor.md`, "Digest") for
    /// `city`. Absent or `null` members are absent classes; a member of the wrong shape is an
    /// error naming it. Accounts of other cities and of unknown kinds are skipped.
    pub fn from_claims(attrs: &Json, city: &str) -> Result<Attributes, DigestError> {
        let bad = |what: &str, why: String| DigestError::Claims(format!("`{what}` {why}"));
        let Some(m) = attrs.as_object() else {
            if attrs.is_null() {
                return Ok(Attributes::default());
            }
            return Err(DigestError::Claims(format!(
                "`attrs` must be an object, found {}",
                crate::parse::type_name(attrs)
            )));
        };
        let text = |key: &str, v: &Json| -> Result<String, DigestError> {
            let s = v.as_str().ok_or_else(|| {
                bad(key, format!("must be a string, found {}", crate::parse::type_name(v)))
            })?;
            let s = s.trim();
            if s.chars().count() > MAX_ATTR_LEN {
                return Err(bad(key, format!("is longer than {MAX_ATTR_LEN} characters")));
            }
            Ok(s.to_string())
        };
        let mut out = Attributes::default();
        for (class, key) in [
            (AttributeClass::Name, "name"),
            (AttributeClass::IdNumber, "id_number"),
            (AttributeClass::Mobile, "mobile"),
        ] {
            match m.get(key) {
                None | Some(Json::Null) => {}
                Some(v) => {
                    let s = text(key, v)?;
                    if !s.is_empty() {
                        out.values.insert(class, AttrValue::One(s));
                    }
                }
            }
        }
        let list = |key: &str, max: usize| -> Result<&[Json], DigestError> {
            match m.get(key) {
                None | Some(Json::Null) => Ok(&[]),
                Some(Json::Array(a)) if a.len() <= max => Ok(a.as_slice()),
                Some(Json::Array(a)) => {
                    Err(bad(key, format!("has {} items; at most {max} are read", a.len())))
                }
                Some(v) => {
                    Err(bad(key, format!("must be an array, found {}", crate::parse::type_name(v))))
                }
            }
        };
        let mut plates = Vec::new();
        for (i, v) in list("plates", MAX_ATTR_ITEMS)?.iter().enumerate() {
            let s = text(&format!("plates/{i}"), v)?;
            if !s.is_empty() && !plates.contains(&s) {
                plates.push(s);
            }
        }
        if !plates.is_empty() {
            out.values.insert(AttributeClass::Plates, AttrValue::Many(plates));
        }
        for (i, v) in list("accounts", MAX_ACCOUNTS)?.iter().enumerate() {
            let at = format!("accounts/{i}");
            let Some(acc) = v.as_object() else {
                return Err(bad(
                    &at,
                    format!("must be an object, found {}", crate::parse::type_name(v)),
                ));
            };
            let field = |k: &str| -> Result<String, DigestError> {
                match acc.get(k) {
                    Some(v) => text(&format!("{at}/{k}"), v),
                    None => Err(bad(&at, format!("has no `{k}`"))),
                }
            };
            let (kind, acc_city, number) = (field("kind")?, field("city")?, field("number")?);
            let class = AttributeClass::ALL.iter().find(|c| c.account_kind() == Some(&kind));
            let (Some(class), true, false) = (class, acc_city == city, number.is_empty()) else {
                continue;
            };
            match out.values.entry(*class).or_insert_with(|| AttrValue::Many(Vec::new())) {
                AttrValue::Many(v) if !v.contains(&number) && v.len() < MAX_ATTR_ITEMS => {
                    v.push(number)
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// The value of a class, if the citizen has one.
    pub fn get(&self, class: AttributeClass) -> Option<&AttrValue> {
        self.values.get(&class)
    }

    /// The classes the citizen has.
    pub fn classes(&self) -> Vec<AttributeClass> {
        self.values.keys().copied().collect()
    }

    /// The values of a class masked for display ([`AttributeClass::mask`]); empty when absent.
    pub fn masked(&self, class: AttributeClass) -> Vec<String> {
        self.get(class)
            .map_or_else(Vec::new, |v| v.values().into_iter().map(|s| class.mask(s)).collect())
    }

    /// Only the given classes (what a consent grants).
    pub fn only(&self, classes: &[AttributeClass]) -> Attributes {
        let values =
            self.values.iter().filter(|(k, _)| classes.contains(k)).map(|(k, v)| (*k, v.clone()));
        Attributes { values: values.collect() }
    }
}

/// A person request ready for the transport.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRequest {
    pub method: Method,
    /// The city's person endpoint with the query string (never carrying attributes).
    pub path: String,
    /// The body with only the declared classes' values.
    pub body: Option<Json>,
    /// Extra headers from the descriptor, in name order.
    pub headers: Vec<(String, String)>,
    pub timeout_ms: u32,
    /// The classes sent (the spec's `needs`), for the audit.
    pub classes: Vec<AttributeClass>,
}

/// Why a person query cannot be made or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DigestError {
    /// The identity claims are not of the documented shape.
    #[error("identity attributes: {0}")]
    Claims(String),
    /// The spec has no person endpoint (use [`crate::Descriptor::digest_for`] with a city that
    /// has `person_endpoint`).
    #[error("this city has no `person_endpoint`: the department does not answer person queries")]
    NoEndpoint,
    /// The citizen lacks a class the department needs.
    #[error("attribute `{class}` is needed by the department and the citizen has none")]
    MissingAttribute { class: AttributeClass },
    /// The department refused with its own code.
    #[error("the department refused with code `{code}`")]
    Department { code: String, message: Option<Text> },
    /// The answer is not what the digest describes.
    #[error("{0}")]
    Malformed(String),
}

/// Builds the person request: the spec's templates filled with the citizen's attributes of the
/// declared classes only. A list class (`"{plates}"` as a whole string) becomes a JSON array.
pub fn person_request(spec: &DigestSpec, attrs: &Attributes) -> Result<PersonRequest, DigestError> {
    let endpoint = spec.endpoint.as_ref().ok_or(DigestError::NoEndpoint)?;
    for class in &spec.needs {
        if attrs.get(*class).is_none() {
            return Err(DigestError::MissingAttribute { class: *class });
        }
    }
    let allowed = attrs.only(&spec.needs);
    let r = &spec.request;
    let mut path = endpoint.clone();
    let mut sep = '?';
    for (k, template) in &r.query {
        // Attributes never travel in a query string (refused at parse time): literal text only.
        path.push(sep);
        sep = '&';
        path.push_str(&encode(k));
        path.push('=');
        path.push_str(&encode(&fill_text(template, &Attributes::default())));
    }
    Ok(PersonRequest {
        method: r.method,
        path,
        body: r.body.as_ref().map(|b| fill_json(b, &allowed)),
        headers: r.headers.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        timeout_ms: r.timeout_ms,
        classes: spec.needs.clone(),
    })
}

fn fill_text(template: &str, attrs: &Attributes) -> String {
    let mut values = Map::new();
    for (k, v) in &attrs.values {
        values.insert(k.as_str().to_string(), v.values().join(","));
    }
    crate::request::fill(template, &values)
}

fn fill_json(v: &Json, attrs: &Attributes) -> Json {
    match v {
        Json::String(s) => {
            let list = crate::model::whole_placeholder(s)
                .and_then(AttributeClass::parse)
                .filter(|c| c.is_list())
                .map(|c| attrs.get(c).map(AttrValue::values).unwrap_or_default());
            match list {
                Some(items) => Json::Array(items.into_iter().map(Json::from).collect()),
                None => Json::String(fill_text(s, attrs)),
            }
        }
        Json::Array(a) => Json::Array(a.iter().map(|x| fill_json(x, attrs)).collect()),
        Json::Object(m) => {
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                out.insert(k.clone(), fill_json(x, attrs));
            }
            Json::Object(out)
        }
        other => other.clone(),
    }
}

/// One matter of a person: what My City shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Matter {
    /// How many records it stands for (at least 1).
    pub count: u32,
    /// The sum of its amount field, in fen (`None`: no amount declared or none read).
    pub amount_fen: Option<i64>,
    /// The earliest date of its date field.
    pub next_date: Option<Date>,
    pub status: MatterStatus,
    /// The rendered text per locale of the spec.
    pub text: Text,
    /// Input id → value: the service's non-secret inputs that open it for this matter.
    pub open: BTreeMap<String, String>,
}

impl serde::Serialize for Matter {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(6))?;
        m.serialize_entry("count", &self.count)?;
        m.serialize_entry("amount_fen", &self.amount_fen)?;
        m.serialize_entry("next_date", &self.next_date.map(|d| d.to_string()))?;
        m.serialize_entry("status", self.status.as_str())?;
        let text: BTreeMap<&str, &str> =
            self.text.0.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        m.serialize_entry("text", &text)?;
        m.serialize_entry("open", &self.open)?;
        m.end()
    }
}

impl MatterStatus {
    /// The status of a matter with this next date on `today`.
    pub fn of(next: Option<Date>, today: Date, due_soon_days: u32) -> MatterStatus {
        match next {
            None => MatterStatus::Info,
            Some(d) if d < today => MatterStatus::Overdue,
            Some(d) if d.days() - today.days() <= i64::from(due_soon_days) => MatterStatus::DueSoon,
            Some(_) => MatterStatus::Due,
        }
    }
}

/// Most urgent first: by status, then nearest next date (dateless last), then text.
pub fn sort_matters(matters: &mut [Matter]) {
    matters.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then_with(|| match (a.next_date, b.next_date) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.text.get("en").cmp(b.text.get("en")))
    });
}

/// Maps the department's person answer (HTTP status and body) to matters, most urgent first.
/// A department error code is [`DigestError::Department`]; an answer not as described is
/// [`DigestError::Malformed`]. Never panics.
pub fn matters(
    spec: &DigestSpec,
    status: u16,
    body: &str,
    today: Date,
) -> Result<Vec<Matter>, DigestError> {
    let records = match map_with(&spec.response, status, body) {
        Outcome::Records { records, problems, .. } => {
            if let Some(p) = problems.first() {
                return Err(DigestError::Malformed(format!("person answer: {p}")));
            }
            records
        }
        Outcome::DepartmentError { code, message, .. } => {
            return Err(DigestError::Department { code, message })
        }
        Outcome::Malformed(m) => return Err(DigestError::Malformed(m)),
    };
    let mut out = Vec::new();
    for m in &spec.matters {
        out.extend(form(m, &spec.response, &records, today)?);
    }
    sort_matters(&mut out);
    out.truncate(MAX_MATTERS);
    Ok(out)
}

/// A value as a machine string: enum code, text, integer, yuan amount, ISO date.
fn machine(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Money(fen) => {
            let sign = if *fen < 0 { "-" } else { "" };
            let a = fen.unsigned_abs();
            format!("{sign}{}.{:02}", a / 100, a % 100)
        }
        Value::Date { y, m, d } => format!("{y:04}-{m:02}-{d:02}"),
        Value::DateTime { y, m, d, hh, mm, ss } => {
            format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}+08:00")
        }
        Value::Label { code, .. } => code.clone(),
        Value::Missing => String::new(),
    }
}

fn date_of(v: &Value) -> Option<Date> {
    match v {
        Value::Date { y, m, d } | Value::DateTime { y, m, d, .. } => Date::new(*y, *m, *d),
        _ => None,
    }
}

/// The matters one spec forms from the records.
fn form(
    spec: &MatterSpec,
    response: &ResponseSpec,
    records: &[Record],
    today: Date,
) -> Result<Vec<Matter>, DigestError> {
    let kept = records.iter().filter(|r| match &spec.filter {
        Some(w) => w.values.contains(&machine(r.get(&w.field))),
        None => true,
    });
    let mut groups: Vec<(String, Vec<&Record>)> = Vec::new();
    for r in kept {
        let key = spec.group.as_ref().map(|g| machine(r.get(g))).unwrap_or_default();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, rs)) => rs.push(r),
            None => groups.push((key, vec![r])),
        }
    }
    let mut out = Vec::new();
    for (_, rs) in groups {
        let count = u32::try_from(rs.len()).unwrap_or(u32::MAX);
        let mut amount_fen: Option<i64> = None;
        if let Some(a) = &spec.amount {
            for r in &rs {
                if let Some(fen) = r.get(a).money() {
                    amount_fen =
                        Some(amount_fen.unwrap_or(0).checked_add(fen).ok_or_else(|| {
                            DigestError::Malformed(format!("the sum of `{a}` overflows"))
                        })?);
                }
            }
        }
        let next_date =
            spec.date.as_ref().and_then(|d| rs.iter().filter_map(|r| date_of(r.get(d))).min());
        // The record the text's and `open`'s field placeholders read: the one with the next
        // date, else the first.
        let first = spec
            .date
            .as_ref()
            .and_then(|d| rs.iter().find(|r| next_date.is_some() && date_of(r.get(d)) == next_date))
            .or(rs.first())
            .copied();
        let status = match next_date {
            None => spec.undated,
            Some(_) => MatterStatus::of(next_date, today, spec.due_soon_days),
        };
        let template = match (&spec.one, count) {
            (Some(one), 1) => one,
            _ => &spec.text,
        };
        let mut text = Text::default();
        for (locale, t) in &template.0 {
            text.0.insert(
                locale.clone(),
                render(t, locale, response, count, amount_fen, next_date, first),
            );
        }
        let mut open = BTreeMap::new();
        for (input, t) in &spec.open {
            let mut values = Map::new();
            if let Some(r) = first {
                for (id, v) in &r.fields {
                    values.insert(id.clone(), machine(v));
                }
            }
            let v = crate::request::fill(t, &values);
            if !v.is_empty() {
                open.insert(input.clone(), v);
            }
        }
        out.push(Matter { count, amount_fen, next_date, status, text, open });
    }
    Ok(out)
}

/// The matter's text: `{count}`, `{amount}`, `{date}` and the record's fields as shown, a field
/// of a personal-data class masked as the panels mask it (`浙A***45`): My City is read over the
/// citizen's shoulder too; the matter's `open` values carry the whole value to the service.
fn render(
    t: &str,
    locale: &str,
    response: &ResponseSpec,
    count: u32,
    amount: Option<i64>,
    date: Option<Date>,
    first: Option<&Record>,
) -> String {
    let mut values = Map::new();
    if let Some(r) = first {
        for (id, v) in &r.fields {
            let shown = v.display(locale);
            let pii = response.field(id).map_or(PiiClass::None, |f| f.pii);
            let shown = if pii == PiiClass::None { shown } else { crate::mask::mask(pii, &shown) };
            values.insert(id.clone(), shown);
        }
    }
    values.insert("count".into(), count.to_string());
    values.insert("amount".into(), amount.map_or_else(|| "—".into(), format_money));
    values.insert("date".into(), date.map_or_else(|| "—".into(), |d| d.to_string()));
    crate::request::fill(t, &values)
}
