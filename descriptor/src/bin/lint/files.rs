//! Finding the descriptor files named on the command line and reading them.

use std::fs;
use std::path::{Path, PathBuf};

/// Directories nested deeper than this below a PATH are not searched.
const MAX_DEPTH: usize = 32;

/// One descriptor file to check.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as shown in reports.
    pub path: PathBuf,
    /// The file's text, or `None` when it is not valid UTF-8.
    pub text: Option<String>,
}

/// Expands every PATH (a file, or a directory searched recursively for `*.json`) and reads
/// the files. Files are checked once each, directory contents in sorted order.
/// `Err` lists every path that could not be read (a usage error).
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Source>, Vec<String>> {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, 0, &mut found, &mut problems),
            Ok(_) => found.push(path.clone()),
            Err(e) => problems.push(format!("cannot read `{}`: {e}", path.display())),
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    found.retain(|p| seen.insert(fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    let mut sources = Vec::new();
    for path in found {
        match fs::read(&path) {
            Ok(bytes) => sources.push(Source { text: String::from_utf8(bytes).ok(), path }),
            Err(e) => problems.push(format!("cannot read `{}`: {e}", path.display())),
        }
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(problems)
    }
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        problems
            .push(format!("`{}` is nested more than {MAX_DEPTH} directories deep", dir.display()));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(format!("cannot read directory `{}`: {e}", dir.display()));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        // `symlink_metadata`: a symlinked directory is not followed, so no loops.
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        if meta.is_dir() {
            walk(&path, depth + 1, found, problems);
        } else if path.extension().is_some_and(|ext| ext == "json") && path.is_file() {
            found.push(path);
        }
    }
}
