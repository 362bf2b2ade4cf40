//! Handlers of the `dms` operations: the caller's direct conversations, closing one, and the total
//! unread count.
use super::access::{self, Recording};
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::session::CurrentUser;
use super::Api;
use crate::contract::schemas;
use crate::domain::channel::{ChannelId, DmId};
use crate::domain::reads::{dm_is_listed, ReadMark};
use crate::store::{dms, reads};

/// The caller's listed DMs (closed ones only once a newer message arrived), most recent message
/// first, with their unread counts: two queries, whatever the number of conversations.
async fn listed_dms(api: &Api, user: &CurrentUser) -> Result<Vec<schemas::DmConversation>, ApiError> {
    let (user_id, me) = (user.id, user.username.clone());
    // What was said in a DM before the caller's account existed was said to someone else (an
    // earlier account of the same name).
    let visible_from = user.created_at;
    let listed = api
        .store
        .run(move |conn| {
            let mut listed: Vec<(dms::DmState, DmId)> = dms::conversations(conn, user_id)?
                .into_iter()
                .filter(|dm| dm_is_listed(dm.last_message_ts, dm.hidden_at))
                // Stored ids are canonical; anything else is no DM of the caller's.
                .filter_map(|dm| DmId::parse(&dm.channel).ok().map(|id| (dm, id)))
                .collect();
            listed.sort_by(|(a, _), (b, _)| {
                b.last_message_ts.total_cmp(&a.last_message_ts).then_with(|| a.channel.cmp(&b.channel))
            });
            let bounds: Vec<(String, f64)> = listed
                .iter()
                .map(|(dm, id)| {
                    let mark =
                        dm.mark.unwrap_or_else(|| ReadMark::initial(&ChannelId::Direct(id.clone()), 0.0, visible_from));
                    (dm.channel.clone(), mark.unread_after(visible_from))
                })
                .collect();
            let unread = reads::unread_counts(conn, user_id, &bounds)?;
            Ok(listed
                .into_iter()
                .map(|(dm, id)| schemas::DmConversation {
                    unread: unread.get(&dm.channel).copied().unwrap_or(0),
                    users: id.others(&me).into_iter().map(str::to_owned).collect(),
                    channel: dm.channel,
                })
                .collect())
        })
        .await?;
    Ok(listed)
}

pub async fn list_dms(api: &Api, _ctx: RequestContext, input: ListDmsInput) -> Result<ListDmsResponse, ApiError> {
    Ok(ListDmsResponse::Ok(schemas::DmList(listed_dms(api, &input.user).await?)))
}

pub async fn close_dm(api: &Api, _ctx: RequestContext, input: CloseDmInput) -> Result<CloseDmResponse, ApiError> {
    let raw = input.channel.as_deref().unwrap_or("").trim();
    if !raw.starts_with("dm:") {
        return Ok(CloseDmResponse::BadRequest("invalid channel".into()));
    }
    let Ok(conversation) = access::for_reading(api, &input.user, raw).await? else {
        return Ok(CloseDmResponse::Forbidden("forbidden".into()));
    };
    match access::recording(api, &conversation).await? {
        Ok(Recording::Record) => {}
        Ok(Recording::Nothing) => return Ok(CloseDmResponse::Ok("ok".into())),
        Err(denied) => return Ok(CloseDmResponse::NotFound(denied.status_and_text().1.into())),
    }
    let user_id = input.user.id;
    api.store.run(move |conn| dms::hide(conn, user_id, &conversation.key)).await?;
    Ok(CloseDmResponse::Ok("ok".into()))
}

/// Unread messages over the listed DMs only: a closed conversation counts again once it reappears
/// (decision Q12).
pub async fn unread_count(
    api: &Api,
    _ctx: RequestContext,
    input: UnreadCountInput,
) -> Result<UnreadCountResponse, ApiError> {
    let count = listed_dms(api, &input.user).await?.iter().map(|dm| dm.unread).sum();
    Ok(UnreadCountResponse::Ok(schemas::UnreadCount { count }))
}
