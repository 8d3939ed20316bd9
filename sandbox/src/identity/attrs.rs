//! The identity token's `attrs` claim: what the host asserts about its user (name, ID number,
//! mobile, plates, accounts; see `docs/security.md`, "Identity attributes"). Checked field by
//! field when a token is minted and again on every use by the personal routes that read it
//! (the signature proves who wrote them, not that they are well formed), and the sandbox's
//! stand-in for the demo hosts' identity back-end: the demo citizens' attributes.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde_json::{Map, Value};

use crate::departments::people::{self, Citizen};
use crate::error::{ApiError, FieldError};
use crate::validate::shown;
use crate::AppState;

use super::{platform_user, verified_claims};

/// Longest attribute string, in characters.
pub const MAX_LEN: usize = citypanel_descriptor::digest::MAX_ATTR_LEN;
/// Most plates.
pub const MAX_PLATES: usize = citypanel_descriptor::digest::MAX_ATTR_ITEMS;
/// Most accounts (every kind and city).
pub const MAX_ACCOUNTS: usize = citypanel_descriptor::digest::MAX_ACCOUNTS;
/// The account kinds (`kind` of an entry of `accounts`).
pub const ACCOUNT_KINDS: [&str; 4] = ["water", "electricity", "gas", "library_card"];

const ONE: [&str; 3] = ["name", "id_number", "mobile"];

fn field(errors: &mut Vec<FieldError>, path: String, code: &'static str, message: String) {
    errors.push(FieldError { path, code, message, input: None });
}

fn text(errors: &mut Vec<FieldError>, path: String, value: &Value, nonempty: bool) {
    match value.as_str() {
        None => {
            let message = format!("{path} must be a string, got `{}`", shown(value));
            field(errors, path, "type", message);
        }
        Some(s) if s.chars().count() > MAX_LEN || (nonempty && s.trim().is_empty()) => {
            let message =
                format!("{path} must be 1 to {MAX_LEN} characters, got `{}`", shown(value));
            field(errors, path, "format", message);
        }
        Some(_) => {}
    }
}

/// Checks an `attrs` claim: an object with only `name`, `id_number`, `mobile` (strings of at
/// most 64 characters), `plates` (at most 20 strings) and `accounts` (at most 200 objects of
/// exactly `kind` — water, electricity, gas or library_card —, `city`, six digits, and
/// `number`, 1 to 64 characters). Every problem is reported, with a pointer under `at`
/// (`/attrs` for a mint body).
pub fn check(attrs: &Value, at: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let Some(map) = attrs.as_object() else {
        let message = format!("attrs must be a json object, got `{}`", shown(attrs));
        return Err(vec![FieldError { path: at.into(), code: "type", message, input: None }]);
    };
    for (key, value) in map {
        let path = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
        match key.as_str() {
            _ if value.is_null() => {}
            k if ONE.contains(&k) => text(&mut errors, path, value, false),
            "plates" => match value.as_array() {
                Some(list) if list.len() > MAX_PLATES => {
                    let message = format!("plates has {} items; at most {MAX_PLATES}", list.len());
                    field(&mut errors, path, "range", message);
                }
                Some(list) => {
                    for (i, plate) in list.iter().enumerate() {
                        text(&mut errors, format!("{path}/{i}"), plate, true);
                    }
                }
                None => {
                    let message = format!("plates must be an array, got `{}`", shown(value));
                    field(&mut errors, path, "type", message);
                }
            },
            "accounts" => match value.as_array() {
                Some(list) if list.len() > MAX_ACCOUNTS => {
                    let n = list.len();
                    let message = format!("accounts has {n} items; at most {MAX_ACCOUNTS}");
                    field(&mut errors, path, "range", message);
                }
                Some(list) => {
                    for (i, account) in list.iter().enumerate() {
                        check_account(&mut errors, format!("{path}/{i}"), account);
                    }
                }
                None => {
                    let message = format!("accounts must be an array, got `{}`", shown(value));
                    field(&mut errors, path, "type", message);
                }
            },
            _ => field(&mut errors, path, "unknown_field", format!("unknown attribute `{key}`")),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_account(errors: &mut Vec<FieldError>, path: String, account: &Value) {
    let Some(map) = account.as_object() else {
        let message = format!("an account must be a json object, got `{}`", shown(account));
        return field(errors, path, "type", message);
    };
    for key in map.keys().filter(|k| !["kind", "city", "number"].contains(&k.as_str())) {
        field(errors, format!("{path}/{key}"), "unknown_field", format!("unknown field `{key}`"));
    }
    match map.get("kind") {
        Some(Value::String(k)) if ACCOUNT_KINDS.contains(&k.as_str()) => {}
        Some(other) => {
            let list = ACCOUNT_KINDS.join("`, `");
            let message = format!("kind must be one of `{list}`, got `{}`", shown(other));
            field(errors, format!("{path}/kind"), "choice", message);
        }
        None => field(errors, format!("{path}/kind"), "required", "kind is required".into()),
    }
    match map.get("city") {
        Some(Value::String(c)) if c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()) => {}
        Some(other) => {
            let message = format!("city must be a six-digit city code, got `{}`", shown(other));
            field(errors, format!("{path}/city"), "format", message);
        }
        None => field(errors, format!("{path}/city"), "required", "city is required".into()),
    }
    match map.get("number") {
        Some(number) => text(errors, format!("{path}/number"), number, true),
        None => field(errors, format!("{path}/number"), "required", "number is required".into()),
    }
}

/// The demo citizen a demo host's `sub` stands for (`u-chen`, `u-lin`, `u-zhou`, `u-huang`).
pub fn demo_citizen(sub: &str) -> Option<&'static Citizen> {
    match sub {
        "u-chen" => Some(&people::CHEN),
        "u-lin" => Some(&people::LIN),
        "u-zhou" => Some(&people::ZHOU),
        "u-huang" => Some(&people::HUANG),
        _ => None,
    }
}

/// The `attrs` the sandbox signs for a demo citizen (standing in for the demo hosts' identity
/// back-end): [`people::attributes`] — name, ID number, mobile, every plate, and every utility
/// account and library card in every city.
pub fn demo_attrs(sub: &str) -> Option<Map<String, Value>> {
    people::attributes(demo_citizen(sub)?).as_object().cloned()
}

/// The caller of a route that acts on the person's identity attributes (My City's consent,
/// digest and audit): the verified `host:sub` and the token's checked `attrs` (`null` when
/// the host sent none). A token is required even under `--dev-allow-anonymous`: consent and
/// the digest belong to a signed-in user. A token whose `attrs` are not of the documented
/// shape is `401 invalid_token`, naming the first problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// `host:sub`.
    pub user: String,
    /// The signed `attrs` claim, checked.
    pub attrs: Value,
}

