//! Fuzz target `parse`: arbitrary bytes → `parse(&str)` (when UTF-8) and, for input that is
//! JSON, `parse_value`. Besides "never panics", checks the contract of `Parsed`: a descriptor
//! exactly when no diagnostic is an error, and both entry points agree.

#![no_main]

use citypanel_descriptor::{parse, parse_value, Parsed, Severity};
use libfuzzer_sys::fuzz_target;

fn check(parsed: &Parsed) {
    let has_error = parsed.diagnostics.iter().any(|d| d.severity == Severity::Error);
    assert_eq!(
        parsed.descriptor.is_some(),
        !has_error,
        "descriptor iff no error: {:?}",
        parsed.diagnostics
    );
    for d in &parsed.diagnostics {
        assert!(d.path.is_empty() || d.path.starts_with('/'), "not a JSON pointer: {:?}", d.path);
        assert!(!d.code.is_empty() && !d.message.is_empty(), "empty code or message: {d:?}");
        let _ = d.to_string();
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let parsed = parse(src);
    check(&parsed);
    if src.len() > citypanel_descriptor::parse::MAX_BYTES {
        return;
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(src) {
        let again = parse_value(&value);
        check(&again);
        assert_eq!(parsed.descriptor, again.descriptor, "parse and parse_value disagree");
        assert_eq!(parsed.diagnostics, again.diagnostics, "parse and parse_value disagree");
    }
});
