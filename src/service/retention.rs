//! The retention cleanup (`image_retention_days`, `file_retention_days`, `message_retention_days`):
//! expired messages and attachment rows become tombstones that pollers and live streams receive as
//! deletions, their files are removed, and tombstones older than the message retention are purged.
//! Avatars are never touched. On a cluster one node runs it at a time (a PostgreSQL advisory lock);
//! the others skip the round.
//!
//! Everything goes in bounded batches of [`BATCH`] rows, each its own short transaction, so a first
//! run over years of history never holds a conversation's lock for long nor binds an unbounded list.
use std::collections::BTreeMap;

use super::access::Conversation;
use super::changes::{changed_send, publish_changes, ChangedSend};
use super::Services;
use crate::domain::channel::ChannelId;
use crate::domain::retention::cutoff;
use crate::events::Audience;
use crate::metrics::metrics;
use crate::store::retention::{self as store_retention, Class};
use crate::store::{self, channels, pins as store_pins, DbConnection};

/// Rows handled per transaction.
pub const BATCH: i64 = 500;

/// More expired sends than this in one round and clients are told to reload (`resync`) instead of
/// receiving each deletion.
const MAX_EVENTS: usize = 200;

/// What one round removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    pub messages: usize,
    pub images: usize,
    pub files: usize,
    pub purged: usize,
}

/// One round of the cleanup at the current time. `None` when another node holds the lock.
pub async fn run_once(services: &Services) -> anyhow::Result<Option<Report>> {
    let services_for_work = services.clone();
    let runtime = tokio::runtime::Handle::current();
    // The whole round runs on one connection, which holds the cluster-wide lock throughout; the
    // events and file removals of each batch are awaited from this blocking thread.
    let outcome = services
        .store
        .run(move |conn| store_retention::exclusively(conn, |conn| round(conn, &services_for_work, &runtime)))
        .await?;
    if let Some((report, resync)) = outcome {
        let counted = [("messages", report.messages), ("images", report.images), ("files", report.files)];
        for (what, count) in counted.into_iter().chain([("purged", report.purged)]) {
            metrics().retention_removed(what, count);
        }
        if resync {
            services.events.publish(Audience::Everyone, "resync", &serde_json::json!({})).await;
        }
        return Ok(Some(report));
    }
    Ok(None)
}

fn round(
    conn: &mut DbConnection,
    services: &Services,
    runtime: &tokio::runtime::Handle,
) -> anyhow::Result<(Report, bool)> {
    let settings = &services.settings;
    let now = store::now();
    let mut report = Report::default();
    let mut budget = Budget { left: MAX_EVENTS, overflowed: false };
    for (class, days) in [
        (Class::Messages, settings.message_retention_days),
        (Class::Images, settings.image_retention_days),
        (Class::Files, settings.file_retention_days),
    ] {
        let before = cutoff(now, days);
        loop {
            let expired = store_retention::expired(conn, class, before, BATCH)?;
            let count = expired.len();
            if count == 0 {
                break;
            }
            let (changes, files) = expire_batch(conn, services, expired, &mut budget)?;
            runtime.block_on(async {
                services.uploads.remove(&files).await;
                for change in changes {
                    publish_changes(services, change).await;
                }
            });
            match class {
                Class::Messages => report.messages += count,
                Class::Images => report.images += count,
                Class::Files => report.files += count,
            }
            if count < BATCH as usize {
                break;
            }
        }
    }
    let purge_before = cutoff(now, settings.message_retention_days);
    loop {
        let purged = store_retention::purge_tombstones(conn, purge_before, BATCH)?;
        report.purged += purged;
        if purged < BATCH as usize {
            break;
        }
    }
    Ok((report, budget.overflowed))
}

/// How many more deletions are sent one by one this round.
struct Budget {
    left: usize,
    overflowed: bool,
}

/// Tombstones one batch, a transaction per conversation (each at a fresh tick of its clock, so
/// pollers receive the deletions), and returns the events to publish and the files to remove.
fn expire_batch(
    conn: &mut DbConnection,
    services: &Services,
    expired: Vec<store_retention::Expired>,
    budget: &mut Budget,
) -> anyhow::Result<(Vec<ChangedSend>, Vec<String>)> {
    let mut by_channel: BTreeMap<String, Vec<store_retention::Expired>> = BTreeMap::new();
    let mut files = Vec::new();
    for row in expired {
        files.extend(row.filename.clone());
        by_channel.entry(row.channel.clone()).or_default().push(row);
    }
    let mut changes = Vec::new();
    for (key, rows) in by_channel {
        let mut send_ids: Vec<i64> = rows.iter().map(|row| row.send_id).collect();
        send_ids.sort_unstable();
        send_ids.dedup();
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        // A public channel no longer configured has no readers to tell.
        let conversation = ChannelId::parse(&key, &services.settings.channels).ok().map(|id| Conversation {
            id,
            key: key.clone(),
            visible_from: f64::NEG_INFINITY,
        });
        let announce = conversation.is_some() && send_ids.len() <= budget.left;
        if announce {
            budget.left -= send_ids.len();
        } else if conversation.is_some() {
            budget.overflowed = true;
            budget.left = 0;
        }
        let loaded = diesel::Connection::transaction(conn, |conn| -> anyhow::Result<Vec<ChangedSend>> {
            let kind = store_retention::channel_kind(conn, &key)?.unwrap_or(channels::KIND_PUBLIC);
            let ts = channels::tick(conn, &key, kind)?;
            store_retention::tombstone(conn, &ids, ts)?;
            store_pins::clear(conn, &send_ids)?;
            let mut loaded = Vec::new();
            if let (true, Some(conversation)) = (announce, &conversation) {
                for send_id in &send_ids {
                    loaded.push(changed_send(conn, conversation, *send_id)?);
                }
            }
            Ok(loaded)
        })?;
        changes.extend(loaded);
    }
    Ok((changes, files))
}
