//! Messages: polling a conversation, sending (with attachments), reading one, editing, deleting and
//! searching. Every change is one transaction that also loads the event it publishes.
use bytes::Bytes;

use super::access::{self, Conversation};
use super::changes::{changed_send, message_view, publish_changes};
use super::{refuse, CurrentUser, Denied, Error, Failure, Services};
use crate::contract::schemas;
use crate::domain::channel::ChannelId;
use crate::domain::mentions::{extract_mentions, mention_tokens, mentions_json};
use crate::domain::messages::{normalize_edit_text, prepare_send_text, EditTextError, ImageKind, TextTooLong};
use crate::domain::search::SearchQuery;
use crate::domain::timestamps::{parse_after, AfterFilter, ChangeTimes};
use crate::store::messages::{self as store_messages, MessageRow, NewSend};
use crate::store::search as store_search;
use crate::store::{channels, DbConnection};
use crate::uploads::Uploads;

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
    let (rows, reactions) = services
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
    Ok(rows
        .into_iter()
        .map(|row| {
            let map = reactions.get(&row.send_id);
            message_view(row, map)
        })
        .collect())
}

/// A file sent with a message, as the client named it.
pub struct Attachment {
    /// `""` when the client sent the part without a name (such parts are ignored).
    pub file_name: String,
    pub data: Bytes,
}

/// What a send asks for.
pub struct NewMessage {
    pub channel: String,
    pub text: Option<String>,
    pub reply_to_id: Option<i64>,
    pub files: Vec<Attachment>,
}

/// Why a send stores nothing (besides a refused conversation).
#[derive(Debug, Clone, PartialEq)]
pub enum SendRefusal {
    TooLong(TextTooLong),
    /// The message replied to is not one the caller can see.
    InvalidReply,
    /// An attachment is over the upload limit (whole megabytes).
    FileTooLarge {
        max_mb: f64,
    },
    NotAnImage,
    /// Neither text nor a file.
    Empty,
}

/// Sends a message; the attachments are stored first and removed again if the send fails.
pub async fn send(services: &Services, user: &CurrentUser, new: NewMessage) -> Result<(), Failure<SendRefusal>> {
    let conversation = access::for_writing(services, user, &new.channel).await?;
    let message_text = match prepare_send_text(new.text.as_deref().unwrap_or("")) {
        Ok(message_text) => message_text,
        Err(too_long) => return refuse(SendRefusal::TooLong(too_long)),
    };
    if let Some(parent) = new.reply_to_id {
        if access::visible_message(services, user, parent).await?.is_none() {
            return refuse(SendRefusal::InvalidReply);
        }
    }
    let filenames = store_files(services, new.files).await?;
    if message_text.is_none() && filenames.is_empty() {
        return refuse(SendRefusal::Empty);
    }
    let participants: Vec<String> = match &conversation.id {
        ChannelId::Direct(dm) => dm.participants().to_vec(),
        _ => Vec::new(),
    };
    let (stored, sender, reply_to_id) = (filenames.clone(), user.clone(), new.reply_to_id);
    let result = services
        .store
        .transaction(move |conn| {
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
                    sender: &sender.username,
                    sender_id: Some(sender.id),
                    text: message_text.as_deref(),
                    filenames: &stored,
                    reply_to_id,
                    mentions: mentions.as_deref(),
                    ts,
                },
            )?;
            channels::record_message(conn, &conversation.key, ts)?;
            changed_send(conn, &conversation, ids[0])
        })
        .await;
    match result {
        Ok(changed) => {
            publish_changes(services, changed);
            Ok(())
        }
        Err(err) => {
            // Nothing was stored: neither may the files be.
            services.uploads.remove(&filenames).await;
            Err(err.into())
        }
    }
}

/// Checks and stores the attachments; on any refusal nothing stays on disk.
async fn store_files(services: &Services, files: Vec<Attachment>) -> Result<Vec<String>, Failure<SendRefusal>> {
    let limit = services.settings.max_upload_bytes();
    let mut kinds = Vec::new();
    for file in files.into_iter().filter(|file| !file.file_name.is_empty()) {
        if file.data.len() as u64 > limit {
            return refuse(SendRefusal::FileTooLarge { max_mb: services.settings.max_upload_size_mb.floor() });
        }
        match ImageKind::detect(&file.file_name, &file.data) {
            Ok(kind) => kinds.push((kind, file.data)),
            Err(_) => return refuse(SendRefusal::NotAnImage),
        }
    }
    let mut names = Vec::new();
    for (kind, data) in kinds {
        let name = Uploads::new_name(kind.extension());
        if let Err(err) = services.uploads.save(&name, data).await {
            services.uploads.remove(&names).await;
            return Err(err.into());
        }
        names.push(name);
    }
    Ok(names)
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

/// One message the caller can see, without its reactions.
pub async fn summary(
    services: &Services,
    user: &CurrentUser,
    id: i64,
) -> Result<Option<schemas::MessageSummary>, Error> {
    let Some((row, _)) = access::visible_message(services, user, id).await? else {
        return Ok(None);
    };
    let view = message_view(row, None);
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
    publish_changes(services, changed);
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
            changed_send(conn, &conversation, row.send_id)
        })
        .await?;
    publish_changes(services, changed);
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
