//! The operations and schemas of the spec, in the subset the generator supports
//! (see api-spec/README.md). Anything outside the subset is an error that names the spec location.
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;

use super::names;
use super::spec::{ref_of, schema_ref_name, str_field, Spec};

pub struct Api {
    pub spec: Spec,
    /// `components.schemas`, in spec order.
    pub schemas: Vec<(String, Value)>,
    /// Every operation, in spec order (paths in order, methods in the order written).
    pub operations: Vec<Operation>,
    /// Tag names in the order of the document's `tags` (then first use).
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `security: []`
    Public,
    /// `security: [{session: []}]` (also the document default)
    Session,
    /// `security: [{}, {session: []}]`
    OptionalSession,
}

impl Security {
    pub fn variant(self) -> &'static str {
        match self {
            Security::Public => "Public",
            Security::Session => "Session",
            Security::OptionalSession => "OptionalSession",
        }
    }
}

pub struct Operation {
    pub id: String,
    /// Lowercase HTTP method as written in the spec (`get`, `post`, …).
    pub method: String,
    /// The OpenAPI path template.
    pub path: String,
    pub tag: String,
    pub summary: Option<String>,
    pub security: Security,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    pub responses: Vec<Response>,
}

impl Operation {
    pub fn pascal(&self) -> String {
        names::pascal(&self.id)
    }
    pub fn input_type(&self) -> String {
        format!("{}Input", self.pascal())
    }
    pub fn response_type(&self) -> String {
        format!("{}Response", self.pascal())
    }
    /// Path segments: literals and `{param}`s.
    pub fn segments(&self) -> Vec<Segment<'_>> {
        self.path
            .trim_start_matches('/')
            .split('/')
            .map(|seg| match seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => Segment::Param(name),
                None => Segment::Literal(seg),
            })
            .collect()
    }
}

