//! handlers.rs (the `Handlers` trait), dispatch.rs (its impl for `Api`) and filters.rs (warp routes).
use std::fmt::Write;

use anyhow::Result;

use super::model::{Api, Body, FieldKind, Operation, ParamIn, Scalar, Security, Segment};
use super::text::{doc, lit};

pub fn emit_trait(api: &Api) -> Result<String> {
    let mut out = String::new();
    out.push_str(
        "//! One async method per operation; `dispatch.rs` implements it for `crate::api::Api`.\n\
         use std::future::Future;\n\n\
         use super::operations::*;\n\
         use crate::api::error::ApiError;\n\
         use crate::api::runtime::RequestContext;\n\
         use crate::api::session::CurrentUser;\n\n\
         pub trait Handlers: Clone + Send + Sync + 'static {\n\
         /// The largest request body accepted, in bytes.\n\
         fn body_limits(&self, class: crate::api::runtime::BodyClass) -> crate::api::runtime::BodyLimits;\n\
         /// The caller of an optional-session operation (`security: [{}, {session: []}]`).\n\
         fn authenticate(&self, ctx: &RequestContext) -> impl Future<Output = Result<Option<CurrentUser>, ApiError>> + Send;\n\
         /// The caller of a session operation; an error (e.g. unauthenticated) is the reply.\n\
         fn require_session(&self, ctx: &RequestContext) -> impl Future<Output = Result<CurrentUser, ApiError>> + Send;\n\
         /// Whether the request may proceed once its caller is known (`None`: no valid session), e.g.\n\
         /// under the rate limits; an error is the reply.\n\
         fn admit(&self, ctx: &RequestContext, user: Option<&CurrentUser>) -> Result<(), ApiError>;\n",
    );
    for op in &api.operations {
        out.push('\n');
        out.push_str(&doc(&method_doc(op)));
        writeln!(
            out,
            "fn {}(&self, ctx: RequestContext, input: {}) -> impl Future<Output = Result<{}, ApiError>> + Send;",
            op.id,
            op.input_type(),
            op.response_type()
        )?;
    }
    out.push_str("}\n");
    Ok(out)
}

fn method_doc(op: &Operation) -> String {
    let summary = op.summary.clone().unwrap_or_else(|| op.id.clone());
    let mut text = format!("{summary}\n\n`{} {}`", op.method.to_uppercase(), op.path);
    if let Some(description) = &op.description {
        text.push_str("\n\n");
        text.push_str(description.trim_end());
    }
    text
}

pub fn emit_dispatch(api: &Api) -> Result<String> {
    let mut out = String::new();
    out.push_str(
        "//! `Handlers` for `Api`: every operation delegates to the function of the same name in\n\
         //! `crate::api::<tag>`.\n\
         use std::future::Future;\n\n\
         use super::handlers::Handlers;\n\
         use super::operations::*;\n\
         use crate::api::error::ApiError;\n\
         use crate::api::runtime::RequestContext;\n\
         use crate::api::session::CurrentUser;\n\n\
         impl Handlers for crate::api::Api {\n\
         fn body_limits(&self, class: crate::api::runtime::BodyClass) -> crate::api::runtime::BodyLimits { crate::api::Api::body_limits(self, class) }\n\
         fn authenticate(&self, ctx: &RequestContext) -> impl Future<Output = Result<Option<CurrentUser>, ApiError>> + Send {\n\
         crate::api::session::authenticate(self, ctx)\n}\n\
         fn require_session(&self, ctx: &RequestContext) -> impl Future<Output = Result<CurrentUser, ApiError>> + Send {\n\
         crate::api::session::require_session(self, ctx)\n}\n\
         fn admit(&self, ctx: &RequestContext, user: Option<&CurrentUser>) -> Result<(), ApiError> {\n\
         crate::api::limits::admit(self, ctx, user)\n}\n",
    );
    for op in &api.operations {
        writeln!(
            out,
            "fn {id}(&self, ctx: RequestContext, input: {input}) -> impl Future<Output = Result<{resp}, ApiError>> + Send {{\n\
             crate::api::{tag}::{id}(self, ctx, input)\n}}",
            id = op.id,
            tag = op.tag,
            input = op.input_type(),
            resp = op.response_type()
        )?;
    }
    out.push_str("}\n");
    Ok(out)
}

