//! Handlers of the `messages` operations (stubs written by `cargo xtask codegen --scaffold`).
use crate::api::error::ApiError;
use crate::api::generated::operations::*;
use crate::api::runtime::RequestContext;
use crate::api::Api;

/// Poll a channel's messages
pub async fn list_messages(
    _api: &Api,
    _ctx: RequestContext,
    _input: ListMessagesInput,
) -> Result<ListMessagesResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Send a message
pub async fn send_message(
    _api: &Api,
    _ctx: RequestContext,
    _input: SendMessageInput,
) -> Result<SendMessageResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Fetch one message
pub async fn get_message(
    _api: &Api,
    _ctx: RequestContext,
    _input: GetMessageInput,
) -> Result<GetMessageResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Edit a message's text
pub async fn edit_message(
    _api: &Api,
    _ctx: RequestContext,
    _input: EditMessageInput,
) -> Result<EditMessageResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Delete a message
pub async fn delete_message(
    _api: &Api,
    _ctx: RequestContext,
    _input: DeleteMessageInput,
) -> Result<DeleteMessageResponse, ApiError> {
    Err(ApiError::NotImplemented)
}

/// Search message text
pub async fn search_messages(
    _api: &Api,
    _ctx: RequestContext,
    _input: SearchMessagesInput,
) -> Result<SearchMessagesResponse, ApiError> {
    Err(ApiError::NotImplemented)
}
