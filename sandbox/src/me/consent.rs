//! My City's consent: which departments may be asked about the citizen, per host user
//! (`host:sub`), city, service and attribute class. `GET /api/v1/me/consent?city=` shows each
//! department that answers person queries in the city with the citizen's attributes it would
//! receive (masked); `PUT /api/v1/me/consent` records the citizen's answer. Granting a service
//! grants the classes its digest needs today: a service whose descriptor later needs another
//! class counts as not granted until the citizen is asked again.

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::State;
use axum::Json;
use citypanel_descriptor::digest::{AttributeClass, Attributes, DigestSpec};
use citypanel_descriptor::text::Text;
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::catalog::Catalog;
use crate::db::immediate;
use crate::error::{ApiError, JsonBody};
use crate::extract::QueryObject;
use crate::identity::attrs::Person;
use crate::time::now_ms;
use crate::validate::{shown, Checker, CITY};
use crate::AppState;

/// A service of the published catalog that answers person queries in a city.
#[derive(Debug, Clone)]
pub struct PersonService {
    /// The service id.
    pub id: String,
    pub title: Text,
    /// The city's department.
    pub department: Text,
    /// The digest spec resolved for the city (its `person_endpoint` set).
    pub spec: DigestSpec,
}

impl PersonService {
    /// Whether the granted classes cover everything the service needs today.
    pub fn granted_by(&self, classes: Option<&BTreeSet<String>>) -> bool {
        classes.is_some_and(|c| self.spec.needs.iter().all(|n| c.contains(n.as_str())))
    }

    /// Whether the department can answer for this citizen: the token has every class the
    /// service needs (a citizen without a gas account in the city is not asked about one, nor
    /// asked to consent to it).
    pub fn applies_to(&self, attrs: &Attributes) -> bool {
        self.spec.needs.iter().all(|n| attrs.get(*n).is_some())
    }
}

/// Every published service with a `digest` and a `person_endpoint`, per city, in catalog order.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    by_city: BTreeMap<String, Vec<PersonService>>,
}

impl Directory {
    /// Reads the digests of the catalog's (already validated) descriptors.
    pub fn build(catalog: &Catalog) -> Directory {
        let mut parsed: BTreeMap<String, Option<citypanel_descriptor::Descriptor>> =
            BTreeMap::new();
        let mut by_city: BTreeMap<String, Vec<PersonService>> = BTreeMap::new();
        for city in catalog.cities() {
            let Some(code) = city.get("code").and_then(Value::as_str) else { continue };
            for summary in catalog.summaries(code) {
                let Some(id) = summary.get("id").and_then(Value::as_str) else { continue };
                let descriptor = parsed.entry(id.to_string()).or_insert_with(|| {
                    let value = catalog.service(code, id)?;
                    citypanel_descriptor::parse_value(value).descriptor
                });
                let Some(d) = descriptor.as_ref() else { continue };
                let (Some(spec), Some(binding)) = (d.digest_for(code), d.city(code)) else {
                    continue;
                };
                by_city.entry(code.to_string()).or_default().push(PersonService {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    department: binding.department.clone(),
                    spec,
                });
            }
        }
        Directory { by_city }
    }

    /// The person services of `city` (none for an unknown city).
    pub fn services(&self, city: &str) -> &[PersonService] {
        self.by_city.get(city).map_or(&[], Vec::as_slice)
    }
}

/// Localized text as JSON (`{"zh-CN": …, "en": …}`).
pub fn text_json(text: &Text) -> Value {
    Value::Object(text.0.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect())
}

/// What a user has granted in a city: service → granted classes; and whether they answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Granted {
    pub asked: bool,
    pub classes: BTreeMap<String, BTreeSet<String>>,
}

/// Reads the consent of `user` in `city`.
pub fn granted(conn: &mut Connection, user: &str, city: &str) -> Result<Granted, ApiError> {
    let tx = conn.transaction()?;
    let asked: i64 = tx.query_row(
        "SELECT COUNT(*) FROM consent_answers WHERE user_id = ?1 AND city = ?2",
        [user, city],
        |r| r.get(0),
    )?;
    let mut classes: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    {
        let mut statement =
            tx.prepare("SELECT service, class FROM consents WHERE user_id = ?1 AND city = ?2")?;
        let rows = statement
            .query_map([user, city], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (service, class) = row?;
            classes.entry(service).or_default().insert(class);
        }
    }
    tx.commit()?;
    Ok(Granted { asked: asked > 0, classes })
}

/// Records an answer of `user` in `city`: each service granted (with these classes) or
/// withdrawn, and that the user has answered there; one `BEGIN IMMEDIATE` transaction.
pub fn answer(
    conn: &mut Connection,
    user: &str,
    city: &str,
    choices: &[(String, Option<Vec<AttributeClass>>)],
) -> Result<(), ApiError> {
    let tx = immediate(conn)?;
    let now = now_ms();
    for (service, grant) in choices {
        tx.execute(
            "DELETE FROM consents WHERE user_id = ?1 AND city = ?2 AND service = ?3",
            [user, city, service],
        )?;
        for class in grant.iter().flatten() {
            tx.execute(
                "INSERT INTO consents (user_id, city, service, class, granted_ms) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![user, city, service, class.as_str(), now],
            )?;
        }
    }
    tx.execute(
        "INSERT INTO consent_answers (user_id, city, answered_ms) VALUES (?1, ?2, ?3) \
         ON CONFLICT (user_id, city) DO UPDATE SET answered_ms = excluded.answered_ms",
        rusqlite::params![user, city, now],
    )?;
    tx.commit()?;
    Ok(())
}

