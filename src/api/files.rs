//! Handlers of the `files` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// Download an attached image
pub async fn get_file(
    _api: &Api,
    _ctx: RequestContext,
    _input: GetFileInput,
) -> Result<GetFileResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
