//! `cargo xtask codegen`: api-spec/minimost.yaml → src/api/generated/ (operations, route table) and
//! src/contract/ (the schemas' types).
//!
//! The pipeline: parse the YAML into a `serde_json::Value` (`spec`), build a small model of the
//! operations and schemas in the supported OpenAPI subset (`model`), emit one Rust module per concern
//! (`emit_*`) as text, and format every file with `rustfmt --edition 2021`.
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

mod emit_operations;
mod emit_routes;
mod emit_schemas;
pub mod model;
pub mod names;
pub mod scaffold;
pub mod spec;
mod text;

#[cfg(test)]
mod tests;

pub struct Options {
    pub spec: PathBuf,
    /// The crate's `src/` directory: generated files are written below it (see [`OUTPUT_DIRS`]).
    pub out: PathBuf,
    pub api_dir: PathBuf,
    pub check: bool,
    pub scaffold: bool,
}

/// The spec path as it is named in headers (relative to the workspace).
pub const SPEC_NAME: &str = "api-spec/minimost.yaml";

/// The directories (below `src/`) that hold only generated files.
pub const OUTPUT_DIRS: &[&str] = &["api/generated", "contract"];

/// Runs the command; `Ok(false)` means `--check` found stale files.
pub fn run(options: &Options) -> Result<bool> {
    let text = std::fs::read_to_string(&options.spec).with_context(|| format!("reading {}", options.spec.display()))?;
    let api = model::Api::from_yaml(&text).with_context(|| format!("in {}", options.spec.display()))?;
    let files = generate(&api)?;
    if options.check {
        let stale = stale_files(&options.out, &files)?;
        if stale.is_empty() {
            println!("codegen: {} files up to date", files.len());
            return Ok(true);
        }
        eprintln!("codegen: generated code is stale; run `cargo xtask codegen`. Stale files:");
        for name in stale {
            eprintln!("  {}", options.out.join(name).display());
        }
        return Ok(false);
    }
    for (name, content) in &files {
        let path = options.out.join(name);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
            std::fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
            println!("codegen: wrote {}", path.display());
        }
    }
    for extra in extra_files(&options.out, &files)? {
        let path = options.out.join(&extra);
        std::fs::remove_file(&path)?;
        println!("codegen: removed {}", path.display());
    }
    if options.scaffold {
        scaffold::run(&api, &options.api_dir)?;
    }
    Ok(true)
}

/// Every generated file, formatted, by path below `src/` (`api/generated/routes.rs`).
pub fn generate(api: &model::Api) -> Result<BTreeMap<String, String>> {
    let raw = generate_unformatted(api)?;
    let mut files = BTreeMap::new();
    for (name, body) in raw {
        let text = format!("{}{}", header(&name), body);
        let formatted = rustfmt(&text).with_context(|| format!("formatting {name}"))?;
        files.insert(name, formatted);
    }
    Ok(files)
}

/// The files before rustfmt (tests look at these).
pub fn generate_unformatted(api: &model::Api) -> Result<BTreeMap<String, String>> {
    let mut files = BTreeMap::new();
    files.insert("api/generated/mod.rs".to_owned(), emit_generated_mod());
    files.insert("api/generated/operations.rs".to_owned(), emit_operations::emit(api)?);
    files.insert("api/generated/routes.rs".to_owned(), emit_routes::emit(api)?);
    files.insert("contract/mod.rs".to_owned(), emit_contract_mod());
    files.insert("contract/schemas.rs".to_owned(), emit_schemas::emit(api)?);
    Ok(files)
}

fn header(name: &str) -> String {
    let lints = match name.rsplit('/').next() {
        Some("mod.rs") => "",
        _ => "#![allow(clippy::all)]\n",
    };
    format!(
        "// @generated from {SPEC_NAME} by `cargo xtask codegen`.\n\
         // DO NOT EDIT: change the spec (or the generator in xtask/src/codegen/) and regenerate.\n\
         {lints}\n"
    )
}

fn emit_generated_mod() -> String {
    "//! Generated from the OpenAPI spec: operation inputs and responses, and the route table whose
\
     //! adapters call the handlers (`crate::api::<tag>::<operation>`). The schemas' types are in
\
     //! `crate::contract::schemas`.
\
     pub mod operations;
\
     pub mod routes;
"
    .to_owned()
}

fn emit_contract_mod() -> String {
    "//! The contract's data types (the spec's schemas), shared by the service layer and the HTTP layer.
\
     pub mod schemas;
"
    .to_owned()
}

/// Formats Rust source with `rustfmt --edition 2021` and the workspace's `rustfmt.toml` (stdin → stdout),
/// so that generated files pass `cargo fmt --check` like the hand-written ones.
pub fn rustfmt(source: &str) -> Result<String> {
    let config = crate::workspace_root().join("rustfmt.toml");
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout", "--quiet", "--config-path"])
        .arg(&config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running rustfmt (is it installed? `rustup component add rustfmt`)")?;
    let mut stdin = child.stdin.take().context("rustfmt stdin")?;
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output()?;
    writer.join().map_err(|_| anyhow::anyhow!("rustfmt writer panicked"))??;
    if !output.status.success() {
        let numbered: String = source.lines().enumerate().map(|(i, l)| format!("{:5} {l}\n", i + 1)).collect();
        bail!("rustfmt failed:\n{}\n--- input ---\n{numbered}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8(output.stdout)?)
}

fn stale_files(out: &Path, files: &BTreeMap<String, String>) -> Result<Vec<String>> {
    let mut stale = Vec::new();
    for (name, content) in files {
        match std::fs::read_to_string(out.join(name)) {
            Ok(on_disk) if &on_disk == content => {}
            _ => stale.push(name.clone()),
        }
    }
    stale.extend(extra_files(out, files)?);
    Ok(stale)
}

/// `.rs` files in the output directories that the generator no longer writes.
fn extra_files(out: &Path, files: &BTreeMap<String, String>) -> Result<Vec<String>> {
    let mut extra = Vec::new();
    for dir in OUTPUT_DIRS {
        let Ok(entries) = std::fs::read_dir(out.join(dir)) else {
            continue;
        };
        for entry in entries {
            let name = format!("{dir}/{}", entry?.file_name().to_string_lossy());
            if name.ends_with(".rs") && !files.contains_key(&name) {
                extra.push(name);
            }
        }
    }
    extra.sort();
    Ok(extra)
}