/// The consent answer: each person service of the city, the citizen's attributes it would
/// receive (masked) and whether it is granted; services needing a class the token lacks are
/// left out.
pub fn view(
    services: &[PersonService],
    attrs: &Attributes,
    city: &str,
    granted: &Granted,
) -> Value {
    let departments: Vec<Value> = services
        .iter()
        .filter(|s| s.applies_to(attrs))
        .map(|s| {
            let attributes: Vec<Value> = s
                .spec
                .needs
                .iter()
                .filter(|class| attrs.get(**class).is_some())
                .map(|class| json!({ "class": class.as_str(), "masked": attrs.masked(*class) }))
                .collect();
            json!({
                "service": s.id,
                "department": text_json(&s.department),
                "title": text_json(&s.title),
                "attributes": attributes,
                "granted": s.granted_by(granted.classes.get(&s.id)),
            })
        })
        .collect();
    json!({ "city": city, "asked": granted.asked, "departments": departments })
}

/// The checked `city` of a personal query string; `404` for a city the catalog lacks.
pub fn query_city(state: &AppState, query: &Value) -> Result<String, ApiError> {
    let mut check = Checker::query(query)?;
    let city = check.text("city", CITY);
    check.finish()?;
    let city = city.ok_or_else(|| ApiError::Internal("validation lost a field".into()))?;
    known_city(state, city)
}

fn known_city(state: &AppState, city: String) -> Result<String, ApiError> {
    if state.catalog.has_city(&city) {
        Ok(city)
    } else {
        Err(ApiError::NotFound(format!("no city `{city}`")))
    }
}

/// The token's attributes for `city` (checked when the token was read).
pub fn attributes(person: &Person, city: &str) -> Result<Attributes, ApiError> {
    Attributes::from_claims(&person.attrs, city).map_err(|e| {
        ApiError::Unauthorized("invalid_token", format!("the identity token's attrs: {e}"))
    })
}

/// `GET /api/v1/me/consent?city=`.
pub async fn get_consent(
    State(state): State<AppState>,
    person: Person,
    QueryObject(query): QueryObject,
) -> Result<Json<Value>, ApiError> {
    let city = query_city(&state, &query)?;
    let attrs = attributes(&person, &city)?;
    let (user, c) = (person.user.clone(), city.clone());
    let found = state.db.call(move |conn| granted(conn, &user, &c)).await?;
    Ok(Json(view(state.people.services(&city), &attrs, &city, &found)))
}

/// `PUT /api/v1/me/consent` `{"city", "services": {id: bool}}`: every id must be a person
/// service of the city. Drops the user's cached digest answers.
pub async fn put_consent(
    State(state): State<AppState>,
    person: Person,
    body: Result<JsonBody<Value>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    let JsonBody(body) = body?;
    let mut check = Checker::new(&body)?;
    let city = check.text("city", CITY);
    let services = check.value("services");
    let mut choices: Vec<(String, Option<Vec<AttributeClass>>)> = Vec::new();
    match services.map(|s| (s, s.as_object())) {
        None => {}
        Some((_, Some(map))) => {
            // Without a valid, known city the ids cannot be checked: only the city is reported
            // (`422` at `/city`, or `404` below).
            let known = city
                .as_deref()
                .filter(|c| state.catalog.has_city(c))
                .map(|c| state.people.services(c));
            for (id, choice) in map.iter().filter(|_| known.is_some()) {
                let known = known.unwrap_or_default();
                let path = format!("/services/{}", id.replace('~', "~0").replace('/', "~1"));
                let Some(service) = known.iter().find(|s| &s.id == id) else {
                    let message = format!(
                        "service `{}` does not answer person queries in this city",
                        shown(&Value::String(id.clone()))
                    );
                    check.reject(&path, "unknown_service", message);
                    continue;
                };
                match choice {
                    Value::Bool(true) => {
                        choices.push((id.clone(), Some(service.spec.needs.clone())))
                    }
                    Value::Bool(false) => choices.push((id.clone(), None)),
                    other => {
                        let message =
                            format!("a choice must be true or false, got `{}`", shown(other));
                        check.reject(&path, "type", message);
                    }
                }
            }
        }
        Some((other, None)) => {
            let message = format!("services must be a json object, got `{}`", shown(other));
            check.reject("/services", "type", message);
        }
    }
    check.finish()?;
    let city = city.ok_or_else(|| ApiError::Internal("validation lost a field".into()))?;
    let city = known_city(&state, city)?;
    let attrs = attributes(&person, &city)?;
    let (user, c) = (person.user.clone(), city.clone());
    let found = state
        .db
        .call(move |conn| {
            answer(conn, &user, &c, &choices)?;
            granted(conn, &user, &c)
        })
        .await?;
    state.digests.forget(&person.user);
    Ok(Json(view(state.people.services(&city), &attrs, &city, &found)))
}
