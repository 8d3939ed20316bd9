//! What to do about each diagnostic code: one hint per code, for descriptor authors.

/// Code → hint. `{0}` is replaced by the first value in backticks in the message.
const HINTS: &[(&str, &str)] = &[
    ("json", "fix the JSON syntax at the line and column named in the message"),
    ("encoding", "save the file as UTF-8 without a byte-order mark"),
    ("too-large", "a descriptor is at most 512 KiB; split the service or shorten its text"),
    ("too-many", "stay within the limits listed under \"Top level\" in docs/descriptor.md"),
    ("type", "change the value to the JSON type named in the message"),
    ("required", "add the missing field; docs/descriptor.md lists the required fields of each section"),
    ("unknown-field", "check the spelling, or remove the field; this reader ignores it"),
    ("format", "write the version as `MAJOR.MINOR`, e.g. `\"format\": \"1.0\"`"),
    ("format-major", "this reader understands format `1.x`; declare `\"format\": \"1.0\"`"),
    ("format-minor", "readers of format `1.1` ignore the newer parts; declare `1.1` if you need none of them"),
    ("needs-format", "declare `\"format\": \"1.1\"` to use `digest` and the cities' `person_*` fields"),
    ("unknown-attribute", "use an attribute class: `name`, `id_number`, `mobile`, `plates`, `water_account`, `electricity_account`, `gas_account` or `library_card`"),
    ("attribute", "list in `/digest/needs` exactly the classes the person request sends; a list class is a whole string `\"{plates}\"`"),
    ("secret-open", "remove `{0}` from `open`: a secret input is typed by the citizen, never carried by a matter"),
    ("field-format", "give the field a date formatter (`date8`, `datetime14`, `iso8601` or `epoch_millis`)"),
    ("unknown-kind", "use a kind listed in docs/descriptor.md, or declare a `fallback` kind this version knows"),
    ("unknown-widget", "use one of the widgets the message lists (see \"Result widgets\" in docs/descriptor.md), or declare a `fallback` this version knows"),
    ("unknown-format", "use `text`, `integer`, `money_fen`, `money_yuan`, `date8`, `datetime14`, `epoch_millis` or `{\"enum\": {…}}`"),
    ("unknown-pii", "use `none`, `plate`, `id_number`, `mobile`, `name` or `secret`"),
    ("unknown-value", "use one of the values the message lists"),
    ("unknown-category", "use a category listed under \"Top level\" in docs/descriptor.md"),
    ("id", "service ids use `a-z`, `0-9` and `-`; input and field ids use `a-z`, `0-9` and `_`"),
    ("duplicate-id", "give every input and every response field its own id"),
    ("duplicate-city", "list each city once"),
    ("duplicate-service", "service ids must be unique in the catalog; the platform skips all but the first file"),
    ("file-name", "name the file `{0}.json`, after its service id"),
    ("empty", "list at least one city in `/cities`"),
    ("city-code", "use the city's six-digit GB/T 2260 code, e.g. `330100` for Hangzhou"),
    ("endpoint", "use a platform-relative path such as `/dept/<department>/<service>`, without scheme, `..` or `?`"),
    ("locale", "use a locale tag such as `zh-CN` or `en`"),
    ("empty-text", "give at least one locale, e.g. `{\"zh-CN\": \"…\", \"en\": \"…\"}`"),
    ("missing-locale", "add both `zh-CN` and `en` text so every citizen reads it in their language"),
    ("pointer", "write a JSON pointer such as `/data/list`; escape `~` as `~0` and `/` as `~1`"),
    ("unknown-input", "declare an input with id `{0}` in `/inputs`, or fix the reference"),
    ("unknown-field-ref", "name a field id declared in `/response/fields`"),
    ("pii-in-query", "send `{0}` in `/request/body`; personal data never travels in a URL"),
    ("body-on-get", "use `\"method\": \"POST\"`, or move the values to `/request/query`"),
    ("method", "use `GET` or `POST`"),
    ("range", "use a value inside the range named in the message"),
    ("missing-lifecycle", "declare `lifecycle` (pending / unknown / receipt) for a non-query service"),
    ("missing-idempotency", "declare an idempotency key for a call that must not run twice"),
    ("missing-hold", "a confirmed hold needs `hold_s` and `confirm`; see \"Lifecycle\" in docs/descriptor.md"),
    ("missing-amount", "name the response field that holds the amount to pay"),
    ("options", "give a select either `options` or `options_from`, not both and not neither"),
    ("condition", "write `visible_when` as described under \"Inputs\" in docs/descriptor.md"),
    ("depends-order", "move `{0}` before the input that depends on it"),
    ("prefill", "prefill only from host data that fits the input kind, and never default a PII input"),
    ("header", "remove the header; the platform sets it"),
    ("hours", "write opening hours and maintenance windows as described under \"Availability\""),
    ("template", "write placeholders as `{input_id}`; literal braces cannot be written in a template"),
    ("unsupported", "remove the member; use an input kind or `allowed`/`min_length`/`max_length` as the message says"),
    ("unknown-service", "name a service id of the catalog, or publish `{0}` with this one"),
    ("unknown-target-input", "use an input id the target service declares in its `/inputs`"),
    ("target-kind", "`book` opens a `booking` service; use `open_service` for other kinds"),
    ("target-city", "offer the target service in this city too, or show the action only where it is offered"),
    ("incomplete", "fix the other errors first"),
];

