//! What pollers and live streams see of a send (a message and its attachment rows): the view of a
//! stored row, and the `message` event that tells everyone who can see it about a change.
use std::collections::HashMap;

use super::access::{self, Conversation};
use super::Services;
use crate::contract::schemas;
use crate::domain::reactions::ReactionMap;
use crate::events::Audience;
use crate::store::messages::{self as store_messages, MessageRow};
use crate::store::pins::{self as store_pins, PinRow};
use crate::store::DbConnection;

/// The contract's view of a stored row. Deleted messages keep their row (pollers must learn of the
/// deletion) but no longer show what they said or carried (decision Q10).
pub fn message_view(row: MessageRow, reactions: Option<&ReactionMap>, pin: Option<&PinRow>) -> schemas::Message {
    let deleted = row.is_deleted();
    schemas::Message {
        channel: row.channel,
        content: if deleted { None } else { row.content },
        deleted: i64::from(deleted),
        deleted_ts: row.deleted_ts,
        edited: i64::from(row.edited_ts.is_some()),
        edited_ts: row.edited_ts,
        filename: if deleted { None } else { row.filename },
        id: row.id,
        mentions: if deleted { None } else { row.mentions },
        pin_changed_ts: pin.map(|pin| pin.changed_ts),
        pinned_by: pin.and_then(|pin| pin.pinned_by.clone()),
        pinned_ts: pin.and_then(|pin| pin.pinned_ts),
        reactions: reactions.and_then(ReactionMap::to_message_field),
        reactions_ts: row.reactions_ts,
        reply_to_id: if deleted { None } else { row.reply_to_id },
        sender: row.sender,
        ts: row.ts,
    }
}

/// The distinct sends of `rows`, ascending.
pub fn sends_of(rows: &[MessageRow]) -> Vec<i64> {
    let mut send_ids: Vec<i64> = rows.iter().map(|row| row.send_id).collect();
    send_ids.sort_unstable();
    send_ids.dedup();
    send_ids
}

/// The views of rows as `/messages` returns them, each with its send's current reactions and its
/// `pins` (of the rows' sends, which the caller has loaded), inside the caller's store call.
pub fn views_of(
    conn: &mut DbConnection,
    rows: Vec<MessageRow>,
    pins: &HashMap<i64, PinRow>,
) -> anyhow::Result<Vec<schemas::Message>> {
    let mut reacted: Vec<i64> = rows.iter().filter(|row| row.reactions_ts.is_some()).map(|row| row.send_id).collect();
    reacted.sort_unstable();
    reacted.dedup();
    let reactions = store_messages::reactions_of(conn, &reacted)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (map, pin) = (reactions.get(&row.send_id), pins.get(&row.send_id));
            message_view(row, map, pin)
        })
        .collect())
}

/// A changed send as its audience will be told of it: who, the channel, and the send's rows as
/// `/messages` returns them.
pub struct ChangedSend {
    audience: Audience,
    channel: String,
    messages: Vec<schemas::Message>,
}

/// Loads a changed send, as pollers will see it, and its audience, inside the transaction of the
/// change (so the event says exactly what was committed).
pub fn changed_send(conn: &mut DbConnection, conversation: &Conversation, send_id: i64) -> anyhow::Result<ChangedSend> {
    let rows = store_messages::send_rows(conn, send_id)?;
    let sent_at = rows.first().map_or(f64::INFINITY, |row| row.ts);
    let reactions = store_messages::reactions_of(conn, &[send_id])?;
    let pins = store_pins::of_sends(conn, &[send_id])?;
    let messages = rows.into_iter().map(|row| message_view(row, reactions.get(&send_id), pins.get(&send_id))).collect();
    let audience = access::audience(conn, conversation, sent_at)?;
    Ok(ChangedSend { audience, channel: conversation.key.clone(), messages })
}

/// Pushes a changed send to the live streams of everyone who can see it (after it has committed).
pub async fn publish_changes(services: &Services, change: ChangedSend) {
    #[derive(serde::Serialize)]
    struct MessageEvent {
        channel: String,
        messages: Vec<schemas::Message>,
    }
    let ChangedSend { audience, channel, messages } = change;
    services.events.publish(audience, "message", &MessageEvent { channel, messages }).await;
}
