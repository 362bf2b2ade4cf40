//! Accounts: credentials, lockout state and profile settings.
use anyhow::Context;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::schema::{sessions, users};
use super::DbConnection;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub username_key: String,
    pub password_hash: String,
    pub failed_logins: i64,
    pub locked_until: Option<f64>,
    pub name_color: Option<String>,
    pub bio: Option<String>,
    pub avatar_file: Option<String>,
    pub created_at: f64,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub username_key: &'a str,
    pub password_hash: &'a str,
    pub created_at: f64,
}

/// Creates the account; `None` when the name (ignoring case) is taken.
pub fn create(conn: &mut DbConnection, new: &NewUser<'_>) -> anyhow::Result<Option<User>> {
    match diesel::insert_into(users::table).values(new).execute(conn) {
        Ok(_) => find_by_key(conn, new.username_key),
        Err(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => Ok(None),
        Err(err) => Err(err).context("insert user"),
    }
}

pub fn find_by_key(conn: &mut DbConnection, key: &str) -> anyhow::Result<Option<User>> {
    users::table
        .filter(users::username_key.eq(key))
        .select(User::as_select())
        .first(conn)
        .optional()
        .context("find user by name")
}

pub fn find_by_id(conn: &mut DbConnection, id: i64) -> anyhow::Result<Option<User>> {
    users::table.find(id).select(User::as_select()).first(conn).optional().context("find user by id")
}

/// Whether a password may be checked now (see [`reserve_password_check`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reservation {
    /// Counted as a failure in advance; settle it with [`accept_password`] or [`settle_failure`].
    Granted,
    /// Locked until this time.
    Locked(f64),
    /// Not locked, but as many checks as may still fail are already running.
    Exhausted,
}

/// Counts a password check as a failure *before* it runs, in one conditional statement, so that
/// parallel checks can never exceed `max_failures`: a check is granted only while the account is
/// unlocked and fewer than `max_failures` failures (finished or still running) are counted.
pub fn reserve_password_check(
    conn: &mut DbConnection,
    id: i64,
    max_failures: i64,
    now: f64,
) -> anyhow::Result<Reservation> {
    let granted = diesel::update(
        users::table
            .find(id)
            .filter(users::failed_logins.lt(max_failures))
            .filter(users::locked_until.is_null().or(users::locked_until.le(now))),
    )
    .set(users::failed_logins.eq(users::failed_logins + 1))
    .execute(conn)
    .context("reserve a password check")?;
    if granted == 1 {
        return Ok(Reservation::Granted);
    }
    let locked_until: Option<Option<f64>> =
        users::table.find(id).select(users::locked_until).first(conn).optional().context("read lock")?;
    Ok(match locked_until.flatten() {
        Some(until) if until > now => Reservation::Locked(until),
        _ => Reservation::Exhausted,
    })
}

/// Settles a granted check whose password was right: clears the count, unless the account was
/// locked meanwhile by failures running in parallel (then the right password is refused too, and
/// `false` is returned).
pub fn accept_password(conn: &mut DbConnection, id: i64, now: f64) -> anyhow::Result<bool> {
    let cleared =
        diesel::update(users::table.find(id).filter(users::locked_until.is_null().or(users::locked_until.le(now))))
            .set((users::failed_logins.eq(0), users::locked_until.eq(None::<f64>)))
            .execute(conn)
            .context("clear failed logins")?;
    Ok(cleared == 1)
}

/// Replaces the password hash `old` by `new` (an imported hash upgraded after a good login); a no-op
/// when the hash changed meanwhile (a password change won). Returns whether it was replaced.
pub fn replace_password_hash(conn: &mut DbConnection, id: i64, old: &str, new: &str) -> anyhow::Result<bool> {
    let replaced = diesel::update(users::table.find(id).filter(users::password_hash.eq(old)))
        .set(users::password_hash.eq(new))
        .execute(conn)
        .context("upgrade password hash")?;
    Ok(replaced == 1)
}

/// Settles a granted check whose password was wrong (it is already counted): when the count has
/// reached `max_failures`, locks the account until `until` and starts a fresh count. Returns the
/// lock in force after it, if any.
pub fn settle_failure(
    conn: &mut DbConnection,
    id: i64,
    max_failures: i64,
    until: f64,
    now: f64,
) -> anyhow::Result<Option<f64>> {
    let locked = diesel::update(users::table.find(id).filter(users::failed_logins.ge(max_failures)))
        .set((users::locked_until.eq(Some(until)), users::failed_logins.eq(0)))
        .execute(conn)
        .context("lock account")?;
    if locked == 1 {
        return Ok(Some(until));
    }
    let locked_until: Option<Option<f64>> =
        users::table.find(id).select(users::locked_until).first(conn).optional().context("read lock")?;
    Ok(locked_until.flatten().filter(|until| *until > now))
}

/// Every account with the last use of any of its sessions still kept (`None`: none kept), by name.
pub fn list_with_last_seen(conn: &mut DbConnection) -> anyhow::Result<Vec<(User, Option<f64>)>> {
    let accounts: Vec<User> =
        users::table.order(users::username_key.asc()).select(User::as_select()).load(conn).context("list users")?;
    let last_seen: std::collections::HashMap<i64, Option<f64>> = sessions::table
        .group_by(sessions::user_id)
        .select((sessions::user_id, diesel::dsl::max(sessions::last_used_at)))
        .load(conn)
        .context("last use of sessions")?
        .into_iter()
        .collect();
    Ok(accounts
        .into_iter()
        .map(|user| {
            let seen = last_seen.get(&user.id).copied().flatten();
            (user, seen)
        })
        .collect())
}

/// Clears a lockout and the count of failed logins; whether the account was locked at `now`.
pub fn unlock(conn: &mut DbConnection, id: i64, now: f64) -> anyhow::Result<bool> {
    let was_locked = users::table
        .find(id)
        .select(users::locked_until)
        .first::<Option<f64>>(conn)
        .optional()
        .context("read lock")?
        .flatten()
        .is_some_and(|until| until > now);
    diesel::update(users::table.find(id))
        .set((users::failed_logins.eq(0), users::locked_until.eq(None::<f64>)))
        .execute(conn)
        .context("unlock account")?;
    Ok(was_locked)
}
