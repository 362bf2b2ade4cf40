//! schemas.rs: one Rust type per `components.schemas` entry, with serde and `utoipa::ToSchema`.
//!
//! Objects become structs deriving `ToSchema`; for each property the generator predicts how the derive
//! will render it (with the attributes it emits: doc comments, `example(s)`, `format`, bounds) and,
//! where that would differ from the spec, gives the field a `schema_with` function built from the
//! spec instead, so the served document always equals the spec.
use std::fmt::Write;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Map, Value};

use super::builder::schema_expr;
use super::model::{is_nullable_type, nullable_one_of, primary_type, rust_type, Api};
use super::names;
use super::spec::{schema_ref_name, str_field};
use super::text::{doc, json_expr, lit};

pub fn emit(api: &Api) -> Result<String> {
    super::text::begin_texts();
    let result = emit_inner(api);
    let texts = super::text::end_texts();
    Ok(result? + &texts)
}

fn emit_inner(api: &Api) -> Result<String> {
    let mut out = String::new();
    out.push_str(
        "//! The types of `components.schemas`. JSON field order is ascending by name (sorted keys).\n\
         use utoipa::openapi as oa;\n\n",
    );
    let mut helpers = String::new();
    for (name, schema) in &api.schemas {
        emit_schema(api, name, schema, &mut out, &mut helpers).with_context(|| format!("components.schemas.{name}"))?;
    }
    if !helpers.is_empty() {
        out.push_str("\n// Schemas the derive cannot spell like the spec: built from the spec.\n");
        out.push_str(&helpers);
    }
    Ok(out)
}

const DERIVES: &str = "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]\n";
const DERIVES_NO_SCHEMA: &str = "#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]\n";

