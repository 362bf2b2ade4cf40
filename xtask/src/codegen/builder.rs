//! Schema objects → utoipa builder expressions (`oa` = `utoipa::openapi`).
//!
//! Used for the inline schemas of operations (parameters, bodies, responses, headers) in openapi.rs
//! and for the few component properties a `ToSchema` derive cannot spell like the spec does.
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::spec::ref_of;
use super::text::{json_expr, lit, text_lit};

/// An expression of type `oa::RefOr<oa::schema::Schema>`.
pub fn schema_expr(schema: &Value) -> Result<String> {
    if let Some(reference) = ref_of(schema) {
        let mut expr = format!("oa::Ref::new({})", lit(reference));
        for (key, value) in object(schema)? {
            match key.as_str() {
                "$ref" => {}
                "description" => expr.push_str(&format!(".description(Some({}))", str_lit(value)?)),
                "summary" => expr.push_str(&format!(".summary({})", str_lit(value)?)),
                other => bail!("`{other}` next to `$ref` is not supported (only description, summary)"),
            }
        }
        return Ok(format!("oa::RefOr::Ref({expr})"));
    }
    Ok(format!("oa::RefOr::T({})", schema_value_expr(schema)?))
}

/// An expression of type `oa::schema::Schema` (no `$ref` at the top).
pub fn schema_value_expr(schema: &Value) -> Result<String> {
    let map = object(schema)?;
    if map.contains_key("$ref") {
        bail!("a $ref is not allowed here");
    }
    let composite = ["oneOf", "anyOf", "allOf"].into_iter().find(|k| map.contains_key(*k));
    if let Some(kind) = composite {
        let builder = match kind {
            "oneOf" => "oa::schema::OneOfBuilder",
            "anyOf" => "oa::schema::AnyOfBuilder",
            _ => "oa::schema::AllOfBuilder",
        };
        let mut expr = format!("{builder}::new()");
        for (key, value) in map {
            match key.as_str() {
                k if k == kind => {
                    for item in value.as_array().ok_or_else(|| anyhow!("{kind} must be a list"))? {
                        expr.push_str(&format!(".item({})", schema_expr(item)?));
                    }
                }
                "type" => expr.push_str(&format!(".schema_type({})", schema_type(value)?)),
                _ => common(&mut expr, key, value).with_context(|| format!("in a {kind}"))?,
            }
        }
        let variant = match kind {
            "oneOf" => "OneOf",
            "anyOf" => "AnyOf",
            _ => "AllOf",
        };
        return Ok(format!("oa::schema::Schema::{variant}({expr}.build())"));
    }
    if let Some(items) = map.get("items") {
        let mut expr = format!("oa::schema::ArrayBuilder::new().items({})", schema_expr(items)?);
        for (key, value) in map {
            match key.as_str() {
                "items" => {}
                "type" => expr.push_str(&format!(".schema_type({})", schema_type(value)?)),
                "maxItems" => expr.push_str(&format!(".max_items(Some({}))", usize_lit(value)?)),
                "minItems" => expr.push_str(&format!(".min_items(Some({}))", usize_lit(value)?)),
                "uniqueItems" => expr.push_str(&format!(".unique_items({})", bool_lit(value)?)),
                "deprecated" => expr.push_str(&deprecated(value)?),
                "contentEncoding" => expr.push_str(&format!(".content_encoding({})", str_lit(value)?)),
                "contentMediaType" => expr.push_str(&format!(".content_media_type({})", str_lit(value)?)),
                _ => common(&mut expr, key, value).context("in an array schema")?,
            }
        }
        return Ok(format!("oa::schema::Schema::Array({expr}.build())"));
    }
    if !map.contains_key("type") {
        bail!("a schema needs a `type` (or $ref/oneOf/anyOf/allOf): utoipa cannot read it otherwise");
    }
    Ok(format!("oa::schema::Schema::Object({}.build())", object_builder(schema, &[])?))
}

