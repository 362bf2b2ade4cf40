//! Handlers of the `presence` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// Presence of recently seen users
pub async fn online_users(
    _api: &Api,
    _ctx: RequestContext,
    _input: OnlineUsersInput,
) -> Result<OnlineUsersResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Report the caller's presence
pub async fn set_presence(
    _api: &Api,
    _ctx: RequestContext,
    _input: SetPresenceInput,
) -> Result<SetPresenceResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Who is typing in a channel
pub async fn typing_users(
    _api: &Api,
    _ctx: RequestContext,
    _input: TypingUsersInput,
) -> Result<TypingUsersResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Report that the caller is typing
pub async fn report_typing(
    _api: &Api,
    _ctx: RequestContext,
    _input: ReportTypingInput,
) -> Result<ReportTypingResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
