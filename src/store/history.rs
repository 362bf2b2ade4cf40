//! Pages of a conversation's history by message id (`GET /messages/{channel}` with `limit`, `before`,
//! `after_id` or `around`). Every query is one range of the `messages (channel, id)` index
//! (`messages_by_channel_id`) of at most `limit` rows, so a page costs the same on a channel of a
//! thousand messages or of a million.
//!
//! What a caller sees starts at `visible_from` (a `ts`); within a channel ids grow with `ts` (the
//! channel clock hands out both while the channel row is locked), so that start is also an id: the
//! first visible row's. Each query bounds its range by that id, so a private channel's page that
//! reaches the caller's join stops there instead of walking the history before it, and keeps the
//! `ts` condition as well, so nothing from before the join is ever returned.
use anyhow::Context;
use diesel::dsl::min;
use diesel::prelude::*;

use super::messages::MessageRow;
use super::pins::PinRow;
use super::schema::{messages, pins};
use super::{per_backend, DbConnection};

/// A row of a page with its send's pin state (`None` for a send never pinned): loaded with the row,
/// by a join on the pin's key, so a page costs one cached statement and not a second query whose
/// `IN` list of sends SQLite must parse anew for each page.
///
/// The page queries run on the backend's own connection type (`per_backend!`): through the
/// combined connection, diesel writes out a statement's SQL text on every execution to find it in
/// its cache, and converts every value through one more layer.
pub type PageRow = (MessageRow, Option<PinRow>);

/// Where the caller's part of a conversation starts: the first id they may see and the `ts` it
/// carries (`None` for a conversation visible from its beginning).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VisibleStart {
    pub first_id: i64,
    pub visible_from: Option<f64>,
}

/// The start of what a caller who sees `channel` from `visible_from` on can see, or `None` when
/// they see nothing of it (yet). Two lookups at the start of a `messages (channel, ts)` range.
pub fn visible_start(
    conn: &mut DbConnection,
    channel: &str,
    visible_from: f64,
) -> anyhow::Result<Option<VisibleStart>> {
    if !visible_from.is_finite() {
        // Visible from the beginning: no bound (an infinite bound is never sent to the database).
        return Ok(Some(VisibleStart { first_id: 1, visible_from: None }));
    }
    let first_ts: Option<f64> = messages::table
        .filter(messages::channel.eq(channel))
        .filter(messages::ts.ge(visible_from))
        .select(min(messages::ts))
        .first(conn)
        .context("find first visible message")?;
    let Some(first_ts) = first_ts else { return Ok(None) };
    let first_id: Option<i64> = messages::table
        .filter(messages::channel.eq(channel))
        .filter(messages::ts.eq(first_ts))
        .select(min(messages::id))
        .first(conn)
        .context("find first visible id")?;
    Ok(first_id.map(|first_id| VisibleStart { first_id, visible_from: Some(visible_from) }))
}

/// The newest `limit` visible rows of `channel` with an id below `before` (all when `None`), newest
/// first.
pub fn newest_before(
    conn: &mut DbConnection,
    channel: &str,
    start: VisibleStart,
    before: Option<i64>,
    limit: u32,
) -> anyhow::Result<Vec<PageRow>> {
    let before = before.unwrap_or(i64::MAX);
    per_backend!(conn, |c| messages::table
        .left_join(pins::table.on(pins::send_id.eq(messages::send_id)))
        .filter(messages::channel.eq(channel))
        .filter(messages::id.ge(start.first_id))
        .filter(messages::id.lt(before))
        .filter(messages::ts.ge(lowest_visible_ts(start)))
        .select((MessageRow::as_select(), Option::<PinRow>::as_select()))
        .order(messages::id.desc())
        .limit(i64::from(limit))
        .load(c))
    .context("load page of messages")
}

/// The oldest `limit` visible rows of `channel` with an id of at least `from`, oldest first.
pub fn oldest_from(
    conn: &mut DbConnection,
    channel: &str,
    start: VisibleStart,
    from: i64,
    limit: u32,
) -> anyhow::Result<Vec<PageRow>> {
    per_backend!(conn, |c| messages::table
        .left_join(pins::table.on(pins::send_id.eq(messages::send_id)))
        .filter(messages::channel.eq(channel))
        .filter(messages::id.ge(from.max(start.first_id)))
        .filter(messages::ts.ge(lowest_visible_ts(start)))
        .select((MessageRow::as_select(), Option::<PinRow>::as_select()))
        .order(messages::id.asc())
        .limit(i64::from(limit))
        .load(c))
    .context("load page of messages")
}

/// The `ts` a visible row has at least: the caller's start, or for a conversation visible from its
/// beginning the lowest finite double, which every stored (finite) `ts` passes. Always binding a
/// bound, rather than leaving the condition out, gives each page query one fixed shape, which
/// diesel caches by type: no SQL text is built per request (as it is for a boxed query), and SQLite
/// parses and plans the statement once per connection.
pub fn lowest_visible_ts(start: VisibleStart) -> f64 {
    start.visible_from.unwrap_or(f64::MIN)
}
