//! The cluster's event log, on PostgreSQL: every live event and stream control of every node,
//! numbered once for all (see the migration `event_log` for how ids stay in commit order). Nodes
//! hear of new rows through `NOTIFY` and read the log to catch up. On SQLite the same table carries
//! only the requests of one-shot commands to the one running server ([`append_for_node`]), which
//! polls it ([`take_requests`]).
use anyhow::{bail, Context};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::schema::event_log;
use super::DbConnection;

/// The `NOTIFY` channel of new log rows.
pub const EVENTS_CHANNEL: &str = "minimost_events";

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = event_log)]
pub struct LoggedEvent {
    pub id: i64,
    /// `None`: every signed-in user; otherwise a JSON array of user ids.
    pub audience: Option<String>,
    pub kind: String,
    pub data: String,
}

fn postgres(conn: &mut DbConnection) -> anyhow::Result<&mut PgConnection> {
    match conn {
        DbConnection::Postgres(pg) => Ok(pg),
        DbConnection::Sqlite(_) => bail!("the event log is kept on PostgreSQL only"),
    }
}

/// Appends an event, notifies every node and returns its id.
pub fn append(conn: &mut DbConnection, audience: Option<&str>, kind: &str, data: &str) -> anyhow::Result<i64> {
    #[derive(QueryableByName)]
    struct Appended {
        #[diesel(sql_type = BigInt)]
        id: i64,
    }
    let appended: Appended = diesel::sql_query("SELECT minimost_publish($1, $2, $3) AS id")
        .bind::<Nullable<Text>, _>(audience)
        .bind::<Text, _>(kind)
        .bind::<Text, _>(data)
        .get_result(postgres(conn)?)
        .context("append to the event log")?;
    Ok(appended.id)
}

/// At most `limit` events from id `first` on, oldest first.
pub fn from(conn: &mut DbConnection, first: i64, limit: i64) -> anyhow::Result<Vec<LoggedEvent>> {
    event_log::table
        .filter(event_log::id.ge(first))
        .order(event_log::id.asc())
        .limit(limit)
        .select(LoggedEvent::as_select())
        .load(postgres(conn)?)
        .context("read the event log")
}

/// The newest `limit` events, oldest first.
pub fn newest(conn: &mut DbConnection, limit: i64) -> anyhow::Result<Vec<LoggedEvent>> {
    let mut events: Vec<LoggedEvent> = event_log::table
        .order(event_log::id.desc())
        .limit(limit)
        .select(LoggedEvent::as_select())
        .load(postgres(conn)?)
        .context("read the event log")?;
    events.reverse();
    Ok(events)
}

/// The oldest id still in the log.
pub fn oldest_id(conn: &mut DbConnection) -> anyhow::Result<Option<i64>> {
    event_log::table.select(diesel::dsl::min(event_log::id)).first(postgres(conn)?).context("read the event log")
}

/// Deletes all but the newest `keep` ids; returns how many rows went.
pub fn prune(conn: &mut DbConnection, keep: i64) -> anyhow::Result<usize> {
    diesel::sql_query("DELETE FROM event_log WHERE id <= (SELECT max(id) FROM event_log) - $1")
        .bind::<BigInt, _>(keep)
        .execute(postgres(conn)?)
        .context("prune the event log")
}

/// Sends `payload` to every node listening on `channel` (at most 7,999 bytes).
pub fn notify(conn: &mut DbConnection, channel: &str, payload: &str) -> anyhow::Result<()> {
    diesel::sql_query("SELECT pg_notify($1, $2)")
        .bind::<Text, _>(channel)
        .bind::<Text, _>(payload)
        .execute(postgres(conn)?)
        .context("notify the other nodes")?;
    Ok(())
}

fn sqlite(conn: &mut DbConnection) -> anyhow::Result<&mut SqliteConnection> {
    match conn {
        DbConnection::Sqlite(sqlite) => Ok(sqlite),
        DbConnection::Postgres(_) => bail!("on PostgreSQL the event log is appended to with `append`"),
    }
}

/// SQLite: records a request of a one-shot command for the running server, which polls the table
/// (a single node has no other channel to hear of changes made beside it). Returns its id.
pub fn append_for_node(conn: &mut DbConnection, audience: Option<&str>, kind: &str, data: &str) -> anyhow::Result<i64> {
    let conn = sqlite(conn)?;
    let next: Option<i64> = event_log::table.select(diesel::dsl::max(event_log::id)).first(conn)?;
    let id = next.unwrap_or(0) + 1;
    diesel::insert_into(event_log::table)
        .values((
            event_log::id.eq(id),
            event_log::audience.eq(audience),
            event_log::kind.eq(kind),
            event_log::data.eq(data),
        ))
        .execute(conn)
        .context("record a request for the server")?;
    Ok(id)
}

/// SQLite: the oldest `limit` requests, removed as they are read (the one server that reads them is
/// their only reader; ids may start again from 1 once the table is empty).
pub fn take_requests(conn: &mut DbConnection, limit: i64) -> anyhow::Result<Vec<LoggedEvent>> {
    let conn = sqlite(conn)?;
    let requests: Vec<LoggedEvent> = event_log::table
        .order(event_log::id.asc())
        .limit(limit)
        .select(LoggedEvent::as_select())
        .load(conn)
        .context("read the requests for the server")?;
    if let Some(last) = requests.last() {
        diesel::delete(event_log::table.filter(event_log::id.le(last.id)))
            .execute(conn)
            .context("remove the requests read")?;
    }
    Ok(requests)
}

/// SQLite: forgets every request (a server starting has no streams they could concern).
pub fn clear_requests(conn: &mut DbConnection) -> anyhow::Result<usize> {
    diesel::delete(event_log::table).execute(sqlite(conn)?).context("clear the requests for the server")
}
