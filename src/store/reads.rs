//! Read state: one watermark row per user and conversation (`channel_reads`), unread counts and
//! read receipts derived from it. Every query here is a primary-key lookup or an index range over
//! `messages (channel, ts)` (or `messages (channel, id)` for a receipt window): these back endpoints
//! that clients poll every second.
use std::collections::HashMap;

use anyhow::Context;
use diesel::dsl::max;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Text};

use super::schema::{channel_reads, messages, users};
use super::{per_backend, DbConnection};
use crate::domain::paging::{ReaderMark, WindowSend};
use crate::domain::reads::ReadMark;

/// How many conversations one counting query covers (well within every bind-parameter limit).
const CONVERSATIONS_PER_QUERY: usize = 100;

/// When the user signed up (where their public-channel history starts being unread).
pub fn signed_up_at(conn: &mut DbConnection, user_id: i64) -> anyhow::Result<f64> {
    users::table.find(user_id).select(users::created_at).first(conn).context("find sign-up time")
}

/// The user's stored marks in these conversations (absent ones have never been marked read).
pub fn marks(conn: &mut DbConnection, user_id: i64, channels: &[String]) -> anyhow::Result<HashMap<String, ReadMark>> {
    let rows: Vec<(String, f64, f64)> = super::batched(channels, |channels| {
        channel_reads::table
            .filter(channel_reads::user_id.eq(user_id))
            .filter(channel_reads::channel.eq_any(channels))
            .select((channel_reads::channel, channel_reads::read_ts, channel_reads::receipts_from))
            .load(conn)
            .context("load read marks")
    })?;
    Ok(rows
        .into_iter()
        .map(|(channel, read_ts, receipts_from)| (channel, ReadMark { read_ts, receipts_from }))
        .collect())
}

/// Unread messages per conversation, for `(channel, bound)` pairs: messages of the channel with
/// `ts > bound`, not from the user, not system notices, not deleted (every attachment row counts,
/// Q13). Conversations with nothing unread may be absent from the map.
///
/// One query per [`CONVERSATIONS_PER_QUERY`] conversations. It is written in SQL because the DSL
/// cannot express its shape: the bounds as a `VALUES` list, each counted by a correlated subquery,
/// i.e. one index range on `messages (channel, ts)` per conversation, so the work grows with what
/// is unread and not with the history. (The DSL's alternative, an `OR` of `(channel = ? AND ts >
/// ?)` terms, makes SQLite's planner scan every message once there are a few dozen terms.)
pub fn unread_counts(
    conn: &mut DbConnection,
    user_id: i64,
    bounds: &[(String, f64)],
) -> anyhow::Result<HashMap<String, i64>> {
    let mut counts = HashMap::new();
    for chunk in bounds.chunks(CONVERSATIONS_PER_QUERY) {
        let sql = unread_counts_sql(chunk.len());
        let rows: Vec<UnreadRow> = per_backend!(conn, |c| {
            let mut query = diesel::sql_query(sql.as_str()).into_boxed().bind::<BigInt, _>(user_id);
            for (channel, bound) in chunk {
                query = query.bind::<Text, _>(channel.as_str()).bind::<Double, _>(*bound);
            }
            query.load(c)
        })
        .context("count unread messages")?;
        counts.extend(rows.into_iter().map(|row| (row.channel, row.unread)));
    }
    Ok(counts)
}

#[derive(QueryableByName)]
struct UnreadRow {
    #[diesel(sql_type = Text)]
    channel: String,
    #[diesel(sql_type = BigInt)]
    unread: i64,
}

