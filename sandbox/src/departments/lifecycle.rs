//! Status polling and cancelling on the hub, shared by every department that files things.
//!
//! Polling posts `{"reference"}`. A reference ending in an odd digit is still being handled
//! on its first poll (HTTP 202 `{"reference","state":"processing"}`) and settles on the
//! second; any other reference is settled at once (HTTP 200 with the department's answer, the
//! same as the submission's, or its error). No clock is involved: only the poll count.

use citypanel_descriptor::Date;
use serde_json::{json, Value};

use super::desk::Filed;
use super::route::{Answer, Call};

/// Whether a reference settles only on its second poll.
pub fn settles_late(reference: &str) -> bool {
    reference
        .chars()
        .last()
        .and_then(|c| c.to_digit(10))
        .is_some_and(|d| d % 2 == 1)
}

/// Answers a status poll from what was filed in this sandbox, else from `seeded` (the
/// department's records from before the sandbox started).
pub fn status(call: &Call<'_>, seeded: fn(&str) -> Option<Value>) -> Answer {
    let reference = call.field("/reference");
    if reference.is_empty() {
        return Answer::ok(call.dialect.invalid("reference"));
    }
    let filed = call
        .desk
        .with(|l| l.get(&reference).map(|f| f.answer.clone()));
    let Some(answer) = filed.or_else(|| seeded(&reference)) else {
        return Answer::ok(call.dialect.missing());
    };
    let polls = call.desk.with(|l| l.poll(&reference));
    if settles_late(&reference) && polls < 2 {
        Answer::processing(&reference)
    } else {
        Answer::ok(answer)
    }
}

/// How a department cancels its bookings.
pub struct Cancelling {
    /// The kind of record (`inspection`, `registration`, `marriage`).
    pub kind: &'static str,
    /// The success code of the department's answers.
    pub ok_code: &'static str,
    /// Pointer to the appointment date (`yyyy-MM-dd`) in the answer.
    pub date_at: &'static str,
    /// Pointer to the state in the answer, and the cancelled state code.
    pub state_at: (&'static str, &'static str),
    /// The message of a cancelled booking.
    pub message: &'static str,
    /// The refusal on the appointment day.
    pub too_late: (&'static str, &'static str),
    /// Bookings made before the sandbox started.
    pub seeded: fn(&str) -> Option<Value>,
}

/// Cancels a booking `{"reference"}`: refused on the appointment day; cancelling twice
/// answers the cancelled booking again; the slot is released.
pub fn cancel(call: &Call<'_>, how: &Cancelling) -> Answer {
    let reference = call.field("/reference");
    if reference.is_empty() {
        return Answer::ok(call.dialect.invalid("reference"));
    }
    let filed = call
        .desk
        .with(|l| l.get(&reference).map(|f| f.answer.clone()));
    let seeded = filed.is_none();
    let Some(mut answer) = filed.or_else(|| (how.seeded)(&reference)) else {
        return Answer::ok(call.dialect.missing());
    };
    if answer.get(call.dialect.code) != Some(&call.dialect.code_value(how.ok_code)) {
        return Answer::ok(call.dialect.missing());
    }
    let day = answer
        .pointer(how.date_at)
        .and_then(Value::as_str)
        .and_then(Date::parse_iso);
    let cancelled = answer.pointer(how.state_at.0) == Some(&json!(how.state_at.1));
    if day == Some(call.today) && !cancelled {
        return Answer::ok(call.dialect.error(how.too_late.0, how.too_late.1));
    }
    if let Some(state) = answer.pointer_mut(how.state_at.0) {
        *state = json!(how.state_at.1);
    }
    answer[call.dialect.msg] = json!(how.message);
    let stored = answer.clone();
    call.desk.with(|l| {
        if seeded {
            let filed = Filed {
                kind: how.kind,
                answer: stored.clone(),
                keys: vec![],
                date: day,
                slot: None,
                active: false,
            };
            l.file(reference.clone(), filed);
        }
        l.cancel(&reference, stored);
    });
    Answer::ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_references_settle_late() {
        assert!(settles_late("JC3301002505060023"));
        assert!(!settles_late("JC3301002505060024"));
        assert!(!settles_late("X"));
    }
}
