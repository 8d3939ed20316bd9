//! `GET /api/v1/me/digest?city=`: one personal request fans out to every department the
//! citizen has consented to, in parallel, each with its own deadline (the digest request's
//! `timeout_ms`, at most [`MAX_DEADLINE`]); the answer lists what arrived (`ready`), what did
//! not arrive in time (`late`), what failed (`unavailable`) and the departments not consented
//! to (`not_granted`, never called). Each department receives only the attribute classes its
//! digest declares (`person_request`); each call is audited (classes and outcome, never values);
//! answers are cached per (user, city, service) for [`CACHE_TTL`], and a consent change drops
//! the user's cached answers.
//!
//! The departments are called over real HTTP at the platform's departments base URL: in the
//! sandbox, its own listening address (the simulated departments are served by the same
//! process under `/dept/...`), as a platform would call departments elsewhere.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::Json;
use citypanel_descriptor::digest::{
    matters, person_request, Attributes, DigestError, Matter, PersonRequest,
};
use citypanel_descriptor::model::Method;
use serde_json::{json, Value};

use super::audit::{self, Outcome};
use super::consent::{self, text_json, PersonService};
use crate::db::Db;
use crate::error::ApiError;
use crate::extract::{QueryObject, CITY_HEADER};
use crate::identity::attrs::Person;
use crate::time::{beijing_today, now_ms, rfc3339};
use crate::AppState;

/// The longest a department is waited for.
pub const MAX_DEADLINE: Duration = Duration::from_secs(3);

/// How long a department's answer is reused.
pub const CACHE_TTL: Duration = Duration::from_secs(60);

/// How the platform reaches the departments: a base URL and one HTTP client.
#[derive(Debug, Clone)]
pub struct Departments {
    /// E.g. `http://127.0.0.1:8080` (no trailing slash); endpoints are paths under it.
    pub base: String,
    client: reqwest::Client,
}

impl Departments {
    /// Departments under `base`, called without any proxy.
    pub fn new(base: &str) -> Result<Departments, String> {
        let client = reqwest::Client::builder()
            .no_proxy()
            .pool_idle_timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| format!("cannot build the departments' HTTP client: {e}"))?;
        Ok(Departments { base: base.trim_end_matches('/').to_string(), client })
    }

    /// Sends a person request and reads the answer's status and body.
    async fn send(&self, request: &PersonRequest, city: &str) -> Result<(u16, String), String> {
        let url = format!("{}{}", self.base, request.path);
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        let mut builder = self.client.request(method, url).header(CITY_HEADER, city);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.json(body);
        }
        let response = builder.send().await.map_err(|e| e.without_url().to_string())?;
        let status = response.status().as_u16();
        let text = response.text().await.map_err(|e| e.without_url().to_string())?;
        Ok((status, text))
    }
}

/// The state of one service in a digest answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ServiceState {
    Ready,
    Late,
    Unavailable,
    NotGranted,
}

impl ServiceState {
    /// `ready`, `late`, `unavailable` or `not_granted`.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceState::Ready => "ready",
            ServiceState::Late => "late",
            ServiceState::Unavailable => "unavailable",
            ServiceState::NotGranted => "not_granted",
        }
    }
}

type Key = (String, String, String);

#[derive(Default)]
struct CacheInner {
    /// (user, city, service) → (request fingerprint, stored at, matters).
    entries: HashMap<Key, (String, Instant, Arc<Vec<Matter>>)>,
    /// Per user, bumped by [`Cache::forget`]: an answer begun before is not stored.
    generations: HashMap<String, u64>,
}

/// The departments' recent answers per (user, city, service).
#[derive(Default)]
pub struct Cache {
    inner: Mutex<CacheInner>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").finish_non_exhaustive()
    }
}

impl Cache {
    fn lock(&self) -> MutexGuard<'_, CacheInner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Drops every cached answer of `user` (consent changed).
    pub fn forget(&self, user: &str) {
        let mut inner = self.lock();
        inner.entries.retain(|(u, _, _), _| u != user);
        *inner.generations.entry(user.to_string()).or_default() += 1;
    }

