//! Handlers of the `operations` operations: the probes load balancers and supervisors use.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas::{self, ReadinessStatus};
use crate::service::health;

/// The process answers: nothing else is looked at (see `readiness` for that).
pub async fn health(_api: &Api, _ctx: RequestContext, _input: HealthInput) -> Result<HealthResponse, ApiError> {
    Ok(HealthResponse::Ok(schemas::StatusOk { status: "ok".to_string() }))
}

pub async fn readiness(api: &Api, _ctx: RequestContext, _input: ReadinessInput) -> Result<ReadinessResponse, ApiError> {
    let report = health::readiness(api).await;
    Ok(match report.status {
        ReadinessStatus::Ready => ReadinessResponse::Ok(report),
        ReadinessStatus::NotReady => ReadinessResponse::ServiceUnavailable(report),
    })
}
