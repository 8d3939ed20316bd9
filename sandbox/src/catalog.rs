//! The published descriptors, loaded once from a directory of `*.json` files.
//!
//! Descriptors are kept as plain [`serde_json::Value`]s: the sandbox only needs `id`,
//! `cities[]` and a few summary fields, and serves each file back as it was loaded.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use thiserror::Error;

/// Why the catalog directory could not be loaded at all (single bad files are only skipped).
#[derive(Debug, Error)]
pub enum CatalogError {
    /// The directory is missing or unreadable.
    #[error("cannot read catalog directory `{dir}`: {source}")]
    ReadDir {
        /// The directory that was asked for.
        dir: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
}

/// All descriptors of the catalog, in file-name order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    services: Vec<Value>,
}

impl Catalog {
    /// Reads every `*.json` file in `dir`. A file that is unreadable, not JSON, lacks a string
    /// `id` or an array `cities`, or repeats an earlier `id` is skipped with a warning.
    pub fn load(dir: &Path) -> Result<Catalog, CatalogError> {
        let read_err = |source| CatalogError::ReadDir { dir: dir.to_path_buf(), source };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "json") && p.is_file())
            .collect();
        paths.sort();
        let mut catalog = Catalog::default();
        for path in paths {
            match read_descriptor(&path) {
                Ok(value) => catalog.push(value, &path),
                Err(why) => tracing::warn!("skipping catalog file `{}`: {why}", path.display()),
            }
        }
        catalog.refuse_dangling_references();
        Ok(catalog)
    }

    /// Refuses to publish a service whose `book` or `open_service` action names a service the
    /// catalog does not have (or inputs the target lacks, or a target of the wrong kind): it is
    /// skipped with a warning naming the pointer. Repeated until nothing dangles, since a
    /// refused service may be another one's target. Returns the refused ids.
    pub fn refuse_dangling_references(&mut self) -> Vec<String> {
        let mut refused = Vec::new();
        loop {
            let docs: Vec<&Value> = self.services.iter().collect();
            let findings = citypanel_descriptor::check_references(&docs);
            let mut bad: Vec<usize> = Vec::new();
            for f in &findings {
                let id = service_id(&self.services[f.service]);
                let d = &f.diagnostic;
                if d.severity == citypanel_descriptor::Severity::Error {
                    tracing::warn!(
                        "refusing service `{id}`: {} at {}: {}",
                        d.code,
                        d.path,
                        d.message
                    );
                    bad.push(f.service);
                } else {
                    tracing::warn!("service `{id}`: {} at {}: {}", d.code, d.path, d.message);
                }
            }
            if bad.is_empty() {
                return refused;
            }
            bad.sort_unstable();
            bad.dedup();
            for i in bad.into_iter().rev() {
                refused.push(service_id(&self.services.remove(i)).to_string());
            }
        }
    }

    /// Builds a catalog from descriptors already in memory (invalid ones are skipped).
    pub fn from_values(values: impl IntoIterator<Item = Value>) -> Catalog {
        let mut catalog = Catalog::default();
        for value in values.into_iter().filter(|v| check(v).is_ok()) {
            catalog.push(value, Path::new("<memory>"));
        }
        catalog.refuse_dangling_references();
        catalog
    }

    fn push(&mut self, value: Value, path: &Path) {
        let id = service_id(&value);
        if self.services.iter().any(|s| service_id(s) == id) {
            tracing::warn!("skipping catalog file `{}`: duplicate id `{id}`", path.display());
        } else {
            self.services.push(value);
        }
    }

    /// The number of descriptors loaded.
    pub fn len(&self) -> usize {
        self.services.len()
    }

    /// Whether no descriptor was loaded.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    /// Every city any descriptor serves, `[{"code","name"}]`, unique and sorted by code.
    pub fn cities(&self) -> Vec<Value> {
        let mut cities: Vec<Value> = Vec::new();
        for city in self.services.iter().flat_map(city_entries) {
            let Some(code) = city.get("code").and_then(Value::as_str) else {
                continue;
            };
            if cities.iter().all(|c| c["code"] != code) {
                let name = city.get("name").cloned().unwrap_or(Value::Null);
                cities.push(json!({ "code": code, "name": name }));
            }
        }
        cities.sort_by(|a, b| a["code"].as_str().cmp(&b["code"].as_str()));
        cities
    }

    /// Whether any descriptor serves the city `code`.
    pub fn has_city(&self, code: &str) -> bool {
        self.services.iter().any(|s| serves(s, code))
    }

    /// Summaries (`id`, `kind`, `category`, `title`, `summary`) of the services of a city.
    pub fn summaries(&self, code: &str) -> Vec<Value> {
        let field = |s: &Value, k: &str| s.get(k).cloned().unwrap_or(Value::Null);
        self.services
            .iter()
            .filter(|s| serves(s, code))
            .map(|s| {
                json!({
                    "id": field(s, "id"),
                    "kind": field(s, "kind"),
                    "category": field(s, "category"),
                    "title": field(s, "title"),
                    "summary": field(s, "summary"),
                    "keywords": field(s, "keywords"),
                    "availability": field(s, "availability"),
                })
            })
            .collect()
    }

    /// The descriptor `id`, if it serves the city `code`.
    pub fn service(&self, code: &str, id: &str) -> Option<&Value> {
        self.services.iter().find(|s| service_id(s) == id && serves(s, code))
    }
}

