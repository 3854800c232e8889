//! No import cycles between modules, in any crate of the workspace (the core, the CLI, the
//! simulator, the charts, the PDF writer and the desktop shell): if `a` uses `b`, nothing under `b` may use `a`. A parent and
//! its own submodules may use each other (re-exports, shared types); siblings may not go in a ring.
//! The graph is read from the source text of `use` statements and `crate::`/`super::` paths,
//! leaving out `#[cfg(test)]` modules.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type ModPath = Vec<String>;

/// Every `.rs` file under `src` with the module path it defines.
fn modules(src: &Path) -> Vec<(ModPath, PathBuf)> {
    let mut found = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap();
            let mut parts: ModPath = relative
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            found.push((parts, path));
        }
    }
    found
}

/// The source without comments and without its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]")
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        let without_comment = match trimmed.find("//") {
            Some(at) => &trimmed[..at],
            None => trimmed,
        };
        code.push_str(without_comment);
        code.push('\n');
    }
    code
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths a `use` tree names, e.g. `crate::a::{b::C, d}` gives `crate::a::b::C` and `crate::a::d`.
fn expand_use_tree(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or("").trim().to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::").trim();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand_use_tree)
        .map(|p| {
            if p == "self" {
                prefix.to_owned()
            } else {
                format!("{prefix}::{p}")
            }
        })
        .collect()
}

/// Every `crate::…`, `super::…` and `self::…` path in `code`, `use` trees expanded.
fn paths_in(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for statement in code.split(';') {
        let statement = statement.trim();
        let body = statement
            .strip_prefix("pub(crate) use ")
            .or_else(|| statement.strip_prefix("pub use "))
            .or_else(|| statement.strip_prefix("use "));
        if let Some(tree) = body {
            paths.extend(expand_use_tree(
                &tree.split_whitespace().collect::<String>(),
            ));
            continue;
        }
        for root in ["crate::", "super::"] {
            for (at, _) in statement.match_indices(root) {
                if statement[..at].chars().next_back().is_some_and(is_ident) {
                    continue;
                }
                let path: String = statement[at..]
                    .chars()
                    .take_while(|&c| is_ident(c) || c == ':')
                    .collect();
                paths.push(path);
            }
        }
    }
    paths
}

/// The module a path from `from` names: the longest known module at its start.
fn resolve(from: &ModPath, path: &str, known: &BTreeSet<ModPath>) -> Option<ModPath> {
    let mut segments = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut at: ModPath = match segments.peek().copied() {
        Some("crate") => {
            segments.next();
            Vec::new()
        }
        Some("super") | Some("self") => {
            let mut base = from.clone();
            while let Some(s) = segments.peek().copied() {
                match s {
                    "super" => {
                        base.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                segments.next();
            }
            base
        }
        _ => return None,
    };
    for segment in segments {
        let mut next = at.clone();
        next.push(segment.to_owned());
        if !known.contains(&next) {
            break;
        }
        at = next;
    }
    Some(at)
}

/// Rings among siblings: for each module, the cycles among its children, as "a → b → a".
fn cycles(src: &Path) -> Vec<String> {
    let files = modules(src);
    let known: BTreeSet<ModPath> = files.iter().map(|(m, _)| m.clone()).collect();
    // parent → (child → children it uses, with the file that does)
    let mut graph: BTreeMap<ModPath, BTreeMap<String, BTreeMap<String, String>>> = BTreeMap::new();
    for (module, file) in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for path in paths_in(&code_of(&text)) {
            let Some(target) = resolve(module, &path, &known) else {
                continue;
            };
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common == module.len() || common == target.len() {
                continue; // a module and its own ancestors or descendants
            }
            let parent: ModPath = module[..common].to_vec();
            graph
                .entry(parent)
                .or_default()
                .entry(module[common].clone())
                .or_default()
                .entry(target[common].clone())
                .or_insert_with(|| {
                    format!("{} uses {path}", file.strip_prefix(src).unwrap().display())
                });
        }
    }
    let mut rings = Vec::new();
    for (parent, edges) in &graph {
        for (start, _) in edges.iter() {
            // A path from `start` back to itself through siblings, found depth-first.
            let mut stack = vec![(start.clone(), vec![start.clone()])];
            let mut seen = BTreeSet::new();
            while let Some((node, trail)) = stack.pop() {
                for (next, why) in edges.get(&node).into_iter().flatten() {
                    if next == start {
                        let mut ring = trail.clone();
                        ring.push(next.clone());
                        let place = if parent.is_empty() {
                            "crate".to_owned()
                        } else {
                            parent.join("::")
                        };
                        rings.push(format!(
                            "in {place}: {} (last step: {why})",
                            ring.join(" → ")
                        ));
                    } else if seen.insert(next.clone()) {
                        let mut longer = trail.clone();
                        longer.push(next.clone());
                        stack.push((next.clone(), longer));
                    }
                }
            }
        }
    }
    rings.sort();
    rings.dedup_by(|a, b| {
        let key = |s: &str| {
            let mut names: Vec<String> = s
                .split(": ")
                .nth(1)
                .unwrap_or("")
                .split(" (")
                .next()
                .unwrap_or("")
                .split(" → ")
                .map(str::to_owned)
                .collect();
            names.sort();
            names.dedup();
            names
        };
        key(a) == key(b)
    });
    rings
}

#[test]
fn no_module_uses_a_sibling_that_uses_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut problems = Vec::new();
    for src in [
        "crates/roomlens/src",
        "crates/roomlens-cli/src",
        "crates/kaltura-sim/src",
        "crates/roomlens-charts/src",
        "crates/roomlens-pdf/src",
        "src-tauri/src",
    ] {
        for ring in cycles(&root.join(src)) {
            problems.push(format!("{src}: {ring}"));
        }
    }
    assert!(
        problems.is_empty(),
        "import cycles:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scan_sees_a_ring_when_there_is_one() {
    let dir = std::env::temp_dir().join(format!("roomlens-modgraph-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(
        dir.join("a/mod.rs"),
        "mod inner;\nuse crate::{b::{self, Thing}};\n",
    )
    .unwrap();
    std::fs::write(dir.join("a/inner.rs"), "use super::*;\n").unwrap();
    std::fs::write(dir.join("b.rs"), "fn f() { crate::a::inner::g(); }\n").unwrap();
    let rings = cycles(&dir);
    assert_eq!(rings.len(), 1, "{rings:?}");
    assert!(
        rings[0].contains("a → b → a") || rings[0].contains("b → a → b"),
        "{rings:?}"
    );
    std::fs::write(
        dir.join("b.rs"),
        "fn f() {}\n#[cfg(test)]\nmod tests { use crate::a::x; }\n",
    )
    .unwrap();
    assert!(cycles(&dir).is_empty(), "test modules are left out");
    std::fs::remove_dir_all(&dir).unwrap();
}
