//! routes.rs: the route table (one entry per operation, in spec order) and per operation a small
//! adapter that decodes the typed input from the request and calls the handler directly.
use std::fmt::Write;

use anyhow::Result;

use super::model::{Api, Body, FieldKind, Operation, ParamIn, Scalar, Security, Segment};
use super::text::lit;

pub fn emit(api: &Api) -> Result<String> {
    let mut out = String::new();
    // One constant per distinct body spec.
    let mut bodies: Vec<(String, String)> = Vec::new();
    let mut body_names = Vec::new();
    for op in &api.operations {
        let Some(body) = &op.body else {
            body_names.push(None);
            continue;
        };
        let (name, value) = body_spec(op, body);
        match bodies.iter().position(|(n, _)| *n == name) {
            Some(i) if bodies[i].1 != value => {
                let name = format!("{name}_{}", bodies.len());
                bodies.push((name.clone(), value));
                body_names.push(Some(name));
            }
            Some(_) => body_names.push(Some(name)),
            None => {
                bodies.push((name.clone(), value));
                body_names.push(Some(name));
            }
        }
    }
    for (name, value) in &bodies {
        writeln!(out, "const {name}: BodySpec = {value};")?;
    }
    out.push_str("\n/// All operations, in spec order.\npub const ROUTES: &[RouteInfo] = &[\n");
    for (op, body) in api.operations.iter().zip(&body_names) {
        writeln!(
            out,
            "route({}, {}, {}, {}, {}, {}, {}),",
            lit(&op.method.to_uppercase()),
            lit(&op.path),
            path_pattern(op),
            lit(&op.id),
            op.security.variant(),
            body.as_ref().map_or("None".to_owned(), |name| format!("Some({name})")),
            op.id
        )?;
    }
    out.push_str("];\n");
    for op in &api.operations {
        emit_adapter(op, &mut out)?;
    }
    Ok(imports(&out)? + &out)
}

/// The header and the imports the table and adapters use.
fn imports(body: &str) -> Result<String> {
    let uses = |needle: &str| body.contains(needle);
    let pick = |names: &[(&'static str, &str)]| -> Vec<&'static str> {
        names.iter().filter(|(_, needle)| uses(needle)).map(|(name, _)| *name).collect()
    };
    let mut out = String::from(
        "//! The route table (method, path, security, body, adapter per operation, in spec order) and the\n\
         //! adapters: each decodes its operation's input and calls `crate::api::<tag>::<operation>`.\n\
         use super::operations::*;\n",
    );
    if uses("BodySpec {") {
        out.push_str("use crate::api::http::body::{BodyClass, BodySpec};\n");
    }
    // Path segments appear as `Lit("…")`, and `Int`/`Str` followed by `,` or `]`.
    let segs: Vec<&str> = ["Int", "Lit", "Str"]
        .into_iter()
        .filter(|seg| [",", "]", "("].iter().any(|next| uses(&format!("{seg}{next}"))))
        .collect();
    writeln!(out, "use crate::api::http::path::Seg::{{{}}};", segs.join(", "))?;
    if uses("Query::parse") {
        out.push_str("use crate::api::http::query::Query;\n");
    }
    if uses("require(") {
        out.push_str("use crate::api::http::request_error::require;\n");
    }
    out.push_str("use crate::api::http::responses::answer;\n");
    let security = pick(&[("OptionalSession", "OptionalSession,"), ("Public", "Public,"), ("Session", " Session,")]);
    writeln!(out, "use crate::api::http::route::Security::{{{}}};", security.join(", "))?;
    let caller = if uses("caller(r.user)") { "caller, " } else { "" };
    writeln!(out, "use crate::api::http::route::{{{caller}route, Handled, Request}};")?;
    out.push_str("use crate::api::Api;\npub use crate::api::http::route::{RouteInfo, Security};\n\n");
    Ok(out)
}

/// The size class of a body: as the spec's `x-minimost-body-limit` says, else `Anonymous` for
/// operations that need no session and `Form` for the others.
fn body_class(op: &Operation, body: &Body) -> &'static str {
    match body.limit.as_deref() {
        Some("anonymous") => "Anonymous",
        Some("upload") => "Upload",
        Some("avatar") => "Avatar",
        Some(_) => "Form",
        None if op.security == Security::Public => "Anonymous",
        None => "Form",
    }
}

/// The name and value of a body's `BodySpec` constant.
fn body_spec(op: &Operation, body: &Body) -> (String, String) {
    let files: Vec<String> = body
        .fields
        .iter()
        .filter(|f| matches!(f.kind, FieldKind::File | FieldKind::FileList))
        .map(|f| lit(&f.name))
        .collect();
    let class = body_class(op, body);
    // `FORM_UJ`: the size class, then the media types (url-encoded, multipart, JSON).
    let media: String = [(body.urlencoded, 'U'), (body.multipart, 'M'), (body.json, 'J')]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, initial)| *initial)
        .collect();
    let name = format!("{}_{media}", class.to_uppercase());
    let value = format!(
        "BodySpec {{ urlencoded: {}, multipart: {}, json: {}, files: &[{}], class: BodyClass::{class} }}",
        body.urlencoded,
        body.multipart,
        body.json,
        files.join(", ")
    );
    (name, value)
}

