//! Diagnostics: what is wrong with a descriptor, where (a JSON pointer) and how badly.

use std::fmt;

/// How serious a diagnostic is. Errors make a descriptor unusable; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding about a descriptor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// JSON pointer to the offending value (`""` is the whole document).
    pub path: String,
    /// Stable code, e.g. `type`, `required`, `unknown-input`.
    pub code: &'static str,
    /// Lowercase, precise message naming the value in backticks.
    pub message: String,
    pub severity: Severity,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = if self.path.is_empty() { "/" } else { &self.path };
        write!(f, "{level}[{}] at `{path}`: {}", self.code, self.message)
    }
}

/// Collects diagnostics while walking a document; keeps the current JSON pointer.
#[derive(Debug, Default)]
pub struct Collector {
    pub diagnostics: Vec<Diagnostic>,
}

impl Collector {
    pub fn error(&mut self, path: &str, code: &'static str, message: impl Into<String>) {
        self.push(path, code, message, Severity::Error);
    }

    pub fn warn(&mut self, path: &str, code: &'static str, message: impl Into<String>) {
        self.push(path, code, message, Severity::Warning);
    }

    fn push(&mut self, path: &str, code: &'static str, message: impl Into<String>, severity: Severity) {
        self.diagnostics.push(Diagnostic {
            path: path.to_string(),
            code,
            message: message.into(),
            severity,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/`.
pub fn join(path: &str, token: &str) -> String {
    let escaped = token.replace('~', "~0").replace('/', "~1");
    format!("{path}/{escaped}")
}
