//! operations.rs: per operation an `<Op>Input` struct and an `<Op>Response` enum with its
//! `OpResponse` impl (status, body kind, documented headers; the variant an access denial maps to).
use std::fmt::Write;

use anyhow::Result;

use super::model::{Api, Operation, ParamIn, Response, ResponseBody, Security};
use super::text::lit;

pub fn emit(api: &Api) -> Result<String> {
    let mut body = String::new();
    for op in &api.operations {
        emit_input(op, &mut body)?;
        emit_response(op, &mut body)?;
        for r in &op.responses {
            if let Some(ResponseBody::OneOf { type_name, kinds }) = &r.body {
                emit_one_of(type_name, kinds, &mut body)?;
            }
        }
    }
    // Import what the items use (no unused imports for a spec without files, headers or denials).
    let uses = |needle: &str| body.contains(needle);
    let mut out = String::from(
        "//! Operation inputs (decoded by the adapters in `routes.rs`) and responses (one variant per\n\
         //! documented status).\n\
         use warp::reply::Response;\n\n",
    );
    if uses("UploadedFile") {
        out.push_str("use crate::api::http::body::UploadedFile;\n");
    }
    let header = if uses(".with(") { ", WithHeader" } else { "" };
    writeln!(out, "use crate::api::http::responses::{{self as rt, OpResponse{header}}};")?;
    if uses("schemas::") {
        out.push_str("use crate::contract::schemas;\n");
    }
    let service: Vec<&str> = ["CurrentUser", "Denied"].into_iter().filter(|name| uses(name)).collect();
    if !service.is_empty() {
        writeln!(out, "use crate::service::{{{}}};", service.join(", "))?;
    }
    out.push('\n');
    out.push_str(&body);
    Ok(out)
}

fn emit_input(op: &Operation, out: &mut String) -> Result<()> {
    writeln!(out, "/// Input of `{}` ({} {}).", op.id, op.method.to_uppercase(), op.path)?;
    writeln!(out, "#[derive(Debug, Clone)]\npub struct {} {{", op.input_type())?;
    for p in &op.params {
        let ty = match (p.location, p.required) {
            (ParamIn::Path, _) | (ParamIn::Query, true) => p.kind.rust().to_owned(),
            (ParamIn::Query, false) => format!("Option<{}>", p.kind.rust()),
        };
        writeln!(out, "pub {}: {ty},", p.ident)?;
    }
    if let Some(body) = &op.body {
        for f in &body.fields {
            writeln!(out, "pub {}: {},", f.ident, f.rust_type())?;
        }
    }
    match op.security {
        Security::Public => {}
        Security::Session => out.push_str("pub user: CurrentUser,\n"),
        Security::OptionalSession => out.push_str("pub user: Option<CurrentUser>,\n"),
    }
    out.push_str("}\n\n");
    Ok(())
}

/// The constructor of a body kind (`rt::json_response(200, &body)`).
fn make(body: Option<&ResponseBody>, status: &str, var: &str) -> String {
    match body {
        Some(ResponseBody::Json(_)) => format!("rt::json_response({status}, &{var})"),
        Some(ResponseBody::Text) => format!("rt::text_response({status}, {var})"),
        Some(ResponseBody::Html) => format!("rt::html_response({status}, {var})"),
        Some(ResponseBody::Binary) => format!("rt::binary_response({status}, {var})"),
        Some(ResponseBody::EventStream) => format!("rt::event_stream_response({status}, {var})"),
        Some(ResponseBody::OneOf { .. }) => format!("{var}.into_response({status})"),
        None => format!("rt::empty_response({status})"),
    }
}

/// A variant an access denial of this status maps to: a text body and no required header.
fn denial_variant(r: &Response) -> Option<String> {
    if r.body != Some(ResponseBody::Text) || r.headers.iter().any(|h| h.required) {
        return None;
    }
    if r.headers.is_empty() {
        return Some(format!("Self::{}(text.to_owned())", r.variant));
    }
    let headers: Vec<String> =
        r.headers.iter().map(|h| format!("{}: {}", h.ident, if h.multi { "Vec::new()" } else { "None" })).collect();
    Some(format!("Self::{} {{ body: text.to_owned(), {} }}", r.variant, headers.join(", ")))
}

