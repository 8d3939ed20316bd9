//! `notify`: the host tells the panels it mounted that something they may show has changed —
//! a plate has a new violation, a bill was paid elsewhere, an application moved on. It is the
//! other half of `subscribe`: the host's push service learns of the change, the host hands it
//! on, and a panel showing that key under that topic refreshes its result in place and says so.
//!
//! ```json
//! { "topic": "bill-due", "key": "3301001234", "message": "水费已缴清" }
//! ```
//!
//! The shape check is plain Rust (tested natively); [`Notices`] carries notices from the mount
//! handle or the iframe bridge to the panels that listen.

use citypanel_descriptor::model::Topic;
use send_wrapper::SendWrapper;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The longest key (a plate, account, booking or application number).
pub const KEY_MAX: usize = 128;
/// The longest message the host may have a panel announce.
pub const MESSAGE_MAX: usize = 200;

/// A change the host was told about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What changed: the same topics a `subscribe` action follows.
    pub topic: Topic,
    /// Which one: the key the panel subscribed with (a plate, an account number…).
    pub key: String,
    /// What to tell the citizen, in the host's words; a built-in text when absent.
    pub message: Option<String>,
}

impl Notice {
    /// Whether this notice is about `key` (spaces around and ASCII case do not matter: plates
    /// and account numbers are entered in either case).
    pub fn about(&self, key: &str) -> bool {
        let key = key.trim();
        !key.is_empty() && self.key.eq_ignore_ascii_case(key)
    }
}

fn text(v: &Value, field: &str, max: usize) -> Result<Option<String>, String> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let s = s.trim();
            if s.is_empty() {
                Err(format!("`{field}` is empty"))
            } else if s.chars().count() > max {
                Err(format!("`{field}` is longer than {max} characters"))
            } else if s.chars().any(char::is_control) {
                Err(format!("`{field}` contains control characters"))
            } else {
                Ok(Some(s.to_string()))
            }
        }
        Some(other) => Err(format!("`{field}` must be a string, got `{}`", short(other))),
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// Checks a notice: `{ topic, key, message? }`, nothing else.
pub fn parse_notice(v: &Value) -> Result<Notice, String> {
    let obj = v.as_object().ok_or_else(|| {
        format!("a notice must be an object `{{ topic, key, message? }}`, got `{}`", short(v))
    })?;
    if let Some(k) = obj.keys().find(|k| !["topic", "key", "message"].contains(&k.as_str())) {
        return Err(format!(
            "a notice has an unknown key `{}`",
            k.chars().take(40).collect::<String>()
        ));
    }
    let word =
        match obj.get("topic") {
            Some(Value::String(s)) => s.as_str(),
            None | Some(Value::Null) => return Err(
                "a notice needs a `topic`: `violations`, `bill-due`, `appointment` or `progress`"
                    .into(),
            ),
            Some(other) => return Err(format!("`topic` must be a string, got `{}`", short(other))),
        };
    let topic = Topic::parse(word).ok_or_else(|| {
        format!(
            "`topic` `{}` is not `violations`, `bill-due`, `appointment` or `progress`",
            word.chars().take(40).collect::<String>()
        )
    })?;
    let key = text(v, "key", KEY_MAX)?
        .ok_or("a notice needs a `key`: the plate, account or number it is about")?;
    let message = text(v, "message", MESSAGE_MAX)?;
    Ok(Notice { topic, key, message })
}

type Listener = Rc<dyn Fn(&Notice) -> bool>;

#[derive(Default)]
struct Hub {
    listeners: RefCell<Vec<(u32, Listener)>>,
    next: Cell<u32>,
}

/// Where a mount's notices go: every panel under it listens while it is mounted. Provided as
/// context by `mount`; Leptos hosts provide their own and call [`Notices::deliver`].
///
/// Contexts must be `Send + Sync`; wasm is single-threaded, hence the `SendWrapper`.
#[derive(Clone)]
pub struct Notices(SendWrapper<Rc<Hub>>);

impl Default for Notices {
    fn default() -> Self {
        Notices(SendWrapper::new(Rc::new(Hub::default())))
    }
}

impl Notices {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a listener; it answers whether the notice concerned it. Returns its id for
    /// [`Notices::forget`].
    pub fn listen(&self, f: impl Fn(&Notice) -> bool + 'static) -> u32 {
        let id = self.0.next.get().wrapping_add(1);
        self.0.next.set(id);
        self.0.listeners.borrow_mut().push((id, Rc::new(f)));
        id
    }

    /// Removes a listener (its panel was unmounted).
    pub fn forget(&self, id: u32) {
        self.0.listeners.borrow_mut().retain(|(i, _)| *i != id);
    }

    /// Hands `notice` to every listener; true when one of them acted on it.
    pub fn deliver(&self, notice: &Notice) -> bool {
        // A listener may add or remove listeners (a refresh re-rendering a panel): call a copy.
        let all: Vec<Listener> = self.0.listeners.borrow().iter().map(|(_, f)| f.clone()).collect();
        all.iter().fold(false, |acted, f| f(notice) | acted)
    }

    /// How many panels listen.
    pub fn listeners(&self) -> usize {
        self.0.listeners.borrow().len()
    }
}
