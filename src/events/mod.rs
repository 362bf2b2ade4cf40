//! The in-process event bus behind `GET /events`: handlers publish what changed and for whom; each
//! open stream receives what its user may see. Recent events are kept so a reconnecting client
//! (`Last-Event-ID`) gets what it missed, or a `resync` when that is too old.
//!
//! One process holds the bus; several server instances will need to relay events between them
//! (PostgreSQL `LISTEN/NOTIFY`), which changes how events arrive, not this interface.
pub mod stream;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

/// How many past events a reconnecting client can catch up on.
const HISTORY: usize = 10_000;

/// An internal event that closes the streams of one session; never sent to a client.
pub const SESSION_ENDED: &str = "session_ended";

/// Who may receive an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Every signed-in user (public channels, presence).
    Everyone,
    /// Exactly these users (DM participants, private channel members, one user's own changes).
    Users(Vec<i64>),
}

impl Audience {
    pub fn includes(&self, user_id: i64) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Users(ids) => ids.contains(&user_id),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: u64,
    pub audience: Audience,
    /// The SSE event type: `message`, `receipts`, `typing`, `presence`, `dms`, `channels`.
    pub kind: &'static str,
    /// The JSON text of the event's data.
    pub data: String,
}

struct History {
    next_id: u64,
    recent: VecDeque<Arc<Event>>,
}

/// Cheap to clone; all clones share one bus.
#[derive(Clone)]
pub struct EventBus {
    sender: broadcast::Sender<Arc<Event>>,
    history: Arc<Mutex<History>>,
}

impl Default for EventBus {
    fn default() -> Self {
        EventBus::new()
    }
}

/// What a subscriber must be sent first when it (re)connects.
pub enum Replay {
    /// The missed events, oldest first (possibly none).
    Events(Vec<Arc<Event>>),
    /// The client's last event is older than what is kept: it must reload.
    Resync,
}

impl EventBus {
    pub fn new() -> EventBus {
        let (sender, _) = broadcast::channel(4096);
        EventBus { sender, history: Arc::new(Mutex::new(History { next_id: 1, recent: VecDeque::new() })) }
    }

    /// Closes every open stream of the session with this hash.
    pub fn end_session(&self, user_id: i64, session_hash: &str) {
        self.publish_raw(Audience::Users(vec![user_id]), SESSION_ENDED, session_hash.to_string());
    }

    /// Publishes an event; numbering and sending happen under one lock so ids reach every
    /// subscriber in order.
    pub fn publish(&self, audience: Audience, kind: &'static str, data: &impl serde::Serialize) {
        let data = match serde_json::to_string(data) {
            Ok(data) => data,
            Err(err) => {
                tracing::error!(error = %err, kind, "event data does not serialise");
                return;
            }
        };
        self.publish_raw(audience, kind, data);
    }

    fn publish_raw(&self, audience: Audience, kind: &'static str, data: String) {
        let Ok(mut history) = self.history.lock() else { return };
        let event = Arc::new(Event { id: history.next_id, audience, kind, data });
        history.next_id += 1;
        if history.recent.len() == HISTORY {
            history.recent.pop_front();
        }
        history.recent.push_back(event.clone());
        // No receivers is fine: nobody is listening.
        let _ = self.sender.send(event);
    }

    /// A live receiver plus the events after `last_seen` that `user_id` may see. Subscribing and
    /// reading the history happen under the publish lock, so nothing falls between them.
    pub fn subscribe(&self, user_id: i64, last_seen: Option<u64>) -> (broadcast::Receiver<Arc<Event>>, Replay) {
        let history = match self.history.lock() {
            Ok(history) => history,
            Err(poisoned) => poisoned.into_inner(),
        };
        let receiver = self.sender.subscribe();
        let replay = match last_seen {
            None => Replay::Events(Vec::new()),
            Some(last) if last + 1 >= history.next_id => Replay::Events(Vec::new()),
            Some(last) => match history.recent.front() {
                Some(oldest) if oldest.id <= last + 1 => Replay::Events(
                    history
                        .recent
                        .iter()
                        .filter(|event| event.id > last && event.audience.includes(user_id))
                        .cloned()
                        .collect(),
                ),
                _ => Replay::Resync,
            },
        };
        (receiver, replay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_returns_only_missed_events_the_user_may_see() {
        let bus = EventBus::new();
        bus.publish(Audience::Everyone, "message", &"a");
        bus.publish(Audience::Users(vec![2]), "message", &"secret");
        bus.publish(Audience::Users(vec![1, 2]), "dms", &"b");
        let (_, replay) = bus.subscribe(1, Some(1));
        let Replay::Events(events) = replay else { panic!("expected events") };
        assert_eq!(events.iter().map(|e| e.id).collect::<Vec<_>>(), vec![3]);
        let (_, replay) = bus.subscribe(1, Some(3));
        assert!(matches!(replay, Replay::Events(events) if events.is_empty()));
    }

    #[test]
    fn a_client_too_far_behind_must_resync() {
        let bus = EventBus::new();
        for _ in 0..HISTORY + 5 {
            bus.publish(Audience::Everyone, "typing", &"x");
        }
        assert!(matches!(bus.subscribe(1, Some(2)).1, Replay::Resync));
        assert!(matches!(bus.subscribe(1, Some(10)).1, Replay::Events(_)));
    }

    #[tokio::test]
    async fn live_events_arrive_in_order() {
        let bus = EventBus::new();
        let (mut receiver, _) = bus.subscribe(1, None);
        bus.publish(Audience::Everyone, "message", &1);
        bus.publish(Audience::Everyone, "message", &2);
        assert_eq!(receiver.recv().await.unwrap().id, 1);
        assert_eq!(receiver.recv().await.unwrap().id, 2);
    }
}
