//! Private channels. Membership is checked through [`access`] like every other conversation, and
//! re-checked inside each write transaction (someone may have left in between); notices are system
//! messages posted in the same transaction as the change, and the live streams hear of both.
use super::access::{self, Conversation};
use super::changes::{changed_send, publish_changes, ChangedSend};
use super::{refuse, CurrentUser, Denied, Error, Failure, Services};
use crate::contract::schemas;
use crate::domain::channel::{parse_private_channel_path, ChannelIdErrorKind};
use crate::domain::private_channels::{self as rules, added_notice, left_notice, renamed_notice, NameError};
use crate::events::Audience;
use crate::store::private_channels::{self as store, AddOutcome, LeaveOutcome};
use crate::store::{channels, violates_foreign_key, DbConnection};

/// Why a private channel or a member change is refused, besides the caller not being a member
/// ([`Denied`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    InvalidName(NameError),
    /// The channel would have more members than allowed.
    TooManyMembers {
        max: u64,
    },
    /// The request names no user to add.
    NoUsername,
    /// A named user has no account.
    UnknownUser,
    AlreadyMember,
}

/// The channel's numeric id and conversation, if the path names one the caller is a member of:
/// otherwise [`Denied::Malformed`] for an id that is not `<n>` or `private:<n>` in canonical form,
/// and [`Denied::Forbidden`] for no such channel or no current membership.
async fn member_channel(services: &Services, user: &CurrentUser, raw: &str) -> Result<(i64, Conversation), Error> {
    let id = match parse_private_channel_path(raw) {
        Ok(id) => id,
        Err(err) if err.kind() == ChannelIdErrorKind::Malformed => return Err(Denied::Malformed.into()),
        // Well-formed but beyond any id: like an unknown channel (decision Q9).
        Err(_) => return Err(Denied::Forbidden.into()),
    };
    match access::for_reading(services, user, &store::key(id)).await {
        Ok(conversation) => Ok((id, conversation)),
        Err(Error::Denied(Denied::Malformed)) => Err(Denied::Malformed.into()),
        Err(Error::Denied(_)) => Err(Denied::Forbidden.into()),
        Err(err) => Err(err),
    }
}

/// What the live streams are told after a change: the notice (as pollers will see it) and who must
/// refresh their channel list.
struct Change {
    notice: Option<ChangedSend>,
    list_changed_for: Vec<i64>,
}

/// Loads a change's events inside its transaction: the notice `send_id`, and the current members
/// plus `also` (someone who just left).
fn change_of(
    conn: &mut DbConnection,
    conversation: &Conversation,
    send_id: Option<i64>,
    also: Option<i64>,
) -> anyhow::Result<Change> {
    let notice = send_id.map(|send_id| changed_send(conn, conversation, send_id)).transpose()?;
    let mut list_changed_for = channels::member_ids(conn, &conversation.key)?;
    list_changed_for.extend(also);
    Ok(Change { notice, list_changed_for })
}

async fn publish(services: &Services, channel: &str, change: Change) {
    #[derive(serde::Serialize)]
    struct ChannelsEvent<'a> {
        channel: &'a str,
    }
    if let Some(notice) = change.notice {
        publish_changes(services, notice).await;
    }
    services.events.publish(Audience::Users(change.list_changed_for), "channels", &ChannelsEvent { channel }).await;
}

/// The private channels the caller is a member of, with their unread counts.
pub async fn list(services: &Services, user: &CurrentUser) -> Result<Vec<schemas::PrivateChannel>, Error> {
    let user_id = user.id;
    let listed = services.store.run(move |conn| store::list_for_user(conn, user_id)).await?;
    Ok(listed
        .into_iter()
        .map(|channel| schemas::PrivateChannel {
            channel: store::key(channel.id),
            id: channel.id,
            members: channel.members,
            name: channel.name,
            unread: channel.unread,
        })
        .collect())
}

