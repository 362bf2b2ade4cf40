//! Requests of one-shot commands (`minimost admin …`) to the servers running beside them: end the
//! streams of an account, or tell every stream to reload. A command has no event bus of its own.
//! On PostgreSQL it appends to the cluster's event log like a node, and every node hears it. On
//! SQLite it records a row in the same (otherwise unused) table, which the one server polls every
//! [`POLL_INTERVAL`]: an empty-table read, next to nothing.
use std::time::Duration;

use anyhow::Context;

use super::CONTROL_KIND;
use crate::events::{kind_named, Control, EventBus};
use crate::store::{event_log, DbConnection, Store};

/// How often a SQLite server looks for requests: the longest a deleted account's open tab keeps
/// its stream.
pub const POLL_INTERVAL: Duration = Duration::from_secs(2);
/// Requests handled per look (more wait for the next one).
const POLL_BATCH: i64 = 100;
const RESYNC_KIND: &str = "resync";

/// What a command asks of the running servers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerRequest {
    /// The account is gone: every stream of it ends.
    EndUser { user_id: i64 },
    /// Too much changed to describe: every stream tells its client to reload.
    Resync,
}

/// Records `request` for the servers. Run it in a transaction of its own after the change it is
/// about has committed (on PostgreSQL, appending takes the log's lock until commit).
pub fn send(conn: &mut DbConnection, request: ServerRequest) -> anyhow::Result<()> {
    let (kind, data) = match request {
        ServerRequest::EndUser { user_id } => {
            (CONTROL_KIND, serde_json::to_string(&Control::UserGone { user_id }).context("encode a stream control")?)
        }
        ServerRequest::Resync => (RESYNC_KIND, "{}".to_owned()),
    };
    match conn {
        DbConnection::Postgres(_) => event_log::append(conn, None, kind, &data)?,
        DbConnection::Sqlite(_) => event_log::append_for_node(conn, None, kind, &data)?,
    };
    Ok(())
}

/// A SQLite server's side: forgets requests left from before it started (no stream they could
/// concern is open), then hands every new one to `bus`, for as long as it is polled.
pub async fn serve(bus: &EventBus, store: &Store) {
    if let Err(err) = store.run(event_log::clear_requests).await {
        tracing::warn!(error = %format!("{err:#}"), "cannot clear old requests of admin commands");
    }
    let mut ticks = tokio::time::interval(POLL_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match store.run(|conn| event_log::take_requests(conn, POLL_BATCH)).await {
            Ok(requests) => requests.into_iter().for_each(|request| apply(bus, &request)),
            Err(err) => tracing::warn!(error = %format!("{err:#}"), "cannot read the requests of admin commands"),
        }
    }
}

fn apply(bus: &EventBus, request: &event_log::LoggedEvent) {
    if request.kind == CONTROL_KIND {
        match serde_json::from_str::<Control>(&request.data) {
            Ok(control) => bus.control(control),
            Err(err) => tracing::warn!(error = %err, "an unreadable stream control from an admin command"),
        }
        return;
    }
    let audience = super::wire::parse_audience(request.audience.as_deref());
    match (kind_named(&request.kind), audience, serde_json::from_str::<serde_json::Value>(&request.data)) {
        (Some(kind), Ok(audience), Ok(data)) => bus.publish(audience, kind, &data),
        _ => tracing::warn!(kind = request.kind, "an unreadable event from an admin command; skipped"),
    }
}
