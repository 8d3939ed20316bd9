//! Remote and cascading options (`select` with `options_from`, `slot`): when to load them,
//! the request, and reading the department's list. Plain Rust, tested natively.

use citypanel_descriptor::map::Map;
use citypanel_descriptor::model::{Input, OptionsFrom};
use citypanel_descriptor::{BuiltRequest, Descriptor};
use serde_json::Value as Json;

/// Timeout of an options call.
pub const OPTIONS_TIMEOUT_MS: u32 = 8_000;
/// Most options shown for one input.
pub const MAX_OPTIONS: usize = 200;

/// One choice of a remote select or slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// `slot`: places left.
    pub capacity: Option<u32>,
}

impl Choice {
    /// Whether the choice can be picked (a slot with no place left cannot).
    pub fn available(&self) -> bool {
        self.capacity != Some(0)
    }
}

/// The options of one remote input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Options {
    /// An input it depends on is still empty.
    Waiting,
    Loading {
        seq: u64,
    },
    Ready(Vec<Choice>),
    /// The list could not be loaded; `detail` is for the console.
    Failed {
        detail: String,
    },
}

/// The values an input's options depend on, as one string: options reload when it changes.
pub fn signature(from: &OptionsFrom, values: &Map<String>) -> Option<String> {
    let mut sig = String::new();
    for dep in &from.depends_on {
        let v = values.get(dep).map(|v| v.trim()).unwrap_or("");
        if v.is_empty() {
            return None;
        }
        sig.push_str(v);
        sig.push('\u{1f}');
    }
    Some(sig)
}

/// The request for `input`'s options: `POST` of its dependencies' values to the endpoint.
pub fn options_request(input: &Input, values: &Map<String>) -> Option<BuiltRequest> {
    let from = input.options_from.as_ref()?;
    signature(from, values)?;
    let mut body = serde_json::Map::new();
    for d in &from.depends_on {
        body.insert(d.clone(), Json::String(values.get(d).cloned().unwrap_or_default()));
    }
    Some(super::post(&from.endpoint, Json::Object(body), OPTIONS_TIMEOUT_MS))
}

fn text_at(item: &Json, pointer: &str) -> Option<String> {
    match item.pointer(pointer)? {
        Json::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads the options from a department answer; items without a value or label are skipped.
pub fn parse_options(from: &OptionsFrom, status: u16, body: &str) -> Result<Vec<Choice>, String> {
    if !(200..300).contains(&status) {
        return Err(format!("options endpoint `{}` answered http {status}", from.endpoint));
    }
    let json: Json = serde_json::from_str(body)
        .map_err(|e| format!("options from `{}` are not JSON: {e}", from.endpoint))?;
    let Some(items) = json.pointer(&from.records).and_then(Json::as_array) else {
        return Err(format!(
            "no option list at `{}` in the answer of `{}`",
            from.records, from.endpoint
        ));
    };
    Ok(items
        .iter()
        .filter_map(|item| {
            let capacity = from.capacity.as_deref().map(|p| match item.pointer(p) {
                Some(Json::Number(n)) => n.as_u64().unwrap_or(0).min(u32::MAX as u64) as u32,
                Some(Json::String(s)) => s.trim().parse().unwrap_or(0),
                _ => 0,
            });
            Some(Choice {
                value: text_at(item, &from.value)?,
                label: text_at(item, &from.label)?,
                capacity,
            })
        })
        .take(MAX_OPTIONS)
        .collect())
}

/// Every input whose options depend, directly or not, on `id`.
pub fn dependents(d: &Descriptor, id: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut frontier = vec![id.to_string()];
    while let Some(cur) = frontier.pop() {
        for input in &d.inputs {
            let depends = input.options_from.as_ref().is_some_and(|f| f.depends_on.contains(&cur));
            if depends && !out.contains(&input.id) {
                out.push(input.id.clone());
                frontier.push(input.id.clone());
            }
        }
    }
    out
}
