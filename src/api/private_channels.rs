//! Handlers of the `private_channels` operations. Membership is checked through [`access`] like
//! every other conversation, and re-checked inside each write transaction (someone may have left
//! in between); notices are system messages posted in the same transaction as the change.
use super::access::{self, Denied};
use super::error::ApiError;
use super::generated::operations::*;
use super::generated::schemas;
use super::runtime::RequestContext;
use super::session::CurrentUser;
use super::Api;
use crate::domain::channel::{parse_private_channel_path, ChannelIdErrorKind};
use crate::domain::private_channels::{self as rules, added_notice, left_notice, renamed_notice};
use crate::store::channels;
use crate::store::private_channels::{self as store, AddOutcome};

/// Why a `{channel_id}` route refuses the caller before looking at anything else.
enum Refusal {
    /// 404 `not found`: the id is not `<n>` or `private:<n>` in canonical form.
    Malformed,
    /// 403 `forbidden`: no such channel, or the caller is not a current member.
    Forbidden,
}

/// The channel's numeric id, if the path names one the caller is a member of.
async fn member_channel(api: &Api, user: &CurrentUser, raw: &str) -> Result<Result<i64, Refusal>, ApiError> {
    let id = match parse_private_channel_path(raw) {
        Ok(id) => id,
        Err(err) if err.kind() == ChannelIdErrorKind::Malformed => return Ok(Err(Refusal::Malformed)),
        // Well-formed but beyond any id: like an unknown channel (decision Q9).
        Err(_) => return Ok(Err(Refusal::Forbidden)),
    };
    Ok(match access::for_reading(api, user, &store::key(id)).await? {
        Ok(_) => Ok(id),
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
    let (creator_id, stored_name) = (input.user.id, name.clone());
    let created = api
        .store
        .run(move |conn| {
            let found = channels::users_named(conn, &members)?;
            if found.len() < members.len() {
                return Ok(None);
            }
            let ids: Vec<i64> = found.into_iter().map(|(id, _)| id).collect();
            store::create(conn, &stored_name, creator_id, &ids).map(Some)
        })
        .await?;
    let Some(id) = created else {
        return Ok(CreatePrivateChannelResponse::NotFound("user not found".into()));
    };
    Ok(CreatePrivateChannelResponse::Ok(schemas::CreatedPrivateChannel { channel: store::key(id), id, name }))
}

pub async fn rename_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: RenamePrivateChannelInput,
) -> Result<RenamePrivateChannelResponse, ApiError> {
    let user = input.user;
    let id = match member_channel(api, &user, &input.channel_id).await? {
        Ok(id) => id,
        Err(Refusal::Malformed) => return Ok(RenamePrivateChannelResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(RenamePrivateChannelResponse::Forbidden(forbidden())),
    };
    let name = match rules::channel_name(input.name.as_deref()) {
        Ok(name) => name,
        Err(err) => return Ok(RenamePrivateChannelResponse::BadRequest(err.to_string())),
    };
    let notice = renamed_notice(&user.username, &name);
    let renamed = api.store.run(move |conn| store::rename(conn, id, user.id, &name, &notice)).await?;
    Ok(if renamed {
        RenamePrivateChannelResponse::Ok("ok".into())
    } else {
        RenamePrivateChannelResponse::Forbidden(forbidden())
    })
}

/// Checks in the reference's order: membership, empty name, unknown user, existing member.
pub async fn add_private_channel_member(
    api: &Api,
    _ctx: RequestContext,
    input: AddPrivateChannelMemberInput,
) -> Result<AddPrivateChannelMemberResponse, ApiError> {
    let user = input.user;
    let id = match member_channel(api, &user, &input.channel_id).await? {
        Ok(id) => id,
        Err(Refusal::Malformed) => return Ok(AddPrivateChannelMemberResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(AddPrivateChannelMemberResponse::Forbidden(forbidden())),
    };
    let Some(name) = rules::member_to_add(input.username.as_deref()) else {
        return Ok(AddPrivateChannelMemberResponse::BadRequest("username required".into()));
    };
    let lookup = vec![name.clone()];
    let found = api.store.run(move |conn| channels::users_named(conn, &lookup)).await?;
    let Some((new_id, new_name)) = found.into_iter().next() else {
        return Ok(AddPrivateChannelMemberResponse::NotFound("user not found".into()));
    };
    let notice = added_notice(&user.username, &new_name);
    let outcome = api.store.run(move |conn| store::add_member(conn, id, user.id, new_id, &notice)).await?;
    Ok(match outcome {
        AddOutcome::Added => AddPrivateChannelMemberResponse::Ok("ok".into()),
        AddOutcome::AlreadyMember => AddPrivateChannelMemberResponse::Conflict("already a member".into()),
        AddOutcome::NotMember => AddPrivateChannelMemberResponse::Forbidden(forbidden()),
    })
}

pub async fn private_channel_members(
    api: &Api,
    _ctx: RequestContext,
    input: PrivateChannelMembersInput,
) -> Result<PrivateChannelMembersResponse, ApiError> {
    let id = match member_channel(api, &input.user, &input.channel_id).await? {
        Ok(id) => id,
        Err(Refusal::Malformed) => return Ok(PrivateChannelMembersResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(PrivateChannelMembersResponse::Forbidden(forbidden())),
    };
    let names = api.store.run(move |conn| channels::member_names(conn, &store::key(id))).await?;
    let members = names.into_iter().map(|username| schemas::ChannelMember { username }).collect();
    Ok(PrivateChannelMembersResponse::Ok(schemas::ChannelMemberList(members)))
}

pub async fn leave_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: LeavePrivateChannelInput,
) -> Result<LeavePrivateChannelResponse, ApiError> {
    let user = input.user;
    let id = match member_channel(api, &user, &input.channel_id).await? {
        Ok(id) => id,
        Err(Refusal::Malformed) => return Ok(LeavePrivateChannelResponse::NotFound(not_found())),
        Err(Refusal::Forbidden) => return Ok(LeavePrivateChannelResponse::Forbidden(forbidden())),
    };
    let notice = left_notice(&user.username);
    let left = api.store.run(move |conn| store::leave(conn, id, user.id, &notice)).await?;
    Ok(if left {
        LeavePrivateChannelResponse::Ok("ok".into())
    } else {
        LeavePrivateChannelResponse::Forbidden(forbidden())
    })
}
