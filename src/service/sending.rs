//! Sending a message: text rules, the reply, attachments stored before the row that carries them
//! (and removed again if the send fails), mentions, and the event, in one transaction.
use bytes::Bytes;

use super::access;
use super::changes::{changed_send, publish_changes};
use super::mentions::mentions_of;
use super::{refuse, CurrentUser, Failure, Services};
use crate::domain::attachments::{store_as, StoredAs};
use crate::domain::channel::ChannelId;
use crate::domain::messages::{prepare_send_text, TextTooLong};
use crate::store::channels;
use crate::store::messages::{self as store_messages, NewSend};
use crate::uploads::Uploads;

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
    /// A file named as an image (`.jpg .jpeg .png .gif .webp`) that is not that image.
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
            publish_changes(services, changed).await;
            Ok(())
        }
        Err(err) => {
            // Nothing was stored: neither may the files be.
            services.uploads.remove(&filenames).await;
            Err(err.into())
        }
    }
}

/// Checks and stores the attachments (any type: images under their own extension, other files
/// under their sanitised name, §C8.3); on any refusal or failure none of them stays stored.
async fn store_files(services: &Services, files: Vec<Attachment>) -> Result<Vec<String>, Failure<SendRefusal>> {
    let limit = services.settings.max_upload_bytes();
    let mut checked = Vec::new();
    for file in files.into_iter().filter(|file| !file.file_name.is_empty()) {
        if file.data.len() as u64 > limit {
            return refuse(SendRefusal::FileTooLarge { max_mb: services.settings.max_upload_size_mb.floor() });
        }
        let name = match store_as(&file.file_name, &file.data) {
            Ok(StoredAs::Image { extension, .. }) => Uploads::new_name(&extension),
            Ok(StoredAs::Download { name }) => Uploads::new_download_name(&name),
            Err(_) => return refuse(SendRefusal::NotAnImage),
        };
        checked.push((name, file.data));
    }
    let mut names = Vec::new();
    for (name, data) in checked {
        if let Err(err) = services.uploads.save(&name, data).await {
            services.uploads.remove(&names).await;
            return Err(err.into());
        }
        names.push(name);
    }
    Ok(names)
}