pub fn emit_filters(api: &Api) -> Result<String> {
    let mut out = String::new();
    out.push_str(
        "//! The warp filters: per operation path → method → context → session → body → input → handler.\n\
         //! Unknown paths and methods are left as rejections (404/405) for the caller's `recover`.\n\
         use warp::filters::BoxedFilter;\n\
         use warp::http::Method;\n\
         use warp::reply::Response;\n\
         use warp::Filter;\n\n\
         use super::handlers::Handlers;\n\
         use super::operations::*;\n\
         use crate::api::runtime::{self as rt, RequestContext, Seg};\n\
         use crate::api::session::CurrentUser;\n\n\
         /// Every operation of the spec, as one filter.\n\
         pub fn routes<H: Handlers>(handlers: H) -> BoxedFilter<(Response,)> {\n\
         rt::one_of(vec![\n",
    );
    for op in &api.operations {
        writeln!(out, "{}(handlers.clone()),", op.id)?;
    }
    out.push_str("])\n}\n\n");
    for op in &api.operations {
        emit_filter(op, &mut out)?;
    }
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

/// The operation's path as a `&[Seg]` expression (`&[Seg::Lit("message"), Seg::Int]`).
pub fn path_pattern(op: &Operation) -> String {
    let segs: Vec<String> = op
        .segments()
        .iter()
        .map(|s| match s {
            Segment::Literal(l) => format!("Seg::Lit({})", lit(l)),
            Segment::Param(name) => {
                let p = op.params.iter().find(|p| p.location == ParamIn::Path && p.name == *name);
                match p.map(|p| p.kind) {
                    Some(Scalar::Int) => "Seg::Int".to_owned(),
                    _ => "Seg::Str".to_owned(),
                }
            }
        })
        .collect();
    format!("&[{}]", segs.join(", "))
}

fn emit_filter(op: &Operation, out: &mut String) -> Result<()> {
    writeln!(out, "/// `{} {}` → `Handlers::{}`.", op.method.to_uppercase(), op.path, op.id)?;
    writeln!(out, "fn {}<H: Handlers>(h: H) -> BoxedFilter<(Response,)> {{", op.id)?;
    writeln!(out, "const PATH: &[Seg] = {};", path_pattern(op))?;
    if let Some(body) = &op.body {
        let files: Vec<String> = body
            .fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::File | FieldKind::FileList))
            .map(|f| lit(&f.name))
            .collect();
        writeln!(
            out,
            "const BODY: rt::BodySpec = rt::BodySpec {{ urlencoded: {}, multipart: {}, json: {}, files: &[{}], class: rt::BodyClass::{} }};",
            body.urlencoded,
            body.multipart,
            body.json,
            files.join(", "),
            body_class(op, body)
        )?;
    }
    let method = op.method.to_uppercase();
    let has_body = op.body.is_some();
    let body_class_arg = if has_body { "Some(BODY.class)" } else { "None" };
    let session = match op.security {
        Security::Public => "rt::public",
        Security::Session => "rt::session",
        Security::OptionalSession => "rt::optional_session",
    };
    writeln!(out, "rt::route(Method::{method}, PATH)")?;
    writeln!(out, ".and({session}(h.clone(), {body_class_arg}))")?;
    if let Some(body) = &op.body {
        if body.multipart {
            out.push_str(".and(rt::multipart_or_raw_body())\n");
        } else {
            out.push_str(".and(rt::raw_body())\n");
        }
    }
    let has_path = op.params.iter().any(|p| p.location == ParamIn::Path);
    let has_query = op.params.iter().any(|p| p.location == ParamIn::Query);
    let mut args =
        vec![format!("{}params: rt::PathParams", if has_path { "" } else { "_" }), "ctx: RequestContext".to_owned()];
    match op.security {
        Security::Public => {}
        Security::Session => args.push("user: CurrentUser".to_owned()),
        Security::OptionalSession => args.push("user: Option<CurrentUser>".to_owned()),
    }
    if has_body {
        args.push("body: rt::BodyInput".to_owned());
    }
    writeln!(out, ".then(move |{}| {{", args.join(", "))?;
    out.push_str("let h = h.clone();\nasync move {\nrt::respond(async move {\n");
    if has_query {
        out.push_str("let query = rt::Query::parse(ctx.query.as_deref());\n");
    }
    if has_body {
        out.push_str(
            "#[allow(unused_mut)]\nlet mut body = rt::read_body(body, &BODY, h.body_limits(BODY.class), &ctx.headers).await?;\n",
        );
    }
    writeln!(out, "let input = {} {{", op.input_type())?;
    let mut path_index = 0usize;
    for seg in op.segments() {
        if let Segment::Param(name) = seg {
            if let Some(p) = op.params.iter().find(|p| p.location == ParamIn::Path && p.name == name) {
                let getter = if p.kind == Scalar::Int { "int" } else { "string" };
                writeln!(out, "{}: params.{getter}({path_index}),", p.ident)?;
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
        let value = format!("query.{getter}({})?", lit(&p.name));
        if p.required {
            writeln!(out, "{}: rt::require({}, {value})?,", p.ident, lit(&p.name))?;
        } else {
            writeln!(out, "{}: {value},", p.ident)?;
        }
    }
    if let Some(body) = &op.body {
        for f in &body.fields {
            let name = lit(&f.name);
            let value = match f.kind {
                FieldKind::Scalar(Scalar::Str) if f.nullable && !f.required => format!("body.nullable_string({name})?"),
                FieldKind::Scalar(Scalar::Str) => format!("body.string({name})?"),
                FieldKind::Scalar(Scalar::Int) if !f.required => format!("body.lenient_int({name})?"),
                FieldKind::Scalar(Scalar::Int) => format!("body.int({name})?"),
                FieldKind::Scalar(Scalar::Num) => format!("body.number({name})?"),
                FieldKind::Scalar(Scalar::Bool) => format!("body.boolean({name})?"),
                FieldKind::StrList => format!("body.strings({name})?"),
                FieldKind::File => format!("body.file({name})"),
                FieldKind::FileList => format!("body.files({name})"),
            };
            let value = match f.kind {
                FieldKind::Scalar(_) | FieldKind::File if f.required => format!("rt::require({name}, {value})?"),
                _ => value,
            };
            writeln!(out, "{}: {value},", f.ident)?;
        }
    }
    if op.security != Security::Public {
        out.push_str("user,\n");
    }
    out.push_str("};\n");
    writeln!(out, "Ok(h.{}(ctx, input).await?.into_response())", op.id)?;
    out.push_str("}.await)\n}\n})\n.recover(rt::recover_deferred)\n.unify()\n.boxed()\n}\n\n");
    Ok(())
}