    fn generation(&self, user: &str) -> u64 {
        self.lock().generations.get(user).copied().unwrap_or_default()
    }

    /// A fresh answer to the same request, if any.
    fn get(&self, key: &Key, fingerprint: &str) -> Option<Arc<Vec<Matter>>> {
        let mut inner = self.lock();
        let found = match inner.entries.get(key) {
            Some((f, at, matters)) if f == fingerprint && at.elapsed() < CACHE_TTL => {
                return Some(Arc::clone(matters));
            }
            Some(_) => true,
            None => false,
        };
        if found {
            inner.entries.remove(key);
        }
        None
    }

    fn put(&self, key: Key, fingerprint: String, generation: u64, matters: Arc<Vec<Matter>>) {
        let mut inner = self.lock();
        if inner.generations.get(&key.0).copied().unwrap_or_default() != generation {
            return;
        }
        // Lapsed answers are dropped as new ones come, so the map holds recent users only.
        inner.entries.retain(|_, (_, at, _)| at.elapsed() < CACHE_TTL);
        inner.entries.insert(key, (fingerprint, Instant::now(), matters));
    }
}

/// One service of the answer.
struct Line {
    service: String,
    title: Value,
    department: Value,
    state: ServiceState,
    matters: Arc<Vec<Matter>>,
}

impl Line {
    fn new(s: &PersonService, state: ServiceState, matters: Arc<Vec<Matter>>) -> Line {
        Line {
            service: s.id.clone(),
            title: text_json(&s.title),
            department: text_json(&s.department),
            state,
            matters,
        }
    }

    fn json(&self) -> Value {
        json!({
            "service": self.service,
            "title": self.title,
            "department": self.department,
            "state": self.state.as_str(),
            "matters": &*self.matters,
        })
    }
}

/// Most urgent first: by the status of the service's most urgent matter (services without
/// matters after), its nearest date, then ready, late, unavailable, not granted, then id.
fn sort_lines(lines: &mut [Line]) {
    lines.sort_by(|a, b| {
        let top =
            |l: &Line| l.matters.first().map(|m| (m.status, m.next_date.is_none(), m.next_date));
        let rank = |l: &Line| (top(l).is_none(), top(l));
        rank(a)
            .cmp(&rank(b))
            .then_with(|| a.state.cmp(&b.state))
            .then_with(|| a.service.cmp(&b.service))
    });
}

/// Everything one department call needs, moved into its task.
struct Call {
    db: Db,
    departments: Option<Departments>,
    cache: Arc<Cache>,
    user: String,
    city: String,
    service: PersonService,
    request: PersonRequest,
    fingerprint: String,
    generation: u64,
}

