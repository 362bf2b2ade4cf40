//! openapi.rs: the served OpenAPI document, built with utoipa's builders from the spec, with
//! `components.schemas` taken from the generated types' `ToSchema` impls.
use std::fmt::Write;

use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::builder::{schema_expr, str_lit};
use super::model::Api;
use super::spec::{inline_refs, ref_of, str_field};
use super::text::{json_expr, lit};

pub fn emit(api: &Api) -> Result<String> {
    super::text::begin_texts();
    let result = emit_inner(api);
    let texts = super::text::end_texts();
    Ok(result? + &texts)
}

fn emit_inner(api: &Api) -> Result<String> {
    let doc = &api.spec.doc;
    let mut out = String::new();
    out.push_str(
        "//! The OpenAPI document the server serves (`serde_json::to_value(openapi())`).\n\
         use utoipa::openapi as oa;\n\n\
         use super::schemas;\n\n\
         /// The whole document.\n\
         pub fn openapi() -> oa::OpenApi {\n\
         oa::OpenApiBuilder::new()\n",
    );
    for (key, value) in doc.as_object().ok_or_else(|| anyhow!("not a mapping"))? {
        match key.as_str() {
            "openapi" => {
                if value.as_str() != Some("3.1.0") {
                    bail!("openapi must be 3.1.0 (what utoipa writes)");
                }
            }
            "info" => writeln!(out, ".info(info())")?,
            "paths" => writeln!(out, ".paths(paths())")?,
            "components" => writeln!(out, ".components(Some(components()))")?,
            "security" => writeln!(out, ".security(Some({}))", security(value)?)?,
            "tags" => {
                let mut tags = Vec::new();
                for tag in value.as_array().ok_or_else(|| anyhow!("tags must be a list"))? {
                    let mut expr = format!("oa::tag::TagBuilder::new().name({})", str_lit(&tag["name"])?);
                    for (k, v) in tag.as_object().into_iter().flatten() {
                        match k.as_str() {
                            "name" => {}
                            "description" => write!(expr, ".description(Some({}))", str_lit(v)?)?,
                            other => bail!("tags: `{other}` is not supported"),
                        }
                    }
                    tags.push(format!("{expr}.build()"));
                }
                writeln!(out, ".tags(Some([{}]))", tags.join(", "))?;
            }
            "servers" => {
                let mut servers = Vec::new();
                for server in value.as_array().ok_or_else(|| anyhow!("servers must be a list"))? {
                    let mut expr = format!("oa::server::ServerBuilder::new().url({})", str_lit(&server["url"])?);
                    if let Some(d) = server.get("description") {
                        write!(expr, ".description(Some({}))", str_lit(d)?)?;
                    }
                    servers.push(format!("{expr}.build()"));
                }
                writeln!(out, ".servers(Some([{}]))", servers.join(", "))?;
            }
            other => bail!("top-level `{other}` is not supported by the generator"),
        }
    }
    out.push_str(".build()\n}\n\n");
    emit_info(doc.get("info").ok_or_else(|| anyhow!("no info"))?, &mut out).context("info")?;
    emit_paths(api, &mut out)?;
    emit_components(api, &mut out).context("components")?;
    Ok(out)
}

fn security(value: &Value) -> Result<String> {
    let mut reqs = Vec::new();
    for req in value.as_array().ok_or_else(|| anyhow!("security must be a list"))? {
        let map = req.as_object().ok_or_else(|| anyhow!("a security requirement must be a mapping"))?;
        if map.is_empty() {
            reqs.push("oa::security::SecurityRequirement::default()".to_owned());
            continue;
        }
        let mut expr = String::new();
        for (i, (name, scopes)) in map.iter().enumerate() {
            let scopes: Vec<String> = scopes
                .as_array()
                .ok_or_else(|| anyhow!("scopes must be a list"))?
                .iter()
                .map(str_lit)
                .collect::<Result<_>>()?;
            let scopes = if scopes.is_empty() {
                "Vec::<String>::new()".to_owned()
            } else {
                format!("[{}].into_iter().map(String::from).collect::<Vec<String>>()", scopes.join(", "))
            };
            if i == 0 {
                expr = format!("oa::security::SecurityRequirement::new({}, {scopes})", lit(name));
            } else {
                write!(expr, ".add({}, {scopes})", lit(name))?;
            }
        }
        reqs.push(expr);
    }
    Ok(format!("Vec::<oa::security::SecurityRequirement>::from([{}])", reqs.join(", ")))
}

