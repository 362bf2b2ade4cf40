//! Handlers of the `channels` operations: the public channel list and its unread counts.
use super::access;
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::domain::reads::ReadMark;
use crate::store::reads;

pub async fn list_channels(
    api: &Api,
    _ctx: RequestContext,
    _input: ListChannelsInput,
) -> Result<ListChannelsResponse, ApiError> {
    Ok(ListChannelsResponse::Ok(schemas::ChannelList(api.settings.channels.clone())))
}

/// Polled every second by the web app: three queries however many channels are configured.
pub async fn channel_unreads(
    api: &Api,
    _ctx: RequestContext,
    input: ChannelUnreadsInput,
) -> Result<ChannelUnreadsResponse, ApiError> {
    let mut conversations = Vec::with_capacity(api.settings.channels.len());
    for name in &api.settings.channels {
        // Public channels are open to everyone; resolving them costs no query.
        if let Ok(conversation) = access::for_reading(api, &input.user, name).await? {
            conversations.push(conversation);
        }
    }
    let user_id = input.user.id;
    let counts = api
        .store
        .run(move |conn| {
            let keys: Vec<String> = conversations.iter().map(|c| c.key.clone()).collect();
            let signed_up_at = reads::signed_up_at(conn, user_id)?;
            let marks = reads::marks(conn, user_id, &keys)?;
            let bounds: Vec<(String, f64)> = conversations
                .iter()
                .map(|c| {
                    let mark = marks
                        .get(&c.key)
                        .copied()
                        .unwrap_or_else(|| ReadMark::initial(&c.id, signed_up_at, c.visible_from));
                    (c.key.clone(), mark.unread_after(c.visible_from))
                })
                .collect();
            let unread = reads::unread_counts(conn, user_id, &bounds)?;
            Ok(keys
                .into_iter()
                .map(|key| {
                    let count = unread.get(&key).copied().unwrap_or(0);
                    (key, count)
                })
                .collect())
        })
        .await?;
    Ok(ChannelUnreadsResponse::Ok(schemas::UnreadCounts(counts)))
}
