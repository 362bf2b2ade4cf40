//! The in-process event bus behind `GET /events`: handlers publish what changed and for whom; each
//! open stream receives what its user may see. Recent events are kept so a reconnecting client
//! (`Last-Event-ID`) gets what it missed, or a `resync` when that is too old.
//!
//! Memory is bounded whatever clients do:
//! - an event is serialised once, into the exact bytes of its SSE frame, and every stream sends
//!   those same bytes (shared, never copied per stream);
//! - the history is the only place events are kept: at most [`Limits::replay_events`] events and
//!   [`Limits::replay_bytes`] bytes, the oldest dropped first;
//! - a stream is a cursor into the history, not a queue. What it has not sent yet is counted (in
//!   bytes, events for its user only); a stream more than [`Limits::stream_buffer_bytes`] behind,
//!   or whose next event has left the history, is closed. Its client reconnects with
//!   `Last-Event-ID` and is replayed what it missed (or told to `resync`).
//!
//! Streams also end with their session: [`EventBus::control`] applies a [`Control`] (a session
//! ended, an account is gone) to the streams of this process. One process holds the bus; several
//! server instances will relay events and controls between them (PostgreSQL `LISTEN/NOTIFY`), which
//! changes how they arrive, not this interface.
pub mod stream;

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use tokio::sync::Notify;

use crate::config::Settings;
use crate::metrics::metrics;

/// The most events kept for replay, however small they are.
pub const MAX_HISTORY_EVENTS: usize = 10_000;

/// Every kind of event a stream may send (the SSE `event:` field).
pub const KINDS: &[&str] = &["message", "receipts", "typing", "presence", "dms", "channels", "resync"];

/// The kind named `name`, as the `'static` name events carry.
pub fn kind_named(name: &str) -> Option<&'static str> {
    KINDS.iter().copied().find(|kind| *kind == name)
}

/// Who numbers the events of a bus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// This bus, from 1 at start-up (one server instance: a restart starts again, and a client
    /// holding an id from before is told to `resync`).
    Local,
    /// The cluster's event log ([`EventBus::deliver`]): ids outlive restarts and are the same on
    /// every node, so a client may resume on any of them.
    Global,
}

/// How much the bus may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How many bytes of events for its user one stream may have left to send before it is closed.
    pub stream_buffer_bytes: usize,
    /// How many bytes of events the history keeps for replay.
    pub replay_bytes: usize,
    /// How many events the history keeps for replay.
    pub replay_events: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::from_settings(&Settings::default())
    }
}

impl Limits {
    pub fn from_settings(settings: &Settings) -> Limits {
        Limits {
            stream_buffer_bytes: settings.event_stream_buffer_bytes(),
            replay_bytes: settings.event_replay_buffer_bytes(),
            replay_events: MAX_HISTORY_EVENTS,
        }
    }
}

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

    /// The same audience with its users sorted and listed once, so [`Audience::includes_sorted`]
    /// can search it.
    fn normalised(self) -> Audience {
        match self {
            Audience::Everyone => Audience::Everyone,
            Audience::Users(mut ids) => {
                ids.sort_unstable();
                ids.dedup();
                ids.shrink_to_fit();
                Audience::Users(ids)
            }
        }
    }

    /// [`Audience::includes`] for a normalised audience (every stream asks this of every event).
    fn includes_sorted(&self, user_id: i64) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Users(ids) => ids.binary_search(&user_id).is_ok(),
        }
    }
}

/// One published event: its SSE frame (`id`, `event` and `data` lines), serialised once and shared
/// by every stream that sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: u64,
    pub audience: Audience,
    /// The SSE event type: `message`, `receipts`, `typing`, `presence`, `dms`, `channels`, `resync`.
    pub kind: &'static str,
    frame: Bytes,
    /// Where the JSON data starts in `frame` (it ends before the closing blank line).
    data_at: usize,
}

impl Event {
    fn new(id: u64, audience: Audience, kind: &'static str, data: &str) -> Event {
        // Compact JSON has no line breaks, so the data is one `data:` line.
        debug_assert!(!data.contains(['\n', '\r']));
        let head = format!("id: {id}\nevent: {kind}\ndata: ");
        let mut frame = Vec::with_capacity(head.len() + data.len() + 2);
        frame.extend_from_slice(head.as_bytes());
        frame.extend_from_slice(data.as_bytes());
        frame.extend_from_slice(b"\n\n");
        Event { id, audience, kind, frame: Bytes::from(frame), data_at: head.len() }
    }

