//! Account deletion: everything a user leaves behind, in one transaction.
use std::collections::{BTreeMap, BTreeSet};

use anyhow::Context;
use diesel::prelude::*;

use super::schema::{channel_members, channel_reads, channels as channels_table, messages, reactions, sessions, users};
use super::{channels, messages as store_messages, DbConnection};
use crate::domain::accounts::{DeleteKind, DELETED_USER};

/// What a deletion leaves to do once it has committed, and what it changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Deleted {
    /// The avatar file to remove from disk.
    pub avatar: Option<String>,
    /// Attachments of hard-deleted messages, to remove from disk.
    pub uploads: Vec<String>,
    /// Channel → the sends whose rows changed (tombstoned, or lost a reaction), for live streams.
    pub changed_sends: BTreeMap<String, BTreeSet<i64>>,
    /// The private channels the user was a member of.
    pub private_channels: Vec<String>,
}

/// Deletes the account `user_id`: its sessions, reactions (their messages are re-sent to pollers),
/// read state and memberships, and the account itself. Its messages are attributed to
/// [`DELETED_USER`]; with [`DeleteKind::Hard`] they also become tombstones at a fresh tick of their
/// channel, so pollers remove them. `None` when there is no such account.
///
/// Call as the start of a write transaction (the caller's, which may then load what the live
/// streams are told).
pub fn delete_account(conn: &mut DbConnection, user_id: i64, kind: DeleteKind) -> anyhow::Result<Option<Deleted>> {
    // A write first (SQLite takes its write lock here). PostgreSQL also locks the account row,
    // so a send or reaction still in flight for this user waits, and then fails its foreign key
    // check instead of slipping in after the clean-up.
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn).context("delete sessions")?;
    if let DbConnection::Postgres(pg) = conn {
        users::table.find(user_id).select(users::id).for_update().first::<i64>(pg).optional()?;
    }
    let Some(avatar) =
        users::table.find(user_id).select(users::avatar_file).first::<Option<String>>(conn).optional()?
    else {
        return Ok(None);
    };

    // Channel → the sends whose reactions change, and whether the user's messages there die.
    let mut touched: BTreeMap<String, (BTreeSet<i64>, bool)> = BTreeMap::new();
    let reacted: Vec<i64> = reactions::table
        .filter(reactions::user_id.eq(user_id))
        .select(reactions::send_id)
        .distinct()
        .load(conn)
        .context("find reactions")?;
    let sends: Vec<(i64, String)> = super::batched(&reacted, |reacted| {
        messages::table
            .filter(messages::id.eq_any(reacted))
            .select((messages::id, messages::channel))
            .load(conn)
            .context("find reacted messages")
    })?;
    for (send_id, channel) in sends {
        touched.entry(channel).or_default().0.insert(send_id);
    }
    let mut uploads = Vec::new();
    if kind == DeleteKind::Hard {
        let live: Vec<String> = messages::table
            .filter(messages::sender_id.eq(user_id))
            .filter(messages::deleted_ts.is_null())
            .select(messages::channel)
            .distinct()
            .load(conn)
            .context("find the user's channels")?;
        for channel in live {
            touched.entry(channel).or_default().1 = true;
        }
        uploads = messages::table
            .filter(messages::sender_id.eq(user_id))
            .filter(messages::filename.is_not_null())
            .select(messages::filename)
            .load::<Option<String>>(conn)
            .context("find the user's attachments")?
            .into_iter()
            .flatten()
            .collect();
    }
    diesel::delete(reactions::table.filter(reactions::user_id.eq(user_id)))
        .execute(conn)
        .context("delete reactions")?;

    let keys: Vec<&String> = touched.keys().collect();
    let kinds: BTreeMap<String, i32> = super::batched(&keys, |keys| {
        channels_table::table
            .filter(channels_table::id.eq_any(keys))
            .select((channels_table::id, channels_table::kind))
            .load::<(String, i32)>(conn)
            .context("load channel kinds")
    })?
    .into_iter()
    .collect();
    let mut changed_sends: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for (channel, (sends, tombstones)) in touched {
        let Some(&channel_kind) = kinds.get(&channel) else { continue };
        let ts = channels::tick(conn, &channel, channel_kind)?;
        for &send_id in &sends {
            store_messages::touch_reactions(conn, send_id, ts)?;
        }
        let changed = changed_sends.entry(channel.clone()).or_default();
        changed.extend(sends);
        if tombstones {
            let dying: Vec<i64> = messages::table
                .filter(messages::channel.eq(&channel))
                .filter(messages::sender_id.eq(user_id))
                .filter(messages::deleted_ts.is_null())
                .select(messages::send_id)
                .distinct()
                .load(conn)
                .context("find the user's sends")?;
            // Their pins go with them (a tombstone shows nothing to pin).
            super::pins::clear(conn, &dying)?;
            changed.extend(dying);
            diesel::update(
                messages::table
                    .filter(messages::channel.eq(&channel))
                    .filter(messages::sender_id.eq(user_id))
                    .filter(messages::deleted_ts.is_null()),
            )
            .set((messages::deleted_ts.eq(Some(ts)), messages::changed_ts.eq(ts)))
            .execute(conn)
            .context("tombstone messages")?;
        }
    }
    if kind == DeleteKind::Hard {
        // Earlier tombstones of the user too: nothing they wrote stays in the database.
        diesel::update(messages::table.filter(messages::sender_id.eq(user_id)))
            .set((
                messages::content.eq(None::<String>),
                messages::filename.eq(None::<String>),
                messages::mentions.eq(None::<String>),
                messages::reply_to_id.eq(None::<i64>),
            ))
            .execute(conn)
            .context("erase message content")?;
    }
    diesel::update(messages::table.filter(messages::sender_id.eq(user_id)))
        .set((messages::sender.eq(DELETED_USER), messages::sender_id.eq(None::<i64>)))
        .execute(conn)
        .context("re-attribute messages")?;
    diesel::delete(channel_reads::table.filter(channel_reads::user_id.eq(user_id)))
        .execute(conn)
        .context("delete read state")?;
    let private_channels: Vec<String> = channel_members::table
        .inner_join(channels_table::table)
        .filter(channel_members::user_id.eq(user_id))
        .filter(channels_table::kind.eq(channels::KIND_PRIVATE))
        .select(channel_members::channel)
        .load(conn)
        .context("find private memberships")?;
    diesel::delete(channel_members::table.filter(channel_members::user_id.eq(user_id)))
        .execute(conn)
        .context("delete memberships")?;
    diesel::delete(users::table.find(user_id)).execute(conn).context("delete account")?;
    Ok(Some(Deleted { avatar, uploads, changed_sends, private_channels }))
}
