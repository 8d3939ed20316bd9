//! One input: kind (with fallback), label, PII, length and value bounds, prefill and default.

use super::inputs::Names;
use crate::diag::{join, Collector};
use crate::model::{Bound, Input, InputKind, PiiClass, PrefillSource, DEFAULT_MAX_LENGTH};
use crate::raw::{Opt, RawBound, RawInput};
use crate::rules::parse_yuan;
use crate::time::Date;

/// Parses input number `at` of the form.
pub(crate) fn input(
    raw: &RawInput,
    p: &str,
    at: usize,
    names: &Names,
    c: &mut Collector,
) -> Option<Input> {
    no_regex(raw, p, c);
    let id = c.req(&raw.id, p, "id").filter(|id| c.id(id, '_', &join(p, "id"))).cloned();
    let kind = c.req(&raw.kind, p, "kind").and_then(|k| kind(raw, k, p, c));
    let label = c.req_text(&raw.label, p, "label");
    let help = c.opt_text(&raw.help, p, "help");
    let section = c.opt_text(&raw.section, p, "section");
    let required = c.opt(&raw.required, p, "required").copied().unwrap_or(false);
    let pii = c.opt(&raw.pii, p, "pii").copied().unwrap_or(PiiClass::None);
    let reveal = c.opt(&raw.reveal, p, "reveal").copied().unwrap_or(false);
    let kind = kind?;
    let is_text = kind == InputKind::Text;
    let bounded = matches!(kind, InputKind::Number | InputKind::Amount | InputKind::Date);
    let why = format!("does not apply to `{kind}` inputs");
    let (min_length, max_length, allowed) = if is_text {
        lengths(raw, p, c)
    } else {
        for (f, key) in [(&raw.min_length, "min_length"), (&raw.max_length, "max_length")] {
            c.not_here(f, p, key, &why);
        }
        c.not_here(&raw.allowed, p, "allowed", &why);
        (None, None, None)
    };
    let (min, max) = if bounded {
        let min = bound(&raw.min, p, "min", kind, c);
        let max = bound(&raw.max, p, "max", kind, c);
        if let (Some(lo), Some(hi)) = (min, max) {
            if !ordered(lo, hi) {
                c.error(&join(p, "max"), "range", "`max` is below `min`");
            }
        }
        (min, max)
    } else {
        c.not_here(&raw.min, p, "min", &why);
        c.not_here(&raw.max, p, "max", &why);
        (None, None)
    };
    let (options, options_from) = super::options_of(raw, kind, p, at, names, c);
    let visible_when = c
        .opt(&raw.visible_when, p, "visible_when")
        .and_then(|v| super::condition(v, &join(p, "visible_when"), at, names, c));
    let prefill = c.opt(&raw.prefill, p, "prefill").and_then(|pf| {
        let pp = join(p, "prefill");
        c.extra(&pf.extra, &pp);
        let from = *c.req(&pf.from, &pp, "from")?;
        let fits = matches!(
            (from, kind),
            (PrefillSource::Name, InputKind::Text)
                | (PrefillSource::IdNumber, InputKind::IdNumber)
                | (PrefillSource::Mobile, InputKind::Mobile)
                | (PrefillSource::Plates, InputKind::Plate)
        );
        if !fits {
            c.error(
                &join(&pp, "from"),
                "prefill",
                format!("identity attribute `{from}` does not fit a `{kind}` input"),
            );
        }
        fits.then_some(from)
    });
    let default = c.opt(&raw.default, p, "default").cloned();
    let input = Input {
        id: id?,
        kind,
        label: label?,
        help,
        section,
        required,
        pii,
        min_length,
        max_length,
        min,
        max,
        allowed,
        options,
        options_from,
        visible_when,
        prefill,
        reveal,
        default,
    };
    check_default(&input, p, c);
    Some(input)
}

/// Members that ask for a regular expression, which the format does not have.
const REGEX_MEMBERS: [&str; 3] = ["pattern", "regex", "regexp"];

/// Unknown members are warned about, except a regular expression: the author expects a check
/// that would silently never run, so it is an error (publish time), naming what to use instead.
fn no_regex(raw: &RawInput, p: &str, c: &mut Collector) {
    if !c.publish() {
        return;
    }
    for k in raw.extra.keys() {
        if REGEX_MEMBERS.contains(&k.as_str()) {
            c.error(&join(p, k), "unsupported", format!("`{k}` is not supported: descriptors have no regular expressions, so this check would never run; use a kind with a built-in rule (`plate`, `id_number`, `mobile`, `vin`, `engine_tail`, `number`, `amount`, `date`, `select`), or `text` with `allowed` (`digits`, `letters`, `alphanumeric` or `chinese`) and `min_length`/`max_length`"));
        } else {
            c.warn(&join(p, k), "unknown-field", format!("unknown field `{k}` is ignored"));
        }
    }
}

