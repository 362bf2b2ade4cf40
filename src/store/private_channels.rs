//! Private channels: their names, members and unread counts. Membership itself lives in
//! `channel_members` (see [`super::channels`]); a member sees the channel's messages from their
//! latest `joined_at` on.
use std::collections::HashMap;

use anyhow::Context;
use diesel::prelude::*;

use super::channels::{self, KIND_PRIVATE};
use super::messages::{self as store_messages, NewSend};
use super::schema::{channel_members, channels as channels_table, private_channels, users};
use super::{now, reads, DbConnection};
use crate::domain::channel::ChannelId;
use crate::domain::reads::ReadMark;

/// The author of channel notices.
pub const SYSTEM_SENDER: &str = "system";

pub fn key(id: i64) -> String {
    ChannelId::Private(id).to_string()
}

/// Creates the channel with these members (the creator among them); they join now, with no history.
pub fn create(conn: &mut DbConnection, name: &str, creator_id: i64, member_ids: &[i64]) -> anyhow::Result<i64> {
    conn.transaction(|conn| {
        let id: i64 = diesel::insert_into(private_channels::table)
            .values((
                private_channels::name.eq(name),
                private_channels::creator_id.eq(Some(creator_id)),
                private_channels::created_at.eq(now()),
            ))
            .returning(private_channels::id)
            .get_result(conn)
            .context("insert private channel")?;
        let key = key(id);
        let ts = channels::tick(conn, &key, KIND_PRIVATE)?;
        channels::add_members(conn, &key, member_ids, ts)?;
        Ok(id)
    })
}

/// One of the caller's private channels, as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub id: i64,
    pub name: String,
    /// Ascending (byte order).
    pub members: Vec<String>,
    pub unread: i64,
}

/// The private channels `user_id` belongs to, by id ascending, with members and unread counts.
pub fn list_for_user(conn: &mut DbConnection, user_id: i64) -> anyhow::Result<Vec<Listed>> {
    let joined: Vec<(String, f64)> = channel_members::table
        .inner_join(channels_table::table)
        .filter(channel_members::user_id.eq(user_id))
        .filter(channels_table::kind.eq(KIND_PRIVATE))
        .select((channel_members::channel, channel_members::joined_at))
        .load(conn)
        .context("list private memberships")?;
    if joined.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<String> = joined.iter().map(|(key, _)| key.clone()).collect();
    let ids: Vec<i64> = keys.iter().filter_map(|key| key.strip_prefix("private:")?.parse().ok()).collect();
    let names: HashMap<i64, String> = super::batched(&ids, |ids| {
        private_channels::table
            .filter(private_channels::id.eq_any(ids))
            .select((private_channels::id, private_channels::name))
            .load::<(i64, String)>(conn)
            .context("load private channel names")
    })?
    .into_iter()
    .collect();
    let mut members: HashMap<String, Vec<String>> = HashMap::new();
    let member_rows: Vec<(String, String)> = super::batched(&keys, |keys| {
        channel_members::table
            .inner_join(users::table)
            .filter(channel_members::channel.eq_any(keys))
            .select((channel_members::channel, users::username))
            .load(conn)
            .context("load private channel members")
    })?;
    for (key, name) in member_rows {
        members.entry(key).or_default().push(name);
    }
    // Unread: the same watermark rule as every other conversation, seen from the member's join.
    let marks = reads::marks(conn, user_id, &keys)?;
    let mut channels = Vec::with_capacity(joined.len());
    let mut bounds = Vec::with_capacity(joined.len());
    for (key, joined_at) in joined {
        let Some(id) = key.strip_prefix("private:").and_then(|n| n.parse::<i64>().ok()) else { continue };
        let mark = marks
            .get(&key)
            .copied()
            .unwrap_or_else(|| ReadMark::initial(&ChannelId::Private(id), joined_at, joined_at));
        bounds.push((key.clone(), mark.unread_after(joined_at)));
        channels.push((id, key));
    }
    let unread = reads::unread_counts(conn, user_id, &bounds)?;
    let mut listed = Vec::with_capacity(channels.len());
    for (id, key) in channels {
        let Some(name) = names.get(&id) else { continue };
        let mut names = members.remove(&key).unwrap_or_default();
        names.sort();
        listed.push(Listed { id, name: name.clone(), members: names, unread: unread.get(&key).copied().unwrap_or(0) });
    }
    listed.sort_by_key(|channel| channel.id);
    Ok(listed)
}

