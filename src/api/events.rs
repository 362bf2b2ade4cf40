//! Handler of the `events` operation: the caller's live event stream.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::EventStream;
use super::Api;
use crate::events::stream;
use crate::service::events;

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
    let frames = events::live(api, input.user, last_seen);
    Ok(StreamEventsResponse::Ok(EventStream::new(stream::response(frames))))
}