impl Call {
    /// Calls the department within its deadline, maps its answer, audits the call and caches
    /// a readable answer. Runs to its end even if the citizen stops waiting (the audit row is
    /// always written).
    async fn run(self) -> Line {
        let deadline = Duration::from_millis(u64::from(self.request.timeout_ms)).min(MAX_DEADLINE);
        let outcome = match &self.departments {
            None => Err(Outcome::Unavailable),
            Some(departments) => {
                match tokio::time::timeout(deadline, departments.send(&self.request, &self.city))
                    .await
                {
                    Err(_) => Err(Outcome::Late),
                    Ok(Err(error)) => {
                        tracing::warn!(service = %self.service.id, %error, "person query failed");
                        Err(Outcome::Unavailable)
                    }
                    Ok(Ok((status, body))) => {
                        match matters(&self.service.spec, status, &body, beijing_today()) {
                            Ok(found) => Ok(Arc::new(found)),
                            Err(error) => {
                                // Only the kind: a malformed answer's message may quote its
                                // values, which are the citizen's.
                                let why = match &error {
                                    DigestError::Department { code, .. } => code.as_str(),
                                    _ => "unreadable answer",
                                };
                                tracing::warn!(service = %self.service.id, status, why,
                                               "person answer refused");
                                Err(Outcome::Unavailable)
                            }
                        }
                    }
                }
            }
        };
        let audited = match &outcome {
            Ok(_) => Outcome::Ok,
            Err(o) => *o,
        };
        let classes: Vec<&'static str> = self.request.classes.iter().map(|c| c.as_str()).collect();
        let (user, city, service) = (self.user.clone(), self.city.clone(), self.service.id.clone());
        let written = self
            .db
            .call(move |conn| audit::record(conn, &user, &city, &service, &classes, audited))
            .await;
        if let Err(error) = written {
            tracing::error!(%error, "cannot write the digest audit");
        }
        match outcome {
            Ok(found) => {
                let key = (self.user.clone(), self.city.clone(), self.service.id.clone());
                self.cache.put(key, self.fingerprint.clone(), self.generation, Arc::clone(&found));
                Line::new(&self.service, ServiceState::Ready, found)
            }
            Err(Outcome::Late) => Line::new(&self.service, ServiceState::Late, Arc::default()),
            Err(_) => Line::new(&self.service, ServiceState::Unavailable, Arc::default()),
        }
    }
}

/// A fingerprint of what a request sends (its path and body), so a cached answer is reused
/// only for the same attributes.
fn fingerprint(request: &PersonRequest) -> String {
    let body = request.body.as_ref().map(Value::to_string).unwrap_or_default();
    crate::ids::fingerprint(format!("{}\n{body}", request.path).as_bytes())
}

/// `GET /api/v1/me/digest?city=`.
pub async fn get_digest(
    State(state): State<AppState>,
    person: Person,
    QueryObject(query): QueryObject,
) -> Result<Json<Value>, ApiError> {
    let city = consent::query_city(&state, &query)?;
    let attrs: Attributes = consent::attributes(&person, &city)?;
    let (user, c) = (person.user.clone(), city.clone());
    let granted = state.db.call(move |conn| consent::granted(conn, &user, &c)).await?;
    let generation = state.digests.generation(&person.user);
    let mut lines: Vec<Line> = Vec::new();
    let mut calls = Vec::new();
    for service in state.people.services(&city) {
        // A department that cannot answer for this citizen is neither listed nor asked.
        if !service.applies_to(&attrs) {
            continue;
        }
        if !service.granted_by(granted.classes.get(&service.id)) {
            lines.push(Line::new(service, ServiceState::NotGranted, Arc::default()));
            continue;
        }
        // Only the declared classes are sent; a citizen without one is not asked.
        let Ok(request) = person_request(&service.spec, &attrs) else {
            lines.push(Line::new(service, ServiceState::Unavailable, Arc::default()));
            continue;
        };
        let fingerprint = fingerprint(&request);
        let key = (person.user.clone(), city.clone(), service.id.clone());
        if let Some(found) = state.digests.get(&key, &fingerprint) {
            lines.push(Line::new(service, ServiceState::Ready, found));
            continue;
        }
        let call = Call {
            db: state.db.clone(),
            departments: state.departments.clone(),
            cache: Arc::clone(&state.digests),
            user: person.user.clone(),
            city: city.clone(),
            service: service.clone(),
            request,
            fingerprint,
            generation,
        };
        calls.push((service.clone(), tokio::spawn(call.run())));
    }
    for (service, task) in calls {
        match task.await {
            Ok(line) => lines.push(line),
            Err(error) => {
                tracing::error!(%error, "a person query task failed");
                lines.push(Line::new(&service, ServiceState::Unavailable, Arc::default()));
            }
        }
    }
    sort_lines(&mut lines);
    let services: Vec<Value> = lines.iter().map(Line::json).collect();
    Ok(Json(json!({
        "city": city,
        "asked": granted.asked,
        "as_of": rfc3339(now_ms()),
        "services": services,
    })))
}