fn read_descriptor(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("unreadable: {e}"))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("invalid json: {e}"))?;
    check(&value)?;
    // The same reader as the browser: a descriptor with errors is never published.
    let parsed = citypanel_descriptor::parse_value(&value);
    if parsed.descriptor.is_none() {
        let errors: Vec<String> = parsed.diagnostics.iter().map(ToString::to_string).collect();
        return Err(format!("invalid descriptor: {}", errors.join("; ")));
    }
    Ok(value)
}

fn check(value: &Value) -> Result<(), String> {
    match value.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => {}
        _ => return Err("missing string `id`".into()),
    }
    if !value.get("cities").is_some_and(Value::is_array) {
        return Err("missing array `cities`".into());
    }
    Ok(())
}

fn service_id(value: &Value) -> &str {
    value.get("id").and_then(Value::as_str).unwrap_or_default()
}

fn city_entries(value: &Value) -> impl Iterator<Item = &Value> {
    value.get("cities").and_then(Value::as_array).into_iter().flatten()
}

fn serves(value: &Value, code: &str) -> bool {
    city_entries(value).any(|c| c.get("code").and_then(Value::as_str) == Some(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Catalog {
        Catalog::from_values([
            json!({"id": "a", "kind": "query", "cities": [{"code": "2", "name": "B"}]}),
            json!({"id": "b", "cities": [{"code": "1", "name": "A"}, {"code": "2"}, {}]}),
            json!({"id": "a", "cities": []}),
            json!({"cities": []}),
            json!({"id": "c"}),
        ])
    }

    #[test]
    fn skips_invalid_and_duplicates_and_lists_cities_sorted() {
        assert_eq!(sample().len(), 2);
        let cities = sample().cities();
        assert_eq!(cities, [json!({"code": "1", "name": "A"}), json!({"code": "2", "name": "B"})]);
    }

    #[test]
    fn lookups() {
        let c = sample();
        assert_eq!(c.summaries("2").len(), 2);
        assert_eq!(c.summaries("2")[0]["kind"], "query");
        assert!(c.service("1", "b").is_some());
        assert!(c.service("1", "a").is_none());
        assert!(!c.has_city("3"));
    }

    #[test]
    fn a_service_with_dangling_references_is_not_published() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../descriptor/conformance/catalogs/dangling");
        let catalog = Catalog::load(&dir).expect("loads");
        // library-loans names a missing service, a missing input and a non-booking target.
        assert!(catalog.service("330100", "library-loans").is_none());
        assert!(catalog.service("330100", "library-renewal").is_some());
        assert!(catalog.service("330100", "water-bill").is_some());
        // The real catalog has none.
        let real = Catalog::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog"));
        assert_eq!(real.expect("loads").len(), 16);
    }
}
