//! Reactions: one set per send (every row of a send shows the same reactions), keyed by
//! `(send_id, name, user_id)`.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::reactions;
use super::DbConnection;

/// Adds `user_id`'s reaction `name` to the send, or removes it when it is already there. Returns
/// whether it was added. Call inside the transaction that ticked the channel's clock: that lock
/// serialises toggles of one message, so two toggles never both insert.
pub fn toggle(conn: &mut DbConnection, send_id: i64, name: &str, user_id: i64, ts: f64) -> anyhow::Result<bool> {
    let removed =
        diesel::delete(reactions::table.find((send_id, name, user_id))).execute(conn).context("remove reaction")?;
    if removed > 0 {
        return Ok(false);
    }
    diesel::insert_into(reactions::table)
        .values((
            reactions::send_id.eq(send_id),
            reactions::name.eq(name),
            reactions::user_id.eq(user_id),
            reactions::created_at.eq(ts),
        ))
        .execute(conn)
        .context("add reaction")?;
    Ok(true)
}
