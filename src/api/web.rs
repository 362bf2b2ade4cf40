//! Handler of the `web` operation: the chat application page.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::Html;
use super::Api;
use crate::web;

pub async fn chat_app(api: &Api, _ctx: RequestContext, input: ChatAppInput) -> Result<ChatAppResponse, ApiError> {
    let settings = &api.settings;
    Ok(ChatAppResponse::Ok(Html(web::chat_page(
        &input.user.username,
        settings.max_upload_size_mb,
        settings.max_avatar_size_mb,
    ))))
}