/// Hints for a particular case of a code: (code, text in the message or pointer, hint).
const CASES: &[(&str, &str, &str)] = &[
    ("depends-order", "a cycle", "break the cycle the message shows: an input can depend only on inputs before it, so remove one of those references"),
    ("json", "is empty", "write the descriptor: a JSON object such as `{\"format\": \"1.0\", \"id\": …}`"),
    ("endpoint", "/order/endpoint", "a `pay` order is created by the platform: use `/platform/pay/orders`"),
    ("endpoint", "/lifecycle/", "lifecycle calls (status, confirm, cancel, release) go to the platform hub, e.g. `/hub/<domain>/<operation>` (`/platform/pay/status` for a payment's status)"),
    ("endpoint", "/options_from/", "remote options come from the platform hub, e.g. `/hub/<domain>/<operation>`"),
];

/// The hint for a finding: a case-specific one when the message or the pointer matches (see
/// `CASES`), else [`hint`].
pub fn hint_at(code: &str, message: &str, pointer: &str) -> Option<String> {
    CASES
        .iter()
        .find(|(c, needle, _)| *c == code && (message.contains(needle) || pointer.contains(needle)))
        .map(|(_, _, h)| h.to_string())
        .or_else(|| hint(code, message))
}

/// The hint for `code`, with `{0}` filled from `message`; `None` for codes without a hint.
pub fn hint(code: &str, message: &str) -> Option<String> {
    let template = HINTS.iter().find(|(c, _)| *c == code)?.1;
    if !template.contains("{0}") {
        return Some(template.to_string());
    }
    let value = message.split('`').nth(1).unwrap_or("…");
    Some(template.replace("{0}", value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_name_the_value_from_the_message() {
        let h = hint("unknown-input", "template names input `nope`, which does not exist");
        assert_eq!(
            h.as_deref(),
            Some("declare an input with id `nope` in `/inputs`, or fix the reference")
        );
        assert_eq!(hint("method", "x").as_deref(), Some("use `GET` or `POST`"));
        // A misspelt `visible_when` input: the hint names the input, not `visible_when`.
        let h = hint("unknown-input", "input `plat`, named by `visible_when`, does not exist");
        assert_eq!(
            h.as_deref(),
            Some("declare an input with id `plat` in `/inputs`, or fix the reference")
        );
        assert_eq!(hint("no-such-code", "x"), None);
    }

    #[test]
    fn some_cases_have_their_own_hint() {
        let cycle = hint_at("depends-order", "… a cycle (`a` → `b` → `a`) …", "/inputs/0");
        assert!(cycle.is_some_and(|h| h.starts_with("break the cycle")));
        let later = hint_at("depends-order", "input `b` … is not an earlier input", "/inputs/0");
        assert!(later.is_some_and(|h| h.starts_with("move `b`")));
        let pay =
            hint_at("endpoint", "`javascript:x` must be …", "/result/actions/0/order/endpoint");
        assert!(pay.is_some_and(|h| h.contains("/platform/pay/orders")));
        let empty = hint_at("json", "the document is empty (`\"\"`)…", "");
        assert!(empty.is_some_and(|h| h.starts_with("write the descriptor")));
    }

    #[test]
    fn every_code_of_the_reader_has_a_hint() {
        let missing: Vec<&str> = citypanel_descriptor::diag::CODES
            .iter()
            .copied()
            .chain(citypanel_descriptor::diag::CATALOG_CODES.iter().copied())
            .filter(|c| hint(c, "").is_none())
            .collect();
        assert!(missing.is_empty(), "codes without a hint: {missing:?}");
    }

    #[test]
    fn codes_are_listed_once() {
        let mut codes: Vec<&str> = HINTS.iter().map(|(c, _)| *c).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), HINTS.len());
    }
}
