//! Messages: one row per text and per attachment; the rows of one send share `send_id` and `ts`.
use std::collections::HashMap;

use anyhow::Context;
use diesel::prelude::*;

use super::schema::{messages, reactions, users};
use super::DbConnection;
use crate::domain::reactions::ReactionMap;
use crate::domain::search::fold;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = messages)]
pub struct MessageRow {
    pub id: i64,
    pub channel: String,
    pub send_id: i64,
    pub sender: String,
    pub sender_id: Option<i64>,
    pub is_system: i32,
    pub content: Option<String>,
    pub filename: Option<String>,
    pub ts: f64,
    pub edited_ts: Option<f64>,
    pub deleted_ts: Option<f64>,
    pub reply_to_id: Option<i64>,
    pub reactions_ts: Option<f64>,
    pub mentions: Option<String>,
    pub changed_ts: f64,
}

impl MessageRow {
    pub fn is_deleted(&self) -> bool {
        self.deleted_ts.is_some()
    }
}

/// One send: optional text and any number of stored attachments.
pub struct NewSend<'a> {
    pub channel: &'a str,
    pub sender: &'a str,
    /// `None` for system messages.
    pub sender_id: Option<i64>,
    pub text: Option<&'a str>,
    pub filenames: &'a [String],
    pub reply_to_id: Option<i64>,
    pub mentions: Option<&'a str>,
    pub ts: f64,
}

#[derive(Insertable)]
#[diesel(table_name = messages)]
struct NewRow<'a> {
    channel: &'a str,
    send_id: i64,
    sender: &'a str,
    sender_id: Option<i64>,
    is_system: i32,
    content: Option<&'a str>,
    filename: Option<&'a str>,
    ts: f64,
    reply_to_id: Option<i64>,
    mentions: Option<&'a str>,
    changed_ts: f64,
    folded_content: Option<String>,
}

/// Inserts the rows of a send (text first, then each attachment) and returns their ids. Call inside
/// the transaction that ticked the channel's clock.
pub fn insert_send(conn: &mut DbConnection, send: &NewSend<'_>) -> anyhow::Result<Vec<i64>> {
    let mut rows: Vec<(Option<&str>, Option<&str>, Option<&str>)> = Vec::new();
    if let Some(text) = send.text {
        rows.push((Some(text), None, send.mentions));
    }
    for filename in send.filenames {
        // Attachment rows carry no text (the reference stores "") and never mentions.
        rows.push((Some(""), Some(filename.as_str()), None));
    }
    let mut ids = Vec::with_capacity(rows.len());
    let mut send_id = 0;
    for (content, filename, mentions) in rows {
        let row = NewRow {
            channel: send.channel,
            send_id,
            sender: send.sender,
            sender_id: send.sender_id,
            is_system: i32::from(send.sender_id.is_none()),
            content,
            filename,
            ts: send.ts,
            reply_to_id: send.reply_to_id,
            mentions,
            changed_ts: send.ts,
            folded_content: searchable_text(content),
        };
        let id: i64 = diesel::insert_into(messages::table)
            .values(&row)
            .returning(messages::id)
            .get_result(conn)
            .context("insert message")?;
        if ids.is_empty() {
            send_id = id;
            diesel::update(messages::table.find(id))
                .set(messages::send_id.eq(id))
                .execute(conn)
                .context("set send id")?;
        }
        ids.push(id);
    }
    Ok(ids)
}

/// Makes a send without a sender (stored as a notice about the conversation: never unread, no
/// receipts) count as a message to its reader, as the original's password-reset notice does.
pub fn count_as_message(conn: &mut DbConnection, send_id: i64) -> anyhow::Result<()> {
    diesel::update(messages::table.filter(messages::send_id.eq(send_id)))
        .set(messages::is_system.eq(0))
        .execute(conn)
        .context("count a notice as a message")?;
    Ok(())
}

/// What the search index holds for a row's content: its folded text, or `None` for rows nothing
/// can be found in (attachments).
fn searchable_text(content: Option<&str>) -> Option<String> {
    content.filter(|text| !text.is_empty()).map(fold)
}

