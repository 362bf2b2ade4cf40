//! Handlers of the `users` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// List the other users
pub async fn list_users(
    _api: &Api,
    _ctx: RequestContext,
    _input: ListUsersInput,
) -> Result<ListUsersResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Who can be mentioned in a channel
pub async fn channel_members(
    _api: &Api,
    _ctx: RequestContext,
    _input: ChannelMembersInput,
) -> Result<ChannelMembersResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Name colours
pub async fn user_colors(
    _api: &Api,
    _ctx: RequestContext,
    _input: UserColorsInput,
) -> Result<UserColorsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Users with an avatar
pub async fn user_avatars(
    _api: &Api,
    _ctx: RequestContext,
    _input: UserAvatarsInput,
) -> Result<UserAvatarsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// A user's public profile
pub async fn get_profile(
    _api: &Api,
    _ctx: RequestContext,
    _input: GetProfileInput,
) -> Result<GetProfileResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Delete the caller's account
pub async fn delete_account(
    _api: &Api,
    _ctx: RequestContext,
    _input: DeleteAccountInput,
) -> Result<DeleteAccountResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
