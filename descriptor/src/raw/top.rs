//! Raw top level, cities, lifecycle and availability.

use super::{
    Deferred, Expect, FromJson, Lenient, RawDigest, RawInput, RawRequest, RawResponse, RawResult,
};
use crate::map::Map;
use crate::vocab::{Capability, Category, Idempotency, ServiceKind};
use serde_json::Value as Json;

/// Localized text: locale tag (`zh-CN`, `en`, `zh-Hant`…) → string. `zh-CN` and `en` are expected.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawText(pub Map<Lenient<String>>);

impl FromJson for RawText {
    fn from_json(v: &Json) -> Option<Self> {
        Map::from_json(v).map(RawText)
    }
}

impl Expect for RawText {
    const WHAT: &'static str = "an object";
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RawText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Localized text: locale tag (`zh-CN`, `en`, `zh-Hant`…) → string. `zh-CN` and `en` are expected.",
            "type": "object",
            "additionalProperties": { "type": "string" }
        })
    }
}

raw_struct! {
    /// A citypanel service descriptor, format 1.x: one city service as pure data.
    #[cfg_attr(feature = "schema", schemars(title = "citypanel service descriptor"))]
    pub struct RawDescriptor as "Descriptor" {
        req {
            /// Format version `"MAJOR.MINOR"`; this reader knows `1.1`.
            format: String,
            /// Service id: `a-z`, `0-9`, `-`; unique in the catalog.
            id: String,
            kind: ServiceKind,
            category: Category,
            /// The service's name.
            title: RawText,
            /// Where the service is offered; at least one city.
            cities: Vec<Lenient<RawCity>>,
            /// The form, in order; may be empty.
            inputs: Vec<Lenient<RawInput>>,
            request: RawRequest,
            response: RawResponse,
            result: RawResult,
        }
        opt {
            /// One sentence under the title.
            summary: RawText,
            /// Extra search words, space-separated per locale.
            keywords: RawText,
            /// Required for `transaction`, `booking` and `payment` services.
            lifecycle: RawLifecycle,
            availability: RawAvailability,
            /// Format 1.1: how the department answers for a person (My City).
            digest: Deferred<RawDigest>,
        }
    }
}

raw_struct! {
    /// One city the service is offered in, with what differs there.
    pub struct RawCity as "City" {
        req {
            /// GB/T 2260 six-digit city code, e.g. `330100`.
            code: String,
            name: RawText,
            /// The department (or collector) that answers.
            department: RawText,
            /// Department path relative to the platform, starting with `/`.
            endpoint: String,
        }
        opt {
            /// Phone number shown to the citizen.
            hotline: String,
            /// Replaces the top-level `request` for this city.
            request: RawRequest,
            /// Replaces the top-level `response` for this city.
            response: RawResponse,
            /// Format 1.1: the department's person endpoint (needs a top-level `digest`);
            /// without it the city does not answer person queries.
            person_endpoint: String,
            /// Format 1.1: replaces `digest/request` for this city.
            person_request: Deferred<RawRequest>,
            /// Format 1.1: replaces `digest/response` for this city.
            person_response: Deferred<RawResponse>,
        }
    }
}

raw_struct! {
    /// How the panel learns the outcome of a handling, booking or payment submission.
    pub struct RawLifecycle as "Lifecycle" {
        req {}
        opt {
            /// `header`: each submission carries an `Idempotency-Key` header.
            idempotency: Idempotency,
            /// `transaction`: show a review step before submitting (default `true`).
            review: bool,
            /// Text while submitting.
            pending: RawText,
            status: RawStatusPoll,
            /// A result widget shown on success.
            receipt: RawResult,
            /// `booking`: seconds a held slot is kept before confirming.
            hold_s: i64,
            /// `booking`: how to cancel.
            cancel: RawCancel,
            /// `booking`: the submission only holds the slot; this confirms the hold.
            confirm: RawConfirm,
            /// `booking` with `confirm`: a booking can be moved to another slot.
            reschedule: RawReschedule,
        }
    }
}

raw_struct! {
    /// Confirming a held slot.
    pub struct RawConfirm as "Confirm" {
        req {
            endpoint: String,
            /// JSON pointer to the hold's reference in the submission's answer.
            reference: String,
        }
        opt {
            /// JSON pointer to when the hold lapses (ISO 8601) in the submission's answer.
            expires: String,
            /// Endpoint that gives an unconfirmed hold back (`POST {"reference"}`); without it
            /// the `cancel` endpoint is used, and without that the hold lapses.
            release: String,
        }
    }
}

raw_struct! {
    /// Moving a booking to another slot.
    pub struct RawReschedule as "Reschedule" {
        req {
            label: RawText,
        }
        opt {}
    }
}

raw_struct! {
    /// How to settle an outcome-unknown submission by polling.
    pub struct RawStatusPoll as "StatusPoll" {
        req {
            endpoint: String,
            /// JSON pointer to the reference in the first answer.
            reference: String,
        }
        opt {
            interval_ms: i64,
            max_wait_ms: i64,
        }
    }
}

raw_struct! {
    /// Cancelling a booking.
    pub struct RawCancel as "Cancel" {
        req {
            endpoint: String,
            label: RawText,
        }
        opt {}
    }
}

raw_struct! {
    /// Opening hours and maintenance windows.
    pub struct RawAvailability as "Availability" {
        req {}
        opt {
            /// When the department accepts requests (Beijing time). Absent: always.
            hours: Vec<Lenient<RawHours>>,
            maintenance: Vec<Lenient<RawMaintenance>>,
        }
    }
}

raw_struct! {
    /// Opening hours on some weekdays.
    pub struct RawHours as "Hours" {
        req {
            /// 1 = Monday … 7 = Sunday.
            days: Vec<Lenient<i64>>,
            /// `HH:MM`, Beijing time.
            from: String,
            /// `HH:MM` (up to `24:00`), after `from`.
            to: String,
        }
        opt {}
    }
}

raw_struct! {
    /// A maintenance window pausing one capability.
    pub struct RawMaintenance as "Maintenance" {
        req {
            capability: Capability,
            /// RFC 3339 timestamp with offset.
            from: String,
            /// RFC 3339 timestamp with offset, after `from`.
            to: String,
        }
        opt {
            message: RawText,
        }
    }
}
