//! Handlers of the `receipts` operations: marking a conversation read and who has read what.
use super::access::{self, Denied, Recording};
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::domain::reads::{receipt_map, ReadMark};
use crate::store::reads;

pub async fn mark_read(api: &Api, _ctx: RequestContext, input: MarkReadInput) -> Result<MarkReadResponse, ApiError> {
    let conversation = match access::for_reading(api, &input.user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err(Denied::Malformed) => return Ok(MarkReadResponse::NotFound("not found".into())),
        Err(_) => return Ok(MarkReadResponse::Forbidden("forbidden".into())),
    };
    match access::recording(api, &conversation).await? {
        Ok(Recording::Record) => {}
        Ok(Recording::Nothing) => return Ok(MarkReadResponse::NoContent),
        Err(denied) => return Ok(MarkReadResponse::NotFound(denied.status_and_text().1.into())),
    }
    let user_id = input.user.id;
    api.store
        .run(move |conn| {
            let signed_up_at = reads::signed_up_at(conn, user_id)?;
            let initial = ReadMark::initial(&conversation.id, signed_up_at, conversation.visible_from);
            reads::mark_read(conn, user_id, &conversation.key, initial, conversation.visible_from)
        })
        .await?;
    Ok(MarkReadResponse::NoContent)
}

pub async fn read_receipts(
    api: &Api,
    _ctx: RequestContext,
    input: ReadReceiptsInput,
) -> Result<ReadReceiptsResponse, ApiError> {
    let conversation = match access::for_reading(api, &input.user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err(Denied::Malformed) => return Ok(ReadReceiptsResponse::NotFound("not found".into())),
        Err(_) => return Ok(ReadReceiptsResponse::Forbidden("forbidden".into())),
    };
    // A private channel's member sees the receipts of what was said since they joined, nothing older.
    let receipts =
        api.store.run(move |conn| reads::receipts(conn, &conversation.key, conversation.visible_from)).await?;
    Ok(ReadReceiptsResponse::Ok(schemas::ReadReceipts(receipt_map(receipts.named()))))
}
