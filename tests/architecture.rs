//! The module map of ARCHITECTURE.md, enforced: every file under `src/` imports only from its own
//! layer or the layers below it, and no files import each other (directly or around a circle), in the
//! Rust server as in the web app's JavaScript modules.
//!
//! The Rust side reads the source text: it finds every `crate::…`, `super::…` and `self::…` path (in
//! `use` trees and inline) and resolves it to the file of the longest module prefix. Declaring a child
//! module (`mod x;`) is not an import; using one of its items is.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first. A file may import from its own layer and those below.
const LAYERS: &[(&str, &[&str])] = &[
    ("foundation", &["config", "contract", "domain", "net"]),
    ("infrastructure", &["events", "metrics", "outbound", "presence", "relay", "store", "stun", "uploads"]),
    ("service", &["service"]),
    ("http", &["api", "server", "web"]),
    ("composition", &["admin", "app", "backup", "import", "maintenance", "<crate root>", "<binary>"]),
];

fn layer_of(module: &[String]) -> usize {
    let top = module.first().map_or("<crate root>", String::as_str);
    LAYERS
        .iter()
        .position(|(_, members)| members.contains(&top))
        .unwrap_or_else(|| panic!("the top-level module `{top}` has no layer in tests/architecture.rs"))
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files_with_extension(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            files_with_extension(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// The module path of a source file: `src/lib.rs` is the crate, `src/a/mod.rs` and `src/a.rs` are `a`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let file = parts.pop().expect("a file name");
    match file.as_str() {
        "lib.rs" if parts.is_empty() => Vec::new(),
        "main.rs" if parts.is_empty() => vec!["<binary>".to_owned()],
        "mod.rs" => parts,
        _ => {
            parts.push(file.trim_end_matches(".rs").to_owned());
            parts
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Semicolon,
    Other,
}

/// Identifiers and the punctuation of paths, with comments, strings and char literals removed.
fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && raw_string_end(&chars, i).is_some() {
            i = raw_string_end(&chars, i).expect("checked");
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a): only the literal is skipped whole.
            if next == Some('\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            tokens.push(match c {
                ':' if next == Some(':') => {
                    i += 1;
                    Token::PathSep
                }
                '{' => Token::Open,
                '}' => Token::Close,
                ',' => Token::Comma,
                ';' => Token::Semicolon,
                _ => Token::Other,
            });
            i += 1;
        }
    }
    tokens
}

