//! Writing a plan into the target database, inside the caller's one transaction: either all of it
//! is there afterwards or none of it.
use anyhow::{bail, Context};
use diesel::prelude::*;

use super::plan::Plan;
use crate::store::schema::{
    channel_members, channel_reads, channels, messages, password_resets, pins, private_channels, reactions, sessions,
    users,
};
use crate::store::{per_backend, DbConnection};

/// Rows per multi-row `INSERT` (16 columns at most: far below every bind-parameter limit). Multi-row
/// inserts are compiled per backend (`per_backend!`): the combined connection cannot batch.
const ROWS_PER_INSERT: usize = 500;

/// Refuses a target that holds any account, message or private channel.
pub fn check_empty(conn: &mut DbConnection) -> anyhow::Result<()> {
    let users: i64 = users::table.count().get_result(conn).context("count users")?;
    let messages: i64 = messages::table.count().get_result(conn).context("count messages")?;
    let private: i64 = private_channels::table.count().get_result(conn).context("count private channels")?;
    if users + messages + private > 0 {
        bail!(
            "the target database is not empty ({users} users, {messages} messages, {private} private channels): \
             import into a fresh one, or pass --force to replace everything it holds"
        );
    }
    Ok(())
}

/// Refuses a target that holds anything, or (with `force`) empties it of every account and
/// conversation first. Files of what is removed are left to the hourly sweep of unreferenced files.
pub fn prepare_target(conn: &mut DbConnection, force: bool) -> anyhow::Result<()> {
    if !force {
        return check_empty(conn);
    }
    diesel::delete(reactions::table).execute(conn).context("empty reactions")?;
    diesel::delete(pins::table).execute(conn).context("empty pins")?;
    diesel::delete(channel_reads::table).execute(conn).context("empty read marks")?;
    diesel::delete(channel_members::table).execute(conn).context("empty memberships")?;
    diesel::delete(messages::table).execute(conn).context("empty messages")?;
    diesel::delete(channels::table).execute(conn).context("empty channels")?;
    diesel::delete(private_channels::table).execute(conn).context("empty private channels")?;
    diesel::delete(sessions::table).execute(conn).context("empty sessions")?;
    diesel::delete(password_resets::table).execute(conn).context("empty password resets")?;
    diesel::delete(users::table).execute(conn).context("empty users")?;
    Ok(())
}

/// Writes everything but the messages (accounts with their stored avatar names, conversations,
/// memberships); `avatar_names` maps each user id to the avatar name stored in the target.
pub fn write_people_and_conversations(
    conn: &mut DbConnection,
    plan: &Plan,
    avatar_names: &std::collections::HashMap<i64, String>,
) -> anyhow::Result<()> {
    for user in &plan.users {
        diesel::insert_into(users::table)
            .values((
                users::id.eq(user.id),
                users::username.eq(&user.username),
                users::username_key.eq(crate::domain::credentials::username_key(&user.username)),
                users::password_hash.eq(&user.password_hash),
                users::failed_logins.eq(user.failed_logins),
                users::locked_until.eq(user.locked_until),
                users::name_color.eq(&user.name_color),
                users::bio.eq(&user.bio),
                users::avatar_file.eq(avatar_names.get(&user.id)),
                users::created_at.eq(user.created_at),
            ))
            .execute(conn)
            .with_context(|| format!("insert the account {:?}", user.username))?;
    }
    for private in &plan.private_channels {
        diesel::insert_into(private_channels::table)
            .values((
                private_channels::id.eq(private.id),
                private_channels::name.eq(&private.name),
                private_channels::creator_id.eq(private.creator_id),
                private_channels::created_at.eq(private.created_at),
            ))
            .execute(conn)
            .context("insert a private channel")?;
    }
    for chunk in plan.channels.chunks(ROWS_PER_INSERT) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|c| {
                (
                    channels::id.eq(&c.id),
                    channels::kind.eq(c.kind),
                    channels::clock.eq(c.clock),
                    channels::last_message_ts.eq(c.last_message_ts),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(channels::table).values(rows).execute(c))
            .context("insert conversations")?;
    }
    for chunk in plan.members.chunks(ROWS_PER_INSERT) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|m| {
                (
                    channel_members::channel.eq(&m.channel),
                    channel_members::user_id.eq(m.user_id),
                    channel_members::joined_at.eq(m.joined_at),
                    channel_members::hidden_at.eq(m.hidden_at),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(channel_members::table).values(rows).execute(c))
            .context("insert memberships")?;
    }
    Ok(())
}

/// Writes the messages in slices, telling `progress` how many are written so far; then the
/// reactions and read marks that refer to them.
pub fn write_messages(conn: &mut DbConnection, plan: &Plan, mut progress: impl FnMut(usize)) -> anyhow::Result<()> {
    let mut written = 0;
    for chunk in plan.messages.chunks(ROWS_PER_INSERT) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|m| {
                (
                    (
                        messages::id.eq(m.id),
                        messages::channel.eq(&m.channel),
                        messages::send_id.eq(m.send_id),
                        messages::sender.eq(&m.sender),
                        messages::sender_id.eq(m.sender_id),
                        messages::is_system.eq(m.is_system),
                        messages::content.eq(&m.content),
                        messages::filename.eq(&m.filename),
                    ),
                    (
                        messages::ts.eq(m.ts),
                        messages::edited_ts.eq(m.edited_ts),
                        messages::deleted_ts.eq(m.deleted_ts),
                        messages::reply_to_id.eq(m.reply_to_id),
                        messages::reactions_ts.eq(m.reactions_ts),
                        messages::mentions.eq(&m.mentions),
                        messages::changed_ts.eq(m.changed_ts),
                        messages::folded_content.eq(&m.folded_content),
                    ),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(messages::table).values(rows).execute(c))
            .context("insert messages")?;
        written += chunk.len();
        progress(written);
    }
    for chunk in plan.reactions.chunks(ROWS_PER_INSERT) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|r| {
                (
                    reactions::send_id.eq(r.send_id),
                    reactions::name.eq(&r.name),
                    reactions::user_id.eq(r.user_id),
                    reactions::created_at.eq(r.created_at),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(reactions::table).values(rows).execute(c))
            .context("insert reactions")?;
    }
    for chunk in plan.reads.chunks(ROWS_PER_INSERT) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|r| {
                (
                    channel_reads::user_id.eq(r.user_id),
                    channel_reads::channel.eq(&r.channel),
                    channel_reads::read_ts.eq(r.read_ts),
                    channel_reads::receipts_from.eq(r.receipts_from),
                )
            })
            .collect();
        per_backend!(conn, |c| diesel::insert_into(channel_reads::table).values(rows).execute(c))
            .context("insert read marks")?;
    }
    Ok(())
}

/// PostgreSQL's id sequences do not see explicitly written ids: move them past the imported ones so
/// the next account, message or private channel gets a fresh id. (SQLite's AUTOINCREMENT does.)
pub fn advance_id_sequences(conn: &mut DbConnection) -> anyhow::Result<()> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(());
    };
    for table in ["users", "messages", "private_channels"] {
        diesel::sql_query(format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
        .execute(pg)
        .with_context(|| format!("advance the id sequence of {table}"))?;
    }
    Ok(())
}
