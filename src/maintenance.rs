//! Background upkeep of a running server: idle sessions are deleted (they no longer authenticate
//! anyway, but their rows would pile up), and stored files that no row refers to are removed. Such
//! files are left by a crash between writing an upload and committing the message that carries it,
//! or between committing a deletion and removing its files; the sweep runs at start-up (after the
//! server is already answering) and then periodically with the session purge.
//!
//! The retention cleanup (`service::retention`) runs at start-up and then every
//! `retention_interval_hours` (a day by default).
//!
//! Beside it run the node's heartbeat (every `cluster::HEARTBEAT_INTERVAL`, so other nodes know it
//! is alive) and, when the cookie-signing keys live in the database, their periodic reload.
use std::time::Duration;

use crate::api::Api;
use crate::service::{cluster, retention, signing_keys, Services};
use crate::store::{self, files, password_resets, sessions, DbConnection, Store};
use crate::uploads::Uploads;

/// How often the upkeep runs.
pub const INTERVAL: Duration = Duration::from_secs(3600);

/// Files younger than this are never swept: a send writes its files before it commits its row.
pub const ORPHAN_GRACE: Duration = Duration::from_secs(600);

/// Runs the upkeep now and then every [`INTERVAL`], for as long as the future is polled.
pub async fn run(services: Services) {
    let mut ticks = tokio::time::interval(INTERVAL);
    loop {
        ticks.tick().await;
        if let Err(err) = upkeep(&services).await {
            tracing::warn!(error = %format!("{err:#}"), "background upkeep failed; retrying at the next interval");
        }
    }
}

/// Runs the retention cleanup now and then every `retention_interval_hours`, for as long as the
/// future is polled. A round another node is running is skipped here.
pub async fn retention(services: Services) {
    let interval = Duration::from_secs_f64(services.settings.retention_interval_hours * 3600.0);
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        match retention::run_once(&services).await {
            Ok(Some(report)) if report != retention::Report::default() => {
                tracing::info!(
                    messages = report.messages,
                    images = report.images,
                    files = report.files,
                    purged_tombstones = report.purged,
                    "retention cleanup"
                );
            }
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(error = %format!("{err:#}"), "retention cleanup failed; retrying at the next interval")
            }
        }
    }
}

/// Reloads the cookie-signing keys from the database every `secret_key_reload_seconds`, so a
/// rotation reaches this node (keys the operator passes never change: then this does nothing).
pub async fn reload_signing_keys(api: Api, keys_in_database: bool) {
    if !keys_in_database {
        return std::future::pending().await;
    }
    let mut ticks = tokio::time::interval(api.settings.secret_key_reload_interval());
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        match signing_keys::load(&api.store).await {
            Ok(set) => api.keys.replace(set),
            Err(err) => {
                tracing::warn!(error = %format!("{err:#}"), "cannot reload the cookie-signing keys; keeping the ones loaded")
            }
        }
    }
}

/// Records every [`cluster::HEARTBEAT_INTERVAL`] that this node is alive (see [`cluster::join`]),
/// until `stop` fires; then removes the node from the table. A beat is never cut off half-way (a
/// dropped write could still land after the removal and bring the node back to life), so the
/// removal always comes last.
pub async fn heartbeat(store: Store, node_id: String, mut stop: tokio::sync::oneshot::Receiver<()>) {
    let mut ticks = tokio::time::interval(cluster::HEARTBEAT_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick() => {}
            _ = &mut stop => break,
        }
        if let Err(err) = cluster::heartbeat(&store, &node_id).await {
            tracing::warn!(error = %format!("{err:#}"), "cannot record this node's heartbeat");
        }
    }
    if let Err(err) = cluster::leave(&store, &node_id).await {
        tracing::warn!(error = %format!("{err:#}"), "cannot remove this node from the nodes table");
    }
}

/// One round: idle sessions and spent or expired reset links, then files no row refers to.
pub async fn upkeep(services: &Services) -> anyhow::Result<()> {
    let now = store::now();
    let idle_cutoff = now - services.settings.session_idle_days * 86_400.0;
    let ended = services.store.run(move |conn| sessions::delete_idle(conn, idle_cutoff)).await?;
    services.store.run(move |conn| password_resets::delete_stale(conn, now)).await?;
    let attachments = sweep(services, &services.uploads, files::attachments_in_use).await?;
    let avatars = sweep(services, &services.avatars, files::avatars_in_use).await?;
    if ended + attachments + avatars > 0 {
        tracing::info!(idle_sessions = ended, orphan_uploads = attachments, orphan_avatars = avatars, "upkeep");
    }
    Ok(())
}

/// Removes the stored files older than [`ORPHAN_GRACE`] that `in_use` does not name, and what
/// unfinished writes left; returns how many.
async fn sweep(
    services: &Services,
    files: &Uploads,
    in_use: fn(&mut DbConnection, &[String]) -> anyhow::Result<std::collections::HashSet<String>>,
) -> anyhow::Result<usize> {
    let candidates = files.stored_older_than(ORPHAN_GRACE).await?;
    let (candidates, used) = services
        .store
        .run(move |conn| {
            let used = in_use(conn, &candidates)?;
            Ok((candidates, used))
        })
        .await?;
    let orphans: Vec<String> = candidates.into_iter().filter(|name| !used.contains(name)).collect();
    files.remove(&orphans).await;
    let unfinished = files.remove_unfinished(ORPHAN_GRACE).await?;
    Ok(orphans.len() + unfinished)
}
