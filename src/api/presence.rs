//! Handlers of the `presence` operations: presence states and typing indicators.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::domain::presence::PresenceState;
use crate::service::presence;

pub async fn online_users(
    api: &Api,
    _ctx: RequestContext,
    _input: OnlineUsersInput,
) -> Result<OnlineUsersResponse, ApiError> {
    Ok(OnlineUsersResponse::Ok(schemas::PresenceMap(presence::online(api).await?)))
}

/// Unknown states are ignored, as is a caller who is not signed in: the app fires these from
/// beacons and never looks at the answer.
pub async fn set_presence(
    api: &Api,
    _ctx: RequestContext,
    input: SetPresenceInput,
) -> Result<SetPresenceResponse, ApiError> {
    if let (Some(user), Some(state)) = (&input.user, input.state.as_deref().and_then(PresenceState::parse)) {
        presence::record_state(api, user.id, &user.username, state).await?;
    }
    Ok(SetPresenceResponse::NoContent)
}

/// Nobody is typing for a caller who is not signed in.
pub async fn typing_users(
    api: &Api,
    _ctx: RequestContext,
    input: TypingUsersInput,
) -> Result<TypingUsersResponse, ApiError> {
    let names = match input.user {
        Some(user) => presence::typing(api, &user, &input.channel).await?,
        None => Vec::new(),
    };
    Ok(TypingUsersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn report_typing(
    api: &Api,
    _ctx: RequestContext,
    input: ReportTypingInput,
) -> Result<ReportTypingResponse, ApiError> {
    if let Some(user) = input.user {
        presence::report_typing(api, &user, &input.channel).await?;
    }
    Ok(ReportTypingResponse::NoContent)
}