/// A known kind, or the declared `fallback` (with a warning) for a kind from a newer version.
fn kind(raw: &RawInput, k: &str, p: &str, c: &mut Collector) -> Option<InputKind> {
    if let Some(kind) = InputKind::parse(k) {
        return Some(kind);
    }
    let fallback = c.opt(&raw.fallback, p, "fallback");
    match fallback.map(|f| (f, InputKind::parse(f))) {
        Some((f, Some(fb))) => {
            c.warn(
                &join(p, "kind"),
                "unknown-kind",
                format!("unknown input kind `{k}`; using fallback `{f}`"),
            );
            Some(fb)
        }
        Some((f, None)) => {
            c.error(
                &join(p, "fallback"),
                "unknown-kind",
                format!("fallback `{f}` is not a known input kind"),
            );
            None
        }
        None => {
            c.error(
                &join(p, "kind"),
                "unknown-kind",
                format!(
                    "unknown input kind `{k}` and no `fallback` declared; {}expected {}",
                    crate::vocab::did_you_mean(k, InputKind::NAMES),
                    crate::vocab::one_of(InputKind::NAMES)
                ),
            );
            None
        }
    }
}

type Lengths = (Option<u32>, Option<u32>, Option<crate::model::Allowed>);

/// The longest `max_length` a descriptor may declare.
const LONGEST_TEXT: i64 = 10_000;

fn lengths(raw: &RawInput, p: &str, c: &mut Collector) -> Lengths {
    let max_cap = LONGEST_TEXT;
    let min = c
        .opt(&raw.min_length, p, "min_length")
        .and_then(|n| c.ranged(*n, 0, max_cap, &join(p, "min_length"), "characters"));
    let max = c
        .opt(&raw.max_length, p, "max_length")
        .and_then(|n| c.ranged(*n, 1, max_cap, &join(p, "max_length"), "characters"));
    if let Some(lo) = min {
        let hi = max.unwrap_or(DEFAULT_MAX_LENGTH);
        if lo > hi {
            c.error(
                &join(p, "min_length"),
                "range",
                format!("`min_length` {lo} exceeds the maximum length {hi}"),
            );
        }
    }
    let allowed = c.opt(&raw.allowed, p, "allowed").copied();
    (min, max, allowed)
}

fn bound(
    f: &Opt<RawBound>,
    p: &str,
    key: &str,
    kind: InputKind,
    c: &mut Collector,
) -> Option<Bound> {
    let b = c.opt(f, p, key)?;
    let path = join(p, key);
    let bound = match (kind, b) {
        (InputKind::Number, RawBound::Number(n)) => n.as_i64().map(Bound::Integer),
        (InputKind::Amount, RawBound::Number(n)) => parse_yuan(&n.to_string()).map(Bound::Fen),
        (InputKind::Date, RawBound::Text(s)) => date_bound(s),
        (InputKind::Date, RawBound::Number(n)) => {
            c.error(&path, "type", format!("expected a date string, found number `{n}`"));
            return None;
        }
        (_, RawBound::Text(s)) => {
            c.error(&path, "type", format!("expected a number, found string `\"{s}\"`"));
            return None;
        }
        _ => None,
    };
    if bound.is_none() {
        let want = match kind {
            InputKind::Number => "an integer",
            InputKind::Amount => "an amount in yuan with at most 2 decimals",
            _ => "a date `yyyy-MM-dd`, `today`, `today+N` or `today-N`",
        };
        let shown = match b {
            RawBound::Number(n) => n.to_string(),
            RawBound::Text(s) => s.clone(),
        };
        c.error(&path, "range", format!("`{shown}` is not {want}"));
    }
    bound
}

/// `today`, `today+N`, `today-N` (N ≤ 36600) or `yyyy-MM-dd`.
fn date_bound(s: &str) -> Option<Bound> {
    let Some(rest) = s.strip_prefix("today") else { return Date::parse_iso(s).map(Bound::Date) };
    if rest.is_empty() {
        return Some(Bound::Today(0));
    }
    let (sign, digits) = match rest.split_at_checked(1)? {
        ("+", d) => (1, d),
        ("-", d) => (-1, d),
        _ => return None,
    };
    let n: i32 = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()?;
    (n <= 36_600).then_some(Bound::Today(sign * n))
}

/// Whether `lo <= hi` for bounds of the same type (relative dates are not compared with fixed ones).
fn ordered(lo: Bound, hi: Bound) -> bool {
    match (lo, hi) {
        (Bound::Integer(a), Bound::Integer(b)) | (Bound::Fen(a), Bound::Fen(b)) => a <= b,
        (Bound::Date(a), Bound::Date(b)) => a <= b,
        (Bound::Today(a), Bound::Today(b)) => a <= b,
        _ => true,
    }
}

/// A default is never on PII and must pass the input's own rule (where it can be checked here).
fn check_default(input: &Input, p: &str, c: &mut Collector) {
    let Some(default) = input.default.as_ref().filter(|_| c.publish()) else { return };
    let path = join(p, "default");
    if input.pii != PiiClass::None {
        c.error(&path, "prefill", format!("a `{}` (PII) input cannot have a `default`", input.pii));
        return;
    }
    let remote = input.options_from.is_some() || input.kind == InputKind::Slot;
    if !remote && !default.is_empty() {
        if let Err(e) = crate::validate::validate_value_on(input, default, None) {
            c.error(&path, "prefill", format!("default `{default}` is not a valid value: {e}"));
        }
    }
}
