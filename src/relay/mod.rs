//! How this node's changes reach every live stream, on one node or several.
//!
//! One node (SQLite, or a single PostgreSQL node): the [`EventBus`] numbers and fans out events in
//! memory. Several nodes on one PostgreSQL database: every event and stream control is appended to
//! the database's event log, which numbers it for the whole cluster and notifies every node
//! (`LISTEN/NOTIFY`); each node's listener delivers what it hears, in id order, to its own bus, which
//! applies the same audience rules as on one node. Because ids are global and every node holds the
//! same recent history, a client may reconnect to any node with its `Last-Event-ID`. A listener that
//! loses its connection reconnects and reads what it missed from the log; only when the log no
//! longer holds it are its streams told to `resync`.
//!
//! Presence and typing (ephemeral, very frequent, never in the log) travel the same way as batches of
//! news ([`SharedPresence`]).
pub mod commands;
pub mod listener;
mod presence;
mod wire;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::{mpsc, watch};

pub use presence::SharedPresence;

use crate::events::{Audience, Control, EventBus, Limits, Numbering, MAX_HISTORY_EVENTS};
use crate::presence::InMemoryPresence;
use crate::store::{event_log, Store};

/// The log keeps this many newest ids; older ones are pruned (each node keeps at most as many in
/// its replay history).
pub const LOG_KEEP: i64 = MAX_HISTORY_EVENTS as i64;

/// How many presence updates wait at most to be relayed (beyond that they are dropped: the next
/// heartbeat repeats them).
pub const PRESENCE_OUTBOX: usize = 4_096;

/// How long a publisher waits at most for its event to come back through its own listener.
const DELIVERY_WAIT: Duration = Duration::from_secs(1);

/// The `NOTIFY` channel of presence news.
pub const PRESENCE_CHANNEL: &str = "minimost_presence";

/// The event kind under which stream controls are logged.
const CONTROL_KIND: &str = "control";

/// Publishing live events and stream controls. Cheap to clone.
#[derive(Clone)]
pub struct Relay {
    bus: EventBus,
    cluster: Option<Arc<Cluster>>,
    /// A single node's database, where admin commands leave it requests ([`commands`]).
    requests: Option<Store>,
}

/// What a node of a PostgreSQL cluster shares with its listener.
struct Cluster {
    store: Store,
    database_url: String,
    /// Tells this node's own presence news apart from the others'.
    node: String,
    presence: Arc<InMemoryPresence>,
    outbox: std::sync::Mutex<Option<mpsc::Receiver<wire::PresenceNews>>>,
    listening: AtomicBool,
    /// The bus's next id, each time the listener delivers: what a publisher waits on.
    delivered: watch::Sender<u64>,
}

impl Relay {
    /// Events for this process only; admin commands reach it through `store` ([`commands`]).
    pub fn single_node(bus: EventBus, store: Store) -> Relay {
        Relay { bus, cluster: None, requests: Some(store) }
    }

    /// A node of a cluster on the PostgreSQL database `store`: its bus starts with the log's recent
    /// history (so clients can resume here with ids handed out by other nodes, or before a
    /// restart), and its presence store repeats writes to the other nodes. [`Relay::run`] must be
    /// polled for the node to hear the others.
    pub fn cluster_node(
        store: Store,
        database_url: &str,
        limits: Limits,
        presence: Arc<InMemoryPresence>,
    ) -> anyhow::Result<(Relay, SharedPresence)> {
        let bus = EventBus::with_numbering(limits, Numbering::Global);
        let (outbox_sender, outbox) = mpsc::channel(PRESENCE_OUTBOX);
        let shared = SharedPresence::new(presence.clone(), outbox_sender);
        let cluster = Arc::new(Cluster {
            store,
            database_url: database_url.to_owned(),
            node: uuid::Uuid::new_v4().to_string(),
            presence,
            outbox: std::sync::Mutex::new(Some(outbox)),
            listening: AtomicBool::new(false),
            delivered: watch::Sender::new(0),
        });
        let relay = Relay { bus, cluster: Some(cluster), requests: None };
        relay.load_history()?;
        Ok((relay, shared))
    }

    /// This node's bus, which its streams subscribe to.
    pub fn bus(&self) -> &EventBus {
        &self.bus
    }

    /// Whether this node hears the other nodes; `None` on a single node (nothing to hear).
    pub fn listening(&self) -> Option<bool> {
        self.cluster.as_ref().map(|cluster| cluster.listening.load(Ordering::Acquire))
    }

    /// Publishes an event to everyone in `audience`, on every node. On a cluster it returns once the
    /// event is in the log (so an answered request's event reaches the streams even if this node
    /// dies now); a log that cannot be written after a few tries is logged and the event dropped
    /// (the change itself is committed: pollers and reloading clients still see it).
    pub async fn publish(&self, audience: Audience, kind: &'static str, data: &impl serde::Serialize) {
        let Some(cluster) = &self.cluster else {
            self.bus.publish(audience, kind, data);
            return;
        };
        match serde_json::to_string(data) {
            Ok(data) => {
                if let Some(id) = cluster.append(wire::audience_text(&audience), kind, data).await {
                    cluster.until_delivered(id).await;
                }
            }
            Err(err) => tracing::error!(error = %err, kind, "event data does not serialise"),
        }
    }

    /// Ends the streams of a session (logout) on every node.
    pub async fn end_session(&self, user_id: i64, session_hash: &str) {
        self.control(Control::SessionEnded { user_id, session_hash: session_hash.to_owned() }).await;
    }

