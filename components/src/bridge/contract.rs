//! Bridge contract v1, defined once: the capabilities a host may declare (one call each, with
//! its arguments, request payload and timeout), the message types and events of the
//! postMessage envelope, the payment outcomes and the wire shapes.
//!
//! Everything else follows from here: both transports ([`super::js`],
//! [`super::post_message`]) and the envelope check read these tables, and the TypeScript
//! typings (`embed/citypanel.d.ts`), the host glue's constants (`embed/citypanel-host.js`) and
//! the call table of `docs/embedding.md` are generated from them by `cargo xtask codegen`
//! (`bridge::typescript`, whose test fails when a committed file differs). The TypeScript
//! facts (`ts_*`, docs) are only read by that generator, so they never reach the wasm.

use crate::payment::HostOutcome;
use citypanel_descriptor::words;
use serde_json::{Map, Value};

/// Version of the bridge contract this SDK speaks.
pub const BRIDGE_VERSION: &str = "1.0";
/// How long the host may take to answer a call (all but `pay`).
pub const CALL_TIMEOUT_MS: u32 = 5_000;
/// How long a payment sheet may stay open.
pub const PAY_TIMEOUT_MS: u32 = 10 * 60_000;
/// The longest message id.
pub const ID_MAX: usize = 64;
/// The characters of a message id besides ASCII letters and digits.
pub const ID_PUNCTUATION: &str = "_.:-";

words! {
    /// A capability a host may declare: one call a panel makes. Panels use only what is
    /// declared and fall back otherwise.
    HostCapability {
        /// The signed-in user: a host-signed token (sent to the platform as
        /// `Authorization: Bearer`, verified per host key: `docs/platform-api.md#identity`) and
        /// only the attributes the user consented to share.
        Identity = "identity",
        /// Shows the host's own payment sheet for `order`; its payment backend settles the
        /// order on the platform (`POST /api/v1/orders/{order}/settle`).
        Pay = "pay",
        /// The user's city: a 6-digit GB/T 2260 code.
        Location = "location",
        /// Follow `key` (a plate, account, booking number) under `topic` in `city` (the
        /// panel's 6-digit city code); true when followed.
        Subscribe = "subscribe",
        /// Open `target`: a service id or a URL.
        Open = "open",
        /// Share `link` (a deep link, `citypanel:1/…`, with no personal data in it) titled
        /// `title` through the host's own share sheet; true when shared. Without it the panel
        /// shows the link to copy.
        Share = "share",
    }
}

words! {
    /// What a postMessage envelope is.
    MessageType {
        /// Panel → host: a capability call.
        Request = "request",
        /// Host → panel: the answer to the request with the same `id`.
        Response = "response",
        /// Either way, unanswered.
        Event = "event",
    }
}

words! {
    /// The events of the postMessage envelope.
    Event {
        /// Panel → host: the panel has started (`{ version }`).
        Ready = "ready",
        /// Host → panel: the answer to `ready` (`{ capabilities }`).
        Hello = "hello",
        /// Host → panel: a change the host learnt of (`{ topic, key, message? }`).
        Notify = "notify",
        /// Panel → host: the panel stopped (`{ code: "trap", message }`): it shows "service
        /// unavailable" with a retry; sent by the frame's page, the module being dead.
        Error = "error",
        /// Host → panel: step back one screen (the host's back button); the panel answers
        /// with `stepped`.
        Back = "back",
        /// Panel → host: the answer to `back` whose `id` is `to` (`{ to, answer, reason? }`):
        /// `answer` is `stepped`, `root` (the host may leave) or `refused` (`reason`:
        /// `sending`, `settling` or `paying`).
        Stepped = "stepped",
        /// Host → panel: the host's page (or its city-services entry) is hidden or shown again
        /// (`{ hidden }`): polls wait while hidden; on show what is in flight is reconciled.
        Visibility = "visibility",
    }
}

impl Event {
    /// Whether the host sends this event (else the panel does).
    pub fn from_host(self) -> bool {
        !matches!(self, Event::Ready | Event::Error | Event::Stepped)
    }
}

/// How a call's arguments travel in a postMessage request's `payload`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    /// No arguments: no payload (`null`).
    Nothing,
    /// One argument, an object, which is the payload itself.
    Whole,
    /// An object with one key per argument.
    Named,
}

impl HostCapability {
    /// The call's arguments, in order: the JS bridge method takes them positionally.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Self::Identity | Self::Location => &[],
            Self::Pay => &["order"],
            Self::Subscribe => &["topic", "key", "city"],
            Self::Open => &["target"],
            Self::Share => &["title", "link"],
        }
    }

    /// How the arguments travel over postMessage.
    pub fn payload(self) -> Payload {
        match self {
            Self::Identity | Self::Location => Payload::Nothing,
            Self::Pay => Payload::Whole,
            Self::Subscribe | Self::Open | Self::Share => Payload::Named,
        }
    }

    /// How long the host may take to answer.
    pub fn timeout_ms(self) -> u32 {
        match self {
            // A sheet the citizen may keep open a while.
            Self::Pay | Self::Share => PAY_TIMEOUT_MS,
            _ => CALL_TIMEOUT_MS,
        }
    }

    /// A request's payload for the call's arguments (as [`Self::params`]).
    pub fn request_payload(self, args: Vec<Value>) -> Value {
        match self.payload() {
            Payload::Nothing => Value::Null,
            Payload::Whole => args.into_iter().next().unwrap_or(Value::Null),
            Payload::Named => {
                // Inserted one by one: `collect` into the map sorts first (a stable sort costs
                // several KiB of wasm).
                let mut map = Map::new();
                for (name, arg) in self.params().iter().zip(args) {
                    map.insert(name.to_string(), arg);
                }
                Value::Object(map)
            }
        }
    }

    /// The TypeScript types of the call's arguments (as [`Self::params`]) and of its answer.
    pub fn ts_signature(self) -> (&'static [&'static str], &'static str) {
        match self {
            Self::Identity => (&[], "HostIdentity"),
            Self::Pay => (&["PayOrder"], "PayOutcome | { outcome: PayOutcome }"),
            Self::Location => (&[], "string"),
            Self::Subscribe => (&["string", "string", "string"], "boolean"),
            Self::Open => (&["string"], "void"),
            Self::Share => (&["string", "string"], "boolean"),
        }
    }
}

/// The outcome words a host's `pay` answers, with what each means to the panel.
pub const PAY_OUTCOMES: [(&str, HostOutcome); 5] = [
    ("success", HostOutcome::Success),
    ("processing", HostOutcome::Processing),
    ("cancelled", HostOutcome::Cancelled),
    ("failed", HostOutcome::Failed),
    ("unknown", HostOutcome::Unknown),
];

/// [`PAY_OUTCOMES`]' words, for messages (a test keeps them in step).
pub const OUTCOME_WORDS: &str = "`success`, `processing`, `cancelled`, `failed` or `unknown`";

/// Parses a host outcome word.
pub fn parse_outcome(s: &str) -> Option<HostOutcome> {
    PAY_OUTCOMES.iter().find(|(word, _)| *word == s).map(|(_, o)| *o)
}

/// A message id: 1–[`ID_MAX`] characters of `[A-Za-z0-9` [`ID_PUNCTUATION`] `]`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= ID_MAX
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || ID_PUNCTUATION.as_bytes().contains(&b))
}

/// The method of an envelope: a capability or an event.
pub fn method_name(s: &str) -> Option<&'static str> {
    HostCapability::parse(s)
        .map(HostCapability::as_str)
        .or_else(|| Event::parse(s).map(Event::as_str))
}