/// Posts a system notice at `ts` (the tick of the transaction it belongs to); returns its send id.
fn post_notice(conn: &mut DbConnection, channel: &str, text: &str, ts: f64) -> anyhow::Result<i64> {
    let ids = store_messages::insert_send(
        conn,
        &NewSend {
            channel,
            sender: SYSTEM_SENDER,
            sender_id: None,
            text: Some(text),
            filenames: &[],
            reply_to_id: None,
            mentions: None,
            ts,
        },
    )?;
    channels::record_message(conn, channel, ts)?;
    ids.first().copied().context("a notice is one message")
}

// The changes below tick the channel's clock first, so call each one as the start of a write
// transaction (the caller's, which may then load what the live streams are told).

/// Renames the channel and posts `notice`, if `user_id` is (still) a member; returns the notice's
/// send id.
pub fn rename(conn: &mut DbConnection, id: i64, user_id: i64, name: &str, notice: &str) -> anyhow::Result<Option<i64>> {
    let key = key(id);
    let ts = channels::tick(conn, &key, KIND_PRIVATE)?;
    if channels::membership(conn, &key, user_id)?.is_none() {
        return Ok(None);
    }
    diesel::update(private_channels::table.find(id))
        .set(private_channels::name.eq(name))
        .execute(conn)
        .context("rename private channel")?;
    post_notice(conn, &key, notice, ts).map(Some)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    /// Added; the notice's send id.
    Added(i64),
    /// The adder is not a member (any more).
    NotMember,
    AlreadyMember,
    /// The channel already has the most members allowed.
    Full,
}

/// Adds `new_member` as of the notice's timestamp, so they see the notice and what follows only.
pub fn add_member(
    conn: &mut DbConnection,
    id: i64,
    adder_id: i64,
    new_member: i64,
    max_members: u64,
    notice: &str,
) -> anyhow::Result<AddOutcome> {
    let key = key(id);
    let ts = channels::tick(conn, &key, KIND_PRIVATE)?;
    if channels::membership(conn, &key, adder_id)?.is_none() {
        return Ok(AddOutcome::NotMember);
    }
    if channels::membership(conn, &key, new_member)?.is_some() {
        return Ok(AddOutcome::AlreadyMember);
    }
    let members: i64 = channel_members::table
        .filter(channel_members::channel.eq(&key))
        .count()
        .get_result(conn)
        .context("count private channel members")?;
    if u64::try_from(members).unwrap_or(0) >= max_members {
        return Ok(AddOutcome::Full);
    }
    channels::add_members(conn, &key, &[new_member], ts)?;
    post_notice(conn, &key, notice, ts).map(AddOutcome::Added)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveOutcome {
    NotMember,
    /// Left; the send id of the notice to those who remain (none when nobody does: the empty channel
    /// stays, unreachable).
    Left(Option<i64>),
}

/// Removes `user_id` from the channel and tells those who remain.
pub fn leave(conn: &mut DbConnection, id: i64, user_id: i64, notice: &str) -> anyhow::Result<LeaveOutcome> {
    let key = key(id);
    let ts = channels::tick(conn, &key, KIND_PRIVATE)?;
    let removed =
        diesel::delete(channel_members::table.find((&key, user_id))).execute(conn).context("leave private channel")?;
    if removed == 0 {
        return Ok(LeaveOutcome::NotMember);
    }
    let remaining: i64 = channel_members::table
        .filter(channel_members::channel.eq(&key))
        .count()
        .get_result(conn)
        .context("count remaining members")?;
    let notice = if remaining > 0 { Some(post_notice(conn, &key, notice, ts)?) } else { None };
    Ok(LeaveOutcome::Left(notice))
}
