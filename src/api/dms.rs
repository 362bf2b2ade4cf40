//! Handlers of the `dms` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// List the caller's direct conversations
pub async fn list_dms(
    _api: &Api,
    _ctx: RequestContext,
    _input: ListDmsInput,
) -> Result<ListDmsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Hide a direct conversation
pub async fn close_dm(
    _api: &Api,
    _ctx: RequestContext,
    _input: CloseDmInput,
) -> Result<CloseDmResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Total unread direct messages
pub async fn unread_count(
    _api: &Api,
    _ctx: RequestContext,
    _input: UnreadCountInput,
) -> Result<UnreadCountResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
