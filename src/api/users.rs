//! Handlers of the `users` operations: who is there, what they look like, and account deletion.
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::session::{self, SESSION_COOKIE};
use super::Api;
use crate::contract::schemas;
use crate::domain::accounts::INVALID_DELETE_TYPE;
use crate::service::deletion::{self, DeleteRefusal};
use crate::service::users;

pub async fn list_users(api: &Api, _ctx: RequestContext, input: ListUsersInput) -> Result<ListUsersResponse, ApiError> {
    let names = users::everyone_but(api, &input.user.username).await?;
    Ok(ListUsersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn channel_members(
    api: &Api,
    _ctx: RequestContext,
    input: ChannelMembersInput,
) -> Result<ChannelMembersResponse, ApiError> {
    let names = users::members(api, &input.user, &input.channel).await?;
    Ok(ChannelMembersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn user_colors(
    api: &Api,
    _ctx: RequestContext,
    _input: UserColorsInput,
) -> Result<UserColorsResponse, ApiError> {
    Ok(UserColorsResponse::Ok(schemas::UserColors(users::colors(api).await?)))
}

pub async fn user_avatars(
    api: &Api,
    _ctx: RequestContext,
    _input: UserAvatarsInput,
) -> Result<UserAvatarsResponse, ApiError> {
    Ok(UserAvatarsResponse::Ok(schemas::UsernameList(users::with_avatar(api).await?)))
}

pub async fn get_profile(
    api: &Api,
    _ctx: RequestContext,
    input: GetProfileInput,
) -> Result<GetProfileResponse, ApiError> {
    Ok(GetProfileResponse::Ok(users::profile(api, input.username).await?))
}

fn error_body(text: &str) -> schemas::ErrorBody {
    schemas::ErrorBody { error: text.to_string() }
}

/// On success the session cookie is cleared too: the account's sessions are gone with it.
pub async fn delete_account(
    api: &Api,
    _ctx: RequestContext,
    input: DeleteAccountInput,
) -> Result<DeleteAccountResponse, ApiError> {
    answer(
        deletion::delete_account(api, &input.user, input.r#type.as_deref(), input.password).await,
        |()| DeleteAccountResponse::Ok {
            body: schemas::StatusOk { status: "ok".to_string() },
            set_cookie: vec![session::clear_cookie(SESSION_COOKIE)],
        },
        |refusal| match refusal {
            DeleteRefusal::InvalidType => {
                DeleteAccountResponse::BadRequest(DeleteAccountBadRequestBody::Json(error_body(INVALID_DELETE_TYPE)))
            }
            DeleteRefusal::Password(message) => {
                DeleteAccountResponse::Forbidden(DeleteAccountForbiddenBody::Json(error_body(&message)))
            }
        },
    )
}
