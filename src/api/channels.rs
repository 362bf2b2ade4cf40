//! Handlers of the `channels` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// List the public channels
pub async fn list_channels(
    _api: &Api,
    _ctx: RequestContext,
    _input: ListChannelsInput,
) -> Result<ListChannelsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Unread counts of the public channels
pub async fn channel_unreads(
    _api: &Api,
    _ctx: RequestContext,
    _input: ChannelUnreadsInput,
) -> Result<ChannelUnreadsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
