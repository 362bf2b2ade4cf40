//! contract/schemas.rs: one Rust type per `components.schemas` entry, with serde. The served
//! document is the spec itself (`crate::api::docs::openapi`), so these types carry no schema of
//! their own: objects become structs (fields in ascending JSON-name order, which is also the order
//! they serialise in), string enums become enums, everything else a transparent newtype.
use std::fmt::Write;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{Map, Value};

use super::model::{is_nullable_type, nullable_one_of, primary_type, rust_type, Api};
use super::names;
use super::spec::str_field;
use super::text::{doc, lit};

const DERIVES: &str = "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n";

pub fn emit(api: &Api) -> Result<String> {
    let mut out = String::new();
    out.push_str("//! The types of `components.schemas`. JSON field order is ascending by name (sorted keys).\n\n");
    for (name, schema) in &api.schemas {
        emit_schema(api, name, schema, &mut out).with_context(|| format!("components.schemas.{name}"))?;
    }
    Ok(out)
}

fn emit_schema(api: &Api, name: &str, schema: &Value, out: &mut String) -> Result<()> {
    let map = schema.as_object().ok_or_else(|| anyhow!("not a mapping"))?;
    let is_struct = primary_type(schema) == Some("object")
        && !is_nullable_type(schema)
        && !map.contains_key("additionalProperties");
    if is_struct {
        return emit_struct(api, name, schema, out);
    }
    if let Some(d) = str_field(schema, "description") {
        out.push_str(&doc(d));
    }
    out.push_str(DERIVES);
    let is_string_enum = primary_type(schema) == Some("string")
        && !is_nullable_type(schema)
        && schema.get("enum").and_then(Value::as_array).is_some_and(|v| v.iter().all(Value::is_string));
    if is_string_enum {
        writeln!(out, "pub enum {name} {{")?;
        let mut seen = std::collections::BTreeSet::new();
        for value in schema["enum"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            let variant = names::pascal(value);
            if variant.is_empty() || !seen.insert(variant.clone()) {
                bail!("enum value {value:?} has no distinct Rust name");
            }
            writeln!(out, "#[serde(rename = {})]\n{variant},", lit(value))?;
        }
        out.push_str("}\n\n");
        return Ok(());
    }
    // Arrays, maps, scalars: a transparent newtype.
    let inner = rust_type(&api.spec, schema, "")?;
    writeln!(out, "#[serde(transparent)]\npub struct {name}(pub {inner});\n")?;
    Ok(())
}

fn emit_struct(api: &Api, name: &str, schema: &Value, out: &mut String) -> Result<()> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let empty = Map::new();
    let props = schema.get("properties").and_then(Value::as_object).unwrap_or(&empty);
    for r in &required {
        if !props.contains_key(*r) {
            bail!("required field {r} is not a property");
        }
    }
    let mut fields: Vec<(&String, &Value)> = props.iter().collect();
    fields.sort_by(|a, b| a.0.cmp(b.0));
    if let Some(d) = str_field(schema, "description") {
        out.push_str(&doc(d));
    }
    out.push_str(DERIVES);
    writeln!(out, "pub struct {name} {{")?;
    for (json_name, prop) in fields {
        let is_required = required.contains(&json_name.as_str());
        emit_field(api, json_name, prop, is_required, out).with_context(|| format!("property {json_name}"))?;
    }
    out.push_str("}\n\n");
    Ok(())
}

fn emit_field(api: &Api, json_name: &str, prop: &Value, is_required: bool, out: &mut String) -> Result<()> {
    let ident = names::ident(json_name);
    let nullable = is_nullable_type(prop) || nullable_one_of(prop).is_some();
    let base_type = rust_type(&api.spec, prop, "")?;
    // `rust_type` already wraps nullable schemas in Option.
    let ty = if nullable || is_required { base_type } else { format!("Option<{base_type}>") };
    let mut serde_attrs = Vec::new();
    if ident.trim_start_matches("r#") != json_name {
        serde_attrs.push(format!("rename = {}", lit(json_name)));
    }
    if !is_required && !nullable {
        serde_attrs.push("default, skip_serializing_if = \"Option::is_none\"".to_owned());
    }
    if let Some(d) = str_field(prop, "description") {
        out.push_str(&doc(d));
    }
    if !serde_attrs.is_empty() {
        writeln!(out, "#[serde({})]", serde_attrs.join(", "))?;
    }
    writeln!(out, "pub {ident}: {ty},")?;
    Ok(())
}
