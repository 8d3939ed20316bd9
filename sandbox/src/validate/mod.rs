//! Field-by-field checks of request bodies (and query strings) that collect every problem
//! as a [`FieldError`] with a JSON pointer, instead of stopping at the first.

use serde_json::{Map, Value};

use crate::error::{ApiError, FieldError};

mod text;

pub use text::{shown, Text, CITY, DATE, FREE, SERVICE, TOKEN};

/// Collects the field errors of one JSON object.
#[derive(Debug)]
pub struct Checker<'a> {
    body: &'a Map<String, Value>,
    known: Vec<&'static str>,
    errors: Vec<FieldError>,
    strict: bool,
}

impl<'a> Checker<'a> {
    /// Starts checking `body`, which must be a JSON object.
    pub fn new(body: &'a Value) -> Result<Checker<'a>, ApiError> {
        match body.as_object() {
            Some(body) => Ok(Checker { body, known: Vec::new(), errors: Vec::new(), strict: true }),
            None => Err(ApiError::field(
                "",
                "type",
                format!("the body must be a json object, got `{}`", shown(body)),
            )),
        }
    }

    /// Checks a query string (as an object of strings); unknown parameters are ignored.
    pub fn query(params: &'a Value) -> Result<Checker<'a>, ApiError> {
        let mut checker = Checker::new(params)?;
        checker.strict = false;
        Ok(checker)
    }

    fn error(&mut self, name: &str, code: &'static str, message: String) {
        let path = format!("/{name}");
        self.errors.push(FieldError { path, code, message, input: None });
    }

    fn get(&mut self, name: &'static str, required: bool) -> Option<&'a Value> {
        self.known.push(name);
        match self.body.get(name) {
            None | Some(Value::Null) if required => {
                self.error(name, "required", format!("{name} is required"));
                None
            }
            other => other.filter(|v| !v.is_null()),
        }
    }

    /// A required text field.
    pub fn text(&mut self, name: &'static str, rule: Text) -> Option<String> {
        let value = self.get(name, true)?;
        let Some(text) = value.as_str() else {
            let message = format!("{name} must be a string, got `{}`", shown(value));
            self.error(name, "type", message);
            return None;
        };
        let count = text.chars().count();
        let valid = match rule.whole {
            Some(whole) => whole(text),
            None => (rule.min..=rule.max).contains(&count) && text.chars().all(rule.allowed),
        };
        if !valid {
            let (min, max, describe) = (rule.min, rule.max, rule.describe);
            let size =
                if min == max { format!("exactly {min}") } else { format!("{min} to {max}") };
            let message = format!("{name} must be {size} {describe}, got `{}`", shown(value));
            self.error(name, "format", message);
            return None;
        }
        Some(text.to_string())
    }

    /// A required field of any JSON type (`null` counts as missing), checked by the caller.
    pub fn value(&mut self, name: &'static str) -> Option<&'a Value> {
        self.get(name, true)
    }

    /// A required integer from `min` to `max`.
    pub fn integer(&mut self, name: &'static str, min: i64, max: i64) -> Option<i64> {
        let value = self.get(name, true)?;
        match value.as_i64() {
            Some(n) if (min..=max).contains(&n) => Some(n),
            Some(_) => {
                let message = format!("{name} must be from {min} to {max}, got `{value}`");
                self.error(name, "range", message);
                None
            }
            None => {
                let message = format!("{name} must be an integer, got `{}`", shown(value));
                self.error(name, "type", message);
                None
            }
        }
    }

    /// A required string that must be one of `options`.
    pub fn choice(&mut self, name: &'static str, options: &[&'static str]) -> Option<&'static str> {
        let value = self.get(name, true)?;
        let found = options.iter().find(|o| value.as_str() == Some(**o)).copied();
        if found.is_none() {
            let list = options.join("`, `");
            let message = format!("{name} must be one of `{list}`, got `{}`", shown(value));
            self.error(name, "choice", message);
        }
        found
    }

    /// An optional JSON object (`{}` when absent).
    pub fn object(&mut self, name: &'static str) -> Option<Map<String, Value>> {
        let Some(value) = self.get(name, false) else {
            return Some(Map::new());
        };
        if let Some(map) = value.as_object() {
            return Some(map.clone());
        }
        let message = format!("{name} must be a json object, got `{}`", shown(value));
        self.error(name, "type", message);
        None
    }

    /// Records an error found by the caller's own check.
    pub fn reject(&mut self, path: &str, code: &'static str, message: String) {
        let path = path.to_string();
        self.errors.push(FieldError { path, code, message, input: None });
    }

    /// Flags fields nobody asked for, then succeeds only if no error was found.
    pub fn finish(mut self) -> Result<(), ApiError> {
        let unknown: Vec<String> = self
            .body
            .keys()
            .filter(|k| self.strict && !self.known.contains(&k.as_str()))
            .cloned()
            .collect();
        for name in unknown {
            let message = format!("unknown field `{}`", shown(&Value::String(name.clone())));
            let path = format!("/{}", name.replace('~', "~0").replace('/', "~1"));
            self.errors.push(FieldError { path, code: "unknown_field", message, input: None });
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(self.errors))
        }
    }
}