fn emit_info(info: &Value, out: &mut String) -> Result<()> {
    let mut expr = "oa::info::InfoBuilder::new()".to_owned();
    for (key, value) in info.as_object().ok_or_else(|| anyhow!("not a mapping"))? {
        match key.as_str() {
            "title" => write!(expr, ".title({})", str_lit(value)?)?,
            "version" => write!(expr, ".version({})", str_lit(value)?)?,
            "description" => write!(expr, ".description(Some({}))", str_lit(value)?)?,
            "termsOfService" => write!(expr, ".terms_of_service(Some({}))", str_lit(value)?)?,
            "license" => {
                let mut l = format!("oa::info::LicenseBuilder::new().name({})", str_lit(&value["name"])?);
                if let Some(url) = value.get("url") {
                    write!(l, ".url(Some({}))", str_lit(url)?)?;
                }
                if let Some(id) = value.get("identifier") {
                    write!(l, ".identifier(Some({}))", str_lit(id)?)?;
                }
                write!(expr, ".license(Some({l}.build()))")?;
            }
            "contact" => {
                let mut c = "oa::info::ContactBuilder::new()".to_owned();
                for (k, v) in value.as_object().into_iter().flatten() {
                    match k.as_str() {
                        "name" | "url" | "email" => write!(c, ".{k}(Some({}))", str_lit(v)?)?,
                        other => bail!("contact.{other} is not supported"),
                    }
                }
                write!(expr, ".contact(Some({c}.build()))")?;
            }
            other => bail!("info.{other} is not supported by utoipa"),
        }
    }
    writeln!(out, "fn info() -> oa::info::Info {{\n{expr}.build()\n}}\n")?;
    Ok(())
}

fn emit_paths(api: &Api, out: &mut String) -> Result<()> {
    let paths = api.spec.get("/paths").and_then(Value::as_object).ok_or_else(|| anyhow!("no paths"))?;
    out.push_str("fn paths() -> oa::path::Paths {\noa::path::PathsBuilder::new()\n");
    for (path, item) in paths {
        let item = api.spec.resolve(item)?;
        let mut expr = "oa::path::PathItemBuilder::new()".to_owned();
        for (method, op) in item.as_object().into_iter().flatten() {
            let variant = match method.as_str() {
                "get" => "Get",
                "put" => "Put",
                "post" => "Post",
                "delete" => "Delete",
                "options" => "Options",
                "head" => "Head",
                "patch" => "Patch",
                "trace" => "Trace",
                "summary" | "description" => {
                    write!(expr, ".{method}(Some({}))", str_lit(op)?)?;
                    continue;
                }
                other => bail!("paths.{path}.{other} is not supported"),
            };
            let id = str_field(op, "operationId").unwrap_or_default();
            write!(expr, ".operation(oa::path::HttpMethod::{variant}, op_{id}())")?;
        }
        writeln!(out, ".path({}, {expr}.build())", lit(path))?;
    }
    out.push_str(".build()\n}\n\n");
    for (path, item) in paths {
        let item = api.spec.resolve(item)?;
        for (method, op) in item.as_object().into_iter().flatten() {
            if matches!(method.as_str(), "summary" | "description") {
                continue;
            }
            emit_operation(api, op, out).with_context(|| format!("paths.{path}.{method}"))?;
        }
    }
    Ok(())
}

fn emit_operation(api: &Api, op: &Value, out: &mut String) -> Result<()> {
    let id = str_field(op, "operationId").unwrap_or_default();
    let mut expr = "oa::path::OperationBuilder::new()".to_owned();
    for (key, value) in op.as_object().ok_or_else(|| anyhow!("not a mapping"))? {
        match key.as_str() {
            "operationId" => write!(expr, ".operation_id(Some({}))", str_lit(value)?)?,
            "summary" | "description" => write!(expr, ".{key}(Some({}))", str_lit(value)?)?,
            "tags" => {
                for tag in value.as_array().into_iter().flatten() {
                    write!(expr, ".tag({})", str_lit(tag)?)?;
                }
            }
            "deprecated" => {
                if value.as_bool() == Some(true) {
                    expr.push_str(".deprecated(Some(oa::Deprecated::True))");
                }
            }
            "security" => write!(expr, ".securities(Some({}))", security(value)?)?,
            "parameters" => {
                for p in value.as_array().ok_or_else(|| anyhow!("parameters must be a list"))? {
                    let p = inline_refs(&api.spec, p)?;
                    write!(expr, ".parameter({})", parameter(&p)?)?;
                }
            }
            "requestBody" => {
                let rb = inline_refs(&api.spec, value)?;
                write!(expr, ".request_body(Some({}))", request_body(&rb).context("requestBody")?)?;
            }
            "responses" => {
                for (status, resp) in value.as_object().ok_or_else(|| anyhow!("responses must be a mapping"))? {
                    let resp = inline_refs(&api.spec, resp)?;
                    write!(
                        expr,
                        ".response({}, {})",
                        lit(status),
                        response(&resp).with_context(|| format!("response {status}"))?
                    )?;
                }
            }
            other => bail!("operation keyword `{other}` is not supported by the generator"),
        }
    }
    writeln!(out, "fn op_{id}() -> oa::path::Operation {{\n{expr}.build()\n}}\n")?;
    Ok(())
}

