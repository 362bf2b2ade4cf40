//! operations.rs: per operation an `<Op>Input` struct and an `<Op>Response` enum.
use std::fmt::Write;

use anyhow::Result;

use super::model::{Api, Operation, ParamIn, ResponseBody, Security};
use super::text::{doc, lit};

pub fn emit(api: &Api) -> Result<String> {
    let mut out = String::new();
    out.push_str(
        "//! Operation inputs (decoded by the filters) and responses (one variant per documented status).\n\
         use super::schemas;\n\
         use crate::api::runtime as rt;\n\
         use crate::api::session::CurrentUser;\n\n",
    );
    for op in &api.operations {
        emit_input(op, &mut out)?;
        emit_response(op, &mut out)?;
        for r in &op.responses {
            if let Some(ResponseBody::OneOf { type_name, kinds }) = &r.body {
                emit_one_of(type_name, kinds, &mut out)?;
            }
        }
    }
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
        let place = if p.location == ParamIn::Path { "Path" } else { "Query" };
        writeln!(out, "/// {place} parameter `{}`.\npub {}: {ty},", p.name, p.ident)?;
    }
    if let Some(body) = &op.body {
        for f in &body.fields {
            writeln!(out, "/// Body field `{}`.\npub {}: {},", f.name, f.ident, f.rust_type())?;
        }
    }
    match op.security {
        Security::Public => {}
        Security::Session => out.push_str("/// The logged-in caller.\npub user: CurrentUser,\n"),
        Security::OptionalSession => {
            out.push_str("/// The caller, when the request carries a valid session.\npub user: Option<CurrentUser>,\n")
        }
    }
    out.push_str("}\n\n");
    Ok(())
}

fn emit_response(op: &Operation, out: &mut String) -> Result<()> {
    let name = op.response_type();
    writeln!(out, "/// Responses of `{}`.\n#[derive(Debug, Clone)]\npub enum {name} {{", op.id)?;
    for r in &op.responses {
        let description = format!("{}: {}", r.status, r.description);
        out.push_str(&doc(&description));
        let body = r.body.as_ref().map(ResponseBody::rust_type);
        if r.headers.is_empty() {
            match body {
                Some(ty) => writeln!(out, "{}({ty}),", r.variant)?,
                None => writeln!(out, "{},", r.variant)?,
            }
        } else {
            writeln!(out, "{} {{", r.variant)?;
            if let Some(ty) = body {
                writeln!(out, "body: {ty},")?;
            }
            for h in &r.headers {
                let ty = if h.multi {
                    "Vec<String>"
                } else if h.required {
                    "String"
                } else {
                    "Option<String>"
                };
                writeln!(out, "/// `{}` header.\n{}: {ty},", h.name, h.ident)?;
            }
            out.push_str("},\n");
        }
    }
    out.push_str("}\n\n");
    writeln!(out, "impl {name} {{")?;
    out.push_str(
        "/// The HTTP response: status, `Content-Type`, documented headers, body.\n\
         pub fn into_response(self) -> warp::reply::Response {\nmatch self {\n",
    );
    for r in &op.responses {
        let status = r.status;
        let make = |body_var: &str| match &r.body {
            Some(ResponseBody::Json(_)) => format!("rt::json_response({status}, &{body_var})"),
            Some(ResponseBody::Text) => format!("rt::text_response({status}, {body_var})"),
            Some(ResponseBody::Html) => format!("rt::html_response({status}, {body_var})"),
            Some(ResponseBody::Binary) => format!("rt::binary_response({status}, {body_var})"),
            Some(ResponseBody::EventStream) => format!("rt::event_stream_response({status}, {body_var})"),
            Some(ResponseBody::OneOf { .. }) => format!("{body_var}.into_response({status})"),
            None => format!("rt::empty_response({status})"),
        };
        if r.headers.is_empty() {
            match &r.body {
                Some(_) => writeln!(out, "Self::{}(body) => {},", r.variant, make("body"))?,
                None => writeln!(out, "Self::{} => {},", r.variant, make(""))?,
            }
        } else {
            let mut bindings: Vec<String> = Vec::new();
            if r.body.is_some() {
                bindings.push("body".to_owned());
            }
            bindings.extend(r.headers.iter().map(|h| h.ident.clone()));
            writeln!(out, "Self::{} {{ {} }} => {{", r.variant, bindings.join(", "))?;
            writeln!(out, "let mut response = {};", make("body"))?;
            for h in &r.headers {
                let header = lit(&h.name.to_ascii_lowercase());
                if h.multi {
                    writeln!(out, "rt::append_headers(&mut response, {header}, {});", h.ident)?;
                } else if h.required {
                    writeln!(out, "rt::set_header(&mut response, {header}, {});", h.ident)?;
                } else {
                    writeln!(out, "rt::set_optional_header(&mut response, {header}, {});", h.ident)?;
                }
            }
            out.push_str("response\n}\n");
        }
    }
    out.push_str("}\n}\n}\n\n");
    writeln!(
        out,
        "impl warp::Reply for {name} {{\nfn into_response(self) -> warp::reply::Response {{ {name}::into_response(self) }}\n}}\n"
    )?;
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
    writeln!(out, "impl {type_name} {{\n/// The response with this body and `status`.\npub fn into_response(self, status: u16) -> warp::reply::Response {{\nmatch self {{")?;
    for kind in kinds {
        let make = match kind {
            ResponseBody::Json(_) => "rt::json_response(status, &body)",
            ResponseBody::Text => "rt::text_response(status, body)",
            ResponseBody::Html => "rt::html_response(status, body)",
            ResponseBody::Binary => "rt::binary_response(status, body)",
            ResponseBody::EventStream => "rt::event_stream_response(status, body)",
            ResponseBody::OneOf { .. } => "body.into_response(status)",
        };
        writeln!(out, "Self::{}(body) => {make},", kind_variant(kind))?;
    }
    out.push_str("}\n}\n}\n\n");
    Ok(())
}