fn emit_schema(api: &Api, name: &str, schema: &Value, out: &mut String, helpers: &mut String) -> Result<()> {
    let map = schema.as_object().ok_or_else(|| anyhow!("not a mapping"))?;
    let is_struct = primary_type(schema) == Some("object")
        && !is_nullable_type(schema)
        && !map.contains_key("additionalProperties");
    if is_struct {
        return emit_struct(api, name, schema, out, helpers);
    }
    let description = str_field(schema, "description");
    let is_string_enum = primary_type(schema) == Some("string")
        && !is_nullable_type(schema)
        && schema.get("enum").and_then(Value::as_array).is_some_and(|v| v.iter().all(Value::is_string));
    if is_string_enum {
        let values: Vec<&str> = schema["enum"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let mut predicted = json!({"type": "string", "enum": values});
        let mut schema_attrs = Vec::new();
        apply_attrs(&mut predicted, schema, &mut schema_attrs, false);
        let derive = values_equal(&predicted, schema);
        if let Some(d) = description {
            out.push_str(&doc(d));
        }
        out.push_str(if derive { DERIVES } else { DERIVES_NO_SCHEMA });
        if derive && !schema_attrs.is_empty() {
            writeln!(out, "#[schema({})]", schema_attrs.join(", "))?;
        }
        writeln!(out, "pub enum {name} {{")?;
        let mut seen = std::collections::BTreeSet::new();
        for value in &values {
            let variant = names::pascal(value);
            if variant.is_empty() || !seen.insert(variant.clone()) {
                bail!("enum value {value:?} has no distinct Rust name");
            }
            writeln!(out, "#[serde(rename = {})]\n{variant},", lit(value))?;
        }
        out.push_str("}\n\n");
        if !derive {
            manual_impl(name, schema, out)?;
        }
        return Ok(());
    }
    // Arrays, maps, scalars: a transparent newtype.
    let inner = rust_type(&api.spec, schema, "")?;
    if let Some(value_expr) = map_value_expr(schema, "") {
        // The derive would add `propertyNames`; build the map from the value type instead.
        if let Some(d) = description {
            out.push_str(&doc(d));
        }
        out.push_str(DERIVES_NO_SCHEMA);
        writeln!(out, "#[serde(transparent)]\npub struct {name}(pub {inner});\n")?;
        writeln!(
            out,
            "impl utoipa::PartialSchema for {name} {{\n\
             fn schema() -> oa::RefOr<oa::schema::Schema> {{ {} }}\n}}\n\
             impl utoipa::ToSchema for {name} {{}}\n",
            map_schema_expr(schema, &value_expr)?
        )?;
        return Ok(());
    }
    let mut container_attrs = Vec::new();
    let predicted = derive_render(schema).map(|mut p| {
        for (key, value) in schema.as_object().into_iter().flatten() {
            match key.as_str() {
                "description" => p["description"] = json!(doc_normal(value.as_str().unwrap_or_default())),
                "example" if !value.is_null() => {
                    p["example"] = value.clone();
                    container_attrs.push(format!("example = json!({})", super::text::json_tokens(value)));
                }
                _ => {}
            }
        }
        p
    });
    let derive = predicted.is_some_and(|p| values_equal(&p, schema));
    if let Some(d) = description {
        out.push_str(&doc(d));
    }
    out.push_str(if derive { DERIVES } else { DERIVES_NO_SCHEMA });
    if derive && !container_attrs.is_empty() {
        writeln!(out, "#[schema({})]", container_attrs.join(", "))?;
    }
    writeln!(out, "#[serde(transparent)]\npub struct {name}(pub {inner});\n")?;
    if !derive {
        manual_impl(name, schema, out)?;
    }
    let _ = helpers;
    Ok(())
}

/// For a map schema (`type: object` + `additionalProperties: <schema>`) whose value schema the derive
/// renders exactly: the value's schema expression, taken from the Rust type.
fn map_value_expr(schema: &Value, prefix: &str) -> Option<String> {
    if primary_type(schema) != Some("object") || schema.get("properties").is_some() {
        return None;
    }
    let ap = schema.get("additionalProperties").filter(|ap| ap.is_object())?;
    let rendered = derive_render(ap)?;
    if !values_equal(&rendered, ap) {
        return None;
    }
    if let Some(name) = schema_ref_name(ap) {
        return Some(format!(
            "oa::RefOr::Ref(oa::Ref::from_schema_name(<{prefix}{name} as utoipa::ToSchema>::name()))"
        ));
    }
    Some(format!("<{} as utoipa::PartialSchema>::schema()", value_rust_type(ap)?))
}

/// The Rust type `rust_type` gives a value schema, without a component prefix (schemas.rs).
fn value_rust_type(schema: &Value) -> Option<String> {
    let spec = super::spec::Spec { doc: Value::Null };
    rust_type(&spec, schema, "").ok()
}

/// `oa::RefOr<Schema>` of a map: the spec's keywords, with `additionalProperties` from `value_expr`.
fn map_schema_expr(schema: &Value, value_expr: &str) -> Result<String> {
    Ok(format!(
        "oa::RefOr::T(oa::schema::Schema::Object({}.additional_properties(Some({value_expr})).build()))",
        super::builder::object_builder(schema, &["additionalProperties"])?
    ))
}

fn manual_impl(name: &str, schema: &Value, out: &mut String) -> Result<()> {
    writeln!(
        out,
        "impl utoipa::PartialSchema for {name} {{\n\
         fn schema() -> oa::RefOr<oa::schema::Schema> {{ {} }}\n}}\n\
         impl utoipa::ToSchema for {name} {{}}\n",
        schema_expr(schema)?
    )?;
    Ok(())
}

fn emit_struct(api: &Api, name: &str, schema: &Value, out: &mut String, helpers: &mut String) -> Result<()> {
    let map = schema.as_object().ok_or_else(|| anyhow!("not a mapping"))?;
    let mut container_attrs = Vec::new();
    for (key, value) in map {
        match key.as_str() {
            "type" | "properties" | "required" | "description" => {}
            "example" if value.is_null() => {}
            "example" => container_attrs.push(format!("example = json!({})", super::text::json_tokens(value))),
            "examples" => {
                let items: Vec<String> = value
                    .as_array()
                    .ok_or_else(|| anyhow!("examples must be a list"))?
                    .iter()
                    .map(|v| format!("json!({})", super::text::json_tokens(v)))
                    .collect();
                container_attrs.push(format!("examples({})", items.join(", ")));
            }
            "title" => container_attrs.push(format!("title = {}", lit(value.as_str().unwrap_or_default()))),
            other => bail!(
                "object keyword `{other}` cannot be reproduced by the ToSchema derive; \
                 remove it from the spec or extend the generator"
            ),
        }
    }
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
    if !container_attrs.is_empty() {
        writeln!(out, "#[schema({})]", container_attrs.join(", "))?;
    }
    writeln!(out, "pub struct {name} {{")?;
    for (json_name, prop) in fields {
        let is_required = required.contains(&json_name.as_str());
        emit_field(api, name, json_name, prop, is_required, out, helpers)
            .with_context(|| format!("property {json_name}"))?;
    }
    out.push_str("}\n\n");
    Ok(())
}

fn emit_field(
    api: &Api,
    struct_name: &str,
    json_name: &str,
    prop: &Value,
    is_required: bool,
    out: &mut String,
    helpers: &mut String,
) -> Result<()> {
    // Extensions (`x-…`) instruct the generator; the served document leaves them out.
    let without_extensions = strip_extensions(prop);
    let prop = &without_extensions;
    let ident = names::ident(json_name);
    let nullable = is_nullable_type(prop) || nullable_one_of(prop).is_some();
    let base_type = rust_type(&api.spec, prop, "")?;
    // `rust_type` already wraps nullable schemas in Option.
    let (ty, optional) = if nullable {
        (base_type, true)
    } else if is_required {
        (base_type, false)
    } else {
        (format!("Option<{base_type}>"), true)
    };
    let mut serde_attrs = Vec::new();
    let plain_ident = ident.trim_start_matches("r#");
    if plain_ident != json_name {
        serde_attrs.push(format!("rename = {}", lit(json_name)));
    }
    if optional && !is_required && !nullable {
        serde_attrs.push("default, skip_serializing_if = \"Option::is_none\"".to_owned());
    }
    let mut schema_attrs = Vec::new();
    if nullable && is_required {
        schema_attrs.push("required = true".to_owned());
    }
    if !nullable && !is_required {
        schema_attrs.push("nullable = false".to_owned());
    }
    // Predict the derive's rendering.
    let description = str_field(prop, "description");
    let predicted = derive_render(prop).map(|mut p| {
        apply_attrs(&mut p, prop, &mut schema_attrs, nullable_one_of(prop).is_some());
        p
    });
    let derive_ok = predicted.as_ref().is_some_and(|p| values_equal(p, prop));
    let map_value = if derive_ok { None } else { map_value_expr(prop, "") };
    if let Some(value_expr) = map_value {
        schema_attrs.retain(|a| a == "required = true" || a == "nullable = false");
        let helper = format!("schema_{}_{}", names::snake(struct_name), names::snake(json_name));
        writeln!(
            helpers,
            "fn {helper}() -> oa::RefOr<oa::schema::Schema> {{ {} }}\n",
            map_schema_expr(prop, &value_expr)?
        )?;
        schema_attrs.push(format!("schema_with = {helper}"));
    } else if derive_ok {
        if let Some(d) = description {
            out.push_str(&doc(d));
        }
    } else {
        // Build this property from the spec.
        schema_attrs.retain(|a| a == "required = true" || a == "nullable = false");
        let helper = format!("schema_{}_{}", names::snake(struct_name), names::snake(json_name));
        writeln!(helpers, "fn {helper}() -> oa::RefOr<oa::schema::Schema> {{ {} }}\n", schema_expr(prop)?)?;
        schema_attrs.push(format!("schema_with = {helper}"));
    }
    if !serde_attrs.is_empty() {
        writeln!(out, "#[serde({})]", serde_attrs.join(", "))?;
    }
    if !schema_attrs.is_empty() {
        writeln!(out, "#[schema({})]", schema_attrs.join(", "))?;
    }
    writeln!(out, "pub {ident}: {ty},")?;
    Ok(())
}

/// How `#[derive(ToSchema)]` renders the Rust type `rust_type` picks for `schema` (no attributes), or
/// `None` when the generator does not know.
fn derive_render(schema: &Value) -> Option<Value> {
    if let Some(name) = schema_ref_name(schema) {
        return Some(json!({"$ref": format!("#/components/schemas/{name}")}));
    }
    if let Some(inner) = nullable_one_of(schema) {
        let inner = derive_render(inner)?;
        return inner.get("$ref").is_some().then(|| json!({"oneOf": [{"type": "null"}, inner]}));
    }
    let nullable = is_nullable_type(schema);
    let ty = |t: &str| if nullable { json!([t, "null"]) } else { json!(t) };
    let rendered = match primary_type(schema)? {
        "string" => json!({"type": ty("string")}),
        "integer" => match str_field(schema, "format") {
            Some("int32") => json!({"type": ty("integer"), "format": "int32"}),
            _ => json!({"type": ty("integer"), "format": "int64"}),
        },
        "number" => match str_field(schema, "format") {
            Some("float") => json!({"type": ty("number"), "format": "float"}),
            _ => json!({"type": ty("number"), "format": "double"}),
        },
        "boolean" => json!({"type": ty("boolean")}),
        "array" => json!({"type": ty("array"), "items": derive_render(schema.get("items")?)?}),
        "object" => {
            let ap = schema.get("additionalProperties")?;
            if !ap.is_object() || schema.get("properties").is_some() {
                return None;
            }
            json!({
                "type": ty("object"),
                "additionalProperties": derive_render(ap)?,
                "propertyNames": {"type": "string"},
            })
        }
        _ => return None,
    };
    Some(rendered)
}

/// Adds to `predicted` what the attributes we emit will add, and records those attributes.
fn apply_attrs(predicted: &mut Value, spec: &Value, attrs: &mut Vec<String>, nullable_ref: bool) {
    let Some(spec_map) = spec.as_object() else { return };
    let is_scalar = matches!(primary_type(spec), Some("string" | "integer" | "number" | "boolean"));
    let is_array = primary_type(spec) == Some("array");
    for (key, value) in spec_map {
        match key.as_str() {
            "description" => {
                let d = json!(doc_normal(value.as_str().unwrap_or_default()));
                if nullable_ref {
                    // The derive puts a field's doc on the `$ref` inside the oneOf.
                    if let Some(r) = predicted.pointer_mut("/oneOf/1") {
                        r["description"] = d;
                    }
                } else {
                    predicted["description"] = d;
                }
            }
            "example" if value.is_null() => {}
            "example" if !nullable_ref => {
                predicted["example"] = value.clone();
                attrs.push(format!("example = {}", json_expr(value).replace("serde_json::json!", "json!")));
            }
            "examples" if !nullable_ref => {
                if let Some(items) = value.as_array() {
                    predicted["examples"] = value.clone();
                    let items: Vec<String> =
                        items.iter().map(|v| json_expr(v).replace("serde_json::json!", "json!")).collect();
                    attrs.push(format!("examples({})", items.join(", ")));
                }
            }
            "format" if is_scalar => {
                let Some(f) = value.as_str() else { continue };
                if predicted.get("format").and_then(Value::as_str) != Some(f) {
                    predicted["format"] = json!(f);
                    attrs.push(format!("format = {}", lit(f)));
                }
            }
            "items" if is_array => {
                // `format = ..` on a Vec field lands on the items.
                let Some(f) = value.get("format").and_then(Value::as_str) else { continue };
                if let Some(items) = predicted.get_mut("items") {
                    if items.get("format").and_then(Value::as_str) != Some(f) && items.get("$ref").is_none() {
                        items["format"] = json!(f);
                        attrs.push(format!("format = {}", lit(f)));
                    }
                }
            }
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" if is_scalar => {
                predicted[key] = value.clone();
                attrs.push(format!("{} = {value}", names::snake(key)));
            }
            "minLength" | "maxLength" | "pattern" if is_scalar => {
                predicted[key] = value.clone();
                let v = if key == "pattern" { lit(value.as_str().unwrap_or_default()) } else { value.to_string() };
                attrs.push(format!("{} = {v}", names::snake(key)));
            }
            "minItems" | "maxItems" if is_array => {
                predicted[key] = value.clone();
                attrs.push(format!("{} = {value}", names::snake(key)));
            }
            _ => {}
        }
    }
}

/// `schema` without its `x-…` keys (only the top level: properties are emitted one by one).
fn strip_extensions(schema: &Value) -> Value {
    match schema.as_object() {
        Some(map) => Value::Object(
            map.iter().filter(|(k, _)| !k.starts_with("x-")).map(|(k, v)| (k.clone(), v.clone())).collect(),
        ),
        None => schema.clone(),
    }
}

/// A description as the derive reads it back from doc comments: trailing spaces of each line dropped.
fn doc_normal(text: &str) -> String {
    text.split('\n').map(str::trim_end).collect::<Vec<_>>().join("\n")
}

/// Whether the derive's rendering `predicted` is what utoipa reads from the spec's `spec`.
fn values_equal(predicted: &Value, spec: &Value) -> bool {
    // serde_json maps compare as maps; numbers compare by kind too, as the drift test does.
    // utoipa reads `example: null` as no example.
    let mut spec = spec.clone();
    if let Some(map) = spec.as_object_mut() {
        if map.get("example").is_some_and(Value::is_null) {
            map.remove("example");
        }
    }
    *predicted == spec
}
