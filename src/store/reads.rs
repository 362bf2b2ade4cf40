//! Read state: one watermark row per user and conversation (`channel_reads`), unread counts and
//! read receipts derived from it. Every query here is a primary-key lookup or an index range over
//! `messages (channel, ts)`: these back endpoints that clients poll every second.
use std::collections::HashMap;

use anyhow::Context;
use diesel::dsl::{count_star, max};
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::schema::{channel_reads, messages, users};
use super::{per_backend, DbConnection};
use crate::domain::reads::ReadMark;

type Db = <DbConnection as Connection>::Backend;
type Condition = Box<dyn BoxableExpression<messages::table, Db, SqlType = Bool>>;

/// How many conversations one counting query covers: keeps the `OR` chain well within SQLite's
/// expression depth and bind limits.
const CONVERSATIONS_PER_QUERY: usize = 100;

/// When the user signed up (where their public-channel history starts being unread).
pub fn signed_up_at(conn: &mut DbConnection, user_id: i64) -> anyhow::Result<f64> {
    users::table.find(user_id).select(users::created_at).first(conn).context("find sign-up time")
}

/// The user's stored marks in these conversations (absent ones have never been marked read).
pub fn marks(conn: &mut DbConnection, user_id: i64, channels: &[String]) -> anyhow::Result<HashMap<String, ReadMark>> {
    let rows: Vec<(String, f64, f64)> = channel_reads::table
        .filter(channel_reads::user_id.eq(user_id))
        .filter(channel_reads::channel.eq_any(channels))
        .select((channel_reads::channel, channel_reads::read_ts, channel_reads::receipts_from))
        .load(conn)
        .context("load read marks")?;
    Ok(rows
        .into_iter()
        .map(|(channel, read_ts, receipts_from)| (channel, ReadMark { read_ts, receipts_from }))
        .collect())
}

/// Unread messages per conversation, for `(channel, bound)` pairs: messages of the channel with
/// `ts > bound`, not from the user, not system notices, not deleted (every attachment row counts,
/// Q13). Conversations with nothing unread are absent from the map.
///
/// One query per [`CONVERSATIONS_PER_QUERY`] conversations: a disjunction of `(channel = ? AND
/// ts > ?)` terms, each an index range on `messages (channel, ts)`, so the work grows with what is
/// unread, not with the history.
pub fn unread_counts(
    conn: &mut DbConnection,
    user_id: i64,
    bounds: &[(String, f64)],
) -> anyhow::Result<HashMap<String, i64>> {
    let mut counts = HashMap::new();
    for chunk in bounds.chunks(CONVERSATIONS_PER_QUERY) {
        let Some(unread_range) = chunk.iter().fold(None::<Condition>, |any, (channel, bound)| {
            let one: Condition = Box::new(messages::channel.eq(channel.clone()).and(messages::ts.gt(*bound)));
            Some(match any {
                None => one,
                Some(any) => Box::new(any.or(one)),
            })
        }) else {
            continue;
        };
        let rows: Vec<(String, i64)> = messages::table
            .filter(unread_range)
            .filter(messages::is_system.eq(0))
            .filter(messages::deleted_ts.is_null())
            .filter(messages::sender_id.ne(user_id).or(messages::sender_id.is_null()))
            .group_by(messages::channel)
            .select((messages::channel, count_star()))
            .load(conn)
            .context("count unread messages")?;
        counts.extend(rows);
    }
    Ok(counts)
}

/// Moves the user's mark in `channel` up to its newest message (never backwards, never past a
/// message still being committed: the newest *committed* `ts` is below any later one, because the
/// channel clock hands them out in commit order). `initial` is the mark to start from when there is
/// none yet. Returns the new mark.
pub fn mark_read(
    conn: &mut DbConnection,
    user_id: i64,
    channel: &str,
    initial: ReadMark,
    visible_from: f64,
) -> anyhow::Result<ReadMark> {
    conn.transaction(|conn| {
        // Writes first: SQLite takes its write lock, PostgreSQL locks the row until commit, so two
        // concurrent marks of the same user and channel cannot interleave their read and write.
        per_backend!(conn, |c| diesel::insert_into(channel_reads::table)
            .values((
                channel_reads::user_id.eq(user_id),
                channel_reads::channel.eq(channel),
                channel_reads::read_ts.eq(initial.read_ts),
                channel_reads::receipts_from.eq(initial.receipts_from),
            ))
            .on_conflict_do_nothing()
            .execute(c))
        .context("create read mark")?;
        let row = channel_reads::table.find((user_id, channel));
        diesel::update(row)
            .set(channel_reads::read_ts.eq(channel_reads::read_ts))
            .execute(conn)
            .context("lock read mark")?;
        let (read_ts, receipts_from): (f64, f64) = row
            .select((channel_reads::read_ts, channel_reads::receipts_from))
            .first(conn)
            .context("read read mark")?;
        let current = ReadMark { read_ts, receipts_from };
        let newest: Option<f64> = messages::table
            .filter(messages::channel.eq(channel))
            .select(max(messages::ts))
            .first(conn)
            .context("find newest message")?;
        let next = current.marked_read(visible_from, newest);
        if next != current {
            diesel::update(row)
                .set((channel_reads::read_ts.eq(next.read_ts), channel_reads::receipts_from.eq(next.receipts_from)))
                .execute(conn)
                .context("move read mark")?;
        }
        Ok(next)
    })
}

/// Every read receipt in `channel` on the messages from `visible_from` on (what the asking user can
/// see), as `(message ts, reader name)`: reader R has read the messages with `R.receipts_from < ts
/// <= R.read_ts` that someone else sent and that are not system notices. Deleted messages keep
/// their receipts, as in the reference. A pair appears once however many rows the send has.
///
/// Driven by the channel's few read marks (`channel_reads_by_channel`), each an index range on
/// `messages (channel, ts)`.
pub fn receipts(conn: &mut DbConnection, channel: &str, visible_from: f64) -> anyhow::Result<Vec<(f64, String)>> {
    let mut query = channel_reads::table
        .inner_join(users::table)
        .inner_join(
            messages::table.on(messages::channel
                .eq(channel_reads::channel)
                .and(messages::ts.gt(channel_reads::receipts_from))
                .and(messages::ts.le(channel_reads::read_ts))),
        )
        .filter(channel_reads::channel.eq(channel))
        .filter(messages::channel.eq(channel))
        .filter(messages::is_system.eq(0))
        .filter(messages::sender_id.ne(channel_reads::user_id.nullable()).or(messages::sender_id.is_null()))
        .select((messages::ts, users::username))
        .distinct()
        .into_boxed();
    // An infinite bound is never sent to the database (the conversation is visible from its start).
    if visible_from.is_finite() {
        query = query.filter(messages::ts.ge(visible_from));
    }
    query.load(conn).context("load read receipts")
}
