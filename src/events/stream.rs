//! One user's SSE stream: replay, then live events filtered by audience, with keep-alives.
use std::convert::Infallible;
use std::time::Duration;

use futures_util::{stream, Stream};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc;
use warp::sse::Event as SseEvent;

use super::{Event, EventBus, Replay, SESSION_ENDED};

fn to_sse(event: &Event) -> SseEvent {
    SseEvent::default().id(event.id.to_string()).event(event.kind).data(event.data.clone())
}

fn resync() -> SseEvent {
    SseEvent::default().event("resync").data("{}")
}

/// The events for `user_id`, starting after `last_seen`. The stream ends when the session it was
/// opened with ends (logout, account deletion), so a revoked session stops receiving at once.
///
/// A task per stream filters the bus into a small queue; it ends as soon as the client is gone.
pub fn events_for(
    bus: &EventBus,
    user_id: i64,
    session_hash: String,
    last_seen: Option<u64>,
) -> impl Stream<Item = Result<SseEvent, Infallible>> + Send + Sync + 'static {
    let (mut receiver, replay) = bus.subscribe(user_id, last_seen);
    let (queue, mut output) = mpsc::channel::<SseEvent>(256);
    tokio::spawn(async move {
        let first: Vec<SseEvent> = match replay {
            Replay::Events(events) => events.iter().filter(|e| e.kind != SESSION_ENDED).map(|e| to_sse(e)).collect(),
            Replay::Resync => vec![resync()],
        };
        for event in first {
            if queue.send(event).await.is_err() {
                return;
            }
        }
        loop {
            let next = tokio::select! {
                received = receiver.recv() => received,
                () = queue.closed() => return,
            };
            let event = match next {
                Ok(event) if event.kind == SESSION_ENDED => {
                    if event.data == session_hash {
                        return;
                    }
                    continue;
                }
                Ok(event) if event.audience.includes(user_id) => to_sse(&event),
                Ok(_) => continue,
                // This client fell behind the bus: it cannot know what it missed.
                Err(RecvError::Lagged(_)) => resync(),
                Err(RecvError::Closed) => return,
            };
            if queue.send(event).await.is_err() {
                return;
            }
        }
    });
    stream::poll_fn(move |cx| output.poll_recv(cx).map(|event| event.map(Ok)))
}

/// The SSE response for a stream of events, with a comment every 15 s to keep proxies from
/// closing an idle connection.
pub fn response(events: impl Stream<Item = Result<SseEvent, Infallible>> + Send + Sync + 'static) -> warp::reply::Response {
    let keep_alive = warp::sse::keep_alive().interval(Duration::from_secs(15));
    warp::Reply::into_response(warp::sse::reply(keep_alive.stream(events)))
}