fn parameter(p: &Value) -> Result<String> {
    let mut expr = "oa::path::ParameterBuilder::new()".to_owned();
    if p.get("required").is_none() {
        bail!("parameter {}: write `required: true|false` (utoipa cannot read a parameter without it)", p["name"]);
    }
    let mut required = false;
    for (key, value) in p.as_object().ok_or_else(|| anyhow!("not a mapping"))? {
        match key.as_str() {
            "name" => write!(expr, ".name({})", str_lit(value)?)?,
            "in" => {
                let variant = match value.as_str() {
                    Some("path") => "Path",
                    Some("query") => "Query",
                    Some("header") => "Header",
                    Some("cookie") => "Cookie",
                    _ => bail!("bad parameter location {value}"),
                };
                write!(expr, ".parameter_in(oa::path::ParameterIn::{variant})")?;
            }
            "required" => required = value.as_bool().unwrap_or(false),
            "description" => write!(expr, ".description(Some({}))", str_lit(value)?)?,
            "deprecated" => {
                if value.as_bool() == Some(true) {
                    expr.push_str(".deprecated(Some(oa::Deprecated::True))");
                }
            }
            "schema" => write!(expr, ".schema(Some({}))", schema_expr(value)?)?,
            "example" if value.is_null() => {}
            "example" => write!(expr, ".example(Some({}))", json_expr(value))?,
            "explode" => write!(expr, ".explode(Some({}))", value.as_bool().unwrap_or(false))?,
            other => bail!("parameter keyword `{other}` is not supported by the generator"),
        }
    }
    let required = if required { "True" } else { "False" };
    Ok(format!("{expr}.required(oa::Required::{required}).build()"))
}

fn content(media: &Value) -> Result<String> {
    let mut expr = "oa::content::ContentBuilder::new()".to_owned();
    for (key, value) in media.as_object().ok_or_else(|| anyhow!("not a mapping"))? {
        match key.as_str() {
            "schema" => write!(expr, ".schema(Some({}))", schema_expr(value)?)?,
            "example" if value.is_null() => {}
            "example" => write!(expr, ".example(Some({}))", json_expr(value))?,
            other => bail!("media type keyword `{other}` is not supported by the generator"),
        }
    }
    Ok(format!("{expr}.build()"))
}

fn request_body(rb: &Value) -> Result<String> {
    let mut expr = "oa::request_body::RequestBodyBuilder::new()".to_owned();
    for (key, value) in rb.as_object().ok_or_else(|| anyhow!("not a mapping"))? {
        match key.as_str() {
            "description" => write!(expr, ".description(Some({}))", str_lit(value)?)?,
            "required" => {
                let v = if value.as_bool() == Some(true) { "True" } else { "False" };
                write!(expr, ".required(Some(oa::Required::{v}))")?;
            }
            "content" => {
                for (ct, media) in value.as_object().ok_or_else(|| anyhow!("content must be a mapping"))? {
                    write!(expr, ".content({}, {})", lit(ct), content(media).with_context(|| ct.clone())?)?;
                }
            }
            "x-minimost-body-limit" => write!(
                expr,
                ".extensions(Some(oa::extensions::ExtensionsBuilder::new().add({}, {}).build()))",
                lit(key),
                str_lit(value)?
            )?,
            other => bail!("requestBody keyword `{other}` is not supported by the generator"),
        }
    }
    Ok(format!("{expr}.build()"))
}

