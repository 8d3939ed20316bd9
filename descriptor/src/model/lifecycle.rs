//! The lifecycle of handling, booking and payment services.

use super::ResultSpec;
use crate::text::Text;
use crate::vocab::Idempotency;

/// Default status polling interval.
pub const DEFAULT_INTERVAL_MS: u32 = 2_000;
/// Default longest wait for an outcome-unknown submission.
pub const DEFAULT_MAX_WAIT_MS: u32 = 60_000;

/// How the panel learns the outcome of a submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Lifecycle {
    /// Required for non-query services.
    pub idempotency: Option<Idempotency>,
    /// `transaction`: show a review step before submitting.
    pub review: bool,
    /// Text while submitting.
    pub pending: Option<Text>,
    /// How to settle an outcome-unknown submission.
    pub status: Option<StatusPoll>,
    /// Widget shown on success.
    pub receipt: Option<ResultSpec>,
    /// `booking`: seconds a held slot is kept.
    pub hold_s: Option<u32>,
    /// `booking`: cancelling, if allowed.
    pub cancel: Option<Cancel>,
    /// `booking`: the submission holds the slot for `hold_s`; this confirms it.
    pub confirm: Option<Confirm>,
    /// `booking` with `confirm`: the label of moving a booking to another slot.
    pub reschedule: Option<Text>,
}

/// Polling for the outcome of a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusPoll {
    pub endpoint: String,
    /// JSON pointer to the reference in the first answer.
    pub reference: String,
    pub interval_ms: u32,
    pub max_wait_ms: u32,
}

/// Cancelling a booking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancel {
    pub endpoint: String,
    pub label: Text,
}

/// Confirming a held slot: `POST {"reference", "replaces"?}` to `endpoint`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub endpoint: String,
    /// JSON pointer to the hold's reference in the submission's answer.
    pub reference: String,
    /// JSON pointer to when the hold lapses (ISO 8601) in that answer, if the department says.
    pub expires: Option<String>,
    /// Endpoint that gives an unconfirmed hold back (`POST {"reference"}`), if the department
    /// has one apart from cancelling.
    pub release: Option<String>,
}
