//! Presence states and typing indicators, kept in [`crate::presence`] (memory), never in the
//! database; the live streams hear of changes others can see.
use std::collections::BTreeMap;

use super::access;
use super::{CurrentUser, Error, Services};
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
pub async fn record_state(
    services: &Services,
    user_id: i64,
    username: &str,
    state: PresenceState,
) -> Result<(), Error> {
    let now = store::now();
    let previous = services.presence.set_state(user_id, username, state, now).await?;
    let before = presence::seen_by_others(previous.map(|p| (p.state, p.last_seen)), now);
    let after = presence::seen_by_others(Some((state, now)), now);
    if before != after {
        services
            .events
            .publish(Audience::Everyone, "presence", &PresenceEvent { user: username, state: after.as_str() })
            .await;
    }
    Ok(())
}

/// A user's presence is gone (account deletion): live clients show them offline.
pub async fn publish_gone(services: &Services, username: &str) {
    let offline = PresenceState::Offline.as_str();
    services.events.publish(Audience::Everyone, "presence", &PresenceEvent { user: username, state: offline }).await;
}

/// Everyone seen recently, with their state (the same for every caller).
pub async fn online(services: &Services) -> Result<BTreeMap<String, schemas::PresenceState>, Error> {
    let now = store::now();
    let entries = services.presence.seen_since(presence::listing_cutoff(now)).await?;
    Ok(entries
        .into_iter()
        .filter(|entry| presence::is_listed(entry.last_seen, now))
        .map(|entry| {
            let shown = presence::reported_state(entry.state, entry.last_seen, now);
            (entry.username, schema_state(shown))
        })
        .collect())
}

/// Who else is typing in a conversation the caller can read.
pub async fn typing(services: &Services, user: &CurrentUser, channel: &str) -> Result<Vec<String>, Error> {
    let conversation = access::for_reading(services, user, channel).await?;
    let now = store::now();
    Ok(services
        .presence
        .typing_since(&conversation.key, presence::typing_cutoff(now))
        .await?
        .into_iter()
        .filter(|entry| entry.user_id != user.id && presence::typing_visible(entry.at, now))
        .map(|entry| entry.username)
        .collect())
}

/// Records that the caller is typing in a conversation they could write to: as for sending, a DM
/// naming someone who has no account is refused, so made-up conversations cannot fill the typing map.
pub async fn report_typing(services: &Services, user: &CurrentUser, channel: &str) -> Result<(), Error> {
    let conversation = access::for_writing(services, user, channel).await?;
    let now = store::now();
    let previous = services.presence.set_typing(&conversation.key, user.id, &user.username, now).await?;
    // A live event only when someone starts typing; the app re-reports every 2 s while they go on.
    if previous.is_none() {
        #[derive(serde::Serialize)]
        struct TypingEvent<'a> {
            channel: &'a str,
            user: &'a str,
        }
        let audience_of = conversation.clone();
        let audience = services.store.run(move |conn| access::audience(conn, &audience_of, now)).await?;
        let event = TypingEvent { channel: &conversation.key, user: &user.username };
        services.events.publish(audience, "typing", &event).await;
    }
    Ok(())
}
