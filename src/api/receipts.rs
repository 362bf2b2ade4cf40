//! Handlers of the `receipts` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// Mark a channel as read
pub async fn mark_read(
    _api: &Api,
    _ctx: RequestContext,
    _input: MarkReadInput,
) -> Result<MarkReadResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Read receipts of a channel
pub async fn read_receipts(
    _api: &Api,
    _ctx: RequestContext,
    _input: ReadReceiptsInput,
) -> Result<ReadReceiptsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
