//! Handler of the `events` operation: the caller's live event stream.
use std::sync::Arc;

use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::EventStream;
use super::session;
use super::Api;
use crate::events::stream;

pub async fn stream_events(
    api: &Api,
    ctx: RequestContext,
    input: StreamEventsInput,
) -> Result<StreamEventsResponse, ApiError> {
    // Browsers' EventSource resends the id of the last event it received when it reconnects.
    let last_seen = ctx
        .headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    let user = input.user;
    let check: stream::SessionCheck = {
        let (api, hash) = (api.clone(), user.session_hash.clone());
        Arc::new(move || {
            let (api, hash) = (api.clone(), hash.clone());
            Box::pin(async move { session::expiry(&api, hash).await })
        })
    };
    let events = stream::events_for(&api.events, user.id, user.session_hash, user.session_expires_at, last_seen, check);
    Ok(StreamEventsResponse::Ok(EventStream::new(stream::response(events))))
}
