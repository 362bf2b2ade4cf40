//! Pins: one row per pinned (or once pinned) send. A pin or unpin also moves the send's rows'
//! `changed_ts`, which is what a poll's query looks at, and records its time in `changed_ts` here,
//! which the poll's row rule reads as the message's pin change.
use std::collections::HashMap;

use anyhow::Context;
use diesel::prelude::*;

use super::messages::MessageRow;
use super::schema::{messages, pins};
use super::DbConnection;

/// The pin state of a send.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = pins)]
pub struct PinRow {
    pub send_id: i64,
    pub pinned_by: Option<String>,
    pub pinned_ts: Option<f64>,
    /// The last pin or unpin.
    pub changed_ts: f64,
}

/// How many sends of `channel` are pinned now.
pub fn count(conn: &mut DbConnection, channel: &str) -> anyhow::Result<i64> {
    pins::table
        .filter(pins::channel.eq(channel))
        .filter(pins::pinned_ts.is_not_null())
        .count()
        .get_result(conn)
        .context("count pins")
}

/// Pins the send as `by` at `ts`; a pinned send keeps its first pin. Returns whether it changed.
/// Call inside the transaction that ticked the channel's clock: that lock serialises the pins of one
/// conversation, so the caller's count of them holds until it commits.
pub fn pin(conn: &mut DbConnection, send_id: i64, channel: &str, by: &str, ts: f64) -> anyhow::Result<bool> {
    let existing: Option<PinRow> =
        pins::table.find(send_id).select(PinRow::as_select()).first(conn).optional().context("find pin")?;
    match existing {
        Some(row) if row.pinned_ts.is_some() => return Ok(false),
        Some(_) => {
            diesel::update(pins::table.find(send_id))
                .set((pins::pinned_by.eq(Some(by)), pins::pinned_ts.eq(Some(ts)), pins::changed_ts.eq(ts)))
                .execute(conn)
                .context("pin again")?;
        }
        None => {
            diesel::insert_into(pins::table)
                .values((
                    pins::send_id.eq(send_id),
                    pins::channel.eq(channel),
                    pins::pinned_by.eq(Some(by)),
                    pins::pinned_ts.eq(Some(ts)),
                    pins::changed_ts.eq(ts),
                ))
                .execute(conn)
                .context("pin")?;
        }
    }
    touch(conn, send_id, ts)?;
    Ok(true)
}

/// Unpins the send at `ts`. Returns whether it was pinned.
pub fn unpin(conn: &mut DbConnection, send_id: i64, ts: f64) -> anyhow::Result<bool> {
    let changed = diesel::update(pins::table.find(send_id).filter(pins::pinned_ts.is_not_null()))
        .set((pins::pinned_by.eq(None::<String>), pins::pinned_ts.eq(None::<f64>), pins::changed_ts.eq(ts)))
        .execute(conn)
        .context("unpin")?;
    if changed > 0 {
        touch(conn, send_id, ts)?;
    }
    Ok(changed > 0)
}

/// Unpins sends that are being deleted (their deletion is the change pollers receive), in batches.
pub fn clear(conn: &mut DbConnection, send_ids: &[i64]) -> anyhow::Result<()> {
    for slice in send_ids.chunks(super::BIND_BATCH) {
        diesel::update(pins::table.filter(pins::send_id.eq_any(slice)).filter(pins::pinned_ts.is_not_null()))
            .set((pins::pinned_by.eq(None::<String>), pins::pinned_ts.eq(None::<f64>)))
            .execute(conn)
            .context("unpin deleted sends")?;
    }
    Ok(())
}

/// A pin change is a change of every row of the send for pollers.
fn touch(conn: &mut DbConnection, send_id: i64, ts: f64) -> anyhow::Result<()> {
    diesel::update(messages::table.filter(messages::send_id.eq(send_id)))
        .set(messages::changed_ts.eq(ts))
        .execute(conn)
        .context("mark pin change")?;
    Ok(())
}

/// The pin states of the given sends (those ever pinned).
pub fn of_sends(conn: &mut DbConnection, send_ids: &[i64]) -> anyhow::Result<HashMap<i64, PinRow>> {
    let rows: Vec<PinRow> = super::batched(send_ids, |send_ids| {
        pins::table.filter(pins::send_id.eq_any(send_ids)).select(PinRow::as_select()).load(conn).context("load pins")
    })?;
    Ok(rows.into_iter().map(|row| (row.send_id, row)).collect())
}

/// The undeleted rows of the sends pinned in `channel` and sent at or after `visible_from`, newest
/// pin first, the rows of a send in id order, with each send's pin. Bounded by the pins a
/// conversation may hold.
pub fn list(conn: &mut DbConnection, channel: &str, visible_from: f64) -> anyhow::Result<Vec<(MessageRow, PinRow)>> {
    let pinned: Vec<PinRow> = pins::table
        .filter(pins::channel.eq(channel))
        .filter(pins::pinned_ts.is_not_null())
        .order((pins::pinned_ts.desc(), pins::send_id.desc()))
        .select(PinRow::as_select())
        .load(conn)
        .context("list pins")?;
    let send_ids: Vec<i64> = pinned.iter().map(|pin| pin.send_id).collect();
    let rows: Vec<MessageRow> = super::batched(&send_ids, |send_ids| {
        messages::table
            .filter(messages::send_id.eq_any(send_ids))
            .filter(messages::deleted_ts.is_null())
            .filter(messages::ts.ge(visible_from))
            .order(messages::id.asc())
            .select(MessageRow::as_select())
            .load(conn)
            .context("load pinned messages")
    })?;
    let mut by_send: HashMap<i64, Vec<MessageRow>> = HashMap::new();
    for row in rows {
        by_send.entry(row.send_id).or_default().push(row);
    }
    Ok(pinned
        .into_iter()
        .flat_map(|pin| {
            let rows = by_send.remove(&pin.send_id).unwrap_or_default();
            rows.into_iter().map(move |row| (row, pin.clone()))
        })
        .collect())
}
