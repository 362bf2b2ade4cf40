//! The caller's live event stream: it ends with the session it was opened with.
use std::convert::Infallible;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::Stream;

use super::{sessions, CurrentUser, Services};
use crate::events::stream;

/// The frames of the caller's event stream, starting after event `last_seen` (what a reconnecting
/// client saw last). The session is looked up again now and then, so the stream ends when it does.
pub fn live(
    services: &Services,
    user: CurrentUser,
    last_seen: Option<u64>,
) -> impl Stream<Item = Result<Bytes, Infallible>> + Send + Sync + 'static {
    let check: stream::SessionCheck = {
        let (services, hash) = (services.clone(), user.session_hash.clone());
        Arc::new(move || {
            let (services, hash) = (services.clone(), hash.clone());
            Box::pin(async move { sessions::expiry(&services, hash).await })
        })
    };
    stream::events_for(services.events.bus(), user.id, user.session_hash, user.session_expires_at, last_seen, check)
}
