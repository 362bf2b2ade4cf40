//! Queries of the retention cleanup: expired rows found and tombstoned in bounded batches, and old
//! tombstones purged. Every list a query binds is one batch (at most [`super::BIND_BATCH`] ids).
use std::collections::HashSet;

use anyhow::Context;
use diesel::prelude::*;

use super::schema::{channels, messages, pins, reactions};
use super::DbConnection;
use crate::domain::retention::IMAGE_EXTENSIONS;

/// Which rows a retention setting covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Every row (text and attachments): `message_retention_days`.
    Messages,
    /// Attachment rows carrying an image: `image_retention_days`.
    Images,
    /// Attachment rows carrying any other file: `file_retention_days`.
    Files,
}

/// An undeleted row past its retention.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct Expired {
    pub id: i64,
    pub send_id: i64,
    pub channel: String,
    pub filename: Option<String>,
}

/// At most `limit` undeleted rows of `class` sent before `cutoff`, oldest id first.
pub fn expired(conn: &mut DbConnection, class: Class, cutoff: f64, limit: i64) -> anyhow::Result<Vec<Expired>> {
    let mut query = messages::table
        .filter(messages::deleted_ts.is_null())
        .filter(messages::ts.lt(cutoff))
        .select((messages::id, messages::send_id, messages::channel, messages::filename))
        .order(messages::id.asc())
        .limit(limit)
        .into_boxed();
    if class != Class::Messages {
        query = query.filter(messages::filename.is_not_null());
        // Stored names end in their lowercased extension, so a suffix match tells images apart.
        let patterns: Vec<String> = IMAGE_EXTENSIONS.iter().map(|ext| format!("%.{ext}")).collect();
        let mut image = Box::new(messages::filename.like(patterns[0].clone()))
            as Box<
                dyn BoxableExpression<
                    messages::table,
                    _,
                    SqlType = diesel::sql_types::Nullable<diesel::sql_types::Bool>,
                >,
            >;
        for pattern in &patterns[1..] {
            image = Box::new(image.or(messages::filename.like(pattern.clone())));
        }
        query = match class {
            Class::Images => query.filter(image),
            _ => query.filter(diesel::dsl::not(image)),
        };
    }
    query.load(conn).context("find expired messages")
}

/// The kind of a stored conversation (what [`super::channels::tick`] needs).
pub fn channel_kind(conn: &mut DbConnection, channel: &str) -> anyhow::Result<Option<i32>> {
    channels::table.find(channel).select(channels::kind).first(conn).optional().context("read channel kind")
}

/// Turns rows into tombstones at `ts` (the caller unpins their sends): deleted for pollers, and nothing of what they said or
/// carried kept (unlike a user's deletion, which only hides it).
pub fn tombstone(conn: &mut DbConnection, ids: &[i64], ts: f64) -> anyhow::Result<()> {
    diesel::update(messages::table.filter(messages::id.eq_any(ids)))
        .set((
            messages::deleted_ts.eq(Some(ts)),
            messages::changed_ts.eq(ts),
            messages::content.eq(None::<String>),
            messages::filename.eq(None::<String>),
            messages::mentions.eq(None::<String>),
            messages::folded_content.eq(None::<String>),
        ))
        .execute(conn)
        .context("expire messages")?;
    Ok(())
}

/// Removes at most `limit` tombstones deleted before `cutoff` (pollers have had the retention
/// period to learn of them), with the reactions of sends that no row is left of. Returns how many.
pub fn purge_tombstones(conn: &mut DbConnection, cutoff: f64, limit: i64) -> anyhow::Result<usize> {
    let rows: Vec<(i64, i64)> = messages::table
        .filter(messages::deleted_ts.lt(cutoff))
        .select((messages::id, messages::send_id))
        .order(messages::id.asc())
        .limit(limit)
        .load(conn)
        .context("find old tombstones")?;
    if rows.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    let mut send_ids: Vec<i64> = rows.iter().map(|(_, send_id)| *send_id).collect();
    send_ids.sort_unstable();
    send_ids.dedup();
    diesel::delete(messages::table.filter(messages::id.eq_any(&ids))).execute(conn).context("purge tombstones")?;
    let remaining: HashSet<i64> = messages::table
        .filter(messages::send_id.eq_any(&send_ids))
        .select(messages::send_id)
        .distinct()
        .load::<i64>(conn)
        .context("find remaining sends")?
        .into_iter()
        .collect();
    let gone: Vec<i64> = send_ids.into_iter().filter(|id| !remaining.contains(id)).collect();
    diesel::delete(reactions::table.filter(reactions::send_id.eq_any(&gone)))
        .execute(conn)
        .context("purge reactions of purged sends")?;
    diesel::delete(pins::table.filter(pins::send_id.eq_any(&gone)))
        .execute(conn)
        .context("purge pins of purged sends")?;
    Ok(ids.len())
}

/// The PostgreSQL advisory lock that lets one node of a cluster run the cleanup at a time ("MiniRete"
/// in ASCII; see [`super::MIGRATION_LOCK`]).
pub const RETENTION_LOCK: i64 = 0x4d69_6e69_5265_7465;

/// Runs `work` while this connection holds [`RETENTION_LOCK`], or returns `None` at once when another
/// node holds it. SQLite has one node: it always runs. The lock belongs to the connection's session,
/// so it goes with the connection should the unlock fail.
pub fn exclusively<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> anyhow::Result<T>,
) -> anyhow::Result<Option<T>> {
    let DbConnection::Postgres(pg) = conn else { return work(conn).map(Some) };
    #[derive(QueryableByName)]
    struct Taken {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        taken: bool,
    }
    let taken: Taken = diesel::sql_query(format!("SELECT pg_try_advisory_lock({RETENTION_LOCK}) AS taken"))
        .get_result(pg)
        .context("take the retention lock")?;
    if !taken.taken {
        return Ok(None);
    }
    let result = work(conn);
    if let DbConnection::Postgres(pg) = conn {
        let _ = diesel::sql_query(format!("SELECT pg_advisory_unlock({RETENTION_LOCK})")).execute(pg);
    }
    result.map(Some)
}
