//! Handlers of the `channels` operations: the public channel list and its unread counts.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::service::reads;

pub async fn list_channels(
    api: &Api,
    _ctx: RequestContext,
    _input: ListChannelsInput,
) -> Result<ListChannelsResponse, ApiError> {
    Ok(ListChannelsResponse::Ok(schemas::ChannelList(api.settings.channels.clone())))
}

pub async fn channel_unreads(
    api: &Api,
    _ctx: RequestContext,
    input: ChannelUnreadsInput,
) -> Result<ChannelUnreadsResponse, ApiError> {
    Ok(ChannelUnreadsResponse::Ok(reads::channel_unreads(api, &input.user).await?))
}
