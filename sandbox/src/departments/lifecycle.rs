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
    reference.chars().last().and_then(|c| c.to_digit(10)).is_some_and(|d| d % 2 == 1)
}

/// Answers a status poll from what was filed in this sandbox, else from `seeded` (the
/// department's records from before the sandbox started).
pub fn status(call: &Call<'_>, seeded: fn(&str) -> Option<Value>) -> Answer {
    let reference = call.field("/reference");
    if reference.is_empty() {
        return Answer::ok(call.dialect.invalid("reference"));
    }
    let filed = call.desk.with(|l| l.get(&reference).map(|f| f.answer.clone()));
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
    let filed =
        call.desk.with(|l| l.get(&reference).map(|f| (f.answer.clone(), f.held_until.is_some())));
    let seeded = filed.is_none();
    // Releasing a hold is never too late.
    let hold = filed.as_ref().is_some_and(|f| f.1);
    let Some(mut answer) = filed.map(|f| f.0).or_else(|| (how.seeded)(&reference)) else {
        return Answer::ok(call.dialect.missing());
    };
    if answer.get(call.dialect.code) != Some(&call.dialect.code_value(how.ok_code)) {
        return Answer::ok(call.dialect.missing());
    }
    let day = answer.pointer(how.date_at).and_then(Value::as_str).and_then(Date::parse_iso);
    let cancelled = answer.pointer(how.state_at.0) == Some(&json!(how.state_at.1));
    if day == Some(call.today) && !cancelled && !hold {
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
                held_until: None,
            };
            l.file(reference.clone(), filed);
        }
        l.cancel(&reference, stored);
    });
    Answer::ok(answer)
}

/// How a department holds a place before the citizen confirms it.
pub struct Holding {
    /// The state code of a hold and of a confirmed booking (at `cancelling.state_at.0`).
    pub held: &'static str,
    pub booked: &'static str,
    /// The message of a confirmed booking.
    pub booked_message: &'static str,
    /// The message of a hold given back unconfirmed.
    pub released_message: &'static str,
    /// The refusal of a hold that lapsed or was released.
    pub expired: (&'static str, &'static str),
    /// The refusal when the citizen already has a booking this one would duplicate.
    pub conflict: (&'static str, &'static str),
    /// The keys of a booking no other active booking of the same kind may share.
    pub unique: fn(&Filed) -> &[String],
    /// How its bookings are cancelled (kind, codes, state pointer).
    pub cancelling: &'static Cancelling,
}

impl Holding {
    /// Turns a booking answer into a hold's: its state is `held` and `data.expiresAt` says
    /// until when; returns the hold's lapse time (epoch ms).
    pub fn hold(&self, call: &Call<'_>, answer: &mut Value) -> i64 {
        let until = crate::time::now_ms().saturating_add(call.hold_ms);
        if let Some(state) = answer.pointer_mut(self.cancelling.state_at.0) {
            *state = json!(self.held);
        }
        if let Some(data) = answer.get_mut(call.dialect.data).and_then(Value::as_object_mut) {
            data.insert("expiresAt".into(), json!(crate::time::rfc3339(until)));
        }
        until
    }
}

/// Confirms a hold `{"reference", "replaces"?}`: a lapsed or released hold is refused with
/// `expired`; a duplicate of another active booking with `conflict` (the booking named by
/// `replaces` excepted, and the hold given up); confirming twice answers the booking again. With `replaces`, the old
/// booking (the citizen's own, not on its day) is cancelled in the same step, so a citizen
/// moving a booking never ends up with two or none.
pub fn confirm(call: &Call<'_>, how: &Holding) -> Answer {
    let reference = call.field("/reference");
    let replaces = call.field("/replaces");
    if reference.is_empty() {
        return Answer::ok(call.dialect.invalid("reference"));
    }
    let kind = how.cancelling.kind;
    let state_at = how.cancelling.state_at.0;
    call.desk.with(|l| {
        let Some(held) = l.get(&reference).filter(|f| f.kind == kind).cloned() else {
            return Answer::ok(call.dialect.missing());
        };
        if held.held_until.is_none() {
            return Answer::ok(held.answer);
        }
        if !held.active {
            return Answer::ok(call.dialect.error(how.expired.0, how.expired.1));
        }
        let mut replaced = None;
        if !replaces.is_empty() {
            let own = |f: &&Filed| {
                f.kind == kind
                    && f.active
                    && f.held_until.is_none()
                    && f.keys.iter().any(|k| held.keys.contains(k))
            };
            let Some(old) = l.get(&replaces).filter(own) else {
                return Answer::ok(call.dialect.missing());
            };
            if old.date == Some(call.today) {
                let (code, msg) = how.cancelling.too_late;
                return Answer::ok(call.dialect.error(code, msg));
            }
            replaced = Some(old.answer.clone());
        }
        let unique = (how.unique)(&held);
        let clash = l.records().any(|(r, f)| {
            *r != reference
                && *r != replaces
                && f.kind == kind
                && f.active
                && f.held_until.is_none()
                && f.date.is_some_and(|d| d >= call.today)
                && f.keys.iter().any(|k| unique.contains(k))
        });
        if clash {
            // The place is given back at once rather than when the hold would lapse.
            l.cancel(&reference, held.answer.clone());
            return Answer::ok(call.dialect.error(how.conflict.0, how.conflict.1));
        }
        let mut answer = held.answer;
        if let Some(state) = answer.pointer_mut(state_at) {
            *state = json!(how.booked);
        }
        answer[call.dialect.msg] = json!(how.booked_message);
        if let Some(data) = answer.get_mut(call.dialect.data).and_then(Value::as_object_mut) {
            data.remove("expiresAt");
            if replaced.is_some() {
                data.insert("replaces".into(), json!(replaces));
            }
        }
        l.confirm(&reference, answer.clone());
        if let Some(mut old) = replaced {
            if let Some(state) = old.pointer_mut(state_at) {
                *state = json!(how.cancelling.state_at.1);
            }
            old[call.dialect.msg] = json!(how.cancelling.message);
            l.cancel(&replaces, old);
        }
        Answer::ok(answer)
    })
}

/// Gives an unconfirmed hold back `{"reference"}`: its place is free at once and the hold can no
/// longer be confirmed. Releasing twice, or a hold that lapsed meanwhile, answers the released
/// hold again. Never touches a confirmed booking (answered as unknown: that is `cancel`'s job,
/// with its own rules), and never counts as a cancellation.
pub fn release(call: &Call<'_>, how: &Holding) -> Answer {
    let reference = call.field("/reference");
    if reference.is_empty() {
        return Answer::ok(call.dialect.invalid("reference"));
    }
    let kind = how.cancelling.kind;
    call.desk.with(|l| {
        let Some(held) =
            l.get(&reference).filter(|f| f.kind == kind && f.held_until.is_some()).cloned()
        else {
            return Answer::ok(call.dialect.missing());
        };
        let mut answer = held.answer;
        answer[call.dialect.msg] = json!(how.released_message);
        if let Some(data) = answer.get_mut(call.dialect.data).and_then(Value::as_object_mut) {
            data.insert("released".into(), json!(true));
        }
        l.cancel(&reference, answer.clone());
        Answer::ok(answer)
    })
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