fn emit_response(op: &Operation, out: &mut String) -> Result<()> {
    let name = op.response_type();
    writeln!(out, "/// Responses of `{}`.\n#[derive(Debug, Clone)]\npub enum {name} {{", op.id)?;
    for r in &op.responses {
        let body = r.body.as_ref().map(ResponseBody::rust_type);
        if r.headers.is_empty() {
            match body {
                Some(ty) => writeln!(out, "{}({ty}),", r.variant)?,
                None => writeln!(out, "{},", r.variant)?,
            }
        } else {
            let mut fields: Vec<String> = body.map(|ty| format!("body: {ty}")).into_iter().collect();
            for h in &r.headers {
                let ty = if h.multi {
                    "Vec<String>"
                } else if h.required {
                    "String"
                } else {
                    "Option<String>"
                };
                fields.push(format!("{}: {ty}", h.ident));
            }
            writeln!(out, "{} {{ {} }},", r.variant, fields.join(", "))?;
        }
    }
    out.push_str("}\n\n");
    writeln!(out, "impl OpResponse for {name} {{\nfn into_response(self) -> Response {{\nmatch self {{")?;
    for r in &op.responses {
        let status = r.status.to_string();
        if r.headers.is_empty() {
            match &r.body {
                Some(body) => writeln!(out, "Self::{}(body) => {},", r.variant, make(Some(body), &status, "body"))?,
                None => writeln!(out, "Self::{} => {},", r.variant, make(None, &status, ""))?,
            }
        } else {
            let mut bindings: Vec<String> = Vec::new();
            if r.body.is_some() {
                bindings.push("body".to_owned());
            }
            bindings.extend(r.headers.iter().map(|h| h.ident.clone()));
            let mut expr = make(r.body.as_ref(), &status, "body");
            for h in &r.headers {
                write!(expr, ".with({}, {})", lit(&h.name.to_ascii_lowercase()), h.ident)?;
            }
            writeln!(out, "Self::{} {{ {} }} => {expr},", r.variant, bindings.join(", "))?;
        }
    }
    out.push_str("}\n}\n");
    let denials: Vec<(u16, String)> = op
        .responses
        .iter()
        .filter(|r| r.status == 403 || r.status == 404)
        .filter_map(|r| denial_variant(r).map(|v| (r.status, v)))
        .collect();
    if !denials.is_empty() {
        out.push_str("fn from_denied(denied: &Denied) -> Option<Self> {\nmatch denied.status_and_text() {\n");
        for (status, variant) in denials {
            writeln!(out, "({status}, text) => Some({variant}),")?;
        }
        out.push_str("_ => None,\n}\n}\n");
    }
    out.push_str("}\n\n");
    Ok(())
}

fn kind_variant(kind: &ResponseBody) -> &'static str {
    match kind {
        ResponseBody::Json(_) => "Json",
        ResponseBody::Text => "Text",
        ResponseBody::Html => "Html",
        ResponseBody::Binary => "Binary",
        ResponseBody::EventStream => "EventStream",
        ResponseBody::OneOf { .. } => "OneOf",
    }
}

/// The body enum of a status documented with several content types.
fn emit_one_of(type_name: &str, kinds: &[ResponseBody], out: &mut String) -> Result<()> {
    writeln!(out, "/// The possible bodies of one status.\n#[derive(Debug, Clone)]\npub enum {type_name} {{")?;
    for kind in kinds {
        writeln!(out, "{}({}),", kind_variant(kind), kind.rust_type())?;
    }
    out.push_str("}\n\n");
    writeln!(out, "impl {type_name} {{\n/// The response with this body and `status`.\npub fn into_response(self, status: u16) -> Response {{\nmatch self {{")?;
    for kind in kinds {
        writeln!(out, "Self::{}(body) => {},", kind_variant(kind), make(Some(kind), "status", "body"))?;
    }
    out.push_str("}\n}\n}\n\n");
    Ok(())
}
