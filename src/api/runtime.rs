//! Support code for `generated/`: the request context and the input errors the generated decoders raise.
use std::net::SocketAddr;

use warp::http::{HeaderMap, Method};

/// What a handler may need to know about the request beyond its decoded input.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub remote_addr: Option<SocketAddr>,
}

/// Why a request could not be decoded into an operation's input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("missing field: {0}")]
    MissingField(&'static str),
    #[error("invalid field {field}: {reason}")]
    InvalidField { field: &'static str, reason: String },
    #[error("malformed body: {0}")]
    MalformedBody(String),
    #[error("request body too large (max {limit_bytes} bytes)")]
    PayloadTooLarge { limit_bytes: u64 },
    #[error("unsupported content type: {0}")]
    UnsupportedMediaType(String),
}
