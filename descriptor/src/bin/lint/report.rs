//! Printing the findings: compiler-style text or one JSON document.

use super::check::FileReport;
use citypanel_descriptor::Severity;
use serde_json::{json, Value};
use std::fmt::Write;

/// Totals over all files: (errors, warnings).
pub fn totals(reports: &[FileReport]) -> (usize, usize) {
    reports
        .iter()
        .fold((0, 0), |(e, w), r| (e + r.count(Severity::Error), w + r.count(Severity::Warning)))
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Compiler-style text: each finding with its location and hint, then a summary line.
pub fn human(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for f in &r.findings {
            let _ = writeln!(out, "{}[{}]: {}", severity_name(f.severity), f.code, f.message);
            let at = if f.pointer.is_empty() { String::new() } else { format!(":{}", f.pointer) };
            let position =
                f.position.map(|(l, c)| format!(" (line {l}, column {c})")).unwrap_or_default();
            let _ = writeln!(out, "  --> {}{at}{position}", r.path.display());
            if let Some(h) = &f.hint {
                let _ = writeln!(out, "   = hint: {h}");
            }
            out.push('\n');
        }
    }
    let (errors, warnings) = totals(reports);
    let files = plural(reports.len(), "file");
    let _ = writeln!(
        out,
        "{files} checked: {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    out
}

/// One JSON document: `{"files":[{"path","diagnostics":[…]}],"errors":E,"warnings":W}`.
pub fn json(reports: &[FileReport]) -> String {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let diagnostics: Vec<Value> = r
                .findings
                .iter()
                .map(|f| {
                    json!({
                        "path": f.pointer,
                        "code": f.code,
                        "severity": severity_name(f.severity),
                        "message": f.message,
                        "hint": f.hint,
                        "line": f.position.map(|p| p.0),
                        "column": f.position.map(|p| p.1),
                    })
                })
                .collect();
            json!({ "path": r.path.display().to_string(), "diagnostics": diagnostics })
        })
        .collect();
    let (errors, warnings) = totals(reports);
    let doc = json!({ "files": files, "errors": errors, "warnings": warnings });
    serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|e| format!("{{\"error\":\"cannot render report: {e}\"}}"))
}