/// An expression of type `oa::RefOr<oa::response::Response>`.
fn response(resp: &Value) -> Result<String> {
    if let Some(reference) = ref_of(resp) {
        if resp.as_object().map(|m| m.len()) != Some(1) {
            bail!("nothing may stand next to a response $ref");
        }
        return Ok(format!("oa::RefOr::Ref(oa::Ref::new({}))", lit(reference)));
    }
    let mut expr = "oa::response::ResponseBuilder::new()".to_owned();
    for (key, value) in resp.as_object().ok_or_else(|| anyhow!("not a mapping"))? {
        match key.as_str() {
            "description" => write!(expr, ".description({})", str_lit(value)?)?,
            "content" => {
                for (ct, media) in value.as_object().ok_or_else(|| anyhow!("content must be a mapping"))? {
                    write!(expr, ".content({}, {})", lit(ct), content(media).with_context(|| ct.clone())?)?;
                }
            }
            "headers" => {
                for (name, header) in value.as_object().ok_or_else(|| anyhow!("headers must be a mapping"))? {
                    let mut h = "oa::header::HeaderBuilder::new()".to_owned();
                    for (k, v) in header.as_object().ok_or_else(|| anyhow!("header {name} is not a mapping"))? {
                        match k.as_str() {
                            "schema" => write!(h, ".schema({})", schema_expr(v)?)?,
                            "description" => write!(h, ".description(Some({}))", str_lit(v)?)?,
                            // utoipa's Header has no `required`; the generator uses it for typing.
                            "required" => {}
                            other => bail!("header keyword `{other}` is not supported by the generator"),
                        }
                    }
                    write!(expr, ".header({}, {h}.build())", lit(name))?;
                }
            }
            other => bail!("response keyword `{other}` is not supported by the generator"),
        }
    }
    Ok(format!("oa::RefOr::T({expr}.build())"))
}

fn emit_components(api: &Api, out: &mut String) -> Result<()> {
    let mut expr = "oa::schema::ComponentsBuilder::new()".to_owned();
    let components = api.spec.get("/components").and_then(Value::as_object);
    for (kind, entries) in components.into_iter().flatten() {
        let entries = entries.as_object().ok_or_else(|| anyhow!("components.{kind} is not a mapping"))?;
        match kind.as_str() {
            "schemas" => {
                for name in entries.keys() {
                    write!(expr, ".schema({}, <schemas::{name} as utoipa::PartialSchema>::schema())", lit(name))?;
                }
            }
            "responses" => {
                for (name, resp) in entries {
                    let resp = inline_refs(&api.spec, resp)?;
                    write!(
                        expr,
                        ".response({}, {})",
                        lit(name),
                        response(&resp).with_context(|| format!("responses.{name}"))?
                    )?;
                }
            }
            "securitySchemes" => {
                for (name, scheme) in entries {
                    write!(
                        expr,
                        ".security_scheme({}, {})",
                        lit(name),
                        security_scheme(scheme).with_context(|| format!("securitySchemes.{name}"))?
                    )?;
                }
            }
            // Inlined where they are used: utoipa's model has no refs for these.
            "parameters" | "requestBodies" | "headers" | "examples" => {}
            other => bail!("components.{other} is not supported by the generator"),
        }
    }
    writeln!(out, "fn components() -> oa::schema::Components {{\n{expr}.build()\n}}")?;
    Ok(())
}

fn security_scheme(scheme: &Value) -> Result<String> {
    if str_field(scheme, "type") != Some("apiKey") {
        bail!("only apiKey security schemes are supported");
    }
    let name = str_field(scheme, "name").ok_or_else(|| anyhow!("no name"))?;
    let value = match str_field(scheme, "description") {
        Some(d) => format!("oa::security::ApiKeyValue::with_description({}, {})", lit(name), super::text::text_lit(d)),
        None => format!("oa::security::ApiKeyValue::new({})", lit(name)),
    };
    let location = match str_field(scheme, "in") {
        Some("cookie") => "Cookie",
        Some("header") => "Header",
        Some("query") => "Query",
        other => bail!("bad apiKey location {other:?}"),
    };
    for key in scheme.as_object().into_iter().flatten().map(|(k, _)| k) {
        if !matches!(key.as_str(), "type" | "name" | "in" | "description") {
            bail!("security scheme keyword `{key}` is not supported");
        }
    }
    Ok(format!("oa::security::SecurityScheme::ApiKey(oa::security::ApiKey::{location}({value}))"))
}
