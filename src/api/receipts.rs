//! Handlers of the `receipts` operations: marking a conversation read and who has read what.
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::service::reads;

pub async fn mark_read(api: &Api, _ctx: RequestContext, input: MarkReadInput) -> Result<MarkReadResponse, ApiError> {
    reads::mark_read(api, &input.user, &input.channel).await?;
    Ok(MarkReadResponse::NoContent)
}

pub async fn read_receipts(
    api: &Api,
    _ctx: RequestContext,
    input: ReadReceiptsInput,
) -> Result<ReadReceiptsResponse, ApiError> {
    let (from_id, to_id) = (input.from_id.as_deref(), input.to_id.as_deref());
    answer(reads::receipts(api, &input.user, &input.channel, from_id, to_id).await, ReadReceiptsResponse::Ok, |err| {
        ReadReceiptsResponse::BadRequest(err.to_string())
    })
}
