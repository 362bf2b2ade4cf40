//! Server-side sessions: the cookie carries a random token, the table its hash, so logout and
//! account deletion revoke a session on every server instance at once.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::{sessions, users};
use super::{per_backend, DbConnection};

#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct SessionUser {
    pub last_used_at: f64,
    pub user_id: i64,
    pub username: String,
    pub user_created_at: f64,
}

pub fn create(conn: &mut DbConnection, token_hash: &str, user_id: i64, now: f64) -> anyhow::Result<()> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(token_hash),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::last_used_at.eq(now),
        ))
        .execute(conn)
        .context("create session")?;
    Ok(())
}

/// The session's user, if the session exists and was used at or after `idle_cutoff`.
/// Every request that needs a session asks this, so it runs on the backend's own connection type
/// (see `history::PageRow`).
pub fn find_active(conn: &mut DbConnection, token_hash: &str, idle_cutoff: f64) -> anyhow::Result<Option<SessionUser>> {
    per_backend!(conn, |c| sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(token_hash))
        .filter(sessions::last_used_at.ge(idle_cutoff))
        .select((sessions::last_used_at, users::id, users::username, users::created_at))
        .first(c)
        .optional())
    .context("find session")
}

pub fn touch(conn: &mut DbConnection, token_hash: &str, now: f64) -> anyhow::Result<()> {
    diesel::update(sessions::table.find(token_hash))
        .set(sessions::last_used_at.eq(now))
        .execute(conn)
        .context("refresh session")?;
    Ok(())
}

pub fn delete(conn: &mut DbConnection, token_hash: &str) -> anyhow::Result<()> {
    diesel::delete(sessions::table.find(token_hash)).execute(conn).context("delete session")?;
    Ok(())
}

/// Ends every session of a user (account deletion, password change).
pub fn delete_for_user(conn: &mut DbConnection, user_id: i64) -> anyhow::Result<usize> {
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id)))
        .execute(conn)
        .context("delete user's sessions")
}

pub fn delete_idle(conn: &mut DbConnection, idle_cutoff: f64) -> anyhow::Result<usize> {
    diesel::delete(sessions::table.filter(sessions::last_used_at.lt(idle_cutoff)))
        .execute(conn)
        .context("delete idle sessions")
}
