//! The closed vocabularies of the format (service kinds, categories, PII classes, tones…).
//! Each is defined once here and used by the raw serde types, the JSON Schema, the validator
//! and the model.

/// Defines a closed string vocabulary: the enum, `ALL`, `NAMES`, `DOCS` (the doc comment of
/// the type and of each value), `parse`, `as_str` and `Display`. The one definition of a
/// vocabulary: the descriptor's (`vocabulary!` below adds their reading and schema) and the
/// SDK's bridge contract (`citypanel::bridge::contract`) are made with it.
#[macro_export]
macro_rules! words {
    (
        $(#[doc = $doc:literal])*
        $name:ident {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[doc = $vdoc])* $variant ),+
        }

        impl $name {
            /// Every value, in the order of its definition.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The names of [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// The doc comment of the type and of each value (e.g. for generated typings).
            pub const DOCS: (&'static [&'static str], &'static [&'static [&'static str]]) =
                (&[$($doc),*], &[$(&[$($vdoc),*]),+]);

            /// The value named `s`, if this version knows it.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The value's name (in descriptors, on the bridge).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// Defines a descriptor vocabulary: [`words!`], plus serde `Deserialize`, the diagnostic for
/// an unknown string, and (with the `schema` feature) its JSON Schema.
macro_rules! vocabulary {
    (
        $(#[doc = $doc:literal])*
        $name:ident: $unknown:literal, $noun:literal {
            $( $(#[doc = $vdoc:literal])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $crate::words! {
            $(#[doc = $doc])*
            $name {
                $( $(#[doc = $vdoc])* $variant = $text ),+
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                Self::parse(&s).ok_or_else(|| serde::de::Error::unknown_variant(&s, Self::NAMES))
            }
        }

        impl crate::raw::FromJson for $name {
            fn from_json(v: &serde_json::Value) -> Option<Self> {
                v.as_str().and_then(Self::parse)
            }
        }

        impl crate::raw::Expect for $name {
            const WHAT: &'static str = "a string";
            fn unknown(s: &str) -> Option<(&'static str, String)> {
                Some(($unknown, format!("unknown {} `{s}`; {}expected {}", $noun, crate::vocab::did_you_mean(s, Self::NAMES), crate::vocab::one_of(Self::NAMES))))
            }
        }

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($text),+] })
            }
        }
    };
}

/// "did you mean `key_value`? " when `s` is a near miss of one of `names` (case, `-` or space
/// for `_`, or one or two letters off); empty otherwise. Publish-time only: the lean reader
/// keeps its messages short.
pub fn did_you_mean(s: &str, names: &[&str]) -> String {
    near_miss(s, names).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default()
}

/// The name in `names` closest to `s`, if it is a near miss (see [`did_you_mean`]).
#[cfg(feature = "validate")]
pub fn near_miss<'a>(s: &str, names: &[&'a str]) -> Option<&'a str> {
    let norm: String = s
        .trim()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c.to_ascii_lowercase() })
        .collect();
    if let Some(n) = names.iter().find(|n| **n == norm && **n != s) {
        return Some(n);
    }
    let best = names.iter().map(|n| (distance(&norm, n), *n)).min_by_key(|(d, _)| *d)?;
    (best.0 > 0 && best.0 <= 2 && norm.chars().count() > 2).then_some(best.1)
}

/// Without the full validator there are no suggestions.
#[cfg(not(feature = "validate"))]
pub fn near_miss<'a>(_: &str, _: &[&'a str]) -> Option<&'a str> {
    None
}

/// Levenshtein distance (bounded inputs: vocabulary words and what was typed).
#[cfg(feature = "validate")]
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let v = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(v);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// "`a`, `b` or `c`", for messages.
pub fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

vocabulary! {
    /// What kind of service this is; drives the panel's lifecycle.
    ServiceKind: "unknown-kind", "service kind" {
        Query = "query", Transaction = "transaction", Booking = "booking", Payment = "payment",
    }
}

vocabulary! {
    /// The catalog category of a service.
    Category: "unknown-category", "category" {
        Vehicle = "vehicle", Medical = "medical", Life = "life", SocialSecurity = "social-security",
        CivilAffairs = "civil-affairs", Immigration = "immigration", Culture = "culture", Transport = "transport",
    }
}

