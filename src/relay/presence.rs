//! Presence and typing on several nodes: each node keeps the whole picture in its own memory (reads
//! stay as cheap as on one node) and tells the others of every write through `NOTIFY`, in batches.
use std::sync::Arc;

use futures_util::future::BoxFuture;
use tokio::sync::mpsc;

use super::wire::PresenceNews;
use crate::domain::presence::PresenceState;
use crate::presence::{InMemoryPresence, PresenceEntry, PresenceStore, TypingEntry};

/// This node's presence store, repeating its writes to the other nodes.
pub struct SharedPresence {
    local: Arc<InMemoryPresence>,
    outbox: mpsc::Sender<PresenceNews>,
}

impl SharedPresence {
    pub(super) fn new(local: Arc<InMemoryPresence>, outbox: mpsc::Sender<PresenceNews>) -> SharedPresence {
        SharedPresence { local, outbox }
    }

    fn tell_others(&self, news: PresenceNews) {
        // A full outbox means the database is not keeping up: the news is dropped (heartbeats and
        // typing reports repeat every few seconds), never queued without bound.
        if self.outbox.try_send(news).is_err() {
            tracing::debug!("presence outbox full; an update was not relayed");
        }
    }
}

impl PresenceStore for SharedPresence {
    fn set_state<'a>(
        &'a self,
        user_id: i64,
        username: &'a str,
        state: PresenceState,
        now: f64,
    ) -> BoxFuture<'a, anyhow::Result<Option<PresenceEntry>>> {
        self.tell_others(PresenceNews::state(user_id, username, state));
        self.local.set_state(user_id, username, state, now)
    }

    fn seen_since(&self, since: f64) -> BoxFuture<'_, anyhow::Result<Vec<PresenceEntry>>> {
        self.local.seen_since(since)
    }

    fn set_typing<'a>(
        &'a self,
        channel: &'a str,
        user_id: i64,
        username: &'a str,
        now: f64,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        self.tell_others(PresenceNews::Typing {
            channel: channel.to_owned(),
            user: user_id,
            name: username.to_owned(),
        });
        self.local.set_typing(channel, user_id, username, now)
    }

    fn typing_since<'a>(&'a self, channel: &'a str, since: f64) -> BoxFuture<'a, anyhow::Result<Vec<TypingEntry>>> {
        self.local.typing_since(channel, since)
    }

    fn forget_user(&self, user_id: i64) -> BoxFuture<'_, anyhow::Result<()>> {
        self.tell_others(PresenceNews::Forget { user: user_id });
        self.local.forget_user(user_id)
    }
}

/// Records news from another node in this node's memory, at this node's time.
pub(super) async fn apply(local: &InMemoryPresence, news: PresenceNews) -> anyhow::Result<()> {
    let now = crate::store::now();
    match news {
        PresenceNews::State { user, name, state } => {
            local.set_state(user, &name, PresenceNews::parsed_state(&state)?, now).await?;
        }
        PresenceNews::Typing { channel, user, name } => {
            local.set_typing(&channel, user, &name, now).await?;
        }
        PresenceNews::Forget { user } => local.forget_user(user).await?,
    }
    Ok(())
}
