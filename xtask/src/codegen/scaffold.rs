//! `codegen --scaffold`: handler stubs for tags whose module does not exist yet, and the `pub mod`
//! lines in src/api/mod.rs. Never overwrites a file.
use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::model::Api;

/// Stub text for a tag module.
pub fn stub_module(api: &Api, tag: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! Handlers of the `{tag}` operations (stubs written by `cargo xtask codegen --scaffold`).\n\
         use crate::api::error::ApiError;\n\
         use crate::api::generated::operations::*;\n\
         use crate::api::http::context::RequestContext;\n\
         use crate::api::Api;\n"
    );
    for op in api.operations_by_tag(tag) {
        let _ = writeln!(
            out,
            "/// {}\npub async fn {}(_api: &Api, _ctx: RequestContext, _input: {}) -> Result<{}, ApiError> {{\n    Err(ApiError::NotImplemented)\n}}\n",
            op.summary.as_deref().unwrap_or(&op.id),
            op.id,
            op.input_type(),
            op.response_type()
        );
    }
    out
}

pub fn run(api: &Api, api_dir: &Path) -> Result<()> {
    for tag in &api.tags {
        if api.operations_by_tag(tag).next().is_none() {
            continue;
        }
        let path = api_dir.join(format!("{tag}.rs"));
        if path.exists() {
            continue;
        }
        let text = super::rustfmt(&stub_module(api, tag))?;
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        println!("codegen: created {}", path.display());
    }
    let mod_rs = api_dir.join("mod.rs");
    let mut text = std::fs::read_to_string(&mod_rs).with_context(|| format!("reading {}", mod_rs.display()))?;
    let mut added = Vec::new();
    for tag in &api.tags {
        let line = format!("pub mod {tag};");
        if api.operations_by_tag(tag).next().is_some() && !text.lines().any(|l| l.trim() == line) {
            added.push(line);
        }
    }
    if !added.is_empty() {
        // Insert after the last `pub mod` line.
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        let at =
            lines.iter().rposition(|l| l.trim_start().starts_with("pub mod ")).map(|i| i + 1).unwrap_or(lines.len());
        for (i, line) in added.iter().enumerate() {
            lines.insert(at + i, line.clone());
        }
        text = lines.join("\n") + "\n";
        std::fs::write(&mod_rs, text)?;
        println!("codegen: added {} to {}", added.join(" "), mod_rs.display());
    }
    Ok(())
}
