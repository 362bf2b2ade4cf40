//! Pins: any member of a conversation who can see a message may pin or unpin it (with the rest of its
//! send); a pin change is published and polled like any other change of the message.
use super::access;
use super::changes::{changed_send, message_view, publish_changes};
use super::{refuse, CurrentUser, Error, Failure, Services};
use crate::contract::schemas;
use crate::store::{channels, pins as store_pins};

/// Why a pin changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRefusal {
    /// No message with that id that the caller can see, or it is deleted.
    NoMessage,
    /// The conversation holds `max_pins_per_conversation` pins already; the limit is attached.
    TooMany(u64),
}

/// Pins message `id` as the caller. Pinning a pinned message changes nothing and succeeds.
pub async fn pin(services: &Services, user: &CurrentUser, id: i64) -> Result<(), Failure<PinRefusal>> {
    let Some((row, conversation)) = access::visible_message(services, user, id).await? else {
        return refuse(PinRefusal::NoMessage);
    };
    if row.is_deleted() {
        return refuse(PinRefusal::NoMessage);
    }
    let limit = services.settings.max_pins_per_conversation;
    let by = user.username.clone();
    let outcome = services
        .store
        .transaction(move |conn| {
            // The tick locks the conversation first, so the count below holds until this commits.
            let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
            let pinned = store_pins::of_sends(conn, &[row.send_id])?;
            if pinned.get(&row.send_id).is_some_and(|pin| pin.pinned_ts.is_some()) {
                return Ok(Ok(None)); // pinned already: nothing changes, whatever the count
            }
            if store_pins::count(conn, &conversation.key)? >= i64::try_from(limit).unwrap_or(i64::MAX) {
                return Ok(Err(PinRefusal::TooMany(limit)));
            }
            if !store_pins::pin(conn, row.send_id, &conversation.key, &by, ts)? {
                // Pinned or deleted by someone else meanwhile: nothing changed.
                return Ok(Ok(None));
            }
            Ok(Ok(Some(changed_send(conn, &conversation, row.send_id)?)))
        })
        .await?;
    match outcome {
        Err(refusal) => refuse(refusal),
        Ok(changed) => {
            if let Some(changed) = changed {
                publish_changes(services, changed).await;
            }
            Ok(())
        }
    }
}

/// Unpins message `id`; `Ok(false)` when the caller cannot see it. Unpinning what is not pinned
/// changes nothing and succeeds.
pub async fn unpin(services: &Services, user: &CurrentUser, id: i64) -> Result<bool, Error> {
    let Some((row, conversation)) = access::visible_message(services, user, id).await? else {
        return Ok(false);
    };
    let changed = services
        .store
        .transaction(move |conn| {
            let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
            if !store_pins::unpin(conn, row.send_id, ts)? {
                return Ok(None);
            }
            Ok(Some(changed_send(conn, &conversation, row.send_id)?))
        })
        .await?;
    if let Some(changed) = changed {
        publish_changes(services, changed).await;
    }
    Ok(true)
}

/// The pinned messages of a conversation the caller can read, newest pin first.
pub async fn list(services: &Services, user: &CurrentUser, channel: &str) -> Result<Vec<schemas::Message>, Error> {
    let conversation = access::for_reading(services, user, channel).await?;
    let (key, visible_from) = (conversation.key, conversation.visible_from);
    let (rows, reactions) = services
        .store
        .run(move |conn| {
            let rows = store_pins::list(conn, &key, visible_from)?;
            let mut send_ids: Vec<i64> =
                rows.iter().filter(|(r, _)| r.reactions_ts.is_some()).map(|(r, _)| r.send_id).collect();
            send_ids.sort_unstable();
            send_ids.dedup();
            let reactions = crate::store::messages::reactions_of(conn, &send_ids)?;
            Ok((rows, reactions))
        })
        .await?;
    Ok(rows
        .into_iter()
        .map(|(row, pin)| {
            let map = reactions.get(&row.send_id);
            message_view(row, map, Some(&pin))
        })
        .collect())
}