pub enum Segment<'a> {
    Literal(&'a str),
    Param(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamIn {
    Path,
    Query,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    Str,
    Int,
    Num,
    Bool,
}

impl Scalar {
    pub fn rust(self) -> &'static str {
        match self {
            Scalar::Str => "String",
            Scalar::Int => "i64",
            Scalar::Num => "f64",
            Scalar::Bool => "bool",
        }
    }
}

pub struct Param {
    pub name: String,
    pub ident: String,
    pub location: ParamIn,
    pub required: bool,
    pub kind: Scalar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Scalar(Scalar),
    StrList,
    File,
    FileList,
}

pub struct BodyField {
    pub name: String,
    pub ident: String,
    pub kind: FieldKind,
    pub required: bool,
    /// `type: [X, "null"]`: an optional field then tells absent (`None`) from JSON null (`Some(None)`).
    pub nullable: bool,
}

impl BodyField {
    pub fn rust_type(&self) -> String {
        match (self.kind, self.required) {
            (FieldKind::Scalar(s), true) => s.rust().to_owned(),
            (FieldKind::Scalar(s), false) if self.nullable => format!("Option<Option<{}>>", s.rust()),
            (FieldKind::Scalar(s), false) => format!("Option<{}>", s.rust()),
            (FieldKind::StrList, _) => "Vec<String>".to_owned(),
            (FieldKind::File, true) => "UploadedFile".to_owned(),
            (FieldKind::File, false) => "Option<UploadedFile>".to_owned(),
            (FieldKind::FileList, _) => "Vec<UploadedFile>".to_owned(),
        }
    }
}

pub struct Body {
    pub urlencoded: bool,
    pub multipart: bool,
    pub json: bool,
    pub fields: Vec<BodyField>,
    /// `x-minimost-body-limit`: which size limit the body falls under (`anonymous`, `form`,
    /// `upload`, `avatar`).
    pub limit: Option<String>,
}

pub struct Response {
    pub status: u16,
    pub variant: String,
    pub body: Option<ResponseBody>,
    pub headers: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseBody {
    /// `application/json` with this Rust type.
    Json(String),
    /// `text/plain`
    Text,
    /// `text/html`
    Html,
    /// Files: `application/octet-stream`, `image/*`, any `format: binary`.
    Binary,
    /// `text/event-stream`: a live Server-Sent Events stream the handler builds.
    EventStream,
    /// Several kinds for one status (e.g. JSON from the handler or text from the filters): an enum
    /// `<type_name>` with one variant per kind.
    OneOf { type_name: String, kinds: Vec<ResponseBody> },
}

impl ResponseBody {
    pub fn rust_type(&self) -> String {
        match self {
            ResponseBody::Json(ty) => ty.clone(),
            ResponseBody::Text => "String".to_owned(),
            ResponseBody::Html => "rt::Html".to_owned(),
            ResponseBody::Binary => "rt::Binary".to_owned(),
            ResponseBody::EventStream => "rt::EventStream".to_owned(),
            ResponseBody::OneOf { type_name, .. } => type_name.clone(),
        }
    }
}

pub struct ResponseHeader {
    pub name: String,
    pub ident: String,
    pub required: bool,
    /// `Set-Cookie`: any number of values.
    pub multi: bool,
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

impl Api {
    pub fn from_yaml(yaml: &str) -> Result<Api> {
        let spec = Spec::parse(yaml)?;
        Api::from_spec(spec)
    }

    pub fn from_spec(spec: Spec) -> Result<Api> {
        let schemas: Vec<(String, Value)> = spec
            .get("/components/schemas")
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let default_security = spec.get("/security");
        let mut operations = Vec::new();
        let paths = spec.get("/paths").and_then(Value::as_object).ok_or_else(|| anyhow!("the spec has no paths"))?;
        for (path, item) in paths {
            let item = spec.resolve(item)?;
            let item_map = item.as_object().ok_or_else(|| anyhow!("paths.{path} is not a mapping"))?;
            for (method, op) in item_map {
                if !METHODS.contains(&method.as_str()) {
                    if method == "parameters" {
                        bail!("paths.{path}.parameters: put parameters on the operations");
                    }
                    continue;
                }
                let parsed = parse_operation(&spec, path, method, op, default_security)
                    .with_context(|| format!("paths.{path}.{method}"))?;
                operations.push(parsed);
            }
        }
        let mut ids = std::collections::BTreeSet::new();
        for op in &operations {
            if !ids.insert(op.id.clone()) {
                bail!("duplicate operationId {}", op.id);
            }
        }
        let mut tags: Vec<String> = spec
            .get("/tags")
            .and_then(Value::as_array)
            .map(|tags| tags.iter().filter_map(|t| str_field(t, "name").map(str::to_owned)).collect())
            .unwrap_or_default();
        for op in &operations {
            if !tags.contains(&op.tag) {
                tags.push(op.tag.clone());
            }
        }
        for (name, _) in &schemas {
            if names::pascal(name) != *name {
                bail!("components.schemas.{name}: schema names must be PascalCase");
            }
        }
        Ok(Api { spec, schemas, operations, tags })
    }

    pub fn operations_by_tag(&self, tag: &str) -> impl Iterator<Item = &Operation> {
        let tag = tag.to_owned();
        self.operations.iter().filter(move |op| op.tag == tag)
    }
}

fn parse_operation(
    spec: &Spec,
    path: &str,
    method: &str,
    op: &Value,
    default_security: Option<&Value>,
) -> Result<Operation> {
    let id = str_field(op, "operationId").ok_or_else(|| anyhow!("missing operationId"))?.to_owned();
    if names::snake(&id) != id {
        bail!("operationId {id} is not snake_case");
    }
    let tags = op.get("tags").and_then(Value::as_array);
    let tag = match tags.map(|t| t.as_slice()) {
        Some([tag]) => tag.as_str().ok_or_else(|| anyhow!("tag is not a string"))?.to_owned(),
        _ => bail!("an operation needs exactly one tag (its handler module)"),
    };
    if names::ident(&tag) != tag {
        bail!("tag {tag} must be a snake_case module name");
    }
    let security = parse_security(op.get("security").or(default_security))?;
    let mut params = Vec::new();
    for p in op.get("parameters").and_then(Value::as_array).into_iter().flatten() {
        let p = spec.resolve(p)?;
        let name = str_field(p, "name").ok_or_else(|| anyhow!("parameter without name"))?;
        let location = match str_field(p, "in") {
            Some("path") => ParamIn::Path,
            Some("query") => ParamIn::Query,
            other => bail!("parameter {name}: `in: {other:?}` is not supported (path, query)"),
        };
        let schema = spec.resolve(p.get("schema").ok_or_else(|| anyhow!("parameter {name} has no schema"))?)?;
        let kind = scalar_of(schema).with_context(|| format!("parameter {name}"))?;
        let required = p.get("required").and_then(Value::as_bool).unwrap_or(false);
        if location == ParamIn::Path {
            if !required {
                bail!("path parameter {name} must say `required: true`");
            }
            if !matches!(kind, Scalar::Str | Scalar::Int) {
                bail!("path parameter {name}: only string and integer are supported");
            }
            if !path.contains(&format!("{{{name}}}")) {
                bail!("path parameter {name} is not in the path");
            }
        }
        params.push(Param { name: name.to_owned(), ident: names::ident(name), location, required, kind });
    }
    for seg in path.split('/') {
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if !params.iter().any(|p| p.location == ParamIn::Path && p.name == name) {
                bail!("path parameter {{{name}}} is not declared");
            }
        } else if seg.contains('{') {
            bail!("path segment {seg}: a parameter must be a whole segment");
        }
    }
    let body = match op.get("requestBody") {
        Some(rb) => Some(parse_body(spec, spec.resolve(rb)?).context("requestBody")?),
        None => None,
    };
    let mut responses = Vec::new();
    let response_map = op.get("responses").and_then(Value::as_object).ok_or_else(|| anyhow!("no responses"))?;
    for (status, resp) in response_map {
        let code: u16 =
            status.parse().map_err(|_| anyhow!("response {status}: only numeric status codes are supported"))?;
        let resp = spec.resolve(resp)?;
        responses.push(parse_response(spec, &id, code, resp).with_context(|| format!("response {status}"))?);
    }
    responses.sort_by_key(|r| r.status);
    let op = Operation {
        id,
        method: method.to_owned(),
        path: path.to_owned(),
        tag,
        summary: str_field(op, "summary").map(str::to_owned),
        security,
        params,
        body,
        responses,
    };
    check_field_names(&op)?;
    Ok(op)
}

fn check_field_names(op: &Operation) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    let body_fields = op.body.iter().flat_map(|b| b.fields.iter().map(|f| f.ident.clone()));
    let user = (op.security != Security::Public).then(|| "user".to_owned());
    for ident in op.params.iter().map(|p| p.ident.clone()).chain(body_fields).chain(user) {
        if !seen.insert(ident.clone()) {
            bail!("two inputs map to the Rust field `{ident}`");
        }
    }
    Ok(())
}

fn parse_security(security: Option<&Value>) -> Result<Security> {
    let Some(security) = security else {
        return Ok(Security::Public);
    };
    let reqs = security.as_array().ok_or_else(|| anyhow!("security must be a list"))?;
    let is_session = |v: &Value| {
        v.as_object()
            .is_some_and(|m| m.len() == 1 && m.get("session").and_then(Value::as_array).is_some_and(|a| a.is_empty()))
    };
    let is_empty = |v: &Value| v.as_object().is_some_and(|m| m.is_empty());
    match reqs.as_slice() {
        [] => Ok(Security::Public),
        [a] if is_session(a) => Ok(Security::Session),
        [a, b] if (is_empty(a) && is_session(b)) || (is_session(a) && is_empty(b)) => Ok(Security::OptionalSession),
        _ => bail!("security must be [], [{{session: []}}] or [{{}}, {{session: []}}]"),
    }
}

/// The scalar a (resolved) parameter or field schema describes; `type: [X, "null"]` counts as X.
fn scalar_of(schema: &Value) -> Result<Scalar> {
    match primary_type(schema) {
        Some("string") => Ok(Scalar::Str),
        Some("integer") => Ok(Scalar::Int),
        Some("number") => Ok(Scalar::Num),
        Some("boolean") => Ok(Scalar::Bool),
        other => bail!("unsupported schema type {other:?} (string, integer, number, boolean)"),
    }
}

/// `type: X` or `type: [X, "null"]` → X.
pub fn primary_type(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(t) => Some(t),
        Value::Array(types) => {
            let non_null: Vec<&str> = types.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect();
            match non_null.as_slice() {
                [t] => Some(t),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `type` lists "null".
pub fn is_nullable_type(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_array).is_some_and(|types| types.iter().any(|t| t == "null"))
}

fn is_binary(schema: &Value) -> bool {
    primary_type(schema) == Some("string") && str_field(schema, "format") == Some("binary")
}

fn is_json_media(ct: &str) -> bool {
    let ct = ct.to_ascii_lowercase();
    ct == "application/json" || (ct.starts_with("application/") && ct.ends_with("+json"))
}

/// On a required body property: the generated decoder leaves the field optional and the handler
/// answers its absence (with the operation's documented 400 text, e.g. `no file`), where a plain
/// required field gets the generic `missing field: <name>`.
pub const HANDLER_CHECKS_PRESENCE: &str = "x-handler-checks-presence";

fn parse_body(spec: &Spec, rb: &Value) -> Result<Body> {
    let content = rb.get("content").and_then(Value::as_object).ok_or_else(|| anyhow!("no content"))?;
    let limit = match rb.get("x-minimost-body-limit") {
        None => None,
        Some(Value::String(class)) if ["anonymous", "form", "upload", "avatar"].contains(&class.as_str()) => {
            Some(class.clone())
        }
        Some(other) => bail!("x-minimost-body-limit must be anonymous, form, upload or avatar, not {other}"),
    };
    let mut body = Body { urlencoded: false, multipart: false, json: false, fields: Vec::new(), limit };
    let mut schema: Option<&Value> = None;
    for (ct, media) in content {
        match ct.as_str() {
            "application/x-www-form-urlencoded" => body.urlencoded = true,
            "multipart/form-data" => body.multipart = true,
            ct if is_json_media(ct) => body.json = true,
            other => bail!("request content type {other} is not supported"),
        }
        let s = media.get("schema").ok_or_else(|| anyhow!("{ct} has no schema"))?;
        match schema {
            None => schema = Some(s),
            Some(prev) if prev == s => {}
            Some(_) => bail!("all request encodings must share one schema ($ref the same component)"),
        }
    }
    let schema = spec.resolve(schema.ok_or_else(|| anyhow!("empty content"))?)?;
    if primary_type(schema) != Some("object") {
        bail!("a request body schema must be an object");
    }
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let props = schema.get("properties").and_then(Value::as_object);
    for (name, prop) in props.into_iter().flatten() {
        let prop = spec.resolve(prop)?;
        let kind = if is_binary(prop) {
            FieldKind::File
        } else if primary_type(prop) == Some("array") {
            let items = spec.resolve(prop.get("items").ok_or_else(|| anyhow!("{name}: array without items"))?)?;
            if is_binary(items) {
                FieldKind::FileList
            } else if primary_type(items) == Some("string") {
                FieldKind::StrList
            } else {
                bail!("body field {name}: only arrays of strings (or binary strings) are supported");
            }
        } else {
            FieldKind::Scalar(scalar_of(prop).with_context(|| format!("body field {name}"))?)
        };
        let nullable = is_nullable_type(prop);
        if nullable && kind != FieldKind::Scalar(Scalar::Str) {
            bail!("body field {name}: only string fields may be nullable");
        }
        if matches!(kind, FieldKind::File | FieldKind::FileList) && !body.multipart {
            bail!("body field {name} is a file but multipart/form-data is not listed");
        }
        let listed = required.contains(&name.as_str());
        let handler_checks = match prop.get(HANDLER_CHECKS_PRESENCE) {
            None => false,
            Some(value) => value
                .as_bool()
                .ok_or_else(|| anyhow!("body field {name}: `{HANDLER_CHECKS_PRESENCE}` must be true or false"))?,
        };
        if handler_checks && !listed {
            bail!("body field {name}: `{HANDLER_CHECKS_PRESENCE}` goes only with a field listed in `required`");
        }
        body.fields.push(BodyField {
            name: name.clone(),
            ident: names::ident(name),
            kind,
            // The handler answers the field's absence with the operation's own documented text.
            required: listed && !handler_checks,
            nullable,
        });
    }
    body.fields.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(body)
}

fn parse_response(spec: &Spec, op_id: &str, status: u16, resp: &Value) -> Result<Response> {
    let mut kinds: Vec<ResponseBody> = Vec::new();
    for (ct, media) in resp.get("content").and_then(Value::as_object).into_iter().flatten() {
        let schema = media.get("schema").map(|s| spec.resolve(s)).transpose()?;
        let ct_lower = ct.to_ascii_lowercase();
        let kind = if is_json_media(&ct_lower) {
            let schema = media.get("schema").ok_or_else(|| anyhow!("{ct} has no schema"))?;
            ResponseBody::Json(rust_type(spec, schema, "schemas::")?)
        } else if ct_lower == "text/plain" {
            ResponseBody::Text
        } else if ct_lower == "text/html" {
            ResponseBody::Html
        } else if ct_lower == "text/event-stream" {
            ResponseBody::EventStream
        } else if schema.is_some_and(is_binary)
            || ct_lower.starts_with("image/")
            || ct_lower == "application/octet-stream"
        {
            ResponseBody::Binary
        } else {
            bail!(
                "response content type {ct} is not supported (JSON, text/plain, text/html, text/event-stream, binary)"
            );
        };
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    let variant = names::status_variant(status);
    let body = match kinds.len() {
        0 => None,
        1 => kinds.pop(),
        _ => Some(ResponseBody::OneOf { type_name: format!("{}{variant}Body", names::pascal(op_id)), kinds }),
    };
    let mut headers = Vec::new();
    for (name, header) in resp.get("headers").and_then(Value::as_object).into_iter().flatten() {
        let header = spec.resolve(header)?;
        let lower = name.to_ascii_lowercase();
        if lower == "content-type" {
            // Set from the body (`Binary` carries its concrete type).
            continue;
        }
        headers.push(ResponseHeader {
            name: name.clone(),
            ident: names::ident(name),
            required: header.get("required").and_then(Value::as_bool).unwrap_or(false),
            multi: lower == "set-cookie",
        });
    }
    Ok(Response { status, variant, body, headers })
}

/// The Rust type of a schema used as a value (a field, an item, a JSON body).
/// `prefix` is put before component names (`schemas::` outside schemas.rs).
pub fn rust_type(spec: &Spec, schema: &Value, prefix: &str) -> Result<String> {
    if let Some(name) = schema_ref_name(schema) {
        return Ok(format!("{prefix}{name}"));
    }
    if let Some(r) = ref_of(schema) {
        return rust_type(spec, spec.pointer(r)?, prefix);
    }
    if let Some(inner) = nullable_one_of(schema) {
        return Ok(format!("Option<{}>", rust_type(spec, inner, prefix)?));
    }
    let base = match primary_type(schema) {
        Some("string") => "String".to_owned(),
        Some("integer") => match str_field(schema, "format") {
            Some("int32") => "i32".to_owned(),
            _ => "i64".to_owned(),
        },
        Some("number") => match str_field(schema, "format") {
            Some("float") => "f32".to_owned(),
            _ => "f64".to_owned(),
        },
        Some("boolean") => "bool".to_owned(),
        Some("array") => {
            let items = schema.get("items").ok_or_else(|| anyhow!("array without items"))?;
            format!("Vec<{}>", rust_type(spec, items, prefix)?)
        }
        Some("object") => match schema.get("additionalProperties") {
            Some(ap) if ap.is_object() && schema.get("properties").is_none() => {
                format!("std::collections::BTreeMap<String, {}>", rust_type(spec, ap, prefix)?)
            }
            _ => "serde_json::Value".to_owned(),
        },
        _ => "serde_json::Value".to_owned(),
    };
    Ok(if is_nullable_type(schema) { format!("Option<{base}>") } else { base })
}

/// `oneOf`/`anyOf` of exactly `{type: "null"}` and one other schema → the other schema.
pub fn nullable_one_of(schema: &Value) -> Option<&Value> {
    let alts = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array)?;
    let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
    match alts.as_slice() {
        [a, b] if is_null(a) => Some(b),
        [a, b] if is_null(b) => Some(a),
        _ => None,
    }
}
