//! Who may read and write which conversation. Every service that takes a channel goes through here,
//! so the rules live in one place:
//! - public channels: everyone, every message;
//! - DMs: the participants named in the (canonical) id, full history since their account exists;
//! - private channels: current members, messages since they (last) joined.
use super::{CurrentUser, Denied, Error, Services};
use crate::domain::channel::{ChannelId, ChannelIdErrorKind};
use crate::events::Audience;
use crate::store::channels::{self, KIND_DIRECT, KIND_PRIVATE, KIND_PUBLIC};
use crate::store::messages::{self as store_messages, MessageRow};
use crate::store::search::Scope;
use crate::store::DbConnection;

/// A conversation the caller may use.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub id: ChannelId,
    /// The canonical channel string: what is stored and returned.
    pub key: String,
    /// The caller sees messages with `ts` at or after this.
    pub visible_from: f64,
}

impl Conversation {
    pub fn kind(&self) -> i32 {
        match self.id {
            ChannelId::Public(_) => KIND_PUBLIC,
            ChannelId::Direct(_) => KIND_DIRECT,
            ChannelId::Private(_) => KIND_PRIVATE,
        }
    }
}

/// Resolves `raw` for reading: the caller must be allowed in, or the answer is [`Error::Denied`].
pub async fn for_reading(services: &Services, user: &CurrentUser, raw: &str) -> Result<Conversation, Error> {
    resolve(services, user, raw, false).await
}

/// Resolves `raw` for writing: as for reading, and every DM participant must exist.
pub async fn for_writing(services: &Services, user: &CurrentUser, raw: &str) -> Result<Conversation, Error> {
    resolve(services, user, raw, true).await
}

/// The message with this id, if the caller can see it, with the conversation it is in.
pub async fn visible_message(
    services: &Services,
    user: &CurrentUser,
    id: i64,
) -> Result<Option<(MessageRow, Conversation)>, Error> {
    let Some(row) = services.store.run(move |conn| store_messages::find(conn, id)).await? else {
        return Ok(None);
    };
    Ok(conversation_of(services, user, &row).await?.map(|conversation| (row, conversation)))
}

/// The conversation of a stored row, if the caller can see the row.
pub async fn conversation_of(
    services: &Services,
    user: &CurrentUser,
    row: &MessageRow,
) -> Result<Option<Conversation>, Error> {
    match for_reading(services, user, &row.channel).await {
        Ok(conversation) if row.ts >= conversation.visible_from => Ok(Some(conversation)),
        Ok(_) | Err(Error::Denied(_)) => Ok(None),
        Err(err) => Err(err),
    }
}

/// Every conversation the caller may read, in the form a query over all messages can apply (search):
/// the configured public channels in full, and the DMs and private channels the caller is a member
/// of, from the time they (last) joined. This is the rule of [`for_reading`]: a private channel's
/// members are exactly its readers, and a DM's participants all become members (as of their
/// account's creation) with its first message, so for every DM that has messages "member" and
/// "named in the id" agree.
pub fn readable_scope(services: &Services, user: &CurrentUser) -> Scope {
    Scope { public_channels: services.settings.channels.clone(), user_id: user.id }
}

async fn resolve(services: &Services, user: &CurrentUser, raw: &str, writing: bool) -> Result<Conversation, Error> {
    let id = match ChannelId::parse(raw, &services.settings.channels) {
        Ok(id) => id,
        Err(err) => {
            return Err(Error::Denied(match err.kind() {
                ChannelIdErrorKind::Malformed => Denied::Malformed,
                ChannelIdErrorKind::NotAllowed => Denied::Forbidden,
            }))
        }
    };
    let key = id.to_string();
    match &id {
        ChannelId::Public(_) => Ok(Conversation { id, key, visible_from: f64::NEG_INFINITY }),
        ChannelId::Direct(dm) => {
            if !dm.includes(&user.username) {
                return Err(Denied::Forbidden.into());
            }
            if writing {
                let names: Vec<String> = dm.participants().to_vec();
                let wanted = names.len();
                let found = services.store.run(move |conn| channels::users_named(conn, &names)).await?;
                if found.len() < wanted {
                    return Err(Denied::UnknownUser.into());
                }
            }
            // Nothing can have been sent to this account before it existed; anything older is
            // addressed to an earlier, deleted account of the same name.
            Ok(Conversation { id, key, visible_from: user.created_at })
        }
        ChannelId::Private(_) => {
            let (lookup, user_id) = (key.clone(), user.id);
            match services.store.run(move |conn| channels::membership(conn, &lookup, user_id)).await? {
                Some(joined_at) => Ok(Conversation { id, key, visible_from: joined_at }),
                None => Err(Denied::Forbidden.into()),
            }
        }
    }
}

/// What a route that only records something about a conversation (marking it read, closing a DM)
/// has to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recording {
    /// The conversation exists: record as usual.
    Record,
    /// A DM nobody has written in yet, between existing accounts: there is nothing to record (its
    /// first message makes it exist, and is unread and listed whatever was recorded before).
    Nothing,
}

/// For [`Recording`] routes, after [`for_reading`]: a public or private channel the caller may
/// read exists; a DM exists once something was sent in it. A DM that does not exist and names
/// someone who has no account is refused like a write ([`Denied::UnknownUser`]), so made-up ids
/// cannot make the server store anything; one that exists is recorded even if a participant has
/// deleted their account since.
pub async fn recording(services: &Services, conversation: &Conversation) -> Result<Recording, Error> {
    let ChannelId::Direct(dm) = &conversation.id else { return Ok(Recording::Record) };
    let (key, names) = (conversation.key.clone(), dm.participants().to_vec());
    let all_exist = services
        .store
        .run(move |conn| {
            if channels::exists(conn, &key)? {
                return Ok(None);
            }
            let wanted = names.len();
            Ok(Some(channels::users_named(conn, &names)?.len() >= wanted))
        })
        .await?;
    match all_exist {
        None => Ok(Recording::Record),
        Some(true) => Ok(Recording::Nothing),
        Some(false) => Err(Denied::UnknownUser.into()),
    }
}

/// Who receives the live events about a message sent at `sent_at`: everyone for a public channel,
/// the participants of a DM, the current members of a private channel who had joined by then (a later
/// member cannot read it, so must not be told of its edits, deletion or reactions either). Call
/// inside the transaction of the change.
pub fn audience(conn: &mut DbConnection, conversation: &Conversation, sent_at: f64) -> anyhow::Result<Audience> {
    Ok(match &conversation.id {
        ChannelId::Public(_) => Audience::Everyone,
        // Only accounts that existed when it was sent (see `resolve`).
        ChannelId::Direct(dm) => Audience::Users(
            channels::accounts_named(conn, dm.participants())?
                .into_iter()
                .filter(|(_, created_at)| *created_at <= sent_at)
                .map(|(id, _)| id)
                .collect(),
        ),
        ChannelId::Private(_) => Audience::Users(channels::member_ids_joined_by(conn, &conversation.key, sent_at)?),
    })
}
