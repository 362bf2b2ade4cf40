//! Messages: polling a conversation, reading one, editing, deleting and searching (sending is
//! [`super::sending`]). Every change is one transaction that also loads the event it publishes.
use super::access::{self, Conversation};
use super::changes::{changed_send, message_view, publish_changes, sends_of, views_of};
use super::mentions::mentions_of;
use super::{CurrentUser, Denied, Error, Failure, Services};
use crate::contract::schemas;
use crate::domain::messages::{normalize_edit_text, EditTextError};
use crate::domain::search::SearchQuery;
use crate::domain::timestamps::{parse_after, AfterFilter, ChangeTimes};
use crate::store::channels;
use crate::store::messages::{self as store_messages, MessageRow};
use crate::store::pins as store_pins;
use crate::store::search as store_search;

/// The messages of a conversation changed after `after` (see [`parse_after`]). A channel the caller
/// cannot see simply has no messages for them, as in the reference; only a malformed id is refused.
pub async fn changed(
    services: &Services,
    user: &CurrentUser,
    channel: &str,
    after: Option<&str>,
) -> Result<Vec<schemas::Message>, Error> {
    let conversation = match access::for_reading(services, user, channel).await {
        Ok(conversation) => conversation,
        Err(Error::Denied(Denied::Malformed)) => return Err(Denied::Malformed.into()),
        Err(Error::Denied(_)) => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let filter = parse_after(after);
    let bound = match filter {
        AfterFilter::Nothing => return Ok(Vec::new()),
        AfterFilter::Everything => None,
        AfterFilter::ChangedAfter(bound) => Some(bound),
    };
    let (key, visible_from) = (conversation.key, conversation.visible_from);
    let found = services
        .store
        .run(move |conn| {
            let candidates = store_messages::changed_since(conn, &key, visible_from, bound)?;
            // Pin changes move `changed_ts` only, so the candidates' pins decide the rest of them.
            let pins = store_pins::of_sends(conn, &sends_of(&candidates))?;
            let rows: Vec<MessageRow> = candidates
                .into_iter()
                .filter(|row| {
                    filter.matches(&ChangeTimes {
                        ts: row.ts,
                        edited_ts: row.edited_ts,
                        reactions_ts: row.reactions_ts,
                        deleted: row.is_deleted(),
                        deleted_ts: row.deleted_ts,
                        pin_changed_ts: pins.get(&row.send_id).map(|pin| pin.changed_ts),
                    })
                })
                .collect();
            views_of(conn, rows, &pins)
        })
        .await?;
    Ok(found)
}

/// One message the caller can see, without its reactions.
pub async fn summary(
    services: &Services,
    user: &CurrentUser,
    id: i64,
) -> Result<Option<schemas::MessageSummary>, Error> {
    let Some((row, _)) = access::visible_message(services, user, id).await? else {
        return Ok(None);
    };
    let view = message_view(row, None, None);
    Ok(Some(schemas::MessageSummary {
        content: view.content,
        deleted: view.deleted,
        filename: view.filename,
        id: view.id,
        sender: view.sender,
    }))
}

/// The caller's own visible message, for edit and delete: anything else is refused as
/// [`Denied::Forbidden`], never as missing, as in the reference.
async fn own_message(services: &Services, user: &CurrentUser, id: i64) -> Result<(MessageRow, Conversation), Error> {
    let own = access::visible_message(services, user, id).await?.filter(|(row, _)| row.sender_id == Some(user.id));
    own.ok_or(Error::Denied(Denied::Forbidden))
}

/// Replaces the text of one of the caller's messages (its mentions are found again).
pub async fn edit(services: &Services, user: &CurrentUser, id: i64, text: &str) -> Result<(), Failure<EditTextError>> {
    let (row, conversation) = own_message(services, user, id).await?;
    let new_text = normalize_edit_text(text).map_err(Failure::Refused)?;
    let changed = services
        .store
        .transaction(move |conn| {
            let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
            let mentions = mentions_of(conn, &conversation, &new_text)?;
            store_messages::edit_text(conn, row.send_id, &new_text, mentions.as_deref(), ts)?;
            changed_send(conn, &conversation, row.send_id)
        })
        .await?;
    publish_changes(services, changed).await;
    Ok(())
}

/// Deletes one of the caller's messages: the row stays, marked deleted, so pollers learn of it.
pub async fn delete(services: &Services, user: &CurrentUser, id: i64) -> Result<(), Error> {
    let (row, conversation) = own_message(services, user, id).await?;
    let changed = services
        .store
        .transaction(move |conn| {
            let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
            store_messages::soft_delete(conn, row.send_id, ts)?;
            // A deleted message is unpinned (its pin would show nothing).
            store_pins::clear(conn, &[row.send_id])?;
            changed_send(conn, &conversation, row.send_id)
        })
        .await?;
    publish_changes(services, changed).await;
    Ok(())
}

/// The messages matching `q` in every conversation the caller can read.
pub async fn search(
    services: &Services,
    user: &CurrentUser,
    q: Option<&str>,
) -> Result<Vec<schemas::SearchHit>, Error> {
    let Some(query) = SearchQuery::parse(q) else {
        return Ok(Vec::new());
    };
    let scope = access::readable_scope(services, user);
    let hits = services.store.run(move |conn| store_search::search(conn, &scope, &query)).await?;
    Ok(hits
        .into_iter()
        .map(|hit| schemas::SearchHit {
            channel: hit.channel,
            content: hit.content.unwrap_or_default(),
            id: hit.id,
            sender: hit.sender,
            ts: hit.ts,
        })
        .collect())
}
