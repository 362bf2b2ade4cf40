//! Who a message mentions: the `@names` of its text that are members of its conversation.
use super::access::Conversation;
use crate::domain::channel::ChannelId;
use crate::domain::mentions::{extract_mentions, mention_tokens, mentions_json};
use crate::store::{channels, DbConnection};

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

/// The mentions of `text` as stored (`None` when there are none), read inside the transaction that
/// stores the text.
pub fn mentions_of(conn: &mut DbConnection, conversation: &Conversation, text: &str) -> anyhow::Result<Option<String>> {
    let members = mention_candidates(conn, conversation, text)?;
    Ok(mentions_json(&extract_mentions(text, &members)))
}
