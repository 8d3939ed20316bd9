//! The house plan, checked: inside each crate the top-level modules (the feature folders:
//! `components/src/panel/`, `kit/`, `flow/`, …) import each other without a cycle, the files
//! import each other without a cycle (inside a feature folder too: `panel/field.rs` ↔
//! `panel/choice.rs` would be one), and no plain module imports a view module. Runs in `cargo test --workspace` (so in `cargo xtask
//! test`); no tool to install.
//!
//! - An import is any `crate::a::…` path in code (a `use` or inline, `use crate::{a, b}`
//!   groups too) or a `super::…` path reaching above its own file; comments and everything
//!   after a file's `#[cfg(test)]` are left out (tests may reach anywhere). A name the crate
//!   root re-exports (`crate::ServicePanel`) counts as an import of the module it comes from.
//! - A view module is a file whose code uses `view!` or `#[component]`; every other file is
//!   plain. An import resolves to the deepest module file its path names. A folder's `mod.rs`
//!   naming its own children (`mod a;`, `pub use a::X;`) is no import: children may use
//!   their parent's items, so a file cycle is one between files that are not parent and child.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One source file: its module path (`["panel", "view"]`; `[]` for the crate root), whether it
/// is a view, and its code without comments and tests.
struct File {
    path: String,
    module: Vec<String>,
    view: bool,
    code: String,
}

/// Code without `//` comments (outside string literals) and without the tests at its end.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let mut in_str = false;
        let mut prev = ' ';
        let mut kept = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            if c == '"' && prev != '\\' {
                in_str = !in_str;
            }
            if !in_str && c == '/' && chars.get(i + 1) == Some(&'/') {
                break;
            }
            kept.push(c);
            prev = c;
        }
        out.push_str(&kept);
        out.push('\n');
    }
    out
}

/// The module path of a file relative to its `src/` directory.
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(String::from).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

fn file(rel: &str, text: &str) -> File {
    let code = code_of(text);
    let view = code.contains("view!") || code.contains("#[component]");
    File { path: rel.to_string(), module: module_of(rel), view, code }
}

