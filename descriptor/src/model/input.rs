//! Inputs: the form the citizen fills in.

use crate::map::Map;
use crate::text::Text;
use crate::time::Date;
use crate::vocab::{Allowed, InputKind, PiiClass, PrefillSource};

/// Default and largest `max_length` of a `text` input.
pub const DEFAULT_MAX_LENGTH: u32 = 200;

/// One form input.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub id: String,
    /// The kind in use (the declared `fallback` when the written kind is unknown).
    pub kind: InputKind,
    pub label: Text,
    pub help: Option<Text>,
    /// Heading grouping consecutive inputs with the same section.
    pub section: Option<Text>,
    pub required: bool,
    pub pii: PiiClass,
    /// `text`: fewest characters.
    pub min_length: Option<u32>,
    /// `text`: most characters ([`DEFAULT_MAX_LENGTH`] when absent).
    pub max_length: Option<u32>,
    /// `number`, `amount`, `date`: lower bound.
    pub min: Option<Bound>,
    /// `number`, `amount`, `date`: upper bound.
    pub max: Option<Bound>,
    /// `text`: accepted characters.
    pub allowed: Option<Allowed>,
    /// `select`: static options (empty for remote options).
    pub options: Vec<SelectOption>,
    /// `select`, `slot`: remote options.
    pub options_from: Option<OptionsFrom>,
    pub visible_when: Option<Condition>,
    /// Host identity attribute offered (with consent) as the initial value.
    pub prefill: Option<PrefillSource>,
    /// Whether the citizen may unmask this value where results show it.
    pub reveal: bool,
    /// Initial value (never on PII-classed inputs).
    pub default: Option<String>,
}

impl Input {
    /// Whether the input shows (and is validated and sent) given the current values.
    pub fn is_visible(&self, values: &Map<String>) -> bool {
        self.visible_when.as_ref().is_none_or(|c| c.holds(values))
    }

    /// Whether `value` is one of the static options.
    pub fn has_option(&self, value: &str) -> bool {
        self.options.iter().any(|o| o.value == value)
    }
}

/// A `min`/`max` bound, typed by the input kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// `number`: an integer.
    Integer(i64),
    /// `amount`: money in fen (the descriptor writes yuan).
    Fen(i64),
    /// `date`: a fixed date.
    Date(Date),
    /// `date`: today (Beijing) plus this many days (`today`, `today+N`, `today-N`).
    Today(i32),
}

impl Bound {
    /// A date bound resolved against `today`, when known.
    pub fn date(self, today: Option<Date>) -> Option<Date> {
        match self {
            Bound::Date(d) => Some(d),
            Bound::Today(n) => today?.add_days(i64::from(n)),
            _ => None,
        }
    }
}

/// A static option of a `select`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    pub value: String,
    pub label: Text,
}

/// Options fetched from the platform (`POST` of the `depends_on` values).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionsFrom {
    pub endpoint: String,
    /// JSON pointer to the array of options.
    pub records: String,
    /// JSON pointer (in each option) to its value.
    pub value: String,
    /// JSON pointer (in each option) to its label.
    pub label: String,
    /// `slot`: JSON pointer to the places left.
    pub capacity: Option<String>,
    /// Earlier inputs the options depend on.
    pub depends_on: Vec<String>,
}

/// `visible_when`: a test on one earlier input's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub input: String,
    pub test: ConditionTest,
}

/// What a [`Condition`] checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionTest {
    Equals(String),
    In(Vec<String>),
    /// `true`: the input has a value; `false`: it is empty.
    Filled(bool),
}

impl Condition {
    /// Evaluates the condition on the current (raw or normalized) values.
    pub fn holds(&self, values: &Map<String>) -> bool {
        let v = values.get(&self.input).map(|s| s.trim()).unwrap_or("");
        match &self.test {
            ConditionTest::Equals(x) => v == x,
            ConditionTest::In(xs) => xs.iter().any(|x| x == v),
            ConditionTest::Filled(f) => v.is_empty() != *f,
        }
    }
}
