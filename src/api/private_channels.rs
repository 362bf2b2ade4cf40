//! Handlers of the `private_channels` operations. Membership is checked through [`access`] like
//! every other conversation, and re-checked inside each write transaction (someone may have left
//! in between); notices are system messages posted in the same transaction as the change, and the
//! live streams hear of both.
use diesel::Connection;

use super::access::{self, Conversation, Denied};
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::messages::{changed_send, publish_changes, ChangedSend};
use super::session::CurrentUser;
use super::Api;
use crate::contract::schemas;
use crate::domain::channel::{parse_private_channel_path, ChannelIdErrorKind};
use crate::domain::private_channels::{self as rules, added_notice, left_notice, renamed_notice};
use crate::events::Audience;
use crate::store::private_channels::{self as store, AddOutcome, LeaveOutcome};
use crate::store::{channels, DbConnection};

/// Why a `{channel_id}` route refuses the caller before looking at anything else.
enum Refusal {
    /// 404 `not found`: the id is not `<n>` or `private:<n>` in canonical form.
    Malformed,
    /// 403 `forbidden`: no such channel, or the caller is not a current member.
    Forbidden,
}

/// The channel's numeric id and conversation, if the path names one the caller is a member of.
async fn member_channel(
    api: &Api,
    user: &CurrentUser,
    raw: &str,
) -> Result<Result<(i64, Conversation), Refusal>, ApiError> {
    let id = match parse_private_channel_path(raw) {
        Ok(id) => id,
        Err(err) if err.kind() == ChannelIdErrorKind::Malformed => return Ok(Err(Refusal::Malformed)),
        // Well-formed but beyond any id: like an unknown channel (decision Q9).
        Err(_) => return Ok(Err(Refusal::Forbidden)),
    };
    Ok(match access::for_reading(api, user, &store::key(id)).await? {
        Ok(conversation) => Ok((id, conversation)),
        Err(Denied::Malformed) => Err(Refusal::Malformed),
        Err(_) => Err(Refusal::Forbidden),
    })
}

fn forbidden() -> String {
    "forbidden".to_string()
}

fn not_found() -> String {
    "not found".to_string()
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

fn publish(api: &Api, channel: &str, change: Change) {
    #[derive(serde::Serialize)]
    struct ChannelsEvent<'a> {
        channel: &'a str,
    }
    if let Some(notice) = change.notice {
        publish_changes(api, notice);
    }
    api.events.publish(Audience::Users(change.list_changed_for), "channels", &ChannelsEvent { channel });
}

pub async fn list_private_channels(
    api: &Api,
    _ctx: RequestContext,
    input: ListPrivateChannelsInput,
) -> Result<ListPrivateChannelsResponse, ApiError> {
    let user_id = input.user.id;
    let listed = api.store.run(move |conn| store::list_for_user(conn, user_id)).await?;
    let channels = listed
        .into_iter()
        .map(|channel| schemas::PrivateChannel {
            channel: store::key(channel.id),
            id: channel.id,
            members: channel.members,
            name: channel.name,
            unread: channel.unread,
        })
        .collect();
    Ok(ListPrivateChannelsResponse::Ok(schemas::PrivateChannelList(channels)))
}

/// Name first, then members (every one an existing user, exact name); nothing is created on a
/// refusal.
pub async fn create_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: CreatePrivateChannelInput,
) -> Result<CreatePrivateChannelResponse, ApiError> {
    let name = match rules::channel_name(input.name.as_deref()) {
        Ok(name) => name,
        Err(err) => return Ok(CreatePrivateChannelResponse::BadRequest(err.to_string())),
    };
    let members = rules::initial_members(&input.user.username, &input.members);
    let max_members = api.settings.max_private_channel_members;
    if members.len() as u64 > max_members {
        return Ok(CreatePrivateChannelResponse::BadRequest(rules::too_many_members(max_members)));
    }
    let (creator_id, stored_name) = (input.user.id, name.clone());
    let created = api
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
                Err(err) if crate::store::violates_foreign_key(&err) => Ok(None),
                Err(err) => Err(err),
            }
        })
        .await?;
    let Some((id, member_ids)) = created else {
        return Ok(CreatePrivateChannelResponse::NotFound("user not found".into()));
    };
    let channel = store::key(id);
    publish(api, &channel, Change { notice: None, list_changed_for: member_ids });
    Ok(CreatePrivateChannelResponse::Ok(schemas::CreatedPrivateChannel { channel, id, name }))
}

