//! Handlers of the `reactions` operations.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::messages::{changed_send, publish_changes, visible_message};
use super::Api;
use crate::contract::schemas;
use crate::domain::messages::is_python_whitespace;
use crate::domain::reactions::{is_valid_reaction, ReactionMap};
use crate::store::{channels, messages as store_messages, reactions as store_reactions};

pub async fn toggle_reaction(
    api: &Api,
    _ctx: RequestContext,
    input: ToggleReactionInput,
) -> Result<ToggleReactionResponse, ApiError> {
    // The name is checked before the message, as in the reference: a bad name is a 400 even for an
    // id that does not exist.
    let name = input.reaction.as_deref().unwrap_or("").trim_matches(is_python_whitespace).to_owned();
    if !is_valid_reaction(&name) {
        return Ok(ToggleReactionResponse::BadRequest("invalid reaction".to_owned()));
    }
    let user = input.user;
    let Some((row, conversation)) = visible_message(api, &user, input.msg_id).await? else {
        return Ok(ToggleReactionResponse::NotFound("not found".to_owned()));
    };
    let (map, changed) = api
        .store
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
                store_reactions::toggle(conn, row.send_id, &name, user.id, ts)?;
                store_messages::touch_reactions(conn, row.send_id, ts)?;
                let mut maps = store_messages::reactions_of(conn, &[row.send_id])?;
                let map = maps.remove(&row.send_id).unwrap_or_default();
                Ok((map, changed_send(conn, &conversation, row.send_id)?))
            })
        })
        .await?;
    publish_changes(api, changed);
    Ok(ToggleReactionResponse::Ok(reaction_map_view(&map)))
}

fn reaction_map_view(map: &ReactionMap) -> schemas::ReactionMap {
    schemas::ReactionMap(map.iter().map(|(name, users)| (name.to_owned(), users.iter().cloned().collect())).collect())
}
