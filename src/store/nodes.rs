//! The nodes of a deployment (a heartbeat row each) and the settings they share.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::{cluster_settings, nodes};
use super::{per_backend, DbConnection};

/// The PostgreSQL advisory lock (transaction level) that makes starting nodes check the shared
/// settings one at a time ("MMnodes" in ASCII). SQLite serialises writers anyway.
pub const MEMBERSHIP_LOCK: i64 = 0x004d_4d6e_6f64_6573;

/// Makes the transaction the only one checking membership until it ends.
pub fn lock_membership(conn: &mut DbConnection) -> anyhow::Result<()> {
    if let DbConnection::Postgres(conn) = conn {
        diesel::sql_query(format!("SELECT pg_advisory_xact_lock({MEMBERSHIP_LOCK})"))
            .execute(conn)
            .context("take the membership lock")?;
    }
    Ok(())
}

/// Records the node as started and alive at `now`.
pub fn register(conn: &mut DbConnection, id: &str, now: f64) -> anyhow::Result<()> {
    per_backend!(conn, |c| diesel::insert_into(nodes::table)
        .values((nodes::id.eq(id), nodes::started_at.eq(now), nodes::last_seen.eq(now)))
        .on_conflict(nodes::id)
        .do_update()
        .set((nodes::started_at.eq(now), nodes::last_seen.eq(now)))
        .execute(c))
    .context("register the node")?;
    Ok(())
}

/// The node is alive at `now` (its row comes back if something removed it).
pub fn heartbeat(conn: &mut DbConnection, id: &str, now: f64) -> anyhow::Result<()> {
    per_backend!(conn, |c| diesel::insert_into(nodes::table)
        .values((nodes::id.eq(id), nodes::started_at.eq(now), nodes::last_seen.eq(now)))
        .on_conflict(nodes::id)
        .do_update()
        .set(nodes::last_seen.eq(now))
        .execute(c))
    .context("record the node's heartbeat")?;
    Ok(())
}

/// Removes the node (it stopped).
pub fn remove(conn: &mut DbConnection, id: &str) -> anyhow::Result<()> {
    diesel::delete(nodes::table.find(id)).execute(conn).context("remove the node")?;
    Ok(())
}

/// Removes the rows of nodes not seen since `before` (crashed long ago, or gone for good).
pub fn forget_stale(conn: &mut DbConnection, before: f64) -> anyhow::Result<()> {
    diesel::delete(nodes::table.filter(nodes::last_seen.lt(before))).execute(conn).context("forget stale nodes")?;
    Ok(())
}

/// The other nodes seen at or after `since`.
pub fn others_alive(conn: &mut DbConnection, id: &str, since: f64) -> anyhow::Result<Vec<String>> {
    nodes::table
        .filter(nodes::id.ne(id))
        .filter(nodes::last_seen.ge(since))
        .select(nodes::id)
        .order(nodes::id)
        .load(conn)
        .context("find the live nodes")
}

/// A shared setting's recorded value.
pub fn setting(conn: &mut DbConnection, name: &str) -> anyhow::Result<Option<String>> {
    cluster_settings::table
        .find(name)
        .select(cluster_settings::value)
        .first(conn)
        .optional()
        .context("read a shared setting")
}

/// Records a shared setting's value.
pub fn set_setting(conn: &mut DbConnection, name: &str, value: &str, now: f64) -> anyhow::Result<()> {
    per_backend!(conn, |c| diesel::insert_into(cluster_settings::table)
        .values((
            cluster_settings::name.eq(name),
            cluster_settings::value.eq(value),
            cluster_settings::changed_at.eq(now)
        ))
        .on_conflict(cluster_settings::name)
        .do_update()
        .set((cluster_settings::value.eq(value), cluster_settings::changed_at.eq(now)))
        .execute(c))
    .context("record a shared setting")?;
    Ok(())
}
