//! Handlers of the `messages` operations: polling, sending, reading, editing, deleting, searching.
use super::access::{self, Conversation, Denied};
use super::error::ApiError;
use super::generated::operations::*;
use super::http::body::UploadedFile;
use super::http::context::RequestContext;
use super::session::CurrentUser;
use super::Api;
use crate::contract::schemas;
use crate::domain::channel::ChannelId;
use crate::domain::mentions::{extract_mentions, mention_tokens, mentions_json};
use crate::domain::messages::{normalize_edit_text, prepare_send_text, ImageKind};
use crate::domain::reactions::ReactionMap;
use crate::domain::search::SearchQuery;
use crate::domain::timestamps::{parse_after, AfterFilter, ChangeTimes};
use crate::events::Audience;
use crate::store::messages::{self as store_messages, MessageRow, NewSend};
use crate::store::search as store_search;
use crate::store::{channels, DbConnection};
use crate::uploads::Uploads;

fn text(body: &str) -> String {
    body.to_string()
}

/// The API's view of a stored row. Deleted messages keep their row (pollers must learn of the
/// deletion) but no longer show what they said or carried (decision Q10).
pub fn message_view(row: MessageRow, reactions: Option<&ReactionMap>) -> schemas::Message {
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
        reactions: reactions.and_then(ReactionMap::to_message_field),
        reactions_ts: row.reactions_ts,
        reply_to_id: if deleted { None } else { row.reply_to_id },
        sender: row.sender,
        ts: row.ts,
    }
}

/// The message with this id, if the caller can see it, with the conversation it is in.
pub async fn visible_message(
    api: &Api,
    user: &CurrentUser,
    id: i64,
) -> Result<Option<(MessageRow, Conversation)>, ApiError> {
    let Some(row) = api.store.run(move |conn| store_messages::find(conn, id)).await? else {
        return Ok(None);
    };
    Ok(conversation_of(api, user, &row).await?.map(|conversation| (row, conversation)))
}

/// The conversation of a stored row, if the caller can see the row.
pub async fn conversation_of(
    api: &Api,
    user: &CurrentUser,
    row: &MessageRow,
) -> Result<Option<Conversation>, ApiError> {
    match access::for_reading(api, user, &row.channel).await? {
        Ok(conversation) if row.ts >= conversation.visible_from => Ok(Some(conversation)),
        _ => Ok(None),
    }
}

/// The names a message in `conversation` can mention, byte-wise ascending like the reference's
/// member lists. For a public channel only the names that appear as tokens are looked up, so a
/// send costs the same however many users are registered.
fn mention_candidates(conn: &mut DbConnection, conversation: &Conversation, text: &str) -> anyhow::Result<Vec<String>> {
    let mut names = match &conversation.id {
        ChannelId::Public(_) => {
            let mut keys: Vec<String> = mention_tokens(text).map(str::to_ascii_lowercase).collect();
            keys.sort();
            keys.dedup();
            channels::users_with_keys(conn, &keys)?.into_iter().map(|(_, name)| name).collect()
        }
        ChannelId::Direct(dm) => dm.participants().to_vec(),
        ChannelId::Private(_) => channels::member_names(conn, &conversation.key)?,
    };
    names.sort();
    Ok(names)
}

fn mentions_of(conn: &mut DbConnection, conversation: &Conversation, text: &str) -> anyhow::Result<Option<String>> {
    let members = mention_candidates(conn, conversation, text)?;
    Ok(mentions_json(&extract_mentions(text, &members)))
}

/// What a change to a send looks like to its audience: the send's rows as `/messages` returns them.
pub type ChangedSend = (Audience, String, Vec<schemas::Message>);

/// Loads a changed send, as pollers will see it, and its audience, inside the transaction of the
/// change (so the event says exactly what was committed).
pub fn changed_send(conn: &mut DbConnection, conversation: &Conversation, send_id: i64) -> anyhow::Result<ChangedSend> {
    let rows = store_messages::send_rows(conn, send_id)?;
    let sent_at = rows.first().map_or(f64::INFINITY, |row| row.ts);
    let reactions = store_messages::reactions_of(conn, &[send_id])?;
    let views = rows.into_iter().map(|row| message_view(row, reactions.get(&send_id))).collect();
    Ok((access::audience(conn, conversation, sent_at)?, conversation.key.clone(), views))
}

/// Pushes a changed send to the live streams of everyone who can see it.
pub fn publish_changes(api: &Api, (audience, channel, messages): ChangedSend) {
    #[derive(serde::Serialize)]
    struct MessageEvent {
        channel: String,
        messages: Vec<schemas::Message>,
    }
    api.events.publish(audience, "message", &MessageEvent { channel, messages });
}

