//! One session's SSE stream: replay, then live events for its user, with keep-alives; it ends with
//! its session.
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::BoxFuture;
use futures_util::{stream, Stream};
use tokio::time::Instant;
use warp::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE};

use super::{EventBus, Next, Subscription};

/// A comment line every this often keeps proxies from closing an idle connection; the session is
/// looked up again as often.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);

const KEEP_ALIVE_FRAME: &[u8] = b":\n\n";
const RESYNC_FRAME: &[u8] = b"event: resync\ndata: {}\n\n";

/// Looks the stream's session up again: when it expires if it is still active (Unix seconds), or
/// `None` once it has ended.
pub type SessionCheck = Arc<dyn Fn() -> BoxFuture<'static, anyhow::Result<Option<f64>>> + Send + Sync>;

struct State {
    subscription: Subscription,
    check: SessionCheck,
    /// When the session is looked up next: every [`KEEP_ALIVE`], and when it would expire.
    next_check: Instant,
    /// When a keep-alive is due if nothing else was sent.
    keep_alive_at: Instant,
}

impl State {
    fn schedule_check(&mut self, expires_at: f64) {
        let left = Duration::try_from_secs_f64(expires_at - crate::store::now()).unwrap_or(Duration::ZERO);
        // A little after the expiry, so the lookup finds it expired.
        self.next_check = Instant::now() + KEEP_ALIVE.min(left + Duration::from_millis(50));
    }
}

/// The events for `user_id`'s session `session_hash` (which expires at `session_expires_at` unless
/// used again), starting after `last_seen`.
///
/// The stream ends when the session ends: at once when this process logs it out or deletes the
/// account ([`EventBus::control`]), otherwise (expiry, another instance) at the next lookup of the
/// session, at most [`KEEP_ALIVE`] later. It also ends when it falls behind (see [`super`]); the
/// client then reconnects with `Last-Event-ID`.
pub fn events_for(
    bus: &EventBus,
    user_id: i64,
    session_hash: String,
    session_expires_at: f64,
    last_seen: Option<u64>,
    check: SessionCheck,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send + Sync + 'static {
    let mut state = State {
        subscription: bus.subscribe(user_id, session_hash, last_seen),
        check,
        next_check: Instant::now(),
        keep_alive_at: Instant::now() + KEEP_ALIVE,
    };
    state.schedule_check(session_expires_at);
    SyncStream(Mutex::new(Box::pin(stream::unfold(state, next_frame))))
}

async fn next_frame(mut state: State) -> Option<(Result<Bytes, Infallible>, State)> {
    loop {
        if Instant::now() >= state.next_check {
            match (state.check)().await {
                Ok(Some(expires_at)) => state.schedule_check(expires_at),
                Ok(None) => return None,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot look up an event stream's session");
                    state.next_check = Instant::now() + KEEP_ALIVE;
                }
            }
        }
        let frame = match state.subscription.next_to_send() {
            Next::Event(event) => event.frame(),
            Next::Resync => Bytes::from_static(RESYNC_FRAME),
            Next::End(_) => return None,
            Next::Wait => {
                tokio::select! {
                    () = state.subscription.changed() => continue,
                    () = tokio::time::sleep_until(state.next_check) => continue,
                    () = tokio::time::sleep_until(state.keep_alive_at) => Bytes::from_static(KEEP_ALIVE_FRAME),
                }
            }
        };
        state.keep_alive_at = Instant::now() + KEEP_ALIVE;
        return Some((Ok(frame), state));
    }
}

/// A stream polled through `&mut` only, so it is `Sync` whatever it holds (a response body must be).
struct SyncStream<S>(Mutex<Pin<Box<S>>>);

impl<S: Stream> Stream for SyncStream<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        let inner = self.get_mut().0.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        inner.as_mut().poll_next(cx)
    }
}

/// The SSE response for a stream of frames.
pub fn response(
    frames: impl Stream<Item = Result<Bytes, Infallible>> + Send + Sync + 'static,
) -> warp::reply::Response {
    let mut response = warp::Reply::into_response(warp::reply::stream(frames));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
