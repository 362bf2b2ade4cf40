//! Handlers of the `private_channels` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// List the caller's private channels
pub async fn list_private_channels(
    _api: &Api,
    _ctx: RequestContext,
    _input: ListPrivateChannelsInput,
) -> Result<ListPrivateChannelsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Create a private channel
pub async fn create_private_channel(
    _api: &Api,
    _ctx: RequestContext,
    _input: CreatePrivateChannelInput,
) -> Result<CreatePrivateChannelResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Rename a private channel
pub async fn rename_private_channel(
    _api: &Api,
    _ctx: RequestContext,
    _input: RenamePrivateChannelInput,
) -> Result<RenamePrivateChannelResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Add someone to a private channel
pub async fn add_private_channel_member(
    _api: &Api,
    _ctx: RequestContext,
    _input: AddPrivateChannelMemberInput,
) -> Result<AddPrivateChannelMemberResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Members of a private channel
pub async fn private_channel_members(
    _api: &Api,
    _ctx: RequestContext,
    _input: PrivateChannelMembersInput,
) -> Result<PrivateChannelMembersResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Leave a private channel
pub async fn leave_private_channel(
    _api: &Api,
    _ctx: RequestContext,
    _input: LeavePrivateChannelInput,
) -> Result<LeavePrivateChannelResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
