//! `Idempotency-Key` on the department routes, as on the platform's own: every `POST` that
//! changes something at a department (a transaction's request — a hold, an application, a
//! renewal, a reminder — or a lifecycle's `confirm`, `release`, `cancel`) and carries the
//! header is done once per key and route. Reads (queries, status polls, options) are answered
//! afresh, as a retry must see a bill paid since. A retry with the same key and the same request (body, query, city header) gets the
//! first answer again (with `idempotent-replayed: true`) and changes nothing; the same key
//! with another request is `409 idempotency_mismatch`; concurrent retries wait for the first
//! and share its answer, so 20 retries of a hold make one hold. Only answers the department
//! gave are kept: a fault, a refused body or a failed read of the books is not, so a retry
//! after them is tried again. Kept in memory, like the departments' own desks, for the
//! newest [`CAPACITY`] keys.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;
use serde_json::Value;
use tokio::sync::OnceCell;

use crate::error::ApiError;
use crate::extract::IDEMPOTENCY_KEY;

/// The header on a replayed answer, as on the platform's routes.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// How many keys are remembered (the oldest are forgotten first).
pub const CAPACITY: usize = 50_000;

/// The department's answer to a keyed request: status and body.
pub type Kept = (u16, Value);

/// One key's request and answer.
#[derive(Debug, Default)]
pub struct Entry {
    fingerprint: String,
    answer: OnceCell<Kept>,
}

impl Entry {
    /// The answer for this key: the kept one, or the one `first` gives (kept when it is
    /// `Ok`; an `Err` is passed on and the next retry runs again). Concurrent callers wait
    /// for one another. The flag says whether the answer was kept from before.
    pub async fn answer<F, Fut, E>(&self, first: F) -> Result<(Kept, bool), E>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Kept, E>>,
    {
        let mut ran = false;
        let kept = self
            .answer
            .get_or_try_init(|| {
                ran = true;
                first()
            })
            .await?;
        Ok((kept.clone(), !ran))
    }
}

/// The keys seen, per route.
#[derive(Debug, Default)]
pub struct Replies {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    entries: HashMap<(String, String), Arc<Entry>>,
    order: VecDeque<(String, String)>,
}

impl Replies {
    /// The entry of `key` on `route` for a request with this fingerprint: `409
    /// idempotency_mismatch` when the key was used with another request.
    pub fn entry(
        &self,
        route: &str,
        key: &str,
        fingerprint: String,
    ) -> Result<Arc<Entry>, ApiError> {
        // A poisoned lock only means another request panicked; the map is still whole.
        let mut inner = self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let id = (route.to_string(), key.to_string());
        if let Some(entry) = inner.entries.get(&id) {
            if entry.fingerprint != fingerprint {
                return Err(ApiError::Conflict(
                    "idempotency_mismatch",
                    format!("idempotency key `{key}` was already used with a different request"),
                ));
            }
            return Ok(Arc::clone(entry));
        }
        let entry = Arc::new(Entry { fingerprint, answer: OnceCell::new() });
        inner.entries.insert(id.clone(), Arc::clone(&entry));
        inner.order.push_back(id);
        while inner.order.len() > CAPACITY {
            if let Some(old) = inner.order.pop_front() {
                inner.entries.remove(&old);
            }
        }
        Ok(entry)
    }

    /// The header on a replayed answer, as on the platform's routes.
    pub const REPLAYED_HEADER: &str = "idempotent-replayed";

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner).entries.len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The request's `Idempotency-Key`, if it sent one: 8–128 characters of `[A-Za-z0-9_-]`
/// (`400 invalid_idempotency_key` otherwise), as on the platform's routes.
pub fn key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(None);
    };
    let bad = |message: String| ApiError::BadHeader("invalid_idempotency_key", message);
    let text = value.to_str().map_err(|_| bad("header `idempotency-key` must be ascii".into()))?;
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if (8..=128).contains(&text.len()) && text.chars().all(allowed) {
        Ok(Some(text.to_string()))
    } else {
        let shown: String = text.chars().take(140).collect();
        Err(bad(format!(
            "header `idempotency-key` must be 8 to 128 characters of `[A-Za-z0-9_-]`, got `{shown}`"
        )))
    }
}

/// What makes two requests the same: the body, the query and the city header.
pub fn fingerprint(
    body: &Value,
    query: &std::collections::BTreeMap<String, String>,
    city: Option<&str>,
) -> String {
    let what = serde_json::json!({ "body": body, "query": query, "city": city });
    crate::ids::fingerprint(what.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_key_answers_once_and_refuses_another_request() {
        let replies = Replies::default();
        let entry = replies.entry("/hub/x", "key-00001", "f1".into()).expect("entry");
        let first: Result<(Kept, bool), ()> =
            entry.answer(|| async { Ok((200, Value::from(1))) }).await;
        assert_eq!(first, Ok(((200, Value::from(1)), false)));
        let again = replies.entry("/hub/x", "key-00001", "f1".into()).expect("entry");
        let second: Result<(Kept, bool), ()> =
            again.answer(|| async { Ok((200, Value::from(2))) }).await;
        assert_eq!(second, Ok(((200, Value::from(1)), true)), "the first answer, replayed");
        let other = replies.entry("/hub/x", "key-00001", "f2".into()).map(|_| ());
        assert_eq!(other.map_err(|e| e.code()), Err("idempotency_mismatch"));
        assert!(replies.entry("/hub/y", "key-00001", "f2".into()).is_ok(), "keys are per route");
    }

    #[tokio::test]
    async fn a_failed_first_attempt_is_not_kept() {
        let replies = Replies::default();
        let entry = replies.entry("/hub/x", "key-00002", "f".into()).expect("entry");
        let failed: Result<(Kept, bool), &str> = entry.answer(|| async { Err("busy") }).await;
        assert_eq!(failed, Err("busy"));
        let retried: Result<(Kept, bool), &str> =
            entry.answer(|| async { Ok((200, Value::Null)) }).await;
        assert_eq!(retried, Ok(((200, Value::Null), false)));
    }

    #[test]
    fn keys_are_checked_like_the_platforms() {
        let mut headers = HeaderMap::new();
        assert_eq!(key(&headers).map_err(|e| e.code()), Ok(None));
        headers.insert(IDEMPOTENCY_KEY, axum::http::HeaderValue::from_static("short"));
        assert_eq!(key(&headers).map_err(|e| e.code()), Err("invalid_idempotency_key"));
        headers.insert(IDEMPOTENCY_KEY, axum::http::HeaderValue::from_static("good-key_0001"));
        assert_eq!(key(&headers).map_err(|e| e.code()), Ok(Some("good-key_0001".into())));
    }

    #[test]
    fn the_oldest_keys_are_forgotten_past_the_capacity() {
        let replies = Replies::default();
        for n in 0..CAPACITY + 10 {
            replies.entry("/r", &format!("key-{n:08}"), "f".into()).expect("entry");
        }
        assert_eq!(replies.len(), CAPACITY);
        // The oldest was forgotten: its key is free again, for any request.
        assert!(replies.entry("/r", "key-00000000", "other".into()).is_ok());
    }
}
