//! routes.rs: the route table, in spec order.
use std::fmt::Write;

use anyhow::Result;

use super::model::Api;
use super::text::lit;

pub fn emit(api: &Api) -> Result<String> {
    let mut out = String::new();
    out.push_str(
        "//! Every operation of the spec: method, path template, operationId, tag, security.\n\
         pub use crate::api::runtime::{Security, Seg};\n\n\
         /// One operation of the spec.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\n\
         pub struct RouteInfo {\n\
         /// Upper-case HTTP method (`GET` also answers `HEAD`).\n\
         pub method: &'static str,\n\
         /// The OpenAPI path template, e.g. `/api/messages/{msg_id}`.\n\
         pub path: &'static str,\n\
         /// The path as the router matches it (a path value that does not parse is no match).\n\
         pub pattern: &'static [Seg],\n\
         pub operation_id: &'static str,\n\
         /// The handler module (`crate::api::<tag>`).\n\
         pub tag: &'static str,\n\
         pub security: Security,\n\
         }\n\n\
         /// All operations, in spec order.\n\
         pub const ROUTES: &[RouteInfo] = &[\n",
    );
    for op in &api.operations {
        writeln!(
            out,
            "RouteInfo {{ method: {}, path: {}, pattern: {}, operation_id: {}, tag: {}, security: Security::{} }},",
            lit(&op.method.to_uppercase()),
            lit(&op.path),
            super::emit_handlers::path_pattern(op),
            lit(&op.id),
            lit(&op.tag),
            op.security.variant()
        )?;
    }
    out.push_str("];\n");
    Ok(out)
}