    /// Ends every stream of an account (deletion) on every node.
    pub async fn end_user(&self, user_id: i64) {
        self.control(Control::UserGone { user_id }).await;
    }

    async fn control(&self, control: Control) {
        // This node's streams end at once; the others' when the log entry reaches them.
        self.bus.control(control.clone());
        if let Some(cluster) = &self.cluster {
            match serde_json::to_string(&control) {
                Ok(data) => {
                    cluster.append(None, CONTROL_KIND, data).await;
                }
                Err(err) => tracing::error!(error = %err, "a stream control does not serialise"),
            }
        }
    }

    /// The node's share of the cluster's work, for as long as it is polled: listening to the other
    /// nodes, relaying presence news, pruning the log. A single node listens to admin commands.
    pub async fn run(self) {
        let Some(cluster) = self.cluster.clone() else {
            if let Some(store) = &self.requests {
                commands::serve(&self.bus, store).await;
            }
            return std::future::pending().await;
        };
        let outbox = cluster.outbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        let relay_presence = async {
            match outbox {
                Some(outbox) => relay_presence(&cluster, outbox).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = listener::run(&self, &cluster) => {}
            () = relay_presence => {}
            () = prune_log(&cluster) => {}
        }
    }

    /// Fills the bus with the newest events of the log, before the node serves anyone.
    fn load_history(&self) -> anyhow::Result<()> {
        let Some(cluster) = &self.cluster else { return Ok(()) };
        let events =
            cluster.store.blocking(|conn| event_log::newest(conn, LOG_KEEP)).context("cannot read the event log")?;
        for event in events {
            self.deliver(event);
        }
        Ok(())
    }

    /// Hands one logged event (or control) to this node's bus, and tells publishers waiting for it.
    fn deliver(&self, event: event_log::LoggedEvent) {
        self.hand_to_bus(event);
        if let Some(cluster) = &self.cluster {
            cluster.delivered.send_replace(self.bus.next_id());
        }
    }

    fn hand_to_bus(&self, event: event_log::LoggedEvent) {
        let Ok(id) = u64::try_from(event.id) else { return };
        if event.kind == CONTROL_KIND {
            match serde_json::from_str::<Control>(&event.data) {
                Ok(control) => self.bus.deliver_control(id, control),
                Err(err) => tracing::warn!(id, error = %err, "an unreadable stream control in the event log"),
            }
            return;
        }
        let Some(kind) = crate::events::kind_named(&event.kind) else {
            tracing::warn!(id, kind = event.kind, "an event of an unknown kind in the event log; skipped");
            self.bus.pass(id);
            return;
        };
        match wire::parse_audience(event.audience.as_deref()) {
            Ok(audience) => self.bus.deliver(id, audience, kind, &event.data),
            Err(err) => {
                tracing::warn!(id, error = %format!("{err:#}"), "an event with an unreadable audience; skipped");
                self.bus.pass(id);
            }
        }
    }
}

impl Cluster {
    /// Waits (briefly) until this node's own bus has the event `id`, so whoever made the change sees
    /// its event on this node before the answer: a stream opened after it starts after it.
    async fn until_delivered(&self, id: i64) {
        let Ok(id) = u64::try_from(id) else { return };
        if !self.listening.load(Ordering::Acquire) {
            return;
        }
        let mut delivered = self.delivered.subscribe();
        let _ = tokio::time::timeout(DELIVERY_WAIT, delivered.wait_for(|&next| next > id)).await;
    }

    /// Appends to the log (a few tries); the event's id, or `None` if it could not be logged.
    async fn append(&self, audience: Option<String>, kind: &'static str, data: String) -> Option<i64> {
        const TRIES: u32 = 3;
        for attempt in 1..=TRIES {
            let (audience, data) = (audience.clone(), data.clone());
            let appended = self.store.run(move |conn| event_log::append(conn, audience.as_deref(), kind, &data)).await;
            match appended {
                Ok(id) => return Some(id),
                Err(err) if attempt == TRIES => {
                    tracing::error!(error = %format!("{err:#}"), kind, "cannot log a live event; streams miss it");
                }
                Err(err) => {
                    tracing::warn!(error = %format!("{err:#}"), kind, attempt, "cannot log a live event; retrying");
                    tokio::time::sleep(Duration::from_millis(100) * 4u32.pow(attempt - 1)).await;
                }
            }
        }
        None
    }
}

/// Sends this node's presence news to the others, as few notifications as they fit in: while one
/// is on its way, the next batch gathers.
async fn relay_presence(cluster: &Cluster, mut outbox: mpsc::Receiver<wire::PresenceNews>) {
    let mut news = Vec::new();
    while outbox.recv_many(&mut news, PRESENCE_OUTBOX).await > 0 {
        for payload in wire::presence_payloads(&cluster.node, std::mem::take(&mut news)) {
            let sent = cluster.store.run(move |conn| event_log::notify(conn, PRESENCE_CHANNEL, &payload)).await;
            if let Err(err) = sent {
                tracing::warn!(error = %format!("{err:#}"), "cannot relay presence news; the next heartbeat will");
            }
        }
    }
}

/// How often the log is pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(60);

async fn prune_log(cluster: &Cluster) {
    let mut ticks = tokio::time::interval(PRUNE_EVERY);
    loop {
        ticks.tick().await;
        if let Err(err) = cluster.store.run(|conn| event_log::prune(conn, LOG_KEEP)).await {
            tracing::warn!(error = %format!("{err:#}"), "cannot prune the event log");
        }
    }
}
