//! The import graph of the files under `src/`: Rust `use` items (`crate::`, `super::`, `self::` and
//! child modules) and JavaScript relative `import`s. Its test is the rule that no two files import
//! each other, directly or around a circle.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every source file below `dir`, by path relative to it.
fn source_files(dir: &Path, under: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, under, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "js") {
            out.push(path.strip_prefix(under).unwrap_or(&path).to_path_buf());
        }
    }
}

/// The module path of a Rust file (`api/http/body.rs` → `api::http::body`; `mod.rs`, `lib.rs` name
/// their directory).
fn module_of(file: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_owned());
    }
    parts
}

/// The paths a use tree names: `a::{b, c::{d, self}}` → `a::b`, `a::c::d`, `a::c`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).trim().to_owned()];
    };
    let prefix = &tree[..open];
    let inner = tree[open + 1..].trim_end().strip_suffix('}').unwrap_or(&tree[open + 1..]);
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    let mut out = Vec::new();
    for part in parts.iter().filter(|p| !p.trim().is_empty()) {
        for item in expand(part) {
            out.push(if item == "self" { prefix.trim_end_matches("::").to_owned() } else { format!("{prefix}{item}") });
        }
    }
    out
}

/// The `use` trees of a Rust file, outside its `#[cfg(test)] mod tests`.
fn use_trees(text: &str) -> Vec<String> {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut trees = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("use ") {
        let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
        // Items of the file itself start at the line's beginning (inline modules are indented).
        let before = &rest[line_start..at];
        let after = &rest[at + 4..];
        if before.is_empty() || before == "pub " || (before.starts_with("pub(") && before.ends_with(") ")) {
            if let Some(end) = after.find(';') {
                trees.push(after[..end].split_whitespace().collect::<Vec<_>>().join(" "));
                rest = &after[end..];
                continue;
            }
        }
        rest = after;
    }
    trees
}

/// The relative modules a JavaScript file imports (`import … from './x.js'`, `import('./x.js')`).
fn js_imports(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for quote in ['\'', '"'] {
        for (i, _) in text.match_indices(&format!("{quote}./")) {
            let before = text[..i].trim_end();
            if before.ends_with("from") || before.ends_with("import") || before.ends_with("import(") {
                if let Some(end) = text[i + 1..].find(quote) {
                    out.push(text[i + 1..i + 1 + end].to_owned());
                }
            }
        }
    }
    out
}

/// Which files each file imports (paths relative to `src`).
pub fn graph(src: &Path) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut files = Vec::new();
    source_files(src, src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "rs") && f.as_path() != Path::new("main.rs"))
        .map(|f| (module_of(f), f.clone()))
        .collect();
    let mut graph = BTreeMap::new();
    // `main.rs` is another crate (the binary): its `crate::` is not the library's.
    for file in files.iter().filter(|f| f.as_path() != Path::new("main.rs")) {
        let text = std::fs::read_to_string(src.join(file)).unwrap_or_default();
        let mut targets = BTreeSet::new();
        if file.extension().is_some_and(|e| e == "js") {
            let dir = file.parent().unwrap_or(Path::new(""));
            for import in js_imports(&text) {
                targets.insert(dir.join(import.trim_start_matches("./")));
            }
        } else {
            let here = module_of(file);
            let is_dir_module = matches!(file.file_name().and_then(|n| n.to_str()), Some("mod.rs" | "lib.rs"));
            for tree in use_trees(&text) {
                for path in expand(&tree) {
                    let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
                    let Some((first, rest)) = segments.split_first() else { continue };
                    let mut base: Vec<String> = match *first {
                        "crate" => Vec::new(),
                        "super" => here[..here.len().saturating_sub(1)].to_vec(),
                        "self" => here.clone(),
                        child
                            if is_dir_module
                                && modules.contains_key(&[here.clone(), vec![child.to_owned()]].concat()) =>
                        {
                            [here.clone(), vec![child.to_owned()]].concat()
                        }
                        _ => continue,
                    };
                    let mut rest = rest;
                    while let Some((&"super", tail)) = rest.split_first() {
                        base.pop();
                        rest = tail;
                    }
                    let full: Vec<String> = base.into_iter().chain(rest.iter().map(|s| s.to_string())).collect();
                    // The longest prefix that is a file: `crate::api::http::body::Body` → api/http/body.rs.
                    let target = (0..=full.len()).rev().find_map(|n| modules.get(&full[..n]));
                    if let Some(target) = target.filter(|t| *t != file) {
                        targets.insert(target.clone());
                    }
                }
            }
        }
        graph.insert(file.clone(), targets);
    }
    graph
}

/// Every circle of imports, each as the files around it (empty when there is none).
pub fn cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    fn visit(
        node: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        path: &mut Vec<PathBuf>,
        done: &mut BTreeSet<PathBuf>,
        found: &mut Vec<Vec<PathBuf>>,
    ) {
        if let Some(at) = path.iter().position(|p| p == node) {
            found.push(path[at..].to_vec());
            return;
        }
        if !done.insert(node.clone()) {
            return;
        }
        path.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done, found);
        }
        path.pop();
    }
    let (mut done, mut found) = (BTreeSet::new(), Vec::new());
    for node in graph.keys() {
        visit(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_trees_expand_to_paths() {
        assert_eq!(
            expand("crate::api::{self, http::body::{Body, BodySpec}, Api}"),
            ["crate::api", "crate::api::http::body::Body", "crate::api::http::body::BodySpec", "crate::api::Api"]
        );
        assert_eq!(expand("super::error::ApiError as E"), ["super::error::ApiError"]);
        assert_eq!(
            use_trees(
                "use a::b;\npub use c::{d,\n    e};\nfn f() {}\n#[cfg(test)]\nmod tests {\n    use super::*;\n}\n"
            ),
            ["a::b", "c::{d, e}"]
        );
        assert_eq!(
            js_imports("import { a } from './a.js';\nconst b = await import(\"./b.js\");"),
            ["./a.js", "./b.js"]
        );
    }

    #[test]
    fn a_circle_is_found() {
        let edge = |a: &str, b: &str| (PathBuf::from(a), [PathBuf::from(b)].into_iter().collect::<BTreeSet<_>>());
        let graph: BTreeMap<_, _> = [edge("a.rs", "b.rs"), edge("b.rs", "c.rs"), edge("c.rs", "a.rs")].into();
        assert_eq!(cycles(&graph).len(), 1);
        let graph: BTreeMap<_, _> = [edge("a.rs", "b.rs"), edge("b.rs", "c.rs")].into();
        assert!(cycles(&graph).is_empty());
    }

    /// No two files under `src/` import each other, directly or around a circle.
    #[test]
    fn no_file_under_src_imports_itself_around_a_circle() {
        let src = crate::workspace_root().join("src");
        let graph = graph(&src);
        assert!(graph.len() > 50, "read {} files under src/", graph.len());
        let (error, body) = (PathBuf::from("api/error.rs"), PathBuf::from("api/http/request_error.rs"));
        assert!(graph[&error].contains(&body), "the graph follows `use super::http::…`: {:?}", graph[&error]);
        let found = cycles(&graph);
        let shown: Vec<String> = found
            .iter()
            .map(|circle| circle.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" → "))
            .collect();
        assert!(found.is_empty(), "import circles under src/:\n{}", shown.join("\n"));
    }
}
