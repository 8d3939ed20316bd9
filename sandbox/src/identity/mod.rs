//! Host-signed identity: hosts sign a [`token`] for their signed-in user, the panel forwards
//! it as `Authorization: Bearer <token>`, and the personal routes (orders, bookings,
//! subscriptions, My City) answer only for that user. Tokens are secrets: never logged,
//! never echoed.

pub mod attrs;
pub mod token;

use std::collections::BTreeMap;
use std::fmt;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::error::{ApiError, JsonBody};
use crate::time::now_ms;
use crate::AppState;

pub use token::{sign, verify, Claims, TokenError};

/// The shortest accepted `--host-key` secret, in characters.
pub const MIN_KEY_LEN: usize = 16;

/// SANDBOX-ONLY development keys of the four demo hosts, used when no `--host-key` is
/// given. They are public: never use them outside the sandbox.
pub const DEV_KEYS: [(&str, &str); 4] = [
    ("wallet", "sandbox-dev-only-wallet-key-0001"),
    ("microblog", "sandbox-dev-only-microblog-key-02"),
    ("shop", "sandbox-dev-only-shop-key-0000003"),
    ("messenger", "sandbox-dev-only-messenger-key-04"),
];

/// The signing key of each host. `Debug` shows host names only, never a key.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct HostKeys(BTreeMap<String, Vec<u8>>);

impl HostKeys {
    /// The built-in sandbox-only [`DEV_KEYS`].
    pub fn dev() -> HostKeys {
        let mut keys = HostKeys::default();
        for (host, key) in DEV_KEYS {
            keys.insert(host, key);
        }
        keys
    }

    /// Sets the key of `host`.
    pub fn insert(&mut self, host: &str, key: &str) {
        self.0.insert(host.to_string(), key.as_bytes().to_vec());
    }

    /// The key of `host`.
    pub fn get(&self, host: &str) -> Option<&[u8]> {
        self.0.get(host).map(Vec::as_slice)
    }

    /// Whether no host has a key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for HostKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hosts: Vec<&String> = self.0.keys().collect();
        f.debug_tuple("HostKeys").field(&hosts).finish()
    }
}

/// How the platform checks identity. Secure by default: the personal routes refuse a request
/// without a token unless `allow_anonymous` (`--dev-allow-anonymous`, development only).
#[derive(Debug, Clone, Default)]
pub struct Identity {
    /// The keys tokens are verified with.
    pub keys: HostKeys,
    /// DEVELOPMENT ONLY (`--dev-allow-anonymous`): the personal routes answer requests
    /// without a token and believe the `user` they name.
    pub allow_anonymous: bool,
}

impl Identity {
    /// The dev keys, tokens required.
    pub fn dev() -> Identity {
        Identity { keys: HostKeys::dev(), allow_anonymous: false }
    }
}

fn now_s() -> i64 {
    now_ms().div_euclid(1000)
}

fn unauthorized(code: &'static str, message: &str) -> ApiError {
    ApiError::Unauthorized(code, message.to_string())
}

/// The caller of a personal route: the verified user of its Bearer token as `host:sub`
/// (each host's users are its own: the microblog's `u-1` is not the wallet's `u-1`), or
/// `None` when no token was sent under `--dev-allow-anonymous` (otherwise that is
/// `401 missing_token`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller(pub Option<String>);

/// The platform's user for a host's `sub`: `host:sub`.
pub fn platform_user(claims: &Claims) -> String {
    format!("{}:{}", claims.host, claims.sub)
}

/// The longest platform user id (`host:sub`), in characters.
pub const MAX_USER_LEN: usize = 128;

