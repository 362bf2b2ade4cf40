//! Handlers of the `presence` operations: presence states and typing indicators, kept in
//! [`crate::presence`] (memory), never in the database.
use std::collections::BTreeMap;

use super::access::{self, Conversation};
use super::error::ApiError;
use super::generated::operations::*;
use super::generated::schemas;
use super::runtime::RequestContext;
use super::session::CurrentUser;
use super::Api;
use crate::domain::presence::{self, PresenceState};
use crate::store;

fn schema_state(state: PresenceState) -> schemas::PresenceState {
    match state {
        PresenceState::Active => schemas::PresenceState::Active,
        PresenceState::Idle => schemas::PresenceState::Idle,
        PresenceState::Hidden => schemas::PresenceState::Hidden,
        PresenceState::Offline => schemas::PresenceState::Offline,
    }
}

/// Records a state for a user now (sign-in, sign-out and `POST /presence`).
pub async fn record_state(api: &Api, user_id: i64, username: &str, state: PresenceState) -> Result<(), ApiError> {
    api.presence.set_state(user_id, username, state, store::now()).await?;
    Ok(())
}

pub async fn online_users(api: &Api, _ctx: RequestContext, input: OnlineUsersInput) -> Result<OnlineUsersResponse, ApiError> {
    let now = store::now();
    let entries = api.presence.seen_since(presence::listing_cutoff(now)).await?;
    let map: BTreeMap<String, schemas::PresenceState> = entries
        .into_iter()
        .filter(|entry| presence::is_listed(entry.last_seen, now))
        .map(|entry| {
            let shown = presence::reported_state(entry.state, entry.last_seen, now, entry.user_id == input.user.id);
            (entry.username, schema_state(shown))
        })
        .collect();
    Ok(OnlineUsersResponse::Ok(schemas::PresenceMap(map)))
}

/// Unknown states are ignored, as is a caller who is not signed in: the app fires these from
/// beacons and never looks at the answer.
pub async fn set_presence(api: &Api, _ctx: RequestContext, input: SetPresenceInput) -> Result<SetPresenceResponse, ApiError> {
    if let (Some(user), Some(state)) = (&input.user, input.state.as_deref().and_then(PresenceState::parse)) {
        record_state(api, user.id, &user.username, state).await?;
    }
    Ok(SetPresenceResponse::NoContent)
}

/// The conversation for a typing request, or the refusal's status and text.
async fn typing_conversation(
    api: &Api,
    user: &CurrentUser,
    channel: &str,
) -> Result<Result<Conversation, (u16, &'static str)>, ApiError> {
    Ok(access::for_reading(api, user, channel).await?.map_err(|denied| denied.status_and_text()))
}

pub async fn typing_users(api: &Api, _ctx: RequestContext, input: TypingUsersInput) -> Result<TypingUsersResponse, ApiError> {
    let Some(user) = input.user else {
        return Ok(TypingUsersResponse::Ok(schemas::UsernameList(Vec::new())));
    };
    let conversation = match typing_conversation(api, &user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err((404, text)) => return Ok(TypingUsersResponse::NotFound(text.to_string())),
        Err((_, text)) => return Ok(TypingUsersResponse::Forbidden(text.to_string())),
    };
    let now = store::now();
    let names = api
        .presence
        .typing_since(&conversation.key, presence::typing_cutoff(now))
        .await?
        .into_iter()
        .filter(|entry| entry.user_id != user.id && presence::typing_visible(entry.at, now))
        .map(|entry| entry.username)
        .collect();
    Ok(TypingUsersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn report_typing(api: &Api, _ctx: RequestContext, input: ReportTypingInput) -> Result<ReportTypingResponse, ApiError> {
    let Some(user) = input.user else {
        return Ok(ReportTypingResponse::NoContent);
    };
    let conversation = match typing_conversation(api, &user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err((404, text)) => return Ok(ReportTypingResponse::NotFound(text.to_string())),
        Err((_, text)) => return Ok(ReportTypingResponse::Forbidden(text.to_string())),
    };
    api.presence.set_typing(&conversation.key, user.id, &user.username, store::now()).await?;
    Ok(ReportTypingResponse::NoContent)
}