    /// The JSON text of the event's data.
    pub fn data(&self) -> &str {
        std::str::from_utf8(&self.frame[self.data_at..self.frame.len() - 2]).unwrap_or_default()
    }

    /// The bytes sent to a client for this event (a shared handle, not a copy).
    pub fn frame(&self) -> Bytes {
        self.frame.clone()
    }

    /// What keeping the event costs, roughly: its frame, its audience and the bookkeeping around them.
    pub fn size(&self) -> usize {
        let users = match &self.audience {
            Audience::Everyone => 0,
            Audience::Users(ids) => ids.capacity() * std::mem::size_of::<i64>(),
        };
        self.frame.len() + users + std::mem::size_of::<Event>() + 64
    }
}

/// What ends streams. Never sent to a client nor kept for replay; a relay between server instances
/// carries these beside the events (hence the serde form).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "control", rename_all = "snake_case")]
pub enum Control {
    /// The session with this token hash ended (logout, expiry): its streams close.
    SessionEnded { user_id: i64, session_hash: String },
    /// The account is gone (deleted): every stream of it closes.
    UserGone { user_id: i64 },
}

/// Why a stream ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Its session or account ended.
    SessionEnded,
    /// It fell further behind than the bus keeps for it; the client reconnects and is replayed.
    FellBehind,
    /// The server is shutting down ([`EventBus::close_all`]); the client reconnects elsewhere.
    ShuttingDown,
}

const OPEN: u8 = 0;
const SESSION_ENDED: u8 = 1;
const FELL_BEHIND: u8 = 2;
const SHUTTING_DOWN: u8 = 3;

/// One open stream, as the bus sees it.
struct Subscriber {
    user_id: i64,
    session_hash: String,
    /// Events from this id on were published while the stream was open (and are after where it
    /// starts): they count in `pending`.
    first_live: u64,
    /// Bytes of events for this stream published and not yet sent.
    pending: AtomicUsize,
    ended: AtomicU8,
    /// Woken when an event for this stream is published or the stream ends.
    wake: Notify,
}

impl Subscriber {
    fn end(&self, why: u8) {
        let _ = self.ended.compare_exchange(OPEN, why, Ordering::AcqRel, Ordering::Acquire);
        self.wake.notify_one();
    }
}

/// A stream end's label in the metrics.
fn end_reason(why: u8) -> &'static str {
    match why {
        SESSION_ENDED => "session_ended",
        SHUTTING_DOWN => "shutting_down",
        _ => "fell_behind",
    }
}

struct Inner {
    limits: Limits,
    ids: Numbering,
    next_id: u64,
    /// Every event from this id on is in `recent` (or never existed: relayed ids may skip numbers).
    history_from: u64,
    recent: VecDeque<Arc<Event>>,
    recent_bytes: usize,
    subscribers: HashMap<u64, Arc<Subscriber>>,
    next_subscriber: u64,
    /// Set by [`EventBus::close_all`]: streams opened after it end at once.
    closed: bool,
}

impl Inner {
    /// Drops the oldest events until the history is within its limits (the newest is always kept,
    /// so a reconnecting client can tell it is up to date).
    fn trim(&mut self) {
        while self.recent.len() > 1
            && (self.recent.len() > self.limits.replay_events || self.recent_bytes > self.limits.replay_bytes)
        {
            if let Some(old) = self.recent.pop_front() {
                self.recent_bytes -= old.size();
                self.history_from = old.id + 1;
            }
        }
    }

    /// Keeps a new event (its id above every kept one) and wakes the streams it is for.
    fn push(&mut self, event: Arc<Event>) {
        metrics().events_published.inc();
        self.skip_to(event.id + 1);
        let size = event.size();
        let limit = self.limits.stream_buffer_bytes;
        // A stream that is behind by more than its buffer is closed; one event alone never is
        // (however large), so a client that keeps up always gets everything.
        self.end_where(FELL_BEHIND, |subscriber| {
            // (Below `first_live`: the stream starts after it, see `subscribe`.)
            if event.id < subscriber.first_live || !event.audience.includes_sorted(subscriber.user_id) {
                return false;
            }
            let before = subscriber.pending.fetch_add(size, Ordering::AcqRel);
            if before > 0 && before + size > limit {
                tracing::debug!(
                    user_id = subscriber.user_id,
                    behind = before + size,
                    "closing an event stream that fell behind"
                );
                return true;
            }
            subscriber.wake.notify_one();
            false
        });
        self.recent_bytes += size;
        self.recent.push_back(event);
        self.trim();
    }