pub async fn list_messages(
    api: &Api,
    _ctx: RequestContext,
    input: ListMessagesInput,
) -> Result<ListMessagesResponse, ApiError> {
    let conversation = match access::for_reading(api, &input.user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err(Denied::Malformed) => return Ok(ListMessagesResponse::NotFound(text("not found"))),
        // As in the reference, a channel one cannot see simply has no messages for one.
        Err(_) => return Ok(ListMessagesResponse::Ok(schemas::MessageList(Vec::new()))),
    };
    let filter = parse_after(input.after.as_deref());
    let bound = match filter {
        AfterFilter::Nothing => return Ok(ListMessagesResponse::Ok(schemas::MessageList(Vec::new()))),
        AfterFilter::Everything => None,
        AfterFilter::ChangedAfter(bound) => Some(bound),
    };
    let (key, visible_from) = (conversation.key.clone(), conversation.visible_from);
    let (rows, reactions) = api
        .store
        .run(move |conn| {
            let rows: Vec<MessageRow> = store_messages::changed_since(conn, &key, visible_from, bound)?
                .into_iter()
                .filter(|row| {
                    filter.matches(&ChangeTimes {
                        ts: row.ts,
                        edited_ts: row.edited_ts,
                        reactions_ts: row.reactions_ts,
                        deleted: row.is_deleted(),
                        deleted_ts: row.deleted_ts,
                    })
                })
                .collect();
            let mut send_ids: Vec<i64> = rows.iter().filter(|r| r.reactions_ts.is_some()).map(|r| r.send_id).collect();
            send_ids.dedup();
            let reactions = store_messages::reactions_of(conn, &send_ids)?;
            Ok((rows, reactions))
        })
        .await?;
    let messages = rows
        .into_iter()
        .map(|row| {
            let map = reactions.get(&row.send_id);
            message_view(row, map)
        })
        .collect();
    Ok(ListMessagesResponse::Ok(schemas::MessageList(messages)))
}

/// Checks and stores the attachments; on any refusal nothing stays on disk.
async fn store_files(api: &Api, files: &[UploadedFile]) -> Result<Result<Vec<String>, SendMessageResponse>, ApiError> {
    let limit = api.settings.max_upload_bytes();
    let mut kinds = Vec::new();
    for file in files.iter().filter(|file| !file.file_name.is_empty()) {
        if file.data.len() as u64 > limit {
            let mb = api.settings.max_upload_size_mb.floor();
            return Ok(Err(SendMessageResponse::PayloadTooLarge(format!("file too large (max {mb} MB)"))));
        }
        match ImageKind::detect(&file.file_name, &file.data) {
            Ok(kind) => kinds.push((kind, file.data.clone())),
            Err(_) => return Ok(Err(SendMessageResponse::UnsupportedMediaType(text("not an image")))),
        }
    }
    let mut names = Vec::new();
    for (kind, data) in kinds {
        let name = Uploads::new_name(kind.extension());
        if let Err(err) = api.uploads.save(&name, data).await {
            api.uploads.remove(&names).await;
            return Err(ApiError::Internal(err));
        }
        names.push(name);
    }
    Ok(Ok(names))
}

pub async fn send_message(
    api: &Api,
    _ctx: RequestContext,
    input: SendMessageInput,
) -> Result<SendMessageResponse, ApiError> {
    let user = input.user;
    let conversation = match access::for_writing(api, &user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err(denied) => {
            let (status, body) = denied.status_and_text();
            return Ok(if status == 403 {
                SendMessageResponse::Forbidden(text(body))
            } else {
                SendMessageResponse::NotFound(text(body))
            });
        }
    };
    let message_text = match prepare_send_text(input.text.as_deref().unwrap_or("")) {
        Ok(message_text) => message_text,
        Err(too_long) => return Ok(SendMessageResponse::PayloadTooLarge(too_long.to_string())),
    };
    if let Some(parent) = input.reply_to_id {
        if visible_message(api, &user, parent).await?.is_none() {
            return Ok(SendMessageResponse::BadRequest(text("invalid reply")));
        }
    }
    let filenames = match store_files(api, &input.files).await? {
        Ok(filenames) => filenames,
        Err(refusal) => return Ok(refusal),
    };
    if message_text.is_none() && filenames.is_empty() {
        return Ok(SendMessageResponse::BadRequest(text("empty")));
    }
    let participants: Vec<String> = match &conversation.id {
        ChannelId::Direct(dm) => dm.participants().to_vec(),
        _ => Vec::new(),
    };
    let stored = filenames.clone();
    let result = api
        .store
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
                if !participants.is_empty() {
                    channels::add_dm_participants(conn, &conversation.key, &participants)?;
                }
                let mentions = match &message_text {
                    Some(message_text) => mentions_of(conn, &conversation, message_text)?,
                    None => None,
                };
                let ids = store_messages::insert_send(
                    conn,
                    &NewSend {
                        channel: &conversation.key,
                        sender: &user.username,
                        sender_id: Some(user.id),
                        text: message_text.as_deref(),
                        filenames: &stored,
                        reply_to_id: input.reply_to_id,
                        mentions: mentions.as_deref(),
                        ts,
                    },
                )?;
                channels::record_message(conn, &conversation.key, ts)?;
                changed_send(conn, &conversation, ids[0])
            })
        })
        .await;
    match result {
        Ok(changed) => {
            publish_changes(api, changed);
            Ok(SendMessageResponse::Ok(text("ok")))
        }
        Err(err) => {
            // Nothing was stored: neither may the files be.
            api.uploads.remove(&filenames).await;
            Err(err.into())
        }
    }
}

