//! Text rules for request fields, and how values are shown in messages.

use citypanel_descriptor::rules::is_city_code;
use serde_json::Value;

/// What a text field may contain.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// The fewest characters.
    pub min: usize,
    /// The most characters.
    pub max: usize,
    /// Which characters are allowed.
    pub allowed: fn(char) -> bool,
    /// How the allowed characters are described in messages, e.g. `[a-z0-9-]`.
    pub describe: &'static str,
    /// The workspace's own rule for the whole value, checked in place of the length and
    /// characters when there is one (e.g. [`is_city_code`]).
    pub whole: Option<fn(&str) -> bool>,
}

/// A service id: 1–64 of `[a-z0-9-]`.
pub const SERVICE: Text = Text {
    min: 1,
    max: 64,
    allowed: |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
    describe: "characters of `[a-z0-9-]`",
    whole: None,
};
/// A city code (GB/T 2260): exactly 6 digits.
pub const CITY: Text = Text {
    min: 6,
    max: 6,
    allowed: |c| c.is_ascii_digit(),
    describe: "digits",
    whole: Some(is_city_code),
};
/// An opaque token such as a reference, resource or slot id: 1–64 of `[A-Za-z0-9_-]`.
pub const TOKEN: Text = Text {
    min: 1,
    max: 64,
    allowed: |c| c.is_ascii_alphanumeric() || c == '_' || c == '-',
    describe: "characters of `[A-Za-z0-9_-]`",
    whole: None,
};
/// Free text such as a user id or a subscription key: 1–128 characters, no control ones.
pub const FREE: Text = Text {
    min: 1,
    max: 128,
    allowed: |c| !c.is_control(),
    describe: "characters without control characters",
    whole: None,
};

/// A calendar date as text: exactly 10 of `[0-9-]` (the date itself is checked after).
pub const DATE: Text = Text {
    min: 10,
    max: 10,
    allowed: |c| c.is_ascii_digit() || c == '-',
    describe: "characters in the form `yyyy-MM-dd`",
    whole: None,
};

/// Shows a value in a message: its JSON text, cut to 64 characters.
pub fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut cut: String = text.chars().take(64).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}