    /// Moves the numbering on to `next_id` (never back); the ids skipped are not events.
    fn skip_to(&mut self, next_id: u64) {
        self.next_id = self.next_id.max(next_id);
    }

    /// Ends the streams `which` selects and forgets them.
    fn end_where(&mut self, why: u8, which: impl Fn(&Subscriber) -> bool) {
        self.subscribers.retain(|_, subscriber| {
            if which(subscriber) {
                subscriber.end(why);
                metrics().stream_ended(end_reason(why));
                false
            } else {
                true
            }
        });
    }
}

/// Cheap to clone; all clones share one bus.
#[derive(Clone)]
pub struct EventBus {
    inner: Arc<Mutex<Inner>>,
}

impl Default for EventBus {
    fn default() -> Self {
        EventBus::new(Limits::default())
    }
}

impl EventBus {
    pub fn new(limits: Limits) -> EventBus {
        EventBus::with_numbering(limits, Numbering::Local)
    }

    /// A bus whose events are numbered by `numbering`.
    pub fn with_numbering(limits: Limits, ids: Numbering) -> EventBus {
        EventBus {
            inner: Arc::new(Mutex::new(Inner {
                limits,
                ids,
                next_id: 1,
                history_from: 1,
                recent: VecDeque::new(),
                recent_bytes: 0,
                subscribers: HashMap::new(),
                next_subscriber: 0,
                closed: false,
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // Nothing under the lock can leave the state half-changed; carry on after a panic elsewhere.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Closes every open stream of the session with this hash (logout).
    pub fn end_session(&self, user_id: i64, session_hash: &str) {
        self.control(Control::SessionEnded { user_id, session_hash: session_hash.to_string() });
    }

    /// Closes every open stream of the account (deletion).
    pub fn end_user(&self, user_id: i64) {
        self.control(Control::UserGone { user_id });
    }

    /// Applies a control to this process's streams.
    pub fn control(&self, control: Control) {
        let mut inner = self.lock();
        match control {
            Control::SessionEnded { user_id, session_hash } => inner.end_where(SESSION_ENDED, |subscriber| {
                subscriber.user_id == user_id && subscriber.session_hash == session_hash
            }),
            Control::UserGone { user_id } => inner.end_where(SESSION_ENDED, |subscriber| subscriber.user_id == user_id),
        }
    }

    /// Publishes an event numbered by this bus ([`Numbering::Local`]); numbering, keeping and waking
    /// happen under one lock so ids reach every subscriber in order.
    pub fn publish(&self, audience: Audience, kind: &'static str, data: &impl serde::Serialize) {
        let data = match serde_json::to_string(data) {
            Ok(data) => data,
            Err(err) => {
                tracing::error!(error = %err, kind, "event data does not serialise");
                return;
            }
        };
        let audience = audience.normalised();
        let mut inner = self.lock();
        debug_assert_eq!(inner.ids, Numbering::Local, "a relayed bus numbers nothing itself");
        let event = Arc::new(Event::new(inner.next_id, audience, kind, &data));
        drop(data);
        inner.push(event);
    }

    /// Delivers an event numbered elsewhere ([`Numbering::Global`]: the cluster's event log) to this
    /// process's streams. Ids must come in increasing order; one not above the last delivered is a
    /// duplicate (a catch-up overlapping a notification) and is ignored.
    pub fn deliver(&self, id: u64, audience: Audience, kind: &'static str, data: &str) {
        let audience = audience.normalised();
        let mut inner = self.lock();
        if id < inner.next_id {
            return;
        }
        let event = Arc::new(Event::new(id, audience, kind, data));
        inner.push(event);
    }

    /// Applies a control numbered elsewhere: it takes its place in the numbering (so the next event
    /// is not mistaken for a gap) and acts on this process's streams, once.
    pub fn deliver_control(&self, id: u64, control: Control) {
        if self.pass(id) {
            self.control(control);
        }
    }

    /// Moves the numbering past `id`, a number that is no event for the streams; false if it had
    /// already passed it.
    pub fn pass(&self, id: u64) -> bool {
        let mut inner = self.lock();
        if id < inner.next_id {
            return false;
        }
        inner.skip_to(id + 1);
        true
    }

    /// The id the next delivered event should carry: everything below it has been delivered.
    pub fn next_id(&self) -> u64 {
        self.lock().next_id
    }

    /// Events below `next_id` were published but can no longer be delivered here (the relay lost
    /// them): the history is dropped and every open stream closed, so each client reconnects with
    /// its `Last-Event-ID`, which is now older than the history: it is told to `resync`.
    pub fn lost_events_before(&self, next_id: u64) {
        let mut inner = self.lock();
        inner.recent.clear();
        inner.recent_bytes = 0;
        inner.skip_to(next_id);
        inner.history_from = inner.next_id;
        inner.end_where(FELL_BEHIND, |_| true);
    }

    /// Opens a stream for `user_id`'s session `session_hash`, resuming after `last_seen` (the
    /// `Last-Event-ID` of a reconnecting client).
    pub fn subscribe(&self, user_id: i64, session_hash: String, last_seen: Option<u64>) -> Subscription {
        let mut inner = self.lock();
        let next_id = inner.next_id;
        let (cursor, resync) = match last_seen {
            None => (next_id, false),
            // A relayed id this node has not delivered yet (the client was on a node a little ahead):
            // it will arrive, and the stream starts after it. Far ahead is from another database.
            Some(last)
                if last >= next_id && inner.ids == Numbering::Global && last - next_id < MAX_HISTORY_EVENTS as u64 =>
            {
                (last + 1, false)
            }
            // An id this bus never handed out: from before a restart, so who knows what was missed.
            Some(last) if last >= next_id => (next_id, true),
            Some(last) if last + 1 >= inner.history_from => (last + 1, false),
            Some(_) => (next_id, true),
        };
        if last_seen.is_some() {
            let replayed = if resync { &metrics().replay_misses } else { &metrics().replay_hits };
            replayed.inc();
        }
        let subscriber = Arc::new(Subscriber {
            user_id,
            session_hash,
            first_live: next_id.max(cursor),
            pending: AtomicUsize::new(0),
            ended: AtomicU8::new(if inner.closed { SHUTTING_DOWN } else { OPEN }),
            wake: Notify::new(),
        });
        let key = inner.next_subscriber;
        inner.next_subscriber += 1;
        inner.subscribers.insert(key, subscriber.clone());
        Subscription { bus: self.clone(), key, subscriber, cursor, resync }
    }

    /// How many bytes of events the history holds (for tests and measurements).
    pub fn history_bytes(&self) -> usize {
        self.lock().recent_bytes
    }

    /// How many events the history holds.
    pub fn history_len(&self) -> usize {
        self.lock().recent.len()
    }

    /// How many streams are open.
    pub fn subscribers(&self) -> usize {
        self.lock().subscribers.len()
    }

    /// Ends every open stream, and every stream opened from now on, with [`End::ShuttingDown`]: the
    /// server is draining, and each client reconnects (through the load balancer, to another node)
    /// with its `Last-Event-ID`.
    pub fn close_all(&self) {
        let mut inner = self.lock();
        inner.closed = true;
        inner.end_where(SHUTTING_DOWN, |_| true);
    }
}

/// What a stream sends next.
#[derive(Debug, PartialEq)]
pub enum Next {
    Event(Arc<Event>),
    /// The client missed events that cannot be replayed: it must reload.
    Resync,
    /// Nothing yet: wait for [`Subscription::changed`].
    Wait,
    /// The stream is over.
    End(End),
}

/// A stream's place in the bus: a cursor into the history. Dropping it unsubscribes.
pub struct Subscription {
    bus: EventBus,
    key: u64,
    subscriber: Arc<Subscriber>,
    /// The id of the next event to look at.
    cursor: u64,
    resync: bool,
}

impl Subscription {
    /// The next thing to send, without waiting.
    pub fn next_to_send(&mut self) -> Next {
        match self.subscriber.ended.load(Ordering::Acquire) {
            OPEN => {}
            SESSION_ENDED => return Next::End(End::SessionEnded),
            SHUTTING_DOWN => return Next::End(End::ShuttingDown),
            _ => return Next::End(End::FellBehind),
        }
        if std::mem::take(&mut self.resync) {
            return Next::Resync;
        }
        let mut inner = self.bus.lock();
        if self.cursor < inner.history_from {
            // What this stream had not sent yet has left the history.
            let key = self.key;
            if let Some(subscriber) = inner.subscribers.remove(&key) {
                subscriber.end(FELL_BEHIND);
                metrics().stream_ended(end_reason(FELL_BEHIND));
            }
            return Next::End(End::FellBehind);
        }
        let user_id = self.subscriber.user_id;
        // Relayed ids may skip numbers, so the cursor's place is searched, not computed.
        let cursor = self.cursor;
        let mut index = inner.recent.partition_point(|event| event.id < cursor);
        while let Some(event) = inner.recent.get(index) {
            index += 1;
            self.cursor = event.id + 1;
            if event.audience.includes_sorted(user_id) {
                if event.id >= self.subscriber.first_live {
                    let size = event.size();
                    let _ = self.subscriber.pending.fetch_update(Ordering::AcqRel, Ordering::Acquire, |pending| {
                        Some(pending.saturating_sub(size))
                    });
                }
                metrics().events_delivered.inc();
                return Next::Event(event.clone());
            }
        }
        Next::Wait
    }

    /// Completes when there may be something new for [`Subscription::next`]: an event for this
    /// stream, or its end. A wake-up between `next` and this call is not lost.
    pub async fn changed(&self) {
        self.subscriber.wake.notified().await;
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        let key = self.key;
        self.bus.lock().subscribers.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(subscription: &mut Subscription) -> Vec<u64> {
        let mut ids = Vec::new();
        while let Next::Event(event) = subscription.next_to_send() {
            ids.push(event.id);
        }
        ids
    }

    fn small(stream_buffer_bytes: usize, replay_bytes: usize) -> EventBus {
        EventBus::new(Limits { stream_buffer_bytes, replay_bytes, replay_events: MAX_HISTORY_EVENTS })
    }

    #[test]
    fn the_frame_carries_id_type_and_data() {
        let bus = EventBus::default();
        let mut stream = bus.subscribe(1, "s".into(), None);
        bus.publish(Audience::Everyone, "message", &serde_json::json!({"a": "b\nc"}));
        let Next::Event(event) = stream.next_to_send() else { panic!("expected an event") };
        assert_eq!(event.data(), r#"{"a":"b\nc"}"#);
        assert_eq!(&event.frame()[..], b"id: 1\nevent: message\ndata: {\"a\":\"b\\nc\"}\n\n");
    }

    #[test]
    fn replay_returns_only_missed_events_the_user_may_see() {
        let bus = EventBus::default();
        bus.publish(Audience::Everyone, "message", &"a");
        bus.publish(Audience::Users(vec![2]), "message", &"secret");
        bus.publish(Audience::Users(vec![3, 1, 2, 1]), "dms", &"b");
        assert_eq!(events(&mut bus.subscribe(1, "s".into(), Some(1))), vec![3]);
        assert_eq!(events(&mut bus.subscribe(1, "s".into(), Some(3))), Vec::<u64>::new());
        assert_eq!(events(&mut bus.subscribe(1, "s".into(), Some(0))), vec![1, 3]);
        assert_eq!(bus.subscribe(1, "s".into(), Some(4)).next_to_send(), Next::Resync, "an id from before a restart");
    }

    #[test]
    fn a_client_too_far_behind_must_resync() {
        let bus = EventBus::default();
        for _ in 0..MAX_HISTORY_EVENTS + 5 {
            bus.publish(Audience::Everyone, "typing", &"x");
        }
        assert_eq!(bus.history_len(), MAX_HISTORY_EVENTS);
        assert_eq!(bus.subscribe(1, "s".into(), Some(2)).next_to_send(), Next::Resync);
        assert!(matches!(bus.subscribe(1, "s".into(), Some(10)).next_to_send(), Next::Event(event) if event.id == 11));
    }

    #[test]
    fn the_history_is_bounded_in_bytes() {
        let bus = small(1 << 20, 100_000);
        let text = "x".repeat(10_000);
        for _ in 0..100 {
            bus.publish(Audience::Everyone, "message", &text);
        }
        assert!(bus.history_bytes() <= 100_000, "{}", bus.history_bytes());
        assert!(bus.history_len() >= 9, "{}", bus.history_len());
        // One event larger than the whole history is still kept until the next one.
        bus.publish(Audience::Everyone, "message", &"y".repeat(200_000));
        assert_eq!(bus.history_len(), 1);
        assert_eq!(events(&mut bus.subscribe(1, "s".into(), Some(100))), vec![101]);
    }

    #[test]
    fn a_stream_that_falls_behind_is_closed_and_resumes_by_replay() {
        let bus = small(50_000, 1 << 20);
        let mut slow = bus.subscribe(1, "s".into(), None);
        let mut other = bus.subscribe(2, "t".into(), None);
        let text = "x".repeat(10_000);
        // Events for someone else do not count against a stream.
        for id in 1..=20 {
            bus.publish(Audience::Users(vec![2]), "message", &text);
            assert_eq!(events(&mut other), vec![id]);
        }
        assert_eq!(slow.next_to_send(), Next::Wait);
        bus.publish(Audience::Everyone, "message", &text);
        assert!(matches!(slow.next_to_send(), Next::Event(event) if event.id == 21));
        assert_eq!(events(&mut other), vec![21]);
        for _ in 0..4 {
            bus.publish(Audience::Everyone, "message", &text);
        }
        assert!(matches!(slow.next_to_send(), Next::Event(event) if event.id == 22), "still within its buffer");
        assert_eq!(events(&mut other), (22..=25).collect::<Vec<_>>());
        for _ in 0..3 {
            bus.publish(Audience::Everyone, "message", &text);
        }
        assert_eq!(slow.next_to_send(), Next::End(End::FellBehind));
        // `other` kept reading, so it is still open.
        assert_eq!(bus.subscribers(), 1);
        assert_eq!(events(&mut other), (26..=28).collect::<Vec<_>>());
        drop(slow);
        let mut resumed = bus.subscribe(1, "s".into(), Some(22));
        assert_eq!(events(&mut resumed), (23..=28).collect::<Vec<_>>());
    }

    #[test]
    fn one_large_event_alone_does_not_close_a_stream() {
        let bus = small(1_000, 1 << 20);
        let mut stream = bus.subscribe(1, "s".into(), None);
        for id in 1..=3 {
            bus.publish(Audience::Everyone, "message", &"x".repeat(5_000));
            assert!(matches!(stream.next_to_send(), Next::Event(event) if event.id == id));
        }
    }

    #[test]
    fn a_stream_whose_next_event_left_the_history_is_closed() {
        let bus = small(1 << 30, 50_000);
        let mut stream = bus.subscribe(1, "s".into(), None);
        for _ in 0..20 {
            bus.publish(Audience::Everyone, "message", &"x".repeat(10_000));
        }
        assert_eq!(stream.next_to_send(), Next::End(End::FellBehind));
    }

    #[test]
    fn controls_end_the_streams_of_a_session_or_an_account() {
        let bus = EventBus::default();
        let mut one = bus.subscribe(1, "a".into(), None);
        let mut two = bus.subscribe(1, "b".into(), None);
        let mut other = bus.subscribe(2, "a".into(), None);
        bus.end_session(1, "a");
        assert_eq!(one.next_to_send(), Next::End(End::SessionEnded));
        assert_eq!(two.next_to_send(), Next::Wait);
        bus.control(Control::UserGone { user_id: 1 });
        assert_eq!(two.next_to_send(), Next::End(End::SessionEnded));
        assert_eq!(other.next_to_send(), Next::Wait);
        assert_eq!(bus.subscribers(), 1);
        let relayed: Control = serde_json::from_str(r#"{"control":"user_gone","user_id":2}"#).unwrap();
        bus.control(relayed);
        assert_eq!(other.next_to_send(), Next::End(End::SessionEnded));
    }

    #[test]
    fn close_all_ends_open_streams_and_those_opened_after_it() {
        let bus = EventBus::default();
        let mut open = bus.subscribe(1, "a".into(), None);
        bus.close_all();
        assert_eq!(open.next_to_send(), Next::End(End::ShuttingDown));
        assert_eq!(bus.subscribe(2, "b".into(), None).next_to_send(), Next::End(End::ShuttingDown));
    }

    #[tokio::test]
    async fn a_publish_wakes_the_streams_it_is_for() {
        let bus = EventBus::default();
        let mut stream = bus.subscribe(1, "s".into(), None);
        assert_eq!(stream.next_to_send(), Next::Wait);
        bus.publish(Audience::Everyone, "message", &1);
        tokio::time::timeout(std::time::Duration::from_secs(1), stream.changed()).await.expect("woken");
        assert!(matches!(stream.next_to_send(), Next::Event(event) if event.id == 1));
        drop(stream);
        assert_eq!(bus.subscribers(), 0);
    }
}