impl FromRequestParts<AppState> for Person {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Some(claims) = verified_claims(parts, state, true)? else {
            let message = "an identity token is required: send `authorization: bearer <token>`";
            return Err(ApiError::Unauthorized("missing_token", message.into()));
        };
        let user = platform_user(&claims);
        let attrs = claims.attrs.map(Value::Object).unwrap_or(Value::Null);
        if !attrs.is_null() {
            if let Err(errors) = check(&attrs, "/attrs") {
                let first = errors
                    .first()
                    .map_or(String::new(), |e| format!(": {} at `{}`", e.message, e.path));
                let message = format!("the identity token's attrs are malformed{first}");
                return Err(ApiError::Unauthorized("invalid_token", message));
            }
        }
        Ok(Person { user, attrs })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(attrs: Value) -> Vec<(String, &'static str)> {
        check(&attrs, "/attrs")
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.path, e.code))
            .collect()
    }

    #[test]
    fn demo_attrs_pass_the_check_and_the_descriptor_reader() {
        for sub in ["u-chen", "u-lin", "u-zhou", "u-huang"] {
            let attrs = Value::Object(demo_attrs(sub).expect("demo citizen"));
            assert_eq!(check(&attrs, "/attrs"), Ok(()), "{sub}");
            let read = citypanel_descriptor::digest::Attributes::from_claims(&attrs, "330100");
            assert!(read.is_ok(), "{sub}: {read:?}");
        }
        assert_eq!(demo_attrs("u-1"), None);
        let chen = demo_attrs("u-chen").expect("chen");
        assert_eq!(chen["plates"], json!(["浙A12345", "沪AK6321"]));
    }

    #[test]
    fn every_problem_is_named_with_its_pointer() {
        assert_eq!(paths(json!([])), vec![("/attrs".into(), "type")]);
        assert_eq!(paths(json!({ "name": null, "plates": null })), vec![]);
        let found = paths(json!({
            "name": 7, "mobile": "1".repeat(65), "plates": ["浙A12345", "", 3], "nick": "x",
            "accounts": [{ "kind": "phone", "city": "3301", "number": "1", "extra": 1 },
                         { "kind": "water", "city": "330100" }, "x"]
        }));
        let mut found = found;
        found.sort();
        let mut expected: Vec<(String, &str)> = vec![
            ("/attrs/accounts/0/extra".into(), "unknown_field"),
            ("/attrs/accounts/0/kind".into(), "choice"),
            ("/attrs/accounts/0/city".into(), "format"),
            ("/attrs/accounts/1/number".into(), "required"),
            ("/attrs/accounts/2".into(), "type"),
            ("/attrs/mobile".into(), "format"),
            ("/attrs/name".into(), "type"),
            ("/attrs/nick".into(), "unknown_field"),
            ("/attrs/plates/1".into(), "format"),
            ("/attrs/plates/2".into(), "type"),
        ];
        expected.sort();
        assert_eq!(found, expected);
        let many = paths(json!({ "plates": vec!["浙A12345"; 21] }));
        assert_eq!(many, vec![("/attrs/plates".into(), "range")]);
    }
}
