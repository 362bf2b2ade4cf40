//! What users show of themselves: the user list, name colours, bios and avatars.
use anyhow::Context;
use diesel::prelude::*;

use super::schema::users;
use super::DbConnection;

/// Every username (unordered; callers sort byte-wise, which SQL collations do not guarantee).
pub fn usernames(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    users::table.select(users::username).load(conn).context("list users")
}

/// `(username, colour)` of every user who chose a colour.
pub fn name_colors(conn: &mut DbConnection) -> anyhow::Result<Vec<(String, String)>> {
    let rows: Vec<(String, Option<String>)> = users::table
        .filter(users::name_color.is_not_null())
        .select((users::username, users::name_color))
        .load(conn)
        .context("list name colours")?;
    Ok(rows.into_iter().filter_map(|(name, color)| Some((name, color?))).collect())
}

/// Usernames of the users who have an avatar.
pub fn with_avatar(conn: &mut DbConnection) -> anyhow::Result<Vec<String>> {
    users::table
        .filter(users::avatar_file.is_not_null())
        .select(users::username)
        .load(conn)
        .context("list users with an avatar")
}

#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct ProfileRow {
    pub name_color: Option<String>,
    pub avatar_file: Option<String>,
    pub bio: Option<String>,
}

fn profile_columns() -> (users::name_color, users::avatar_file, users::bio) {
    (users::name_color, users::avatar_file, users::bio)
}

/// The profile of the user with exactly this name (case-sensitive).
pub fn profile_named(conn: &mut DbConnection, username: &str) -> anyhow::Result<Option<ProfileRow>> {
    users::table
        .filter(users::username.eq(username))
        .select(profile_columns())
        .first(conn)
        .optional()
        .context("find profile by name")
}

pub fn profile_of(conn: &mut DbConnection, user_id: i64) -> anyhow::Result<Option<ProfileRow>> {
    users::table.find(user_id).select(profile_columns()).first(conn).optional().context("find profile")
}

/// A partial settings change: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, AsChangeset)]
#[diesel(table_name = users)]
pub struct SettingsChange {
    pub name_color: Option<Option<String>>,
    pub bio: Option<Option<String>>,
}

/// Applies the change in one statement (so both fields change together or not at all).
pub fn update_settings(conn: &mut DbConnection, user_id: i64, change: &SettingsChange) -> anyhow::Result<()> {
    if change.name_color.is_none() && change.bio.is_none() {
        return Ok(());
    }
    diesel::update(users::table.find(user_id)).set(change).execute(conn).context("update settings")?;
    Ok(())
}

/// Records `new` as the user's avatar file (or none) and returns the file it replaces, which the
/// caller removes from disk once this has committed.
pub fn replace_avatar(conn: &mut DbConnection, user_id: i64, new: Option<&str>) -> anyhow::Result<Option<String>> {
    conn.transaction(|conn| {
        // A write first, so concurrent replacements queue here and each one sees its predecessor's
        // file (none is left orphaned on disk).
        diesel::update(users::table.find(user_id)).set(users::avatar_file.eq(users::avatar_file)).execute(conn)?;
        let old: Option<Option<String>> =
            users::table.find(user_id).select(users::avatar_file).first(conn).optional()?;
        diesel::update(users::table.find(user_id)).set(users::avatar_file.eq(new)).execute(conn)?;
        Ok::<_, diesel::result::Error>(old.flatten())
    })
    .context("replace avatar")
}
