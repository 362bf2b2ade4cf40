//! Accounts: credentials, lockout state and profile settings.
use anyhow::Context;
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::schema::users;
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
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
        .context("find user by id")
}

/// Counts one more failed login atomically (concurrent failures each count) and returns the total.
pub fn count_failed_login(conn: &mut DbConnection, id: i64) -> anyhow::Result<i64> {
    conn.transaction(|conn| {
        diesel::update(users::table.find(id))
            .set(users::failed_logins.eq(users::failed_logins + 1))
            .execute(conn)?;
        users::table.find(id).select(users::failed_logins).first(conn)
    })
    .context("count failed login")
}

/// Locks the account until `until` and starts a fresh failure count.
pub fn lock(conn: &mut DbConnection, id: i64, until: f64) -> anyhow::Result<()> {
    diesel::update(users::table.find(id))
        .set((users::locked_until.eq(Some(until)), users::failed_logins.eq(0)))
        .execute(conn)
        .context("lock account")?;
    Ok(())
}

/// After a successful login: no failures, no lock.
pub fn clear_failed_logins(conn: &mut DbConnection, id: i64) -> anyhow::Result<()> {
    diesel::update(users::table.find(id))
        .set((users::failed_logins.eq(0), users::locked_until.eq(None::<f64>)))
        .execute(conn)
        .context("clear failed logins")?;
    Ok(())
}
