//! Which stored files rows still refer to (for the sweep of files a crash left behind).
use std::collections::HashSet;

use anyhow::Context;
use diesel::prelude::*;

use super::schema::{messages, users};
use super::DbConnection;

/// The names among `names` that a message row (deleted or not) carries.
pub fn attachments_in_use(conn: &mut DbConnection, names: &[String]) -> anyhow::Result<HashSet<String>> {
    let used: Vec<Option<String>> = super::batched(names, |names| {
        messages::table
            .filter(messages::filename.eq_any(names))
            .select(messages::filename)
            .distinct()
            .load(conn)
            .context("find attachments in use")
    })?;
    Ok(used.into_iter().flatten().collect())
}

/// The names among `names` that are some account's avatar.
pub fn avatars_in_use(conn: &mut DbConnection, names: &[String]) -> anyhow::Result<HashSet<String>> {
    let used: Vec<Option<String>> = super::batched(names, |names| {
        users::table
            .filter(users::avatar_file.eq_any(names))
            .select(users::avatar_file)
            .load(conn)
            .context("find avatars in use")
    })?;
    Ok(used.into_iter().flatten().collect())
}
