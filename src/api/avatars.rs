//! Handlers of the `avatars` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// A user's profile picture
pub async fn get_avatar(
    _api: &Api,
    _ctx: RequestContext,
    _input: GetAvatarInput,
) -> Result<GetAvatarResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Upload the caller's profile picture
pub async fn upload_avatar(
    _api: &Api,
    _ctx: RequestContext,
    _input: UploadAvatarInput,
) -> Result<UploadAvatarResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Remove the caller's profile picture
pub async fn delete_avatar(
    _api: &Api,
    _ctx: RequestContext,
    _input: DeleteAvatarInput,
) -> Result<DeleteAvatarResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