/// The verified claims of the request's Bearer token: `None` without an `authorization`
/// header when `required` is false and `--dev-allow-anonymous` is on; otherwise a missing,
/// malformed, forged or expired token, or one whose `host:sub` is longer than
/// [`MAX_USER_LEN`], is a `401` with its own code.
pub(crate) fn verified_claims(
    parts: &Parts,
    state: &AppState,
    required: bool,
) -> Result<Option<Claims>, ApiError> {
    let Some(value) = parts.headers.get(AUTHORIZATION) else {
        if required || !state.identity.allow_anonymous {
            let message = "an identity token is required: send `authorization: bearer <token>`";
            return Err(unauthorized("missing_token", message));
        }
        return Ok(None);
    };
    let bearer = value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let Some(token) = bearer else {
        let message = "header `authorization` must be `bearer <token>`";
        return Err(unauthorized("invalid_token", message));
    };
    match verify(token, &state.identity.keys, now_s()) {
        Ok(claims) => {
            if platform_user(&claims).chars().count() > MAX_USER_LEN {
                let message = "the identity token's `host:sub` is longer than 128 characters";
                return Err(unauthorized("invalid_token", message));
            }
            Ok(Some(claims))
        }
        Err(error) => Err(unauthorized(error.code(), &error.to_string())),
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let claims = verified_claims(parts, state, false)?;
        Ok(Caller(claims.as_ref().map(platform_user)))
    }
}

impl Caller {
    /// Whether the caller may see a record of `user` (anyone may without a token, which only
    /// `--dev-allow-anonymous` lets through).
    pub fn owns(&self, user: &str) -> bool {
        self.0.as_deref().is_none_or(|sub| sub == user)
    }

    /// Checks the `user` field of a body or query object against the token's user, setting
    /// it to `host:sub` when missing or when it is the host's own `sub`: `403 wrong_user`
    /// when it names someone else.
    pub fn claim(&self, object: &mut Value) -> Result<(), ApiError> {
        let (Some(user), Some(map)) = (&self.0, object.as_object_mut()) else {
            return Ok(());
        };
        let sub = user.split_once(':').map_or(user.as_str(), |(_, sub)| sub);
        match map.get("user") {
            None => {}
            Some(Value::String(named)) if named == user || named == sub => {}
            Some(Value::String(_)) => {
                let message = "`user` must be the identity token's own user";
                return Err(ApiError::Denied("wrong_user", message.into()));
            }
            // Not a string: validation reports it.
            Some(_) => return Ok(()),
        }
        map.insert("user".into(), Value::String(user.clone()));
        Ok(())
    }
}

/// The body of `POST /admin/tokens`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MintRequest {
    /// The signing host, e.g. `wallet`.
    pub host: String,
    /// The user id.
    pub sub: String,
    /// Lifetime in seconds, 1 to 86400 (default 3600).
    #[serde(default = "default_ttl")]
    pub ttl_s: i64,
    /// The user's identity attributes (checked: [`attrs::check`]). When absent and `sub` is
    /// a demo citizen (`u-chen`, `u-lin`, `u-zhou`, `u-huang`), the citizen's attributes.
    #[serde(default)]
    pub attrs: Option<Value>,
}

fn default_ttl() -> i64 {
    3600
}

/// The `/admin/tokens` route (loopback peers only).
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/tokens", post(mint))
}

async fn mint(
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
    body: Result<JsonBody<MintRequest>, ApiError>,
) -> Result<Json<Value>, ApiError> {
    crate::faults::loopback_only(peer)?;
    let JsonBody(request) = body?;
    if request.sub.is_empty() || request.sub.chars().count() > 128 {
        return Err(ApiError::field("/sub", "range", "sub must be 1 to 128 characters".into()));
    }
    if !(1..=86_400).contains(&request.ttl_s) {
        let message = format!("ttl_s must be from 1 to 86400, got `{}`", request.ttl_s);
        return Err(ApiError::field("/ttl_s", "range", message));
    }
    let attrs = match request.attrs {
        Some(Value::Null) | None => attrs::demo_attrs(&request.sub),
        Some(given) => {
            attrs::check(&given, "/attrs").map_err(ApiError::Invalid)?;
            given.as_object().cloned()
        }
    };
    let Some(key) = state.identity.keys.get(&request.host) else {
        return Err(ApiError::NotFound(format!("no key for host `{}`", request.host)));
    };
    let now = now_s();
    let claims = Claims {
        host: request.host.clone(),
        sub: request.sub,
        iat: now,
        exp: now + request.ttl_s,
        attrs,
    };
    let token = sign(&request.host, key, &claims);
    Ok(Json(json!({ "token": token, "claims": claims })))
}
