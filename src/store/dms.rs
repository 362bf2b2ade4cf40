//! A user's direct conversations: which ones they are in, when each last had a message, when they
//! closed it, and where their read mark stands.
use anyhow::Context;
use diesel::prelude::*;

use super::channels::{self, KIND_DIRECT};
use super::schema::{channel_members, channel_reads, channels as channels_table};
use super::{per_backend, reads, DbConnection};
use crate::domain::reads::ReadMark;

/// One DM of the user that has at least one message.
#[derive(Debug, Clone, PartialEq)]
pub struct DmState {
    pub channel: String,
    pub last_message_ts: f64,
    pub hidden_at: Option<f64>,
    /// `None` until the user first marks it read.
    pub mark: Option<ReadMark>,
}

/// The user's DMs with messages (deleted and own ones included), in no particular order. One query,
/// driven by the user's memberships (`channel_members_by_user`) and primary-key lookups.
pub fn conversations(conn: &mut DbConnection, user_id: i64) -> anyhow::Result<Vec<DmState>> {
    type Row = (String, Option<f64>, Option<f64>, Option<f64>, Option<f64>);
    let rows: Vec<Row> = channel_members::table
        .inner_join(channels_table::table)
        .left_join(
            channel_reads::table.on(channel_reads::channel
                .eq(channel_members::channel)
                .and(channel_reads::user_id.eq(channel_members::user_id))),
        )
        .filter(channel_members::user_id.eq(user_id))
        .filter(channels_table::kind.eq(KIND_DIRECT))
        .filter(channels_table::last_message_ts.is_not_null())
        .select((
            channel_members::channel,
            channels_table::last_message_ts,
            channel_members::hidden_at,
            channel_reads::read_ts.nullable(),
            channel_reads::receipts_from.nullable(),
        ))
        .load(conn)
        .context("list direct conversations")?;
    Ok(rows
        .into_iter()
        .filter_map(|(channel, last_message_ts, hidden_at, read_ts, receipts_from)| {
            let mark = read_ts.zip(receipts_from).map(|(read_ts, receipts_from)| ReadMark { read_ts, receipts_from });
            Some(DmState { channel, last_message_ts: last_message_ts?, hidden_at, mark })
        })
        .collect())
}

/// Hides the DM from the user's list until a newer message arrives. The hiding time comes from the
/// conversation's clock (created if the DM has no message yet), so every message already sent is at
/// or before it and every later one after it, whatever the nodes' clocks say. Returns that time.
pub fn hide(conn: &mut DbConnection, user_id: i64, channel: &str) -> anyhow::Result<f64> {
    conn.transaction(|conn| {
        let ts = channels::tick(conn, channel, KIND_DIRECT)?;
        // DM members see the whole history of their account, as the first send records them.
        let joined_at = reads::signed_up_at(conn, user_id)?;
        per_backend!(conn, |c| diesel::insert_into(channel_members::table)
            .values((
                channel_members::channel.eq(channel),
                channel_members::user_id.eq(user_id),
                channel_members::joined_at.eq(joined_at),
                channel_members::hidden_at.eq(Some(ts)),
            ))
            .on_conflict((channel_members::channel, channel_members::user_id))
            .do_update()
            .set(channel_members::hidden_at.eq(Some(ts)))
            .execute(c))
        .context("hide direct conversation")?;
        Ok(ts)
    })
}
