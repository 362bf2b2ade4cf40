//! Handlers of the `settings` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// The caller's settings
pub async fn get_settings(
    _api: &Api,
    _ctx: RequestContext,
    _input: GetSettingsInput,
) -> Result<GetSettingsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Change the caller's settings
pub async fn update_settings(
    _api: &Api,
    _ctx: RequestContext,
    _input: UpdateSettingsInput,
) -> Result<UpdateSettingsResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