/// Where a raw string starting at `start` (`r"…"`, `r#"…"#`) ends, if it is one.
fn raw_string_end(chars: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    if chars.get(i) != Some(&'"') {
        return None;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

/// Every module-relative path the tokens name (`use` trees expanded), each resolved against the
/// module it appears in (inline `mod x { … }` blocks included), as absolute crate paths.
fn referenced_paths(tokens: &[Token], file_module: &[String], children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    // The inline module stack: (name, brace depth at which it closes).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut in_use = false;
    let mut i = 0;
    while i < tokens.len() {
        let mut module = file_module.to_vec();
        module.extend(inline.iter().map(|(name, _)| name.clone()));
        match &tokens[i] {
            Token::Open => depth += 1,
            Token::Close => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, at)| *at == depth) {
                    inline.pop();
                }
            }
            Token::Semicolon => in_use = false,
            Token::Ident(word) if word == "mod" => {
                if let (Some(Token::Ident(name)), Some(Token::Open)) = (tokens.get(i + 1), tokens.get(i + 2)) {
                    inline.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Token::Ident(word) if word == "use" => in_use = true,
            Token::Ident(word) => {
                let previous_is_sep = i > 0 && tokens[i - 1] == Token::PathSep;
                let starts_path = !previous_is_sep
                    && tokens.get(i + 1) == Some(&Token::PathSep)
                    && (matches!(word.as_str(), "crate" | "super" | "self" | "minimost")
                        || (in_use && inline.is_empty() && children.contains(word)));
                if starts_path {
                    let (paths, end) = path_tree(tokens, i, &module);
                    found.extend(paths);
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Reads the path (or `use` tree) starting at `start`, relative to `base` (the module it appears in,
/// or the prefix of the enclosing `use` group); returns the absolute paths and the next index.
fn path_tree(tokens: &[Token], start: usize, base: &[String]) -> (Vec<Vec<String>>, usize) {
    let mut prefix = base.to_vec();
    let mut i = start;
    loop {
        match tokens.get(i) {
            Some(Token::Ident(word)) => {
                match word.as_str() {
                    "crate" | "minimost" if i == start => prefix.clear(),
                    "self" => {}
                    "super" => {
                        prefix.pop();
                    }
                    _ => prefix.push(word.clone()),
                }
                i += 1;
                if tokens.get(i) == Some(&Token::PathSep) {
                    i += 1;
                } else {
                    return (vec![prefix], i);
                }
            }
            Some(Token::Open) => {
                // A `use` group: each branch continues the prefix.
                let mut paths = Vec::new();
                i += 1;
                while i < tokens.len() && tokens[i] != Token::Close {
                    match &tokens[i] {
                        Token::Ident(word) if word == "as" => i += 2,
                        Token::Ident(_) | Token::Open => {
                            let (branch, end) = path_tree(tokens, i, &prefix);
                            paths.extend(branch);
                            i = end;
                        }
                        _ => i += 1,
                    }
                }
                return (paths, i + 1);
            }
            _ => return (vec![prefix], i),
        }
    }
}

struct RustFile {
    relative: PathBuf,
    module: Vec<String>,
    imports: BTreeSet<PathBuf>,
}

fn rust_files() -> Vec<RustFile> {
    let src = src_dir();
    let mut paths = Vec::new();
    files_with_extension(&src, "rs", &mut paths);
    let modules: BTreeMap<Vec<String>, PathBuf> = paths
        .iter()
        .map(|path| {
            let relative = path.strip_prefix(&src).expect("under src").to_path_buf();
            (module_of(&relative), relative)
        })
        .collect();
    let mut files = Vec::new();
    for (module, relative) in &modules {
        let source = std::fs::read_to_string(src.join(relative)).expect("read source");
        let children: BTreeSet<String> = modules
            .keys()
            .filter(|other| other.len() == module.len() + 1 && other.starts_with(module))
            .map(|other| other.last().expect("a child").clone())
            .collect();
        let own_module = if module.first().is_some_and(|m| m == "<binary>") { Vec::new() } else { module.clone() };
        let mut imports = BTreeSet::new();
        for path in referenced_paths(&tokenize(&source), &own_module, &children) {
            let target = (0..=path.len()).rev().find_map(|len| modules.get(&path[..len]));
            if let Some(target) = target.filter(|target| *target != relative) {
                imports.insert(target.clone());
            }
        }
        files.push(RustFile { relative: relative.clone(), module: module.clone(), imports });
    }
    files
}

/// The groups of nodes that reach each other (Tarjan's strongly connected components of size > 1).
fn cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        found: Vec<Vec<PathBuf>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a PathBuf) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            for next in self.graph.get(node).into_iter().flatten() {
                if !self.graph.contains_key(next) {
                    continue;
                }
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut group = Vec::new();
                while let Some(top) = self.stack.pop() {
                    group.push(top.clone());
                    if top == node {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.found.push(group);
                }
            }
        }
    }
    let mut walk = Walk { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), found: Vec::new() };
    for node in graph.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.found
}

#[test]
fn no_rust_file_imports_from_a_layer_above_its_own() {
    let files = rust_files();
    let by_path: BTreeMap<&PathBuf, &RustFile> = files.iter().map(|f| (&f.relative, f)).collect();
    let mut violations = Vec::new();
    for file in &files {
        let own = layer_of(&file.module);
        for target in &file.imports {
            let theirs = layer_of(&by_path[target].module);
            if theirs > own {
                violations.push(format!(
                    "{} ({}) imports {} ({})",
                    file.relative.display(),
                    LAYERS[own].0,
                    target.display(),
                    LAYERS[theirs].0
                ));
            }
        }
    }
    assert!(violations.is_empty(), "imports from a higher layer:\n{}", violations.join("\n"));
}

#[test]
fn no_rust_files_import_each_other_directly_or_around_a_circle() {
    let graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> =
        rust_files().into_iter().map(|file| (file.relative, file.imports)).collect();
    let found = cycles(&graph);
    let listed: Vec<String> = found
        .iter()
        .map(|group| group.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ↔ "))
        .collect();
    assert!(found.is_empty(), "import loops:\n{}", listed.join("\n"));
}

#[test]
fn no_web_app_modules_import_each_other_directly_or_around_a_circle() {
    let dir = src_dir().join("web/static");
    let mut paths = Vec::new();
    files_with_extension(&dir, "js", &mut paths);
    assert!(!paths.is_empty(), "the web app's modules are in src/web/static");
    let mut graph = BTreeMap::new();
    for path in &paths {
        let source = std::fs::read_to_string(path).expect("read module");
        let mut imports = BTreeSet::new();
        for quote in ['\'', '"'] {
            for piece in source.split(&format!("{quote}./")).skip(1) {
                if let Some((name, _)) = piece.split_once(quote) {
                    if name.ends_with(".js") {
                        imports.insert(PathBuf::from(name));
                    }
                }
            }
        }
        graph.insert(PathBuf::from(path.file_name().expect("a file name")), imports);
    }
    let found = cycles(&graph);
    assert!(found.is_empty(), "web app import loops: {found:?}");
}

#[test]
fn the_import_scanner_resolves_use_trees_super_and_inline_paths() {
    let source = r#"
        use super::{error::ApiError, runtime::{self, Body}};
        use crate::store::{self as db, channels};
        use child::Thing; // a child module, by the 2018 uniform path rule
        fn f() { crate::events::publish("crate::not::a::path"); }
        mod tests { use super::helper; }
    "#;
    let module = vec!["api".to_owned(), "messages".to_owned()];
    let children = BTreeSet::from(["child".to_owned()]);
    let paths: BTreeSet<Vec<String>> = referenced_paths(&tokenize(source), &module, &children).into_iter().collect();
    let expected: BTreeSet<Vec<String>> = [
        vec!["api", "error", "ApiError"],
        vec!["api", "runtime"],
        vec!["api", "runtime", "Body"],
        vec!["store"],
        vec!["store", "channels"],
        vec!["api", "messages", "child", "Thing"],
        vec!["events", "publish"],
        vec!["api", "messages", "helper"],
    ]
    .into_iter()
    .map(|p| p.into_iter().map(str::to_owned).collect())
    .collect();
    assert_eq!(paths, expected);
}
