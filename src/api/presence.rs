//! Handlers of the `presence` operations: presence states and typing indicators, kept in
//! [`crate::presence`] (memory), never in the database.
use std::collections::BTreeMap;

use super::access::{self, Conversation, Denied};
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::session::CurrentUser;
use super::Api;
use crate::contract::schemas;
use crate::domain::presence::{self, PresenceState};
use crate::events::Audience;
use crate::store;

fn schema_state(state: PresenceState) -> schemas::PresenceState {
    match state {
        PresenceState::Active => schemas::PresenceState::Active,
        PresenceState::Idle => schemas::PresenceState::Idle,
        PresenceState::Hidden => schemas::PresenceState::Hidden,
        PresenceState::Offline => schemas::PresenceState::Offline,
    }
}

#[derive(serde::Serialize)]
struct PresenceEvent<'a> {
    user: &'a str,
    state: &'static str,
}

/// Records a state for a user now (sign-in, sign-out and `POST /presence`), and tells everyone's
/// live stream when what they see of the user changes (not on every heartbeat).
pub async fn record_state(api: &Api, user_id: i64, username: &str, state: PresenceState) -> Result<(), ApiError> {
    let now = store::now();
    let previous = api.presence.set_state(user_id, username, state, now).await?;
    let before = presence::seen_by_others(previous.map(|p| (p.state, p.last_seen)), now);
    let after = presence::seen_by_others(Some((state, now)), now);
    if before != after {
        api.events.publish(Audience::Everyone, "presence", &PresenceEvent { user: username, state: after.as_str() });
    }
    Ok(())
}

/// A user's presence is gone (account deletion): live clients show them offline.
pub fn publish_gone(api: &Api, username: &str) {
    let offline = PresenceState::Offline.as_str();
    api.events.publish(Audience::Everyone, "presence", &PresenceEvent { user: username, state: offline });
}

pub async fn online_users(
    api: &Api,
    _ctx: RequestContext,
    input: OnlineUsersInput,
) -> Result<OnlineUsersResponse, ApiError> {
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
pub async fn set_presence(
    api: &Api,
    _ctx: RequestContext,
    input: SetPresenceInput,
) -> Result<SetPresenceResponse, ApiError> {
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

pub async fn typing_users(
    api: &Api,
    _ctx: RequestContext,
    input: TypingUsersInput,
) -> Result<TypingUsersResponse, ApiError> {
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

pub async fn report_typing(
    api: &Api,
    _ctx: RequestContext,
    input: ReportTypingInput,
) -> Result<ReportTypingResponse, ApiError> {
    let Some(user) = input.user else {
        return Ok(ReportTypingResponse::NoContent);
    };
    // As for sending: a DM naming someone who has no account is refused, so made-up conversations
    // cannot fill the typing map.
    let conversation = match access::for_writing(api, &user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err(denied @ (Denied::UnknownUser | Denied::Malformed)) => {
            return Ok(ReportTypingResponse::NotFound(denied.status_and_text().1.to_string()))
        }
        Err(denied @ Denied::Forbidden) => {
            return Ok(ReportTypingResponse::Forbidden(denied.status_and_text().1.to_string()))
        }
    };
    let now = store::now();
    let previous = api.presence.set_typing(&conversation.key, user.id, &user.username, now).await?;
    // A live event only when someone starts typing; the app re-reports every 2 s while they go on.
    if previous.is_none() {
        #[derive(serde::Serialize)]
        struct TypingEvent {
            channel: String,
            user: String,
        }
        let audience_of = conversation.clone();
        let audience = api.store.run(move |conn| access::audience(conn, &audience_of, now)).await?;
        api.events.publish(audience, "typing", &TypingEvent { channel: conversation.key, user: user.username });
    }
    Ok(ReportTypingResponse::NoContent)
}
