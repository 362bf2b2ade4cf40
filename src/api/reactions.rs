//! Handlers of the `reactions` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// Toggle a reaction
pub async fn toggle_reaction(
    _api: &Api,
    _ctx: RequestContext,
    _input: ToggleReactionInput,
) -> Result<ToggleReactionResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