/// An `oa::schema::ObjectBuilder` expression (not built) for an object/scalar schema, leaving out
/// the keys in `skip`.
pub fn object_builder(schema: &Value, skip: &[&str]) -> Result<String> {
    let map = object(schema)?;
    let mut expr = "oa::schema::ObjectBuilder::new()".to_owned();
    for (key, value) in map {
        if skip.contains(&key.as_str()) {
            continue;
        }
        match key.as_str() {
            "type" => expr.push_str(&format!(".schema_type({})", schema_type(value)?)),
            "format" => expr.push_str(&format!(
                ".format(Some(oa::schema::SchemaFormat::Custom({}.to_owned())))",
                str_lit(value)?
            )),
            "enum" => {
                let items = value.as_array().ok_or_else(|| anyhow!("enum must be a list"))?;
                let values: Vec<String> = items.iter().map(json_expr).collect();
                expr.push_str(&format!(".enum_values(Some([{}]))", values.join(", ")));
            }
            "required" => {
                for name in value.as_array().ok_or_else(|| anyhow!("required must be a list"))? {
                    expr.push_str(&format!(".required({})", str_lit(name)?));
                }
            }
            "properties" => {
                for (name, prop) in object(value)? {
                    expr.push_str(&format!(".property({}, {})", lit(name), schema_expr(prop)?));
                }
            }
            "additionalProperties" => match value {
                Value::Bool(b) => expr.push_str(&format!(
                    ".additional_properties(Some(oa::schema::AdditionalProperties::<oa::schema::Schema>::FreeForm({b})))"
                )),
                _ => expr.push_str(&format!(".additional_properties(Some({}))", schema_expr(value)?)),
            },
            "propertyNames" => {
                expr.push_str(&format!(".property_names(Some({}))", schema_value_expr(value)?))
            }
            "deprecated" => expr.push_str(&deprecated(value)?),
            "readOnly" => expr.push_str(&format!(".read_only(Some({}))", bool_lit(value)?)),
            "writeOnly" => expr.push_str(&format!(".write_only(Some({}))", bool_lit(value)?)),
            "multipleOf" => expr.push_str(&format!(".multiple_of(Some({}))", number_lit(value)?)),
            "maximum" => expr.push_str(&format!(".maximum(Some({}))", number_lit(value)?)),
            "minimum" => expr.push_str(&format!(".minimum(Some({}))", number_lit(value)?)),
            "exclusiveMaximum" => {
                expr.push_str(&format!(".exclusive_maximum(Some({}))", number_lit(value)?))
            }
            "exclusiveMinimum" => {
                expr.push_str(&format!(".exclusive_minimum(Some({}))", number_lit(value)?))
            }
            "maxLength" => expr.push_str(&format!(".max_length(Some({}))", usize_lit(value)?)),
            "minLength" => expr.push_str(&format!(".min_length(Some({}))", usize_lit(value)?)),
            "pattern" => expr.push_str(&format!(".pattern(Some({}))", str_lit(value)?)),
            "maxProperties" => {
                expr.push_str(&format!(".max_properties(Some({}))", usize_lit(value)?))
            }
            "minProperties" => {
                expr.push_str(&format!(".min_properties(Some({}))", usize_lit(value)?))
            }
            "contentEncoding" => expr.push_str(&format!(".content_encoding({})", str_lit(value)?)),
            "contentMediaType" => {
                expr.push_str(&format!(".content_media_type({})", str_lit(value)?))
            }
            _ => common(&mut expr, key, value).context("in a schema")?,
        }
    }
    Ok(expr)
}

/// Keywords every builder has.
fn common(expr: &mut String, key: &str, value: &Value) -> Result<()> {
    match key {
        "title" => expr.push_str(&format!(".title(Some({}))", str_lit(value)?)),
        "description" => expr.push_str(&format!(".description(Some({}))", str_lit(value)?)),
        "default" => expr.push_str(&format!(".default(Some({}))", json_expr(value))),
        // utoipa reads `example: null` as no example: leave it out so both sides agree.
        "example" if value.is_null() => {}
        "example" => expr.push_str(&format!(".example(Some({}))", json_expr(value))),
        "examples" => {
            let items = value.as_array().ok_or_else(|| anyhow!("examples must be a list"))?;
            let values: Vec<String> = items.iter().map(json_expr).collect();
            expr.push_str(&format!(".examples([{}])", values.join(", ")));
        }
        other => bail!("schema keyword `{other}` is not supported by the generator"),
    }
    Ok(())
}

/// `oa::schema::SchemaType` for `type: X` or `type: [X, Y]`.
pub fn schema_type(value: &Value) -> Result<String> {
    Ok(match value {
        Value::String(t) => format!("oa::schema::SchemaType::Type({})", type_variant(t)?),
        Value::Array(types) => {
            let variants: Vec<String> = types
                .iter()
                .map(|t| type_variant(t.as_str().ok_or_else(|| anyhow!("type must be a string"))?))
                .collect::<Result<_>>()?;
            format!("oa::schema::SchemaType::from_iter([{}])", variants.join(", "))
        }
        _ => bail!("type must be a string or a list"),
    })
}

fn type_variant(t: &str) -> Result<String> {
    let v = match t {
        "object" => "Object",
        "string" => "String",
        "integer" => "Integer",
        "number" => "Number",
        "boolean" => "Boolean",
        "array" => "Array",
        "null" => "Null",
        other => bail!("unknown type {other}"),
    };
    Ok(format!("oa::schema::Type::{v}"))
}

fn deprecated(value: &Value) -> Result<String> {
    let variant = if bool_lit(value)? == "true" { "True" } else { "False" };
    Ok(format!(".deprecated(Some(oa::Deprecated::{variant}))"))
}

fn object(value: &Value) -> Result<&serde_json::Map<String, Value>> {
    value.as_object().ok_or_else(|| anyhow!("a schema must be a mapping, got {value}"))
}

pub fn str_lit(value: &Value) -> Result<String> {
    Ok(text_lit(value.as_str().ok_or_else(|| anyhow!("expected a string, got {value}"))?))
}

fn bool_lit(value: &Value) -> Result<String> {
    Ok(value.as_bool().ok_or_else(|| anyhow!("expected a boolean, got {value}"))?.to_string())
}

fn usize_lit(value: &Value) -> Result<String> {
    Ok(format!("{}usize", value.as_u64().ok_or_else(|| anyhow!("expected a count, got {value}"))?))
}

/// A literal that converts into `utoipa::Number` with the same JSON spelling.
fn number_lit(value: &Value) -> Result<String> {
    let n = value.as_number().ok_or_else(|| anyhow!("expected a number, got {value}"))?;
    Ok(if let Some(i) = n.as_i64() {
        format!("{i}i64")
    } else if let Some(u) = n.as_u64() {
        format!("{u}u64")
    } else {
        format!("{:?}f64", n.as_f64().unwrap_or(0.0))
    })
}
