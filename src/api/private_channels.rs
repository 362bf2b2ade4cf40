//! Handlers of the `private_channels` operations. A caller who is not a member is refused with the
//! route's own 403 (404 for a malformed id) through the service's [`crate::service::Denied`].
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::domain::private_channels::too_many_members;
use crate::service::private_channels::{self as channels, Refusal};

/// The text of a refusal: every one is a 400 but an unknown user (404) and an existing member (409).
fn refusal_text(refusal: &Refusal) -> String {
    match refusal {
        Refusal::InvalidName(err) => err.to_string(),
        Refusal::TooManyMembers { max } => too_many_members(*max),
        Refusal::NoUsername => "username required".into(),
        Refusal::UnknownUser => "user not found".into(),
        Refusal::AlreadyMember => "already a member".into(),
    }
}

pub async fn list_private_channels(
    api: &Api,
    _ctx: RequestContext,
    input: ListPrivateChannelsInput,
) -> Result<ListPrivateChannelsResponse, ApiError> {
    let listed = channels::list(api, &input.user).await?;
    Ok(ListPrivateChannelsResponse::Ok(schemas::PrivateChannelList(listed)))
}

pub async fn create_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: CreatePrivateChannelInput,
) -> Result<CreatePrivateChannelResponse, ApiError> {
    answer(
        channels::create(api, &input.user, input.name.as_deref(), &input.members).await,
        CreatePrivateChannelResponse::Ok,
        |refusal| match refusal {
            Refusal::UnknownUser => CreatePrivateChannelResponse::NotFound(refusal_text(&refusal)),
            _ => CreatePrivateChannelResponse::BadRequest(refusal_text(&refusal)),
        },
    )
}

pub async fn rename_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: RenamePrivateChannelInput,
) -> Result<RenamePrivateChannelResponse, ApiError> {
    answer(
        channels::rename(api, &input.user, &input.channel_id, input.name.as_deref()).await,
        |()| RenamePrivateChannelResponse::Ok("ok".into()),
        |refusal| RenamePrivateChannelResponse::BadRequest(refusal_text(&refusal)),
    )
}

pub async fn add_private_channel_member(
    api: &Api,
    _ctx: RequestContext,
    input: AddPrivateChannelMemberInput,
) -> Result<AddPrivateChannelMemberResponse, ApiError> {
    answer(
        channels::add_member(api, &input.user, &input.channel_id, input.username.as_deref()).await,
        |()| AddPrivateChannelMemberResponse::Ok("ok".into()),
        |refusal| match refusal {
            Refusal::UnknownUser => AddPrivateChannelMemberResponse::NotFound(refusal_text(&refusal)),
            Refusal::AlreadyMember => AddPrivateChannelMemberResponse::Conflict(refusal_text(&refusal)),
            _ => AddPrivateChannelMemberResponse::BadRequest(refusal_text(&refusal)),
        },
    )
}

pub async fn private_channel_members(
    api: &Api,
    _ctx: RequestContext,
    input: PrivateChannelMembersInput,
) -> Result<PrivateChannelMembersResponse, ApiError> {
    let names = channels::members(api, &input.user, &input.channel_id).await?;
    let members = names.into_iter().map(|username| schemas::ChannelMember { username }).collect();
    Ok(PrivateChannelMembersResponse::Ok(schemas::ChannelMemberList(members)))
}

pub async fn leave_private_channel(
    api: &Api,
    _ctx: RequestContext,
    input: LeavePrivateChannelInput,
) -> Result<LeavePrivateChannelResponse, ApiError> {
    channels::leave(api, &input.user, &input.channel_id).await?;
    Ok(LeavePrivateChannelResponse::Ok("ok".into()))
}
