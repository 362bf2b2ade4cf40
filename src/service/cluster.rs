//! The nodes of a deployment: each has an id (kept in its data directory, so a restarted node is
//! itself, not a stranger), a heartbeat row in the database, and the settings all nodes must share,
//! checked when it starts (the rule is [`crate::domain::cluster`]).
use std::path::Path;
use std::time::Duration;

use anyhow::Context;

use crate::domain::cluster::{channel_list_decision, ChannelListDecision};
use crate::store::{self, nodes, Store};

/// How often a running node records that it is alive.
pub const HEARTBEAT_INTERVAL: Duration = Duration::from_secs(10);

/// A node whose last heartbeat is older than this counts as stopped (three missed heartbeats).
pub const ALIVE_WITHIN: Duration = Duration::from_secs(30);

/// Rows of nodes not seen for this long are deleted when another node starts.
const FORGET_AFTER: Duration = Duration::from_secs(7 * 86_400);

/// The file of the data directory that holds the node's id.
pub const NODE_ID_FILE: &str = "node-id";

/// The shared setting that holds the public channel list (a JSON array).
const CHANNELS: &str = "channels";

/// The node's id: read from its data directory, or created there on first start.
pub fn node_id(data_dir: &Path) -> anyhow::Result<String> {
    let path = data_dir.join(NODE_ID_FILE);
    match std::fs::read_to_string(&path) {
        Ok(id) if !id.trim().is_empty() => return Ok(id.trim().to_string()),
        Ok(_) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    std::fs::write(&path, &id).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(id)
}

/// At start-up, outside the async runtime: registers the node as alive and applies the channel-list
/// rule. Fails, naming both lists, when another live node uses a different list.
pub fn join(store: &Store, node_id: &str, channels: &[String]) -> anyhow::Result<()> {
    let now = store::now();
    let since = now - ALIVE_WITHIN.as_secs_f64();
    let ours = serde_json::to_string(channels).context("channel list")?;
    let (decision, others) = store.run_blocking(|conn| {
        use diesel::Connection;
        conn.transaction(|conn| {
            nodes::lock_membership(conn)?;
            nodes::forget_stale(conn, now - FORGET_AFTER.as_secs_f64())?;
            let recorded = match nodes::setting(conn, CHANNELS)? {
                Some(text) => Some(serde_json::from_str::<Vec<String>>(&text).context("the recorded channel list")?),
                None => None,
            };
            let others = nodes::others_alive(conn, node_id, since)?;
            let decision = channel_list_decision(recorded, channels, others.len());
            match &decision {
                ChannelListDecision::Refuse { .. } => return Ok((decision, others)),
                ChannelListDecision::Record => nodes::set_setting(conn, CHANNELS, &ours, now)?,
                ChannelListDecision::Keep => {}
            }
            nodes::register(conn, node_id, now)?;
            Ok((decision, others))
        })
    })?;
    match decision {
        ChannelListDecision::Refuse { recorded } => anyhow::bail!(
            "the setting `channels` differs between nodes: this node has {channels:?}, the {} other running node(s) \
             have {recorded:?}. Start this node with the same list, or change the list on every node: stop them \
             all, change settings.json everywhere, then start them (a node counts as running until {} s after \
             its last heartbeat)",
            others.len(),
            ALIVE_WITHIN.as_secs()
        ),
        ChannelListDecision::Record => tracing::info!(channels = ?channels, "channel list recorded for every node"),
        ChannelListDecision::Keep => {}
    }
    Ok(())
}

/// The node is still alive.
pub async fn heartbeat(store: &Store, node_id: &str) -> anyhow::Result<()> {
    let id = node_id.to_string();
    store.run(move |conn| nodes::heartbeat(conn, &id, store::now())).await
}

/// The node stops: it no longer counts as alive (so the others may be restarted with a new
/// channel list at once, without waiting for its heartbeat to age).
pub async fn leave(store: &Store, node_id: &str) -> anyhow::Result<()> {
    let id = node_id.to_string();
    store.run(move |conn| nodes::remove(conn, &id)).await
}