/// Creates a channel of the caller and `members`. Name first, then members (every one an existing
/// user, exact name); nothing is created on a refusal.
pub async fn create(
    services: &Services,
    user: &CurrentUser,
    name: Option<&str>,
    members: &[String],
) -> Result<schemas::CreatedPrivateChannel, Failure<Refusal>> {
    let name = rules::channel_name(name).map_err(|err| Failure::Refused(Refusal::InvalidName(err)))?;
    let members = rules::initial_members(&user.username, members);
    let max = services.settings.max_private_channel_members;
    if members.len() as u64 > max {
        return refuse(Refusal::TooManyMembers { max });
    }
    let (creator_id, stored_name) = (user.id, name.clone());
    let created = services
        .store
        .run(move |conn| {
            let found = channels::users_named(conn, &members)?;
            if found.len() < members.len() {
                return Ok(None);
            }
            let ids: Vec<i64> = found.into_iter().map(|(id, _)| id).collect();
            match store::create(conn, &stored_name, creator_id, &ids) {
                Ok(id) => Ok(Some((id, ids))),
                // A member deleted their account since the lookup.
                Err(err) if violates_foreign_key(&err) => Ok(None),
                Err(err) => Err(err),
            }
        })
        .await?;
    let Some((id, member_ids)) = created else {
        return refuse(Refusal::UnknownUser);
    };
    let channel = store::key(id);
    publish(services, &channel, Change { notice: None, list_changed_for: member_ids }).await;
    Ok(schemas::CreatedPrivateChannel { channel, id, name })
}

/// Renames a channel the caller is a member of, with a notice.
pub async fn rename(
    services: &Services,
    user: &CurrentUser,
    channel_id: &str,
    name: Option<&str>,
) -> Result<(), Failure<Refusal>> {
    let (id, conversation) = member_channel(services, user, channel_id).await?;
    let name = rules::channel_name(name).map_err(|err| Failure::Refused(Refusal::InvalidName(err)))?;
    let notice = renamed_notice(&user.username, &name);
    let (key, user_id) = (conversation.key.clone(), user.id);
    let change = services
        .store
        .transaction(move |conn| match store::rename(conn, id, user_id, &name, &notice)? {
            Some(send_id) => change_of(conn, &conversation, Some(send_id), None).map(Some),
            None => Ok(None),
        })
        .await?;
    let change = change.ok_or(Denied::Forbidden)?;
    publish(services, &key, change).await;
    Ok(())
}

/// Adds a member, with a notice. Checks in the reference's order: membership, empty name, unknown
/// user, existing member.
pub async fn add_member(
    services: &Services,
    user: &CurrentUser,
    channel_id: &str,
    username: Option<&str>,
) -> Result<(), Failure<Refusal>> {
    let (id, conversation) = member_channel(services, user, channel_id).await?;
    let Some(name) = rules::member_to_add(username) else {
        return refuse(Refusal::NoUsername);
    };
    let lookup = vec![name];
    let found = services.store.run(move |conn| channels::users_named(conn, &lookup)).await?;
    let Some((new_id, new_name)) = found.into_iter().next() else {
        return refuse(Refusal::UnknownUser);
    };
    let notice = added_notice(&user.username, &new_name);
    let (key, user_id) = (conversation.key.clone(), user.id);
    let max = services.settings.max_private_channel_members;
    let added = services
        .store
        .transaction(move |conn| match store::add_member(conn, id, user_id, new_id, max, &notice)? {
            AddOutcome::Added(send_id) => change_of(conn, &conversation, Some(send_id), None).map(Ok),
            refused => Ok(Err(refused)),
        })
        .await;
    let outcome = match added {
        // The new member deleted their account since the lookup.
        Err(err) if violates_foreign_key(&err) => return refuse(Refusal::UnknownUser),
        other => other?,
    };
    match outcome {
        Ok(change) => {
            publish(services, &key, change).await;
            Ok(())
        }
        Err(AddOutcome::AlreadyMember) => refuse(Refusal::AlreadyMember),
        Err(AddOutcome::Full) => refuse(Refusal::TooManyMembers { max }),
        Err(_) => Err(Denied::Forbidden.into()),
    }
}

/// The members of a channel the caller is a member of.
pub async fn members(services: &Services, user: &CurrentUser, channel_id: &str) -> Result<Vec<String>, Error> {
    let (_, conversation) = member_channel(services, user, channel_id).await?;
    Ok(services.store.run(move |conn| channels::member_names(conn, &conversation.key)).await?)
}

/// Leaves a channel, with a notice; the one who left is told to refresh their list too.
pub async fn leave(services: &Services, user: &CurrentUser, channel_id: &str) -> Result<(), Error> {
    let (id, conversation) = member_channel(services, user, channel_id).await?;
    let notice = left_notice(&user.username);
    let (key, user_id) = (conversation.key.clone(), user.id);
    let change = services
        .store
        .transaction(move |conn| match store::leave(conn, id, user_id, &notice)? {
            LeaveOutcome::Left(send_id) => change_of(conn, &conversation, send_id, Some(user_id)).map(Some),
            LeaveOutcome::NotMember => Ok(None),
        })
        .await?;
    let change = change.ok_or(Denied::Forbidden)?;
    publish(services, &key, change).await;
    Ok(())
}
