//! One operation of the route table, and what its generated adapter receives.
use std::future::Future;
use std::pin::Pin;

use warp::reply::Response;

use super::body::{Body, BodySpec};
use super::context::RequestContext;
use super::path::{PathParams, Seg};
use crate::api::error::ApiError;
use crate::api::Api;
use crate::service::CurrentUser;

/// How an operation authenticates its caller (from the spec's `security`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `security: []`: no session needed.
    Public,
    /// `security: [{session: []}]`: the handler gets a `CurrentUser`; without one the request fails.
    Session,
    /// `security: [{}, {session: []}]`: the handler gets `Option<CurrentUser>`.
    OptionalSession,
}

/// A decoded request on its way to the operation's handler.
pub struct Request {
    pub ctx: RequestContext,
    pub params: PathParams,
    /// The caller: always there for `Security::Session`, maybe for `OptionalSession`.
    pub user: Option<CurrentUser>,
    /// The body (empty for operations without one).
    pub body: Body,
}

/// The answer of an adapter; an error is rendered by the router.
pub type Handled = Pin<Box<dyn Future<Output = Result<Response, ApiError>> + Send>>;

/// Decodes the operation's input from the request and calls its handler.
pub type Adapter = fn(Api, Request) -> Handled;

/// One operation of the spec.
#[derive(Debug, Clone, Copy)]
pub struct RouteInfo {
    /// Upper-case HTTP method (`GET` also answers `HEAD`).
    pub method: &'static str,
    /// The OpenAPI path template, e.g. `/api/messages/{msg_id}`.
    pub path: &'static str,
    /// The path as the router matches it (a path value that does not parse is no match).
    pub pattern: &'static [Seg],
    pub operation_id: &'static str,
    pub security: Security,
    /// What the request body may be; `None`: the operation reads no body.
    pub body: Option<BodySpec>,
    pub adapter: Adapter,
}

/// The caller of a session operation (the router has checked there is one).
pub fn caller(user: Option<CurrentUser>) -> Result<CurrentUser, ApiError> {
    user.ok_or_else(|| ApiError::Internal(anyhow::anyhow!("a session operation reached its handler without a caller")))
}

/// A table entry (positional, to keep the generated table about one line per operation).
pub const fn route(
    method: &'static str,
    path: &'static str,
    pattern: &'static [Seg],
    operation_id: &'static str,
    security: Security,
    body: Option<BodySpec>,
    adapter: Adapter,
) -> RouteInfo {
    RouteInfo { method, path, pattern, operation_id, security, body, adapter }
}
