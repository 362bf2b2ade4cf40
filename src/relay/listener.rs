//! The node's ear: one PostgreSQL connection (outside the pool) that `LISTEN`s for the other nodes'
//! events and presence news, delivers them in id order, and after any interruption reconnects and
//! reads what it missed from the event log.
use std::sync::atomic::Ordering;
use std::time::Duration;

use anyhow::{bail, Context};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_postgres::{AsyncMessage, NoTls, Notification};
use tokio_util::task::AbortOnDropHandle;

use super::presence;
use super::wire::{EventNotice, PresenceBatch};
use super::{Cluster, Relay, PRESENCE_CHANNEL};
use crate::store::event_log::{self, EVENTS_CHANNEL};

/// The `application_name` of every node's listening connection.
pub const APPLICATION_NAME: &str = "minimost-listener";
/// How often a quiet connection is checked (a dead peer, a half-open TCP connection).
const PROBE_EVERY: Duration = Duration::from_secs(10);
/// How long a check may take before the connection counts as dead.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);
/// Reconnection delays: doubling from the first to the last.
const RETRY_FIRST: Duration = Duration::from_millis(100);
const RETRY_LAST: Duration = Duration::from_secs(5);
/// How many notifications wait between the connection and their delivery (the connection stops
/// reading beyond that, and PostgreSQL queues them).
const QUEUE: usize = 1_024;
/// How many logged events one catch-up query reads.
const CATCH_UP_PAGE: i64 = 500;

/// Listens for as long as it is polled, reconnecting whenever the connection fails.
pub(super) async fn run(relay: &Relay, cluster: &Cluster) {
    let mut retry = RETRY_FIRST;
    loop {
        let outcome = listen(relay, cluster, &mut retry).await;
        cluster.listening.store(false, Ordering::Release);
        if let Err(err) = outcome {
            tracing::warn!(error = %format!("{err:#}"), retry_in_ms = retry.as_millis(), "event listener lost its connection");
        }
        tokio::time::sleep(retry).await;
        retry = (retry * 2).min(RETRY_LAST);
    }
}

/// One connection's life: `LISTEN`, catch up from the log, then deliver notifications until the
/// connection fails.
async fn listen(relay: &Relay, cluster: &Cluster, retry: &mut Duration) -> anyhow::Result<()> {
    let mut config: tokio_postgres::Config = cluster.database_url.parse().context("unusable database URL")?;
    // Named, so an operator sees the listeners in `pg_stat_activity`.
    config.application_name(APPLICATION_NAME);
    let (client, mut connection) = config.connect(NoTls).await.context("cannot connect to listen")?;
    let (sender, mut notifications) = mpsc::channel::<Notification>(QUEUE);
    // The connection object does the I/O; notifications come out of it, in the order sent.
    // Stopped with the listener that owns it.
    let mut driver = AbortOnDropHandle::new(tokio::spawn(async move {
        let mut messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(message) = messages.next().await {
            // Notices (warnings from the server) and anything else are not for the relay.
            if let AsyncMessage::Notification(notification) = message.context("listening connection failed")? {
                if sender.send(notification).await.is_err() {
                    break;
                }
            }
        }
        anyhow::Ok(())
    }));
    client
        .batch_execute(&format!("LISTEN {EVENTS_CHANNEL}; LISTEN {PRESENCE_CHANNEL}"))
        .await
        .context("cannot LISTEN")?;
    // Whatever was logged before LISTEN took effect is read from the log; what comes after is
    // both notified and possibly read, and delivered once (the bus ignores ids it has passed).
    catch_up(relay, cluster, true).await?;
    cluster.listening.store(true, Ordering::Release);
    *retry = RETRY_FIRST;
    tracing::info!("event listener connected");
    let mut probe = tokio::time::interval(PROBE_EVERY);
    probe.tick().await;
    loop {
        tokio::select! {
            notification = notifications.recv() => {
                let Some(notification) = notification else { break };
                on_notification(relay, cluster, notification).await?;
            }
            _ = probe.tick() => {
                tokio::time::timeout(PROBE_TIMEOUT, client.simple_query("SELECT 1"))
                    .await
                    .context("the listening connection stopped answering")?
                    .context("the listening connection failed")?;
            }
        }
    }
    match (&mut driver).await {
        Ok(Err(err)) => Err(err),
        _ => bail!("the listening connection closed"),
    }
}

async fn on_notification(relay: &Relay, cluster: &Cluster, notification: Notification) -> anyhow::Result<()> {
    match notification.channel() {
        EVENTS_CHANNEL => {
            let notice = EventNotice::parse(notification.payload())?;
            let next = relay.bus.next_id();
            let id = notice.id();
            if id < next {
                return Ok(());
            }
            match notice {
                // The next id, whole: deliver it as it is.
                EventNotice::Inline { id, kind, audience, data } if id == next => {
                    relay.deliver(event_log::LoggedEvent { id: id as i64, audience, kind, data });
                }
                // A gap (an id that was never committed, or a notification lost with a connection) or
                // an event too large to notify: read the log up to it. Ids commit in order, so every
                // smaller id is already final.
                _ => catch_up(relay, cluster, false).await?,
            }
        }
        PRESENCE_CHANNEL => {
            let batch: PresenceBatch =
                serde_json::from_str(notification.payload()).context("unreadable presence news")?;
            if batch.node != cluster.node {
                for news in batch.news {
                    if let Err(err) = presence::apply(&cluster.presence, news).await {
                        tracing::warn!(error = %format!("{err:#}"), "cannot record presence news");
                    }
                }
            }
        }
        other => tracing::debug!(channel = other, "a notification on an unexpected channel"),
    }
    Ok(())
}

/// Delivers every logged event from the bus's next id on. After a reconnection (`resumed`), a log
/// that no longer holds that id means events were lost here: the bus drops its history and closes
/// its streams, whose clients then `resync`.
async fn catch_up(relay: &Relay, cluster: &Cluster, resumed: bool) -> anyhow::Result<()> {
    if resumed {
        let oldest = cluster.store.run(event_log::oldest_id).await?;
        let next = relay.bus.next_id();
        if let Some(oldest) = oldest.and_then(|oldest| u64::try_from(oldest).ok()).filter(|&oldest| oldest > next) {
            tracing::warn!(
                missed_from = next,
                log_starts_at = oldest,
                "events were pruned before this node read them; its streams resync"
            );
            relay.bus.lost_events_before(oldest);
            crate::metrics::metrics().relay_gaps.inc();
        }
    }
    loop {
        let first = i64::try_from(relay.bus.next_id()).unwrap_or(i64::MAX);
        let page = cluster.store.run(move |conn| event_log::from(conn, first, CATCH_UP_PAGE)).await?;
        let full = page.len() as i64 == CATCH_UP_PAGE;
        for event in page {
            relay.deliver(event);
        }
        if !full {
            return Ok(());
        }
    }
}
