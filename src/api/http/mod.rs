//! HTTP plumbing, one concern per file: the request context, path templates, the route type, query
//! and body decoding, response writing, and the one filter that serves every operation of the
//! generated route table.
pub mod body;
pub mod context;
pub mod fields;
pub mod path;
pub mod query;
pub mod ranges;
pub mod request_error;
pub mod request_log;
pub mod responses;
pub mod route;
pub mod routing;
