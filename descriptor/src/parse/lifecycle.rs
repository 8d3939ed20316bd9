//! `lifecycle`: required for handling, booking and payment services.

use super::inputs::Names;
use super::refs::Uses;
use crate::diag::{join, Collector};
use crate::model::{
    Cancel, Confirm, Lifecycle, ServiceKind, StatusPoll, DEFAULT_INTERVAL_MS, DEFAULT_MAX_WAIT_MS,
};
use crate::raw::{Lenient, Opt, RawLifecycle};

pub(crate) fn lifecycle(
    f: &Opt<RawLifecycle>,
    kind: Option<ServiceKind>,
    names: &Names,
    uses: &mut Uses,
    c: &mut Collector,
) -> Option<Lifecycle> {
    let non_query = kind.filter(|k| *k != ServiceKind::Query);
    if let (true, Some(k), Lenient::Missing) = (c.publish(), non_query, &f.0) {
        c.error("", "missing-lifecycle", format!("a `{k}` service must declare `lifecycle` (idempotency, pending, outcome-unknown, receipt)"));
        return None;
    }
    let raw = c.opt(f, "", "lifecycle")?;
    let p = "/lifecycle";
    c.extra(&raw.extra, p);
    let idempotency = c.opt(&raw.idempotency, p, "idempotency").copied();
    if let (true, Some(k), Lenient::Missing) = (c.publish(), non_query, &raw.idempotency.0) {
        c.error(p, "missing-idempotency", format!("a `{k}` service must declare `\"idempotency\": \"header\"` so no submission is done twice"));
    }
    let review = c.opt(&raw.review, p, "review").copied().unwrap_or(true);
    let pending = c.opt_text(&raw.pending, p, "pending");
    let status = c.opt(&raw.status, p, "status").and_then(|s| {
        let sp = join(p, "status");
        c.extra(&s.extra, &sp);
        let endpoint = c
            .req(&s.endpoint, &sp, "endpoint")
            .filter(|e| c.endpoint(e, &join(&sp, "endpoint")))
            .cloned();
        let reference = c
            .req(&s.reference, &sp, "reference")
            .filter(|r| c.pointer(r, &join(&sp, "reference")))
            .cloned();
        let interval_ms = match c.opt(&s.interval_ms, &sp, "interval_ms") {
            None => Some(DEFAULT_INTERVAL_MS),
            Some(n) => c.ranged(*n, 500, 60_000, &join(&sp, "interval_ms"), "milliseconds"),
        };
        let max_wait_ms = match c.opt(&s.max_wait_ms, &sp, "max_wait_ms") {
            None => Some(DEFAULT_MAX_WAIT_MS),
            Some(n) => c.ranged(*n, 1_000, 600_000, &join(&sp, "max_wait_ms"), "milliseconds"),
        };
        if let (Some(i), Some(m)) = (interval_ms, max_wait_ms) {
            if m < i {
                c.error(
                    &join(&sp, "max_wait_ms"),
                    "range",
                    format!("`max_wait_ms` {m} is shorter than `interval_ms` {i}"),
                );
            }
        }
        Some(StatusPoll {
            endpoint: endpoint?,
            reference: reference?,
            interval_ms: interval_ms?,
            max_wait_ms: max_wait_ms?,
        })
    });
    let receipt = c
        .opt(&raw.receipt, p, "receipt")
        .and_then(|r| super::result::result(r, &join(p, "receipt"), names, uses, c));
    let booking = kind == Some(ServiceKind::Booking) || kind.is_none();
    let (hold_s, cancel, confirm, reschedule) = if booking {
        let hold_s = c
            .opt(&raw.hold_s, p, "hold_s")
            .and_then(|n| c.ranged(*n, 1, 3600, &join(p, "hold_s"), "seconds"));
        let cancel = c.opt(&raw.cancel, p, "cancel").and_then(|x| {
            let cp = join(p, "cancel");
            c.extra(&x.extra, &cp);
            let endpoint = c
                .req(&x.endpoint, &cp, "endpoint")
                .filter(|e| c.endpoint(e, &join(&cp, "endpoint")))
                .cloned();
            let label = c.req_text(&x.label, &cp, "label");
            Some(Cancel { endpoint: endpoint?, label: label? })
        });
        let confirm = c.opt(&raw.confirm, p, "confirm").and_then(|x| {
            let cp = join(p, "confirm");
            c.extra(&x.extra, &cp);
            let endpoint = c
                .req(&x.endpoint, &cp, "endpoint")
                .filter(|e| c.endpoint(e, &join(&cp, "endpoint")))
                .cloned();
            let reference = c
                .req(&x.reference, &cp, "reference")
                .filter(|r| c.pointer(r, &join(&cp, "reference")))
                .cloned();
            let expires = c
                .opt(&x.expires, &cp, "expires")
                .filter(|e| c.pointer(e, &join(&cp, "expires")))
                .cloned();
            let release = c
                .opt(&x.release, &cp, "release")
                .filter(|e| c.endpoint(e, &join(&cp, "release")))
                .cloned();
            Some(Confirm { endpoint: endpoint?, reference: reference?, expires, release })
        });
        if c.publish()
            && !matches!(raw.confirm.0, Lenient::Missing)
            && matches!(raw.hold_s.0, Lenient::Missing)
        {
            c.error(
                &join(p, "confirm"),
                "missing-hold",
                "`confirm` needs `hold_s`: how long the submission holds the slot".to_string(),
            );
        }
        let reschedule = c.opt(&raw.reschedule, p, "reschedule").and_then(|x| {
            let rp = join(p, "reschedule");
            c.extra(&x.extra, &rp);
            if c.publish() && matches!(raw.confirm.0, Lenient::Missing) {
                c.error(&rp, "missing-hold", "`reschedule` needs `confirm`: the new slot is confirmed in place of the old booking".to_string());
            }
            c.req_text(&x.label, &rp, "label")
        });
        (hold_s, cancel, confirm, reschedule)
    } else {
        c.not_here(&raw.hold_s, p, "hold_s", "applies only to `booking` services");
        c.not_here(&raw.cancel, p, "cancel", "applies only to `booking` services");
        c.not_here(&raw.confirm, p, "confirm", "applies only to `booking` services");
        c.not_here(&raw.reschedule, p, "reschedule", "applies only to `booking` services");
        (None, None, None, None)
    };
    Some(Lifecycle {
        idempotency,
        review,
        pending,
        status,
        receipt,
        hold_s,
        cancel,
        confirm,
        reschedule,
    })
}