fn ident_at(s: &str) -> String {
    s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// The module paths (from the crate root) that one file's code imports, with the item name
/// after them when there is one.
fn imports(f: &File) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let code = &f.code;
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::c}`: the first name of each item.
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name = ident_at(item.trim());
                if !name.is_empty() {
                    out.push(vec![name]);
                }
            }
        } else {
            out.push(path_at(rest));
        }
    }
    for (at, _) in code.match_indices("super::") {
        if at > 0 && code[..at].ends_with("super::") {
            continue; // counted with the first `super::` of the chain
        }
        let mut rest = &code[at..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        // A `mod.rs`/`lib.rs` file is its module; `super` of any other file is its folder.
        let base = f.module.len().saturating_sub(up);
        let mut path = f.module[..base].to_vec();
        path.extend(path_at(rest));
        out.push(path);
    }
    out
}

/// `a::b::C` → `["a", "b", "C"]` (up to the first character that is not part of a path).
fn path_at(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let name = ident_at(rest);
        if name.is_empty() {
            break;
        }
        rest = &rest[name.len()..];
        out.push(name);
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

/// What the crate root re-exports by name: `pub use panel::{ServicePanel, …}` → `panel`.
fn root_names(root: &File) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for stmt in root.code.split(';') {
        let Some(rest) = stmt.trim().strip_prefix("pub use ") else { continue };
        let module = ident_at(rest);
        let names = match rest.find('{') {
            Some(open) => rest[open + 1..].trim_end_matches('}').to_string(),
            None => rest.rsplit("::").next().unwrap_or("").to_string(),
        };
        for name in names.split(',').map(|n| ident_at(n.trim())).filter(|n| !n.is_empty()) {
            out.insert(name, module.clone());
        }
    }
    out
}

/// Every breach of the plan among `files` (paths relative to one crate's `src/`), each naming
/// the files at fault; empty when the plan holds.
fn check(files: &[File]) -> Vec<String> {
    let by_module: BTreeMap<&[String], &File> =
        files.iter().map(|f| (f.module.as_slice(), f)).collect();
    let names = files.iter().find(|f| f.module.is_empty()).map(root_names).unwrap_or_default();
    let tops: BTreeSet<&str> =
        files.iter().filter_map(|f| f.module.first()).map(String::as_str).collect();
    let mut problems = Vec::new();
    // Top-level module → the top-level modules it imports, with the file making each import.
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    // File → the files it imports (each import made in the file itself).
    let mut file_edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in files.iter().filter(|f| !f.module.is_empty()) {
        for mut path in imports(f) {
            if let Some(module) = path.first().and_then(|n| names.get(n)) {
                path.insert(0, module.clone());
            }
            let Some(top) = path.first().filter(|t| tops.contains(t.as_str())) else { continue };
            if *top != f.module[0] {
                edges
                    .entry(f.module[0].clone())
                    .or_default()
                    .entry(top.clone())
                    .or_insert_with(|| f.path.clone());
            }
            let target = (1..=path.len()).rev().find_map(|n| by_module.get(&path[..n]));
            if let Some(t) = target.filter(|t| t.path != f.path) {
                file_edges
                    .entry(f.path.clone())
                    .or_default()
                    .insert(t.path.clone(), f.path.clone());
            }
            if let Some(target) = target.filter(|t| !f.view && t.view) {
                problems.push(format!(
                    "plain module `{}` imports view module `{}`",
                    f.path, target.path
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems.extend(cycles(&edges));
    problems.extend(cycles(&file_edges).into_iter().map(|c| format!("file {c}")));
    problems
}

/// One message per cycle among the top-level modules, naming each import on it.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen_sets: BTreeSet<BTreeSet<String>> = BTreeSet::new();
    for start in edges.keys() {
        // Depth-first search for a path back to `start`.
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut visited: BTreeSet<String> = BTreeSet::new();
        while let Some((node, path)) = stack.pop() {
            for next in edges.get(&node).map(|e| e.keys()).into_iter().flatten() {
                if next == start {
                    let set: BTreeSet<String> = path.iter().cloned().collect();
                    if seen_sets.insert(set) {
                        let mut steps = Vec::new();
                        for (i, from) in path.iter().enumerate() {
                            let to = path.get(i + 1).unwrap_or(start);
                            steps.push(format!("{from} → {to} (in `{}`)", edges[from][to]));
                        }
                        found.push(format!("import cycle: {}", steps.join(", ")));
                    }
                } else if visited.insert(next.clone()) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    found
}

fn read_crate(src: &Path) -> Vec<File> {
    let mut out = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).map(|p| p.to_string_lossy().replace('\\', "/"));
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                out.push(file(&rel.unwrap_or_default(), &text));
            }
        }
    }
    out
}

/// Checks one crate; `known` lists the breaches it has today (each to be removed with its
/// fix: a breach fixed or a new one fails this too).
fn assert_plan(krate: &str, known: &[&str]) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(krate).join("src");
    let files = read_crate(&src);
    assert!(files.len() > 3, "`{}` has no sources", src.display());
    let problems = check(&files);
    assert_eq!(problems, known, "`{krate}/src` breaks the plan:\n{}", problems.join("\n"));
}

#[test]
fn components_has_no_cycle_and_no_plain_to_view_import() {
    assert_plan("components", &[]);
}

#[test]
fn descriptor_has_no_cycle() {
    // `vocabulary!` in vocab.rs implements raw's reading traits for the vocabulary it defines.
    assert_plan(
        "descriptor",
        &["import cycle: raw → vocab (in `raw/inputs.rs`), vocab → raw (in `vocab.rs`)"],
    );
}

/// The sandbox's platform and departments still import each other (issue #16, being
/// reworked separately): run it with `cargo test -p xtask --test architecture -- --ignored`,
/// and un-ignore it once the sandbox is one-way.
#[test]
#[ignore = "sandbox/src has import cycles until its one-way rework lands"]
fn sandbox_has_no_cycle() {
    assert_plan("sandbox", &[]);
}

#[test]
fn a_cycle_between_two_files_of_one_folder_is_named() {
    let problems = synthetic(&[
        ("lib.rs", "pub mod panel;"),
        ("panel/mod.rs", "pub mod field; pub mod choice;"),
        ("panel/field.rs", "use crate::panel::choice::SelectBox;"),
        ("panel/choice.rs", "use super::field::FieldCtx;"),
    ]);
    assert_eq!(
        problems,
        ["file import cycle: panel/choice.rs → panel/field.rs (in `panel/choice.rs`), \
          panel/field.rs → panel/choice.rs (in `panel/field.rs`)"]
    );
}

fn synthetic(files: &[(&str, &str)]) -> Vec<String> {
    check(&files.iter().map(|(p, t)| file(p, t)).collect::<Vec<_>>())
}

#[test]
fn a_cycle_is_found_and_named() {
    let problems = synthetic(&[
        ("lib.rs", "pub mod a; pub mod b; pub mod c;"),
        ("a/mod.rs", "use crate::b::Thing;"),
        ("b/thing.rs", "// use crate::c; is a comment\nuse super::super::c::More;"),
        ("c.rs", "pub fn f() { crate::a::g() }"),
    ]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("import cycle: a → b (in `a/mod.rs`)"), "{problems:?}");
    assert!(problems[0].contains("b → c (in `b/thing.rs`)"), "{problems:?}");
    assert!(problems[0].contains("c → a (in `c.rs`)"), "{problems:?}");
}

#[test]
fn root_reexports_and_groups_count_as_imports() {
    let problems = synthetic(&[
        ("lib.rs", "pub mod a; pub mod b;\npub use b::{Panel, Other};"),
        ("a.rs", "use crate::{Panel, kit};"),
        ("b/mod.rs", "pub use crate::a::x;"),
    ]);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("a → b (in `a.rs`)"), "{problems:?}");
    assert!(problems[1].starts_with("file import cycle: a.rs → b/mod.rs"), "{problems:?}");
}

#[test]
fn a_plain_module_importing_a_view_is_named() {
    let problems = synthetic(&[
        ("lib.rs", "pub mod feature;"),
        ("feature/model.rs", "use super::view::Thing;"),
        ("feature/view.rs", "#[component]\npub fn Thing() -> impl IntoView { view! { <p/> } }"),
        ("feature/other.rs", "// view! in a comment is no view\nuse super::model::X;"),
    ]);
    assert_eq!(problems, ["plain module `feature/model.rs` imports view module `feature/view.rs`"]);
}

#[test]
fn a_clean_layering_passes() {
    let problems = synthetic(&[
        ("lib.rs", "pub mod kit; pub mod feature;"),
        ("kit.rs", "pub fn helper() {}\n#[cfg(test)]\nmod tests { use crate::feature::x; }"),
        ("feature/view.rs", "use crate::kit::helper; use super::model::Data; view! {}"),
        ("feature/model.rs", "use crate::kit::helper;"),
    ]);
    assert!(problems.is_empty(), "{problems:?}");
}