/// The operation's path as a `&[Seg]` expression (`&[Lit("message"), Int]`).
pub fn path_pattern(op: &Operation) -> String {
    let segs: Vec<String> = op
        .segments()
        .iter()
        .map(|s| match s {
            Segment::Literal(l) => format!("Lit({})", lit(l)),
            Segment::Param(name) => {
                let p = op.params.iter().find(|p| p.location == ParamIn::Path && p.name == *name);
                match p.map(|p| p.kind) {
                    Some(Scalar::Int) => "Int".to_owned(),
                    _ => "Str".to_owned(),
                }
            }
        })
        .collect();
    format!("&[{}]", segs.join(", "))
}

fn emit_adapter(op: &Operation, out: &mut String) -> Result<()> {
    let takes_files = op
        .body
        .as_ref()
        .is_some_and(|b| b.fields.iter().any(|f| matches!(f.kind, FieldKind::File | FieldKind::FileList)));
    let r = if takes_files { "mut r" } else { "r" };
    writeln!(out, "\nfn {}(api: Api, {r}: Request) -> Handled {{\nBox::pin(async move {{", op.id)?;
    if op.params.iter().any(|p| p.location == ParamIn::Query) {
        out.push_str("let q = Query::parse(r.ctx.query.as_deref());\n");
    }
    let mut fields: Vec<String> = Vec::new();
    let mut path_index = 0usize;
    for seg in op.segments() {
        if let Segment::Param(name) = seg {
            if let Some(p) = op.params.iter().find(|p| p.location == ParamIn::Path && p.name == name) {
                let getter = if p.kind == Scalar::Int { "int" } else { "string" };
                fields.push(format!("{}: r.params.{getter}({path_index})", p.ident));
            }
            path_index += 1;
        }
    }
    for p in op.params.iter().filter(|p| p.location == ParamIn::Query) {
        let getter = match p.kind {
            Scalar::Str => "string",
            Scalar::Int => "int",
            Scalar::Num => "number",
            Scalar::Bool => "boolean",
        };
        let value = format!("q.{getter}({})?", lit(&p.name));
        if p.required {
            fields.push(format!("{}: require({}, {value})?", p.ident, lit(&p.name)));
        } else {
            fields.push(format!("{}: {value}", p.ident));
        }
    }
    if let Some(body) = &op.body {
        for f in &body.fields {
            let name = lit(&f.name);
            let value = match f.kind {
                FieldKind::Scalar(Scalar::Str) if f.nullable && !f.required => {
                    format!("r.body.nullable_string({name})?")
                }
                FieldKind::Scalar(Scalar::Str) => format!("r.body.string({name})?"),
                FieldKind::Scalar(Scalar::Int) if !f.required => format!("r.body.lenient_int({name})?"),
                FieldKind::Scalar(Scalar::Int) => format!("r.body.int({name})?"),
                FieldKind::Scalar(Scalar::Num) => format!("r.body.number({name})?"),
                FieldKind::Scalar(Scalar::Bool) => format!("r.body.boolean({name})?"),
                FieldKind::StrList => format!("r.body.strings({name})?"),
                FieldKind::File => format!("r.body.file({name})"),
                FieldKind::FileList => format!("r.body.files({name})"),
            };
            let value = match f.kind {
                FieldKind::Scalar(_) | FieldKind::File if f.required => format!("require({name}, {value})?"),
                _ => value,
            };
            fields.push(format!("{}: {value}", f.ident));
        }
    }
    match op.security {
        Security::Public => {}
        Security::Session => fields.push("user: caller(r.user)?".to_owned()),
        Security::OptionalSession => fields.push("user: r.user".to_owned()),
    }
    if fields.is_empty() {
        writeln!(out, "let input = {} {{}};", op.input_type())?;
    } else {
        writeln!(out, "let input = {} {{ {} }};", op.input_type(), fields.join(", "))?;
    }
    writeln!(out, "answer(crate::api::{}::{}(&api, r.ctx, input).await)\n}})\n}}", op.tag, op.id)?;
    Ok(())
}