/// The unread-count query for `conversations` (channel, bound) pairs. Placeholders are `$n`, numbered
/// in order of first appearance: PostgreSQL's positional syntax, and to SQLite named parameters
/// that take their index from that same order, so one text serves both. `VALUES` columns are called
/// `column1`, `column2` by both.
fn unread_counts_sql(conversations: usize) -> String {
    let values: Vec<String> = (0..conversations).map(|n| format!("(${}, ${})", 2 * n + 2, 2 * n + 3)).collect();
    format!(
        "SELECT b.column1 AS channel, \
         (SELECT COUNT(*) FROM messages m \
          WHERE m.channel = b.column1 AND m.ts > b.column2 AND m.is_system = 0 \
          AND m.deleted_ts IS NULL AND (m.sender_id IS NULL OR m.sender_id <> $1)) AS unread \
         FROM (VALUES {}) AS b",
        values.join(", ")
    )
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
        let (read_ts, receipts_from): (f64, f64) =
            row.select((channel_reads::read_ts, channel_reads::receipts_from)).first(conn).context("read read mark")?;
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
/// see): reader R has read the messages with `R.receipts_from < ts <= R.read_ts` that someone else
/// sent and that are not system notices. Deleted messages keep their receipts, as in the reference. A send with attachments yields its pair once per row; the
/// caller merges them (cheaper than `DISTINCT` in the database over what can be many pairs).
///
/// Driven by the channel's read marks (`channel_reads_by_channel`), each an index range on
/// `messages (channel, ts)`.
pub fn receipts(conn: &mut DbConnection, channel: &str, visible_from: f64) -> anyhow::Result<Receipts> {
    let readers: HashMap<i64, String> = channel_reads::table
        .inner_join(users::table)
        .filter(channel_reads::channel.eq(channel))
        .select((users::id, users::username))
        .load::<(i64, String)>(conn)
        .context("load readers")?
        .into_iter()
        .collect();
    if readers.is_empty() {
        return Ok(Receipts { readers, pairs: Vec::new() });
    }
    let mut query = channel_reads::table
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
        .select((messages::ts, channel_reads::user_id))
        .into_boxed();
    // An infinite bound is never sent to the database (the conversation is visible from its start).
    if visible_from.is_finite() {
        query = query.filter(messages::ts.ge(visible_from));
    }
    let pairs = query.load(conn).context("load read receipts")?;
    Ok(Receipts { readers, pairs })
}

/// The receipts of a channel: `(message ts, reader id)` pairs and the readers' names.
pub struct Receipts {
    pub readers: HashMap<i64, String>,
    pub pairs: Vec<(f64, i64)>,
}

impl Receipts {
    /// `(message ts, reader name)` pairs.
    pub fn named(&self) -> impl Iterator<Item = (f64, &str)> + '_ {
        self.pairs.iter().filter_map(|(ts, reader)| self.readers.get(reader).map(|name| (*ts, name.as_str())))
    }
}

/// The newest sends of `channel` with a row whose id lies in `[from_id, to_id]`, sent at or after
/// `visible_from`, at most `max_sends` of them, newest first: one range of the `messages (channel,
/// id)` index of at most `max_rows` rows (a send has one row per attachment besides its text; the
/// caller sizes `max_rows` so that `max_sends` sends fit).
pub fn window_sends(
    conn: &mut DbConnection,
    channel: &str,
    visible_from: f64,
    (from_id, to_id): (i64, i64),
    max_sends: usize,
    max_rows: i64,
) -> anyhow::Result<Vec<WindowSend>> {
    // A conversation visible from its start (an infinite `visible_from`, never sent to the database)
    // binds the lowest finite double instead, which every stored `ts` passes: one statement shape,
    // cached by type (see `history::lowest_visible_ts`).
    let lowest_ts = if visible_from.is_finite() { visible_from } else { f64::MIN };
    // On the backend's own connection type, as the page queries (see `history::PageRow`).
    let rows: Vec<(f64, Option<i64>, i32)> = per_backend!(conn, |c| messages::table
        .filter(messages::channel.eq(channel))
        .filter(messages::id.ge(from_id))
        .filter(messages::id.le(to_id))
        .filter(messages::ts.ge(lowest_ts))
        .select((messages::ts, messages::sender_id, messages::is_system))
        .order(messages::id.desc())
        .limit(max_rows)
        .load(c))
    .context("load receipt window")?;
    let mut sends: Vec<WindowSend> = Vec::new();
    for (ts, sender_id, is_system) in rows {
        // The rows of one send are adjacent and share its `ts`.
        if sends.last().is_some_and(|last| last.ts == ts) {
            continue;
        }
        if sends.len() == max_sends {
            break;
        }
        sends.push(WindowSend { ts, sender_id, is_system: is_system != 0 });
    }
    Ok(sends)
}

/// The read marks in `channel` that cover some of `(oldest, newest)` (the `ts` span of a receipt
/// window), with their readers' names.
pub fn marks_covering(
    conn: &mut DbConnection,
    channel: &str,
    (oldest, newest): (f64, f64),
) -> anyhow::Result<(Vec<ReaderMark>, HashMap<i64, String>)> {
    let rows: Vec<(i64, String, f64, f64)> = per_backend!(conn, |c| channel_reads::table
        .inner_join(users::table)
        .filter(channel_reads::channel.eq(channel))
        .filter(channel_reads::read_ts.ge(oldest))
        .filter(channel_reads::receipts_from.lt(newest))
        .select((users::id, users::username, channel_reads::receipts_from, channel_reads::read_ts))
        .load(c))
    .context("load read marks of a window")?;
    let mut names = HashMap::with_capacity(rows.len());
    let mut marks = Vec::with_capacity(rows.len());
    for (user_id, username, receipts_from, read_ts) in rows {
        names.insert(user_id, username);
        marks.push(ReaderMark { user_id, receipts_from, read_ts });
    }
    Ok((marks, names))
}
