//! Diagnostics: what is wrong with a descriptor, where (a JSON pointer) and how badly.

use std::fmt;

/// Every diagnostic code this reader emits (the table in `docs/descriptor.md`, plus
/// `unknown-value`; `incomplete` is an internal safety net that should never appear).
pub const CODES: &[&str] = &[
    "json",
    "encoding",
    "too-large",
    "too-many",
    "type",
    "required",
    "format",
    "format-major",
    "format-minor",
    "unknown-field",
    "unknown-kind",
    "unknown-widget",
    "unknown-format",
    "unknown-pii",
    "unknown-category",
    "unknown-value",
    "id",
    "duplicate-id",
    "duplicate-city",
    "city-code",
    "endpoint",
    "locale",
    "empty-text",
    "missing-locale",
    "pointer",
    "unknown-input",
    "unknown-field-ref",
    "pii-in-query",
    "body-on-get",
    "method",
    "range",
    "missing-lifecycle",
    "missing-idempotency",
    "missing-amount",
    "missing-hold",
    "options",
    "condition",
    "depends-order",
    "prefill",
    "header",
    "hours",
    "template",
    "unsupported",
    "needs-format",
    "unknown-attribute",
    "attribute",
    "secret-open",
    "field-format",
    "incomplete",
];

/// The codes of the checks across a catalog ([`crate::references`]): a reference from one
/// service to another that the catalog does not satisfy.
pub const CATALOG_CODES: &[&str] =
    &["unknown-service", "unknown-target-input", "target-kind", "target-city"];

/// How serious a diagnostic is. Errors make a descriptor unusable; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The descriptor stays usable.
    Warning,
    /// The descriptor is refused.
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
    /// Whether this makes the descriptor unusable.
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
    /// Everything found so far, in document order of discovery.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the publish-time checks run too (see [`Collector::publishing`]).
    publish: bool,
}

impl Collector {
    /// A collector for the full validator (lint, the platform, the author preview): every
    /// check, warnings included. Without the `validate` feature it is the lean reader's.
    pub fn publishing() -> Self {
        Collector { diagnostics: Vec::new(), publish: true }
    }

    /// Whether the publish-time-only checks run: the full validator (feature `validate`), not
    /// the lean reader the browser SDK uses. A constant `false` without the feature, so the
    /// checks it guards are not compiled into the SDK.
    #[inline(always)]
    pub fn publish(&self) -> bool {
        cfg!(feature = "validate") && self.publish
    }

    /// Records an error at `path`.
    pub fn error(&mut self, path: &str, code: &'static str, message: impl Into<String>) {
        self.push(path, code, message, Severity::Error);
    }

    /// Records a warning at `path` (publish-time only: the lean reader keeps no warnings).
    pub fn warn(&mut self, path: &str, code: &'static str, message: impl Into<String>) {
        if !self.publish() {
            return;
        }
        self.push(path, code, message, Severity::Warning);
    }

    fn push(
        &mut self,
        path: &str,
        code: &'static str,
        message: impl Into<String>,
        severity: Severity,
    ) {
        self.diagnostics.push(Diagnostic {
            path: path.to_string(),
            code,
            message: message.into(),
            severity,
        });
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/`.
pub fn join(path: &str, token: &str) -> String {
    let escaped = token.replace('~', "~0").replace('/', "~1");
    format!("{path}/{escaped}")
}
