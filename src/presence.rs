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
    fn set_state<'a>(
        &'a self,
        user_id: i64,
        username: &'a str,
        state: PresenceState,
        now: f64,
    ) -> BoxFuture<'a, anyhow::Result<Option<PresenceEntry>>>;

    /// Every entry written at or after `since`.
    fn seen_since(&self, since: f64) -> BoxFuture<'_, anyhow::Result<Vec<PresenceEntry>>>;

    /// Records that the user is typing in `channel` (its canonical key) at `now`; returns when they
    /// last reported typing there, if that report is still kept.
    fn set_typing<'a>(
        &'a self,
        channel: &'a str,
        user_id: i64,
        username: &'a str,
        now: f64,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>>;

    /// The typing reports of `channel` made at or after `since`.
    fn typing_since<'a>(&'a self, channel: &'a str, since: f64) -> BoxFuture<'a, anyhow::Result<Vec<TypingEntry>>>;

    /// Forgets everything about a user (account deletion).
    fn forget_user(&self, user_id: i64) -> BoxFuture<'_, anyhow::Result<()>>;
}

/// Presence and typing in this process's memory. Every operation is O(1) except listings, which are
/// O(entries listed), and a prune of the typing reports about once a second. The presence map holds
/// one entry per user, pruned once out of the listing window; the typing map holds only reports
/// still shown (at most a second late), at most `max_typing_per_user` of each user.
pub struct InMemoryPresence {
    presence: RwLock<PresenceMap>,
    typing: RwLock<TypingMap>,
    max_typing_per_user: usize,
}

impl Default for InMemoryPresence {
    fn default() -> Self {
        InMemoryPresence::new()
    }
}

/// Typing reports by channel, and the same reports by user (to bound and forget them per user).
#[derive(Default)]
struct TypingMap {
    channels: HashMap<String, HashMap<i64, TypingEntry>>,
    /// Each user's reports: channel and time, at most `max_typing_per_user`.
    by_user: HashMap<i64, Vec<(String, f64)>>,
    /// When every report was last checked for expiry.
    pruned_at: f64,
}

impl TypingMap {
    fn remove(&mut self, channel: &str, user_id: i64) {
        if let Some(typists) = self.channels.get_mut(channel) {
            typists.remove(&user_id);
            if typists.is_empty() {
                self.channels.remove(channel);
            }
        }
    }

    /// Drops every report nobody can see any more.
    fn prune(&mut self, now: f64) {
        self.channels.retain(|_, typists| {
            typists.retain(|_, entry| presence::typing_visible(entry.at, now));
            !typists.is_empty()
        });
        self.by_user.retain(|_, reports| {
            reports.retain(|(_, at)| presence::typing_visible(*at, now));
            !reports.is_empty()
        });
        self.pruned_at = now;
    }
}

/// How often (seconds) a typing report looks at every other report to drop the expired ones.
const TYPING_PRUNE_EVERY_SECONDS: f64 = 1.0;