pub async fn rename_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: RenamePrivateChannelInput,
) -> Result<RenamePrivateChannelResponse, ApiError> {
    let user = input.user;
    let (id, conversation) = match member_channel(api, &user, &input.channel_id).await? {
        Ok(found) => found,
        Err(Refusal::Malformed) => return Ok(RenamePrivateChannelResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(RenamePrivateChannelResponse::Forbidden(forbidden())),
    };
    let name = match rules::channel_name(input.name.as_deref()) {
        Ok(name) => name,
        Err(err) => return Ok(RenamePrivateChannelResponse::BadRequest(err.to_string())),
    };
    let notice = renamed_notice(&user.username, &name);
    let key = conversation.key.clone();
    let change = api
        .store
        .run(move |conn| {
            conn.transaction(|conn| match store::rename(conn, id, user.id, &name, &notice)? {
                Some(send_id) => change_of(conn, &conversation, Some(send_id), None).map(Some),
                None => Ok(None),
            })
        })
        .await?;
    let Some(change) = change else {
        return Ok(RenamePrivateChannelResponse::Forbidden(forbidden()));
    };
    publish(api, &key, change);
    Ok(RenamePrivateChannelResponse::Ok("ok".into()))
}

/// Checks in the reference's order: membership, empty name, unknown user, existing member.
pub async fn add_private_channel_member(
    api: &Api,
    _ctx: RequestContext,
    input: AddPrivateChannelMemberInput,
) -> Result<AddPrivateChannelMemberResponse, ApiError> {
    let user = input.user;
    let (id, conversation) = match member_channel(api, &user, &input.channel_id).await? {
        Ok(found) => found,
        Err(Refusal::Malformed) => return Ok(AddPrivateChannelMemberResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(AddPrivateChannelMemberResponse::Forbidden(forbidden())),
    };
    let Some(name) = rules::member_to_add(input.username.as_deref()) else {
        return Ok(AddPrivateChannelMemberResponse::BadRequest("username required".into()));
    };
    let lookup = vec![name];
    let found = api.store.run(move |conn| channels::users_named(conn, &lookup)).await?;
    let Some((new_id, new_name)) = found.into_iter().next() else {
        return Ok(AddPrivateChannelMemberResponse::NotFound("user not found".into()));
    };
    let notice = added_notice(&user.username, &new_name);
    let key = conversation.key.clone();
    let max_members = api.settings.max_private_channel_members;
    let outcome = api
        .store
        .run(move |conn| {
            let added =
                conn.transaction(|conn| match store::add_member(conn, id, user.id, new_id, max_members, &notice)? {
                    AddOutcome::Added(send_id) => change_of(conn, &conversation, Some(send_id), None).map(Ok),
                    refused => Ok(Err(refused)),
                });
            match added {
                // The new member deleted their account since the lookup.
                Err(err) if crate::store::violates_foreign_key(&err) => Ok(None),
                other => other.map(Some),
            }
        })
        .await?;
    let Some(outcome) = outcome else {
        return Ok(AddPrivateChannelMemberResponse::NotFound("user not found".into()));
    };
    Ok(match outcome {
        Ok(change) => {
            publish(api, &key, change);
            AddPrivateChannelMemberResponse::Ok("ok".into())
        }
        Err(AddOutcome::AlreadyMember) => AddPrivateChannelMemberResponse::Conflict("already a member".into()),
        Err(AddOutcome::Full) => AddPrivateChannelMemberResponse::BadRequest(rules::too_many_members(max_members)),
        Err(_) => AddPrivateChannelMemberResponse::Forbidden(forbidden()),
    })
}

pub async fn private_channel_members(
    api: &Api,
    _ctx: RequestContext,
    input: PrivateChannelMembersInput,
) -> Result<PrivateChannelMembersResponse, ApiError> {
    let conversation = match member_channel(api, &input.user, &input.channel_id).await? {
        Ok((_, conversation)) => conversation,
        Err(Refusal::Malformed) => return Ok(PrivateChannelMembersResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(PrivateChannelMembersResponse::Forbidden(forbidden())),
    };
    let names = api.store.run(move |conn| channels::member_names(conn, &conversation.key)).await?;
    let members = names.into_iter().map(|username| schemas::ChannelMember { username }).collect();
    Ok(PrivateChannelMembersResponse::Ok(schemas::ChannelMemberList(members)))
}

pub async fn leave_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: LeavePrivateChannelInput,
) -> Result<LeavePrivateChannelResponse, ApiError> {
    let user = input.user;
    let (id, conversation) = match member_channel(api, &user, &input.channel_id).await? {
        Ok(found) => found,
        Err(Refusal::Malformed) => return Ok(LeavePrivateChannelResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(LeavePrivateChannelResponse::Forbidden(forbidden())),
    };
    let notice = left_notice(&user.username);
    let key = conversation.key.clone();
    let change = api
        .store
        .run(move |conn| {
            conn.transaction(|conn| match store::leave(conn, id, user.id, &notice)? {
                LeaveOutcome::Left(send_id) => change_of(conn, &conversation, send_id, Some(user.id)).map(Some),
                LeaveOutcome::NotMember => Ok(None),
            })
        })
        .await?;
    let Some(change) = change else {
        return Ok(LeavePrivateChannelResponse::Forbidden(forbidden()));
    };
    publish(api, &key, change);
    Ok(LeavePrivateChannelResponse::Ok("ok".into()))
}
