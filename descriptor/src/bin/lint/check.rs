//! Checking descriptor files: the standard's own diagnostics, plus checks across the catalog.

use super::files::Source;
use super::hints;
use citypanel_descriptor::locate;
use citypanel_descriptor::{check_references, parse, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One diagnostic, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// JSON pointer to the offending value (`""` is the whole document).
    pub pointer: String,
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
    /// 1-based line and column of `pointer` in the file, when found.
    pub position: Option<(usize, usize)>,
}

/// The findings for one file.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
    pub findings: Vec<Finding>,
}

impl FileReport {
    /// How many findings have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Checks every source; catalog-wide checks (unique service ids, file names) included, and
/// the references between services when `references` (a folder, or several files, was given).
pub fn check(sources: &[Source], references: bool) -> Vec<FileReport> {
    let mut first_file_of: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut reports = Vec::new();
    for source in sources {
        let mut findings = Vec::new();
        let Some(text) = &source.text else {
            findings.push(finding(
                "",
                "encoding",
                Severity::Error,
                "file is not valid UTF-8".into(),
                "",
            ));
            reports.push(FileReport { path: source.path.clone(), findings });
            continue;
        };
        let parsed = parse(text);
        for d in parsed.diagnostics {
            findings.push(finding(&d.path, d.code, d.severity, d.message, text));
        }
        if let Some(d) = parsed.descriptor {
            if let Some(first) = first_file_of.get(&d.id) {
                let message =
                    format!("service id `{}` is already used by `{}`", d.id, first.display());
                findings.push(finding("/id", "duplicate-service", Severity::Error, message, text));
            } else {
                first_file_of.insert(d.id.clone(), source.path.clone());
            }
            if let Some(message) = file_name_mismatch(&source.path, &d.id) {
                findings.push(finding("/id", "file-name", Severity::Warning, message, text));
            }
        }
        reports.push(FileReport { path: source.path.clone(), findings });
    }
    if references {
        check_refs(sources, &mut reports);
    }
    for r in &mut reports {
        // Document order; findings without a position (whole-document ones) last.
        r.findings.sort_by_key(|f| f.position.unwrap_or((usize::MAX, 0)));
    }
    reports
}

/// `book` and `open_service` targets (and the inputs they fill) among the files checked
/// together: linting a folder checks its cross-references.
fn check_refs(sources: &[Source], reports: &mut [FileReport]) {
    let docs: Vec<(usize, serde_json::Value)> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let text = s.text.as_deref()?;
            serde_json::from_str::<serde_json::Value>(text).ok().map(|v| (i, v))
        })
        .collect();
    let values: Vec<&serde_json::Value> = docs.iter().map(|(_, v)| v).collect();
    for f in check_references(&values) {
        let Some(&(i, _)) = docs.get(f.service) else { continue };
        let (Some(report), Some(text)) =
            (reports.get_mut(i), sources.get(i).and_then(|s| s.text.as_deref()))
        else {
            continue;
        };
        let d = f.diagnostic;
        report.findings.push(finding(&d.path, d.code, d.severity, d.message, text));
    }
}

fn finding(
    pointer: &str,
    code: &'static str,
    severity: Severity,
    message: String,
    text: &str,
) -> Finding {
    Finding {
        pointer: pointer.to_string(),
        code,
        severity,
        hint: hints::hint_at(code, &message, pointer),
        position: locate::position(text, pointer, &message),
        message,
    }
}

fn file_name_mismatch(path: &Path, id: &str) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    (name != format!("{id}.json"))
        .then(|| format!("service id `{id}` does not match the file name `{name}`"))
}
