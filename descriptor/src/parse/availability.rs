//! `availability`: opening hours and maintenance windows (code `hours` for bad ones).

use crate::availability::{Availability, Hours, Maintenance};
use crate::diag::{join, Collector};
use crate::raw::{Opt, RawAvailability};
use crate::time::{parse_iso8601, Iso};

pub(crate) fn availability(f: &Opt<RawAvailability>, c: &mut Collector) -> Option<Availability> {
    let raw = c.opt(f, "", "availability")?;
    let p = "/availability";
    c.extra(&raw.extra, p);
    let mut out = Availability::default();
    for (i, item) in c.opt(&raw.hours, p, "hours").into_iter().flatten().enumerate() {
        let hp = format!("{p}/hours/{i}");
        let Some(h) = c.lenient(item, &hp) else { continue };
        c.extra(&h.extra, &hp);
        let mut days = Vec::new();
        if let Some(list) = c.req(&h.days, &hp, "days") {
            if list.is_empty() {
                c.error(&join(&hp, "days"), "hours", "`days` lists no day");
            }
            for (j, d) in list.iter().enumerate() {
                let dp = format!("{hp}/days/{j}");
                match c.lenient(d, &dp) {
                    Some(n @ 1..=7) => days.push(*n as u8),
                    Some(n) => c.error(
                        &dp,
                        "hours",
                        format!("`{n}` is not a weekday: use 1 (Monday) to 7 (Sunday)"),
                    ),
                    None => {}
                }
            }
        }
        let from = c.req(&h.from, &hp, "from").and_then(|s| clock(s, false, &join(&hp, "from"), c));
        let to = c.req(&h.to, &hp, "to").and_then(|s| clock(s, true, &join(&hp, "to"), c));
        if let (Some(from), Some(to)) = (from, to) {
            if to <= from {
                c.error(
                    &join(&hp, "to"),
                    "hours",
                    "`to` must be after `from` (hours do not span midnight)",
                );
            } else if !days.is_empty() {
                // Sorted and deduplicated weekdays (1–7) without `sort_unstable` (several KiB of
                // wasm for one call).
                let days = (1..=7).filter(|d| days.contains(d)).collect();
                out.hours.push(Hours { days, from, to });
            }
        }
    }
    for (i, item) in c.opt(&raw.maintenance, p, "maintenance").into_iter().flatten().enumerate() {
        let mp = format!("{p}/maintenance/{i}");
        let Some(m) = c.lenient(item, &mp) else { continue };
        c.extra(&m.extra, &mp);
        let capability = c.req(&m.capability, &mp, "capability").copied();
        let from = c.req(&m.from, &mp, "from").and_then(|s| timestamp(s, &join(&mp, "from"), c));
        let to = c.req(&m.to, &mp, "to").and_then(|s| timestamp(s, &join(&mp, "to"), c));
        let message = c.opt_text(&m.message, &mp, "message");
        if let (Some(from_ms), Some(to_ms)) = (from, to) {
            if to_ms <= from_ms {
                c.error(&join(&mp, "to"), "hours", "`to` must be after `from`");
            } else if let Some(capability) = capability {
                out.maintenance.push(Maintenance { capability, from_ms, to_ms, message });
            }
        }
    }
    Some(out)
}

/// `HH:MM` → minutes after midnight; `24:00` only as a closing time.
fn clock(s: &str, closing: bool, path: &str, c: &mut Collector) -> Option<u16> {
    let parsed = (s.len() == 5 && s.as_bytes().get(2) == Some(&b':'))
        .then(|| Some((crate::time::num(s, 0..2)?, crate::time::num(s, 3..5)?)))
        .flatten()
        .filter(|(h, m)| (*h < 24 && *m < 60) || (closing && *h == 24 && *m == 0))
        .map(|(h, m)| h * 60 + m);
    if parsed.is_none() {
        c.error(
            path,
            "hours",
            format!(
                "`{s}` is not a time `HH:MM` (00:00 to {})",
                if closing { "24:00" } else { "23:59" }
            ),
        );
    }
    parsed
}

/// An RFC 3339 timestamp with an explicit offset → epoch milliseconds.
fn timestamp(s: &str, path: &str, c: &mut Collector) -> Option<i64> {
    let zoned = s.get(19..).is_some_and(|z| z.contains(['Z', 'z', '+', '-']));
    match parse_iso8601(s) {
        Some(Iso::Instant(ms)) if zoned => Some(ms),
        _ => {
            c.error(
                path,
                "hours",
                format!("`{s}` is not a timestamp like `2026-12-01T00:00:00+08:00`"),
            );
            None
        }
    }
}