pub async fn get_message(
    api: &Api,
    _ctx: RequestContext,
    input: GetMessageInput,
) -> Result<GetMessageResponse, ApiError> {
    let Some((row, _)) = visible_message(api, &input.user, input.msg_id).await? else {
        return Ok(GetMessageResponse::NotFound(text("not found")));
    };
    let view = message_view(row, None);
    Ok(GetMessageResponse::Ok(schemas::MessageSummary {
        content: view.content,
        deleted: view.deleted,
        filename: view.filename,
        id: view.id,
        sender: view.sender,
    }))
}

/// The caller's own visible message, for edit and delete (anything else is `forbidden`, never a
/// 404, as in the reference).
async fn own_message(api: &Api, user: &CurrentUser, id: i64) -> Result<Option<(MessageRow, Conversation)>, ApiError> {
    Ok(visible_message(api, user, id).await?.filter(|(row, _)| row.sender_id == Some(user.id)))
}

pub async fn edit_message(
    api: &Api,
    _ctx: RequestContext,
    input: EditMessageInput,
) -> Result<EditMessageResponse, ApiError> {
    let Some((row, conversation)) = own_message(api, &input.user, input.msg_id).await? else {
        return Ok(EditMessageResponse::Forbidden(text("forbidden")));
    };
    let new_text = match normalize_edit_text(input.text.as_deref().unwrap_or("")) {
        Ok(new_text) => new_text,
        Err(err @ crate::domain::messages::EditTextError::Empty) => {
            return Ok(EditMessageResponse::BadRequest(err.to_string()))
        }
        Err(err) => return Ok(EditMessageResponse::PayloadTooLarge(err.to_string())),
    };
    let changed = api
        .store
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
                let mentions = mentions_of(conn, &conversation, &new_text)?;
                store_messages::edit_text(conn, row.send_id, &new_text, mentions.as_deref(), ts)?;
                changed_send(conn, &conversation, row.send_id)
            })
        })
        .await?;
    publish_changes(api, changed);
    Ok(EditMessageResponse::Ok(text("ok")))
}

pub async fn delete_message(
    api: &Api,
    _ctx: RequestContext,
    input: DeleteMessageInput,
) -> Result<DeleteMessageResponse, ApiError> {
    let Some((row, conversation)) = own_message(api, &input.user, input.msg_id).await? else {
        return Ok(DeleteMessageResponse::Forbidden(text("forbidden")));
    };
    let changed = api
        .store
        .run(move |conn| {
            use diesel::Connection;
            conn.transaction(|conn| {
                let ts = channels::tick(conn, &conversation.key, conversation.kind())?;
                store_messages::soft_delete(conn, row.send_id, ts)?;
                changed_send(conn, &conversation, row.send_id)
            })
        })
        .await?;
    publish_changes(api, changed);
    Ok(DeleteMessageResponse::Ok(text("ok")))
}

pub async fn search_messages(
    api: &Api,
    _ctx: RequestContext,
    input: SearchMessagesInput,
) -> Result<SearchMessagesResponse, ApiError> {
    let Some(query) = SearchQuery::parse(input.q.as_deref()) else {
        return Ok(SearchMessagesResponse::Ok(schemas::SearchResults(Vec::new())));
    };
    let scope = access::readable_scope(api, &input.user);
    let hits = api.store.run(move |conn| store_search::search(conn, &scope, &query)).await?;
    let hits = hits
        .into_iter()
        .map(|hit| schemas::SearchHit {
            channel: hit.channel,
            content: hit.content.unwrap_or_default(),
            id: hit.id,
            sender: hit.sender,
            ts: hit.ts,
        })
        .collect();
    Ok(SearchMessagesResponse::Ok(schemas::SearchResults(hits)))
}