/// Rows of `channel` with `ts >= visible_from` changed after `after` (or all when `None`), in send
/// order. The caller applies the exact per-row rule of the `after` filter.
pub fn changed_since(
    conn: &mut DbConnection,
    channel: &str,
    visible_from: f64,
    after: Option<f64>,
) -> anyhow::Result<Vec<MessageRow>> {
    let query = messages::table.filter(messages::channel.eq(channel)).select(MessageRow::as_select());
    let Some(after) = after else {
        return query
            .filter(messages::ts.ge(visible_from))
            .order((messages::ts.asc(), messages::id.asc()))
            .load(conn)
            .context("list messages");
    };
    // A poll: only the (channel, changed_ts) index finds the few changed rows quickly. Given a `ts`
    // condition or an ORDER BY ts, planners walk the whole channel in `ts` order instead, so both
    // are applied here.
    let mut rows: Vec<MessageRow> = query.filter(messages::changed_ts.gt(after)).load(conn).context("list messages")?;
    rows.retain(|row| row.ts >= visible_from);
    rows.sort_by(|a, b| a.ts.total_cmp(&b.ts).then(a.id.cmp(&b.id)));
    Ok(rows)
}

pub fn find(conn: &mut DbConnection, id: i64) -> anyhow::Result<Option<MessageRow>> {
    messages::table.find(id).select(MessageRow::as_select()).first(conn).optional().context("find message")
}

/// The undeleted rows carrying the stored file `filename` (normally exactly one).
pub fn carrying_file(conn: &mut DbConnection, filename: &str) -> anyhow::Result<Vec<MessageRow>> {
    messages::table
        .filter(messages::filename.eq(filename))
        .filter(messages::deleted_ts.is_null())
        .select(MessageRow::as_select())
        .load(conn)
        .context("find messages carrying a file")
}

/// The reaction sets of the given sends.
pub fn reactions_of(conn: &mut DbConnection, send_ids: &[i64]) -> anyhow::Result<HashMap<i64, ReactionMap>> {
    let mut maps: HashMap<i64, ReactionMap> = HashMap::new();
    if send_ids.is_empty() {
        return Ok(maps);
    }
    let rows: Vec<(i64, String, String)> = super::batched(send_ids, |send_ids| {
        reactions::table
            .inner_join(users::table)
            .filter(reactions::send_id.eq_any(send_ids))
            .select((reactions::send_id, reactions::name, users::username))
            .load(conn)
            .context("load reactions")
    })?;
    for (send_id, name, username) in rows {
        maps.entry(send_id).or_default().insert(name, username);
    }
    Ok(maps)
}

/// Replaces the text of a send (its text row; attachments have none) and marks it edited at `ts`.
/// Returns whether there was a text row to edit.
pub fn edit_text(
    conn: &mut DbConnection,
    send_id: i64,
    text: &str,
    mentions: Option<&str>,
    ts: f64,
) -> anyhow::Result<bool> {
    let changed =
        diesel::update(messages::table.filter(messages::send_id.eq(send_id)).filter(messages::filename.is_null()))
            .set((
                messages::content.eq(Some(text)),
                messages::mentions.eq(mentions),
                messages::edited_ts.eq(Some(ts)),
                messages::changed_ts.eq(ts),
            ))
            .execute(conn)
            .context("edit message")?;
    // A deleted message may be edited (it stays deleted) but must stay out of search.
    diesel::update(
        messages::table
            .filter(messages::send_id.eq(send_id))
            .filter(messages::filename.is_null())
            .filter(messages::deleted_ts.is_null()),
    )
    .set(messages::folded_content.eq(searchable_text(Some(text))))
    .execute(conn)
    .context("index edited message")?;
    Ok(changed > 0)
}

/// Marks every row of a send deleted at `ts` (again, if it already was: pollers get it once more),
/// and takes it out of search.
pub fn soft_delete(conn: &mut DbConnection, send_id: i64, ts: f64) -> anyhow::Result<()> {
    diesel::update(messages::table.filter(messages::send_id.eq(send_id)))
        .set((
            messages::deleted_ts.eq(Some(ts)),
            messages::changed_ts.eq(ts),
            messages::folded_content.eq(None::<String>),
        ))
        .execute(conn)
        .context("delete message")?;
    Ok(())
}

/// Marks a send's reactions changed at `ts`, so pollers fetch it again.
pub fn touch_reactions(conn: &mut DbConnection, send_id: i64, ts: f64) -> anyhow::Result<()> {
    diesel::update(messages::table.filter(messages::send_id.eq(send_id)))
        .set((messages::reactions_ts.eq(Some(ts)), messages::changed_ts.eq(ts)))
        .execute(conn)
        .context("mark reaction change")?;
    Ok(())
}

/// Every row of one send, in order.
pub fn send_rows(conn: &mut DbConnection, send_id: i64) -> anyhow::Result<Vec<MessageRow>> {
    messages::table
        .filter(messages::send_id.eq(send_id))
        .select(MessageRow::as_select())
        .order(messages::id.asc())
        .load(conn)
        .context("load send")
}
