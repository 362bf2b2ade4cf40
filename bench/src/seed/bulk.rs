//! Histories of a million messages in one SQL statement: a recursive sequence turned into message
//! rows inside SQLite, instead of a million inserts from Rust (seconds instead of minutes). The rows
//! look like sent ones: one row per send (`send_id` = `id`), a rotating sender with their account,
//! increasing `ts`; they are left out of search (`folded_content` NULL: the search index's triggers
//! then store an empty document, and `search_1m` has a corpus of its own).
use anyhow::Context;
use diesel::connection::SimpleConnection;
use diesel::dsl::max;
use diesel::prelude::*;
use minimost::store::schema::messages;
use minimost::store::DbConnection;

/// One channel's bulk history.
pub struct Bulk {
    pub channel: String,
    pub count: u32,
    /// Senders rotate through `user1` … `user<users>`.
    pub users: u32,
    /// The first message's `ts`; the others follow at most 1 ms apart, all within 3,000 s.
    pub start: f64,
}

impl Bulk {
    fn step(&self) -> f64 {
        (3_000.0 / f64::from(self.count.max(1))).min(0.001)
    }
}

/// Inserts the history (call inside a transaction); returns the newest message's `ts`.
pub fn insert(conn: &mut DbConnection, plan: &Bulk) -> anyhow::Result<f64> {
    let last_id: Option<i64> = messages::table.select(max(messages::id)).first(conn).context("find the last id")?;
    let base = last_id.unwrap_or(0);
    let channel = quoted(&plan.channel);
    let (count, users, start, step) = (plan.count, plan.users, plan.start, plan.step());
    // Every value is the bench's own (numbers and a configured channel name), never outside input.
    let sql = format!(
        "INSERT INTO messages (id, channel, send_id, sender, sender_id, is_system, content, ts, changed_ts) \
         WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < {count} - 1), \
         rows AS (SELECT n, 'user' || (n % {users} + 1) AS sender, \
                  printf('Message %d about the release notes, the review queue and the standup', n) AS text \
                  FROM seq) \
         SELECT {base} + n + 1, {channel}, {base} + n + 1, sender, \
                (SELECT id FROM users WHERE username_key = sender), 0, text, \
                {start:?} + n * {step:?}, {start:?} + n * {step:?} \
         FROM rows"
    );
    conn.batch_execute(&sql).with_context(|| format!("insert the bulk history of {}", plan.channel))?;
    let newest = start + f64::from(count.saturating_sub(1)) * step;
    conn.batch_execute(&format!(
        "UPDATE channels SET last_message_ts = {newest:?}, clock = max(clock, {newest:?}) WHERE id = {channel}"
    ))
    .context("record the newest bulk message")?;
    Ok(newest)
}

/// Users 1..=`readers` (by id) have read `channel` up to `newest`, with receipts on all of it.
pub fn mark_read(conn: &mut DbConnection, channel: &str, readers: u32, newest: f64) -> anyhow::Result<()> {
    let channel = quoted(channel);
    conn.batch_execute(&format!(
        "INSERT INTO channel_reads (user_id, channel, read_ts, receipts_from) \
         SELECT id, {channel}, {newest:?}, 0.0 FROM users ORDER BY id LIMIT {readers}"
    ))
    .context("mark the channel read")?;
    Ok(())
}

/// A SQL string literal.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
