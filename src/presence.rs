//! Presence and typing state: the most frequent requests of every client (each tab polls
//! `/online_users` and `/typing` every second), so they never touch the database on a single node.
//! The [`PresenceStore`] trait is the seam where a multi-node deployment (PostgreSQL backend behind
//! a load balancer) can plug in a shared implementation; its methods are async for that reason.
//!
//! The store only records facts (who wrote what, when); what a viewer is shown is decided by the
//! rules in [`crate::domain::presence`].
use std::collections::HashMap;
use std::sync::RwLock;

use futures_util::future::BoxFuture;

use crate::domain::presence::{self, PresenceState};

/// One user's last presence write.
#[derive(Debug, Clone, PartialEq)]
pub struct PresenceEntry {
    pub user_id: i64,
    pub username: String,
    pub state: PresenceState,
    /// When the state was last written (Unix seconds).
    pub last_seen: f64,
}

/// A typing report.
#[derive(Debug, Clone, PartialEq)]
pub struct TypingEntry {
    pub user_id: i64,
    pub username: String,
    pub at: f64,
}

pub trait PresenceStore: Send + Sync + 'static {
    /// Records `state` for the user at `now` (one entry per user, overwritten); returns the entry it
    /// replaced.
    fn set_state<'a>(&'a self, user_id: i64, username: &'a str, state: PresenceState, now: f64)
        -> BoxFuture<'a, anyhow::Result<Option<PresenceEntry>>>;

    /// Every entry written at or after `since`.
    fn seen_since(&self, since: f64) -> BoxFuture<'_, anyhow::Result<Vec<PresenceEntry>>>;

    /// Records that the user is typing in `channel` (its canonical key) at `now`; returns when they
    /// last reported typing there, if that report is still kept.
    fn set_typing<'a>(&'a self, channel: &'a str, user_id: i64, username: &'a str, now: f64)
        -> BoxFuture<'a, anyhow::Result<Option<f64>>>;

    /// The typing reports of `channel` made at or after `since`.
    fn typing_since<'a>(&'a self, channel: &'a str, since: f64) -> BoxFuture<'a, anyhow::Result<Vec<TypingEntry>>>;

    /// Forgets everything about a user (account deletion).
    fn forget_user(&self, user_id: i64) -> BoxFuture<'_, anyhow::Result<()>>;
}

/// Presence and typing in this process's memory. Every operation is O(1) except listings, which are
/// O(entries listed): stale entries are pruned as they age out, so the presence map holds only the
/// users seen within the listing window, and a channel's typing map only recent typists.
#[derive(Default)]
pub struct InMemoryPresence {
    presence: RwLock<PresenceMap>,
    typing: RwLock<HashMap<String, HashMap<i64, TypingEntry>>>,
}

#[derive(Default)]
struct PresenceMap {
    entries: HashMap<i64, PresenceEntry>,
    /// The oldest `last_seen` that may still be in `entries`; pruning is due once it is out of the
    /// window.
    oldest: f64,
}

/// How much older than the listing cutoff entries may get before a prune runs, so pruning (a full
/// pass under the write lock) happens about once a minute, not on every listing.
const PRUNE_SLACK_SECONDS: f64 = 60.0;

impl InMemoryPresence {
    pub fn new() -> InMemoryPresence {
        InMemoryPresence::default()
    }

    /// Drops entries older than `cutoff`, once they are [`PRUNE_SLACK_SECONDS`] past it (checked
    /// under the read lock, so listings only contend for the write lock about once a minute).
    fn prune_presence(&self, cutoff: f64) -> anyhow::Result<()> {
        let due = self.presence.read().map_err(|_| poisoned())?.oldest < cutoff - PRUNE_SLACK_SECONDS;
        if due {
            let mut map = self.presence.write().map_err(|_| poisoned())?;
            map.entries.retain(|_, entry| entry.last_seen >= cutoff);
            map.oldest = map.entries.values().map(|e| e.last_seen).fold(f64::INFINITY, f64::min);
        }
        Ok(())
    }
}

fn poisoned() -> anyhow::Error {
    anyhow::anyhow!("presence store lock poisoned")
}

