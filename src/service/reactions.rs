//! Reactions: toggling one's reaction to a visible message.
use super::access;
use super::changes::{changed_send, publish_changes};
use super::{refuse, CurrentUser, Failure, Services};
use crate::contract::schemas;
use crate::domain::messages::is_python_whitespace;
use crate::domain::reactions::{is_valid_reaction, ReactionMap};
use crate::store::{channels, messages as store_messages, reactions as store_reactions};

/// Why a toggle changes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToggleRefusal {
    /// Not a reaction name the server knows.
    InvalidReaction,
    /// No message with that id that the caller can see.
    NoMessage,
}

/// Adds the caller's `reaction` to message `id`, or removes it if present; answers the message's
/// reactions afterwards.
pub async fn toggle(
    services: &Services,
    user: &CurrentUser,
    id: i64,
    reaction: Option<&str>,
) -> Result<schemas::ReactionMap, Failure<ToggleRefusal>> {
    // The name is checked before the message, as in the reference: a bad name is refused even for
    // an id that does not exist.
    let name = reaction.unwrap_or("").trim_matches(is_python_whitespace).to_owned();
    if !is_valid_reaction(&name) {
        return refuse(ToggleRefusal::InvalidReaction);
    }
    let Some((row, conversation)) = access::visible_message(services, user, id).await? else {
        return refuse(ToggleRefusal::NoMessage);
    };
    let user_id = user.id;
    let (map, changed) = services
        .store
        .transaction(move |conn| {
            let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
            store_reactions::toggle(conn, row.send_id, &name, user_id, ts)?;
            store_messages::touch_reactions(conn, row.send_id, ts)?;
            let mut maps = store_messages::reactions_of(conn, &[row.send_id])?;
            let map = maps.remove(&row.send_id).unwrap_or_default();
            Ok((map, changed_send(conn, &conversation, row.send_id)?))
        })
        .await?;
    publish_changes(services, changed).await;
    Ok(reaction_map_view(&map))
}

fn reaction_map_view(map: &ReactionMap) -> schemas::ReactionMap {
    schemas::ReactionMap(map.iter().map(|(name, users)| (name.to_owned(), users.iter().cloned().collect())).collect())
}
