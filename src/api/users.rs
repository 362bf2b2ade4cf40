//! Handlers of the `users` operations: who is there, what they look like, and account deletion.
use std::collections::BTreeMap;

use super::access;
use super::accounts::verify_password;
use super::error::ApiError;
use super::generated::operations::*;
use super::generated::schemas;
use super::runtime::RequestContext;
use super::session::{self, SESSION_COOKIE};
use super::Api;
use crate::domain::accounts::{DeleteKind, INCORRECT_PASSWORD, INVALID_DELETE_TYPE};
use crate::domain::channel::ChannelId;
use crate::store::{accounts, channels, profiles, users};

/// Every username but `me`, in byte order (uppercase before lowercase, as the reference lists them).
async fn everyone_but(api: &Api, me: &str) -> Result<Vec<String>, ApiError> {
    let mut names = api.store.run(profiles::usernames).await?;
    names.retain(|name| name != me);
    names.sort();
    Ok(names)
}

pub async fn list_users(api: &Api, _ctx: RequestContext, input: ListUsersInput) -> Result<ListUsersResponse, ApiError> {
    let names = everyone_but(api, &input.user.username).await?;
    Ok(ListUsersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn channel_members(api: &Api, _ctx: RequestContext, input: ChannelMembersInput) -> Result<ChannelMembersResponse, ApiError> {
    let user = input.user;
    let conversation = match access::for_reading(api, &user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err(denied) => {
            let (status, text) = denied.status_and_text();
            return Ok(if status == 404 {
                ChannelMembersResponse::NotFound(text.to_string())
            } else {
                ChannelMembersResponse::Forbidden(text.to_string())
            });
        }
    };
    let names = match &conversation.id {
        ChannelId::Public(_) => everyone_but(api, &user.username).await?,
        ChannelId::Direct(dm) => dm.others(&user.username).into_iter().map(str::to_owned).collect(),
        ChannelId::Private(_) => {
            let key = conversation.key.clone();
            let mut names = api.store.run(move |conn| channels::member_names(conn, &key)).await?;
            names.retain(|name| *name != user.username);
            names
        }
    };
    Ok(ChannelMembersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn user_colors(api: &Api, _ctx: RequestContext, _input: UserColorsInput) -> Result<UserColorsResponse, ApiError> {
    let colors: BTreeMap<String, String> = api.store.run(profiles::name_colors).await?.into_iter().collect();
    Ok(UserColorsResponse::Ok(schemas::UserColors(colors)))
}

pub async fn user_avatars(api: &Api, _ctx: RequestContext, _input: UserAvatarsInput) -> Result<UserAvatarsResponse, ApiError> {
    let mut names = api.store.run(profiles::with_avatar).await?;
    names.sort();
    Ok(UserAvatarsResponse::Ok(schemas::UsernameList(names)))
}

/// As in the reference there is no existence check: an unknown name has an empty profile.
pub async fn get_profile(api: &Api, _ctx: RequestContext, input: GetProfileInput) -> Result<GetProfileResponse, ApiError> {
    let name = input.username.clone();
    let profile = api.store.run(move |conn| profiles::profile_named(conn, &name)).await?;
    let (bio, name_color) = profile.map(|p| (p.bio, p.name_color)).unwrap_or_default();
    Ok(GetProfileResponse::Ok(schemas::Profile { bio, name_color, username: input.username }))
}

fn error_body(text: &str) -> schemas::ErrorBody {
    schemas::ErrorBody { error: text.to_string() }
}

/// Checks the type, then the password (no delay, no lockout counting: the caller is signed in),
/// then deletes everything in one transaction and the files after it has committed.
pub async fn delete_account(api: &Api, _ctx: RequestContext, input: DeleteAccountInput) -> Result<DeleteAccountResponse, ApiError> {
    let Some(kind) = DeleteKind::parse(input.r#type.as_deref()) else {
        return Ok(DeleteAccountResponse::BadRequest(DeleteAccountBadRequestBody::Json(error_body(INVALID_DELETE_TYPE))));
    };
    let user = input.user;
    let user_id = user.id;
    let stored_hash = api.store.run(move |conn| users::find_by_id(conn, user_id)).await?.map(|u| u.password_hash);
    let password_ok = match (input.password, stored_hash) {
        (Some(password), Some(hash)) => verify_password(password, Some(hash)).await?,
        _ => false,
    };
    if !password_ok {
        return Ok(DeleteAccountResponse::Forbidden(DeleteAccountForbiddenBody::Json(error_body(INCORRECT_PASSWORD))));
    }
    let leftovers = api.store.run(move |conn| accounts::delete_account(conn, user_id, kind)).await?;
    api.presence.forget_user(user_id).await?;
    if let Some(leftovers) = leftovers {
        api.avatars.remove(&leftovers.avatar.into_iter().collect::<Vec<_>>()).await;
        api.uploads.remove(&leftovers.uploads).await;
    }
    Ok(DeleteAccountResponse::Ok {
        body: schemas::StatusOk { status: "ok".to_string() },
        set_cookie: vec![session::clear_cookie(SESSION_COOKIE)],
    })
}