/// The default of `max_typing_conversations_per_user`.
pub const DEFAULT_MAX_TYPING_PER_USER: usize = 20;

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
        InMemoryPresence::with_max_typing_per_user(DEFAULT_MAX_TYPING_PER_USER)
    }

    /// A store that shows each user typing in at most `max` conversations at once: a report in
    /// one more drops that user's oldest report.
    pub fn with_max_typing_per_user(max: usize) -> InMemoryPresence {
        InMemoryPresence { presence: RwLock::default(), typing: RwLock::default(), max_typing_per_user: max.max(1) }
    }

    /// How many typing reports are kept, over all channels (for tests and measurements).
    pub fn typing_reports(&self) -> usize {
        self.typing.read().map(|typing| typing.channels.values().map(HashMap::len).sum()).unwrap_or(0)
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
    fn set_state<'a>(
        &'a self,
        user_id: i64,
        username: &'a str,
        state: PresenceState,
        now: f64,
    ) -> BoxFuture<'a, anyhow::Result<Option<PresenceEntry>>> {
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
        let result = self.prune_presence(since).and_then(|()| {
            self.presence
                .read()
                .map_err(|_| poisoned())
                .map(|map| map.entries.values().filter(|entry| entry.last_seen >= since).cloned().collect())
        });
        Box::pin(std::future::ready(result))
    }

    fn set_typing<'a>(
        &'a self,
        channel: &'a str,
        user_id: i64,
        username: &'a str,
        now: f64,
    ) -> BoxFuture<'a, anyhow::Result<Option<f64>>> {
        let max = self.max_typing_per_user;
        let result = self.typing.write().map_err(|_| poisoned()).map(|mut typing| {
            // Expired reports go at most a second late, whichever channel they are in.
            if now - typing.pruned_at >= TYPING_PRUNE_EVERY_SECONDS {
                typing.prune(now);
            }
            let mut reports = typing.by_user.remove(&user_id).unwrap_or_default();
            reports.retain(|(old, at)| {
                let shown = presence::typing_visible(*at, now);
                if !shown {
                    typing.remove(old, user_id);
                }
                shown
            });
            match reports.iter_mut().find(|(key, _)| key == channel) {
                Some(report) => report.1 = now,
                None => {
                    if reports.len() >= max {
                        // The user's oldest report makes room: nobody types in that many places at once.
                        let oldest =
                            (0..reports.len()).min_by(|&a, &b| reports[a].1.total_cmp(&reports[b].1)).unwrap_or(0);
                        let (old, _) = reports.swap_remove(oldest);
                        typing.remove(&old, user_id);
                    }
                    reports.push((channel.to_owned(), now));
                }
            }
            typing.by_user.insert(user_id, reports);
            let typists = typing.channels.entry(channel.to_owned()).or_default();
            // Reports nobody can see any more go on the next write to the channel, so a channel's
            // map never holds more than its recent typists.
            typists.retain(|_, entry| presence::typing_visible(entry.at, now));
            let previous = typists.insert(user_id, TypingEntry { user_id, username: username.to_owned(), at: now });
            previous.map(|previous| previous.at)
        });
        Box::pin(std::future::ready(result))
    }

    fn typing_since<'a>(&'a self, channel: &'a str, since: f64) -> BoxFuture<'a, anyhow::Result<Vec<TypingEntry>>> {
        let result = self.typing.read().map_err(|_| poisoned()).map(|typing| {
            typing
                .channels
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
            for (channel, _) in typing.by_user.remove(&user_id).unwrap_or_default() {
                typing.remove(&channel, user_id);
            }
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
            let mut names: Vec<String> =
                now_or_never(store.typing_since(channel, since)).into_iter().map(|e| e.username).collect();
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

    #[test]
    fn expired_typing_reports_are_pruned_whatever_the_channel() {
        let store = InMemoryPresence::new();
        for n in 0..50 {
            now_or_never(store.set_typing(&format!("dm:alice:user{n}"), 1 + n, "x", 100.0));
        }
        assert_eq!(store.typing_reports(), 50);
        // Any later report, in any channel, drops the ones nobody can see any more.
        now_or_never(store.set_typing("general", 99, "bob", 107.0));
        assert_eq!(store.typing_reports(), 1);
        assert_eq!(store.typing.read().unwrap().by_user.len(), 1);
    }

    #[test]
    fn a_user_types_in_at_most_the_limit_of_conversations_the_oldest_report_going_first() {
        let store = InMemoryPresence::with_max_typing_per_user(3);
        let names = |channel: &str| -> Vec<String> {
            now_or_never(store.typing_since(channel, 0.0)).into_iter().map(|e| e.username).collect()
        };
        now_or_never(store.set_typing("a", 1, "alice", 100.0));
        now_or_never(store.set_typing("b", 1, "alice", 100.2));
        now_or_never(store.set_typing("c", 1, "alice", 100.4));
        now_or_never(store.set_typing("a", 1, "alice", 100.5));
        now_or_never(store.set_typing("a", 2, "bob", 100.5));
        // A fourth conversation: alice's oldest report (`b`; `a` was renewed) goes.
        assert_eq!(now_or_never(store.set_typing("d", 1, "alice", 100.6)), None);
        assert!(names("b").is_empty());
        for channel in ["a", "c", "d"] {
            assert!(names(channel).contains(&"alice".to_string()), "{channel}");
        }
        assert_eq!(names("a").len(), 2, "bob's report is his own");
        assert_eq!(store.typing_reports(), 4);
        for n in 0..100 {
            now_or_never(store.set_typing(&format!("x{n}"), 1, "alice", 101.0));
        }
        assert_eq!(store.typing_reports(), 4, "three of alice's and bob's");
        now_or_never(store.forget_user(1));
        assert_eq!(store.typing_reports(), 1);
    }
}
