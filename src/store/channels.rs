//! Conversations, their clocks and their members.
//!
//! Write transactions that touch a conversation start with [`tick`]: its first statement writes, so
//! SQLite takes its write lock before reading anything (a deferred transaction that reads first can
//! fail to upgrade), and PostgreSQL locks the channel row until commit.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::{channel_members, channels, users};
use super::{now, per_backend, DbConnection};

pub const KIND_PUBLIC: i32 = 0;
pub const KIND_DIRECT: i32 = 1;
pub const KIND_PRIVATE: i32 = 2;

/// Timestamps in one channel differ by at least this much (well above an f64's resolution for
/// present-day Unix times, about 2.4e-7 s).
const CLOCK_STEP: f64 = 1e-6;

/// Hands out the next timestamp of `channel` (creating the channel row on first use): the current
/// time, or just after the previous timestamp if the clock is ahead (same instant, or a skewed node).
/// Call inside the write transaction whose change the timestamp marks.
pub fn tick(conn: &mut DbConnection, channel: &str, kind: i32) -> anyhow::Result<f64> {
    per_backend!(conn, |c| diesel::insert_into(channels::table)
        .values((channels::id.eq(channel), channels::kind.eq(kind), channels::clock.eq(0.0)))
        .on_conflict_do_nothing()
        .execute(c))
    .context("create channel")?;
    // A write first: takes the lock before the read below.
    diesel::update(channels::table.find(channel))
        .set(channels::clock.eq(channels::clock))
        .execute(conn)
        .context("lock channel clock")?;
    let previous: f64 = channels::table.find(channel).select(channels::clock).first(conn).context("read clock")?;
    let ts = now().max(previous + CLOCK_STEP);
    diesel::update(channels::table.find(channel)).set(channels::clock.eq(ts)).execute(conn).context("advance clock")?;
    Ok(ts)
}

/// Records that a message was sent at `ts` (DM order and reappearance use it).
pub fn record_message(conn: &mut DbConnection, channel: &str, ts: f64) -> anyhow::Result<()> {
    diesel::update(channels::table.find(channel))
        .set(channels::last_message_ts.eq(Some(ts)))
        .execute(conn)
        .context("record last message")?;
    Ok(())
}

/// Makes every user a member of `channel` (DM participants; idempotent).
pub fn add_members(conn: &mut DbConnection, channel: &str, user_ids: &[i64], joined_at: f64) -> anyhow::Result<()> {
    for user_id in user_ids {
        per_backend!(conn, |c| diesel::insert_into(channel_members::table)
            .values((
                channel_members::channel.eq(channel),
                channel_members::user_id.eq(user_id),
                channel_members::joined_at.eq(joined_at),
            ))
            .on_conflict_do_nothing()
            .execute(c))
        .context("add channel member")?;
    }
    Ok(())
}

/// Makes the named users (the participants of a DM) members of `channel`, each as of the creation
/// of their account: a name registered again after an account deletion is a new person, who must not
/// see what was said to the old account (idempotent).
pub fn add_dm_participants(conn: &mut DbConnection, channel: &str, names: &[String]) -> anyhow::Result<()> {
    for (user_id, created_at) in accounts_named(conn, names)? {
        add_members(conn, channel, &[user_id], created_at)?;
    }
    Ok(())
}

/// `(id, created_at)` of the users whose names are exactly these (case-sensitive).
pub fn accounts_named(conn: &mut DbConnection, names: &[String]) -> anyhow::Result<Vec<(i64, f64)>> {
    super::batched(names, |names| {
        users::table
            .filter(users::username.eq_any(names))
            .select((users::id, users::created_at))
            .load(conn)
            .context("find accounts by name")
    })
}

/// When `user_id` joined `channel`, if they are a member.
pub fn membership(conn: &mut DbConnection, channel: &str, user_id: i64) -> anyhow::Result<Option<f64>> {
    channel_members::table
        .find((channel, user_id))
        .select(channel_members::joined_at)
        .first(conn)
        .optional()
        .context("find membership")
}

/// Usernames of the channel's members, byte-wise ascending.
pub fn member_names(conn: &mut DbConnection, channel: &str) -> anyhow::Result<Vec<String>> {
    let mut names: Vec<String> = channel_members::table
        .inner_join(users::table)
        .filter(channel_members::channel.eq(channel))
        .select(users::username)
        .load(conn)
        .context("list channel members")?;
    names.sort();
    Ok(names)
}

/// Whether the conversation has a row: something was ever sent in it (or, before made-up ids were
/// refused, someone closed it).
pub fn exists(conn: &mut DbConnection, channel: &str) -> anyhow::Result<bool> {
    let found: Option<String> =
        channels::table.find(channel).select(channels::id).first(conn).optional().context("find channel")?;
    Ok(found.is_some())
}

/// `(id, stored name)` of the users whose names are exactly these (case-sensitive).
pub fn users_named(conn: &mut DbConnection, names: &[String]) -> anyhow::Result<Vec<(i64, String)>> {
    super::batched(names, |names| {
        users::table
            .filter(users::username.eq_any(names))
            .select((users::id, users::username))
            .load(conn)
            .context("find users by name")
    })
}

/// `(id, stored name)` of the users whose names equal one of `keys` ignoring ASCII case.
pub fn users_with_keys(conn: &mut DbConnection, keys: &[String]) -> anyhow::Result<Vec<(i64, String)>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    super::batched(keys, |keys| {
        users::table
            .filter(users::username_key.eq_any(keys))
            .select((users::id, users::username))
            .load(conn)
            .context("find users by name key")
    })
}

/// Ids of the channel's members.
pub fn member_ids(conn: &mut DbConnection, channel: &str) -> anyhow::Result<Vec<i64>> {
    channel_members::table
        .filter(channel_members::channel.eq(channel))
        .select(channel_members::user_id)
        .load(conn)
        .context("list channel member ids")
}

/// Ids of the channel's members who joined at or before `ts` (those who can see what was said then).
pub fn member_ids_joined_by(conn: &mut DbConnection, channel: &str, ts: f64) -> anyhow::Result<Vec<i64>> {
    channel_members::table
        .filter(channel_members::channel.eq(channel))
        .filter(channel_members::joined_at.le(ts))
        .select(channel_members::user_id)
        .load(conn)
        .context("list channel member ids")
}