vocabulary! {
    /// The kinds of input this version knows. A newer kind needs a declared `fallback`.
    InputKind: "unknown-kind", "input kind" {
        Text = "text", Number = "number", Amount = "amount", Date = "date", Select = "select",
        Plate = "plate", IdNumber = "id_number", Mobile = "mobile", Vin = "vin",
        EngineTail = "engine_tail", Slot = "slot", Consent = "consent",
    }
}

vocabulary! {
    /// Personal-data class of a value; drives masking and where the value may travel.
    PiiClass: "unknown-pii", "pii class" {
        None = "none", Name = "name", IdNumber = "id_number", Mobile = "mobile", Plate = "plate",
        Address = "address", Secret = "secret",
    }
}

vocabulary! {
    /// Character set a `text` input accepts.
    Allowed: "unknown-value", "character set" {
        Digits = "digits", Letters = "letters", Alphanumeric = "alphanumeric", Chinese = "chinese",
    }
}

vocabulary! {
    /// Host identity attribute an input may be prefilled from.
    PrefillSource: "prefill", "identity attribute" {
        Name = "name", IdNumber = "id_number", Mobile = "mobile", Plates = "plates",
    }
}

vocabulary! {
    /// HTTP method of the department call.
    Method: "method", "method" { Get = "GET", Post = "POST" }
}

vocabulary! {
    /// Named formatters of response values (the `enum` formatter is an object).
    FormatName: "unknown-format", "formatter" {
        Text = "text", Integer = "integer", MoneyFen = "money_fen", MoneyJiao = "money_jiao",
        MoneyYuan = "money_yuan", Date8 = "date8", DateTime14 = "datetime14", Iso8601 = "iso8601",
        EpochMillis = "epoch_millis",
    }
}

vocabulary! {
    /// Visual tone of an enumerated value.
    Tone: "unknown-value", "tone" {
        Neutral = "neutral", Info = "info", Success = "success", Warning = "warning", Danger = "danger",
    }
}

vocabulary! {
    /// The result widgets this version knows. A newer widget needs a declared `fallback`.
    WidgetKind: "unknown-widget", "result widget" {
        RecordList = "record_list", Table = "table", Bill = "bill", Ticket = "ticket",
        Timeline = "timeline", KeyValue = "key_value", StatusBoard = "status_board",
    }
}

vocabulary! {
    /// The actions this version knows. Unknown actions are dropped with a warning.
    ActionKind: "unknown-kind", "action kind" {
        Pay = "pay", Book = "book", Subscribe = "subscribe", OpenService = "open_service",
    }
}

vocabulary! {
    /// What a `subscribe` action follows.
    Topic: "unknown-value", "topic" {
        Violations = "violations", BillDue = "bill-due", Appointment = "appointment", Progress = "progress",
    }
}

vocabulary! {
    /// How a non-query service avoids doing a submission twice.
    Idempotency: "unknown-value", "idempotency" { Header = "header" }
}

vocabulary! {
    /// A capability that a maintenance window pauses.
    Capability: "hours", "capability" {
        Query = "query", Submit = "submit", Payment = "payment", All = "all",
    }
}

vocabulary! {
    /// How a status board is drawn.
    MapStyle: "unknown-value", "map" { Roads = "roads" }
}

vocabulary! {
    /// An identity attribute class: the unit of consent, of a digest's `needs` and of the audit.
    /// An account class resolves to the citizen's accounts of that kind in the asked city.
    AttributeClass: "unknown-attribute", "attribute class" {
        Name = "name", IdNumber = "id_number", Mobile = "mobile", Plates = "plates",
        WaterAccount = "water_account", ElectricityAccount = "electricity_account",
        GasAccount = "gas_account", LibraryCard = "library_card",
    }
}

words! {
    /// How urgent a matter is, most urgent first.
    MatterStatus {
        /// Its next date has passed.
        Overdue = "overdue",
        /// Its next date is within the matter's due-soon window.
        DueSoon = "due_soon",
        /// It has a later next date.
        Due = "due",
        /// It has no date.
        Info = "info",
    }
}