impl PresenceStore for InMemoryPresence {
    fn set_state<'a>(&'a self, user_id: i64, username: &'a str, state: PresenceState, now: f64)
        -> BoxFuture<'a, anyhow::Result<Option<PresenceEntry>>> {
        let result = self.presence.write().map_err(|_| poisoned()).map(|mut map| {
            if map.entries.is_empty() {
                map.oldest = now;
            }
            // `oldest` stays a lower bound of every entry's time, which is all pruning needs.
            map.oldest = map.oldest.min(now);
            let entry = PresenceEntry { user_id, username: username.to_owned(), state, last_seen: now };
            map.entries.insert(user_id, entry)
        });
        Box::pin(std::future::ready(result))
    }

    fn seen_since(&self, since: f64) -> BoxFuture<'_, anyhow::Result<Vec<PresenceEntry>>> {
        let result = self.prune_presence(since).and_then(|()| self.presence.read().map_err(|_| poisoned()).map(|map| {
            map.entries.values().filter(|entry| entry.last_seen >= since).cloned().collect()
        }));
        Box::pin(std::future::ready(result))
    }

    fn set_typing<'a>(&'a self, channel: &'a str, user_id: i64, username: &'a str, now: f64)
        -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        let result = self.typing.write().map_err(|_| poisoned()).map(|mut typing| {
            let typists = typing.entry(channel.to_owned()).or_default();
            // Reports nobody can see any more go on the next write to the channel, so a channel's
            // map never holds more than its recent typists.
            typists.retain(|_, entry| presence::typing_visible(entry.at, now));
            typists.insert(user_id, TypingEntry { user_id, username: username.to_owned(), at: now }).map(|previous| previous.at)
        });
        Box::pin(std::future::ready(result))
    }

    fn typing_since<'a>(&'a self, channel: &'a str, since: f64) -> BoxFuture<'a, anyhow::Result<Vec<TypingEntry>>> {
        let result = self.typing.read().map_err(|_| poisoned()).map(|typing| {
            typing
                .get(channel)
                .map(|typists| typists.values().filter(|entry| entry.at >= since).cloned().collect())
                .unwrap_or_default()
        });
        Box::pin(std::future::ready(result))
    }

    fn forget_user(&self, user_id: i64) -> BoxFuture<'_, anyhow::Result<()>> {
        let result = (|| {
            self.presence.write().map_err(|_| poisoned())?.entries.remove(&user_id);
            let mut typing = self.typing.write().map_err(|_| poisoned())?;
            for typists in typing.values_mut() {
                typists.remove(&user_id);
            }
            typing.retain(|_, typists| !typists.is_empty());
            Ok(())
        })();
        Box::pin(std::future::ready(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    fn now_or_never<T>(future: BoxFuture<'_, anyhow::Result<T>>) -> T {
        future.now_or_never().expect("in-memory store is ready at once").expect("no error")
    }

    #[test]
    fn presence_is_one_entry_per_user_and_ages_out() {
        let store = InMemoryPresence::new();
        assert_eq!(now_or_never(store.set_state(1, "alice", PresenceState::Active, 1000.0)), None);
        let previous = now_or_never(store.set_state(1, "alice", PresenceState::Idle, 1010.0)).unwrap();
        assert_eq!((previous.state, previous.last_seen), (PresenceState::Active, 1000.0));
        now_or_never(store.set_state(2, "bob", PresenceState::Hidden, 1005.0));
        let mut seen = now_or_never(store.seen_since(0.0));
        seen.sort_by_key(|e| e.user_id);
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].state, PresenceState::Idle);
        assert_eq!(seen[0].last_seen, 1010.0);
        let recent = now_or_never(store.seen_since(1006.0));
        assert_eq!(recent.len(), 1);
        // A listing far in the future prunes both entries for good.
        assert!(now_or_never(store.seen_since(10_000.0)).is_empty());
        assert!(store.presence.read().unwrap().entries.is_empty());
    }

    #[test]
    fn typing_is_per_channel_and_forgotten_with_the_user() {
        let store = InMemoryPresence::new();
        assert_eq!(now_or_never(store.set_typing("general", 1, "alice", 100.0)), None);
        now_or_never(store.set_typing("general", 2, "bob", 103.0));
        assert_eq!(now_or_never(store.set_typing("general", 2, "bob", 104.0)), Some(103.0));
        now_or_never(store.set_typing("dm:alice:bob", 1, "alice", 103.0));
        let names = |channel: &str, since: f64| {
            let mut names: Vec<String> = now_or_never(store.typing_since(channel, since)).into_iter().map(|e| e.username).collect();
            names.sort();
            names
        };
        assert_eq!(names("general", 99.0), ["alice", "bob"]);
        assert_eq!(names("general", 101.0), ["bob"]);
        assert!(names("software", 0.0).is_empty());
        // A later write to the channel drops reports nobody can see any more.
        now_or_never(store.set_typing("general", 3, "carol", 107.0));
        assert_eq!(names("general", 0.0), ["bob", "carol"]);
        now_or_never(store.forget_user(1));
        assert!(names("dm:alice:bob", 0.0).is_empty());
        now_or_never(store.set_state(1, "alice", PresenceState::Active, 1.0));
        now_or_never(store.forget_user(1));
        assert!(now_or_never(store.seen_since(0.0)).is_empty());
    }
}
