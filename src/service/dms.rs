//! Direct conversations: the caller's list, closing one, and the total unread count.
use super::access::{self, Recording};
use super::{refuse, CurrentUser, Denied, Error, Failure, Services};
use crate::contract::schemas;
use crate::domain::channel::{ChannelId, DmId};
use crate::domain::reads::{dm_is_listed, ReadMark};
use crate::store::{dms, reads};

/// The caller's listed DMs (closed ones only once a newer message arrived), most recent message
/// first, with their unread counts: two queries, whatever the number of conversations.
pub async fn listed(services: &Services, user: &CurrentUser) -> Result<Vec<schemas::DmConversation>, Error> {
    let (user_id, me) = (user.id, user.username.clone());
    // What was said in a DM before the caller's account existed was said to someone else (an
    // earlier account of the same name).
    let visible_from = user.created_at;
    let listed = services
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

/// Unread messages over the listed DMs only: a closed conversation counts again once it reappears
/// (decision Q12).
pub async fn unread_count(services: &Services, user: &CurrentUser) -> Result<i64, Error> {
    Ok(listed(services, user).await?.iter().map(|dm| dm.unread).sum())
}

/// Why a DM cannot be closed (besides one that names someone without an account).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseRefusal {
    /// The id is not a `dm:` id at all.
    NotADm,
}

/// Hides a DM from the caller's list until a newer message arrives.
pub async fn close(
    services: &Services,
    user: &CurrentUser,
    channel: Option<&str>,
) -> Result<(), Failure<CloseRefusal>> {
    let raw = channel.unwrap_or("").trim();
    if !raw.starts_with("dm:") {
        return refuse(CloseRefusal::NotADm);
    }
    // Any `dm:` id the caller cannot read, malformed ones included, is simply not theirs.
    let conversation = match access::for_reading(services, user, raw).await {
        Ok(conversation) => conversation,
        Err(Error::Denied(_)) => return Err(Denied::Forbidden.into()),
        Err(err) => return Err(err.into()),
    };
    if access::recording(services, &conversation).await? == Recording::Nothing {
        return Ok(());
    }
    let user_id = user.id;
    services.store.run(move |conn| dms::hide(conn, user_id, &conversation.key)).await?;
    Ok(())
}
