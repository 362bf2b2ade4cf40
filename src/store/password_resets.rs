//! Password-reset tokens (their hashes), created by the operator's command and spent once by the
//! reset page.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::{password_resets, sessions, users};
use super::DbConnection;

pub fn create(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: i64,
    now: f64,
    expires_at: f64,
) -> anyhow::Result<()> {
    diesel::insert_into(password_resets::table)
        .values((
            password_resets::token_hash.eq(token_hash),
            password_resets::user_id.eq(user_id),
            password_resets::created_at.eq(now),
            password_resets::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .context("create password reset")?;
    Ok(())
}

/// The name of the user an unused, unexpired token resets.
pub fn usable(conn: &mut DbConnection, token_hash: &str, now: f64) -> anyhow::Result<Option<String>> {
    password_resets::table
        .inner_join(users::table)
        .filter(password_resets::token_hash.eq(token_hash))
        .filter(password_resets::used_at.is_null())
        .filter(password_resets::expires_at.gt(now))
        .select(users::username)
        .first(conn)
        .optional()
        .context("find password reset")
}

/// Spends the token and stores the new password hash, in one statement each inside the caller's
/// transaction: the token is marked used only if it still was usable (two submissions of one link
/// race for it, and one loses). The user's sessions end and a lockout is cleared (a reset is the
/// way back in for a locked-out user). Returns the user's id, or `None` when the token was not
/// usable.
pub fn spend(conn: &mut DbConnection, token_hash: &str, password_hash: &str, now: f64) -> anyhow::Result<Option<i64>> {
    let spent = diesel::update(
        password_resets::table
            .filter(password_resets::token_hash.eq(token_hash))
            .filter(password_resets::used_at.is_null())
            .filter(password_resets::expires_at.gt(now)),
    )
    .set(password_resets::used_at.eq(Some(now)))
    .execute(conn)
    .context("spend password reset")?;
    if spent != 1 {
        return Ok(None);
    }
    let user_id: i64 = password_resets::table
        .find(token_hash)
        .select(password_resets::user_id)
        .first(conn)
        .context("read password reset")?;
    diesel::update(users::table.find(user_id))
        .set((users::password_hash.eq(password_hash), users::failed_logins.eq(0), users::locked_until.eq(None::<f64>)))
        .execute(conn)
        .context("store new password")?;
    diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id))).execute(conn).context("end sessions")?;
    Ok(Some(user_id))
}

/// Removes tokens that can no longer be used (expired or spent before `cutoff`), so the table only
/// holds what an operator created recently.
pub fn delete_stale(conn: &mut DbConnection, cutoff: f64) -> anyhow::Result<usize> {
    diesel::delete(
        password_resets::table.filter(password_resets::expires_at.lt(cutoff).or(password_resets::used_at.lt(cutoff))),
    )
    .execute(conn)
    .context("delete stale password resets")
}
