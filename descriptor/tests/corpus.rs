//! The fixture corpus in `tests/fixtures/descriptors/`: every invalid descriptor yields exactly
//! the diagnostics of its `.expected` file (`severity code path` per line, `""` for the root),
//! every valid one parses with only the warnings its optional `.expected` lists.

use citypanel_descriptor::diag::CODES;
use citypanel_descriptor::{parse, Diagnostic, Severity};
use std::path::{Path, PathBuf};

fn dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/descriptors").join(kind)
}

fn files(kind: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir(kind))
        .unwrap_or_else(|e| panic!("cannot read fixtures `{kind}`: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

fn line(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let path = if d.path.is_empty() { "\"\"" } else { &d.path };
    format!("{severity} {} {path}", d.code)
}

fn expected(path: &Path) -> Vec<String> {
    let mut lines: Vec<String> = expectations(path).into_iter().map(|(l, _)| l).collect();
    lines.sort();
    lines
}

/// The `.expected` lines, each with the text its message must contain (after ` ~ `), if any.
fn expectations(path: &Path) -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(" ~ ") {
            Some((line, needle)) => (line.trim().to_string(), Some(needle.trim().to_string())),
            None => (l.to_string(), None),
        })
        .collect()
}

/// Every ` ~ text` of an `.expected` file is in the message of a diagnostic of that line.
fn messages_differ(path: &Path, diags: &[Diagnostic]) -> Vec<String> {
    let mut out = Vec::new();
    for (want, needle) in expectations(path) {
        let Some(needle) = needle else { continue };
        let found = diags.iter().any(|d| line(d) == want && d.message.contains(&needle));
        if !found {
            let messages: Vec<&str> =
                diags.iter().filter(|d| line(d) == want).map(|d| d.message.as_str()).collect();
            out.push(format!("`{want}`: no message contains `{needle}` (messages: {messages:?})"));
        }
    }
    out
}

fn actual(src: &str) -> (bool, Vec<String>, Vec<Diagnostic>) {
    let parsed = parse(src);
    let mut lines: Vec<String> = parsed.diagnostics.iter().map(line).collect();
    lines.sort();
    (parsed.descriptor.is_some(), lines, parsed.diagnostics)
}

fn name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

#[test]
fn invalid_descriptors_yield_exactly_their_diagnostics() {
    let jsons = files("invalid", "json");
    assert!(jsons.len() >= 45, "only {} invalid fixtures", jsons.len());
    let mut failures = Vec::new();
    for f in &jsons {
        let exp_path = f.with_extension("expected");
        assert!(exp_path.exists(), "`{}` has no `.expected` file", name(f));
        let src = std::fs::read_to_string(f).expect("fixture text");
        let (usable, got, diags) = actual(&src);
        let want = expected(&exp_path);
        for m in messages_differ(&exp_path, &diags) {
            failures.push(format!("{}: {m}", name(f)));
        }
        if usable {
            failures.push(format!("{}: parsed into a descriptor", name(f)));
        }
        if let Ok(doc) = serde_json::from_str::<serde_json::Value>(&src) {
            for d in diags.iter().filter(|d| doc.pointer(&d.path).is_none()) {
                failures.push(format!(
                    "{}: path `{}` of `{}` is not in the document",
                    name(f),
                    d.path,
                    d.code
                ));
            }
        }
        if got != want {
            let shown: Vec<String> =
                diags.iter().map(|d| format!("    {} ({})", line(d), d.message)).collect();
            failures.push(format!(
                "{}:\n  expected {want:?}\n  got:\n{}",
                name(f),
                shown.join("\n")
            ));
        }
    }
    for e in files("invalid", "expected") {
        assert!(e.with_extension("json").exists(), "`{}` has no `.json` file", name(&e));
    }
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn valid_descriptors_parse_with_only_expected_warnings() {
    let jsons = files("valid", "json");
    assert!(jsons.len() >= 10, "only {} valid fixtures", jsons.len());
    let mut failures = Vec::new();
    for f in &jsons {
        let src = std::fs::read_to_string(f).expect("fixture text");
        let (usable, got, diags) = actual(&src);
        let want = expected(&f.with_extension("expected"));
        if !usable || got != want {
            let shown: Vec<String> =
                diags.iter().map(|d| format!("    {} ({})", line(d), d.message)).collect();
            failures.push(format!(
                "{} (usable: {usable}):\n  expected {want:?}\n  got:\n{}",
                name(f),
                shown.join("\n")
            ));
        }
        assert!(
            want.iter().all(|l| l.starts_with("warning ")),
            "{}: a valid fixture may expect warnings only",
            name(f)
        );
    }
    assert!(failures.is_empty(), "{} fixture(s) differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_huge_descriptor_is_refused_before_parsing() {
    // Generated here rather than committed: a valid descriptor padded past 512 KiB.
    let src = std::fs::read_to_string(dir("valid").join("minimal-query.json")).expect("fixture");
    let pad = format!("\"padding\": \"{}\",", "x".repeat(520 * 1024));
    let huge = src.replacen('{', &format!("{{{pad}"), 1);
    assert!(huge.len() > 512 * 1024);
    let (usable, got, _) = actual(&huge);
    assert!(!usable);
    assert_eq!(got, ["error too-large \"\""]);
    // Just under the limit the padding is only an unknown field.
    let pad = format!("\"padding\": \"{}\",", "x".repeat(500 * 1024));
    let (usable, got, _) = actual(&src.replacen('{', &format!("{{{pad}"), 1));
    assert!(usable);
    assert_eq!(got, ["warning unknown-field /padding"]);
}

#[test]
fn codes_are_known_messages_lowercase_and_every_code_is_exercised() {
    let mut seen = std::collections::BTreeSet::new();
    let mut bad = Vec::new();
    for kind in ["invalid", "valid"] {
        for f in files(kind, "json") {
            let (_, _, diags) = actual(&std::fs::read_to_string(&f).expect("fixture"));
            for d in diags {
                assert!(CODES.contains(&d.code), "{}: unknown code `{}`", name(&f), d.code);
                let first = d.message.chars().next().unwrap_or(' ');
                if first.is_uppercase() || !d.message.contains('`') {
                    bad.push(format!("{}: {} {}", name(&f), d.code, d.message));
                }
                seen.insert(d.code);
            }
        }
    }
    assert!(
        bad.is_empty(),
        "messages must be lowercase and name the value in backticks:\n{}",
        bad.join("\n")
    );
    // `too-large` is exercised by the generated document above; `incomplete` never appears.
    let missing: Vec<&&str> = CODES
        .iter()
        .filter(|c| !["incomplete", "too-large"].contains(*c) && !seen.contains(**c))
        .collect();
    assert!(missing.is_empty(), "codes no fixture exercises: {missing:?}");
}
