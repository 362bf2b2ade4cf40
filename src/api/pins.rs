//! Handlers of the `pins` operations: pinning, unpinning and listing a conversation's pins.
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::service::pins::{self, PinRefusal};

pub async fn pin_message(
    api: &Api,
    _ctx: RequestContext,
    input: PinMessageInput,
) -> Result<PinMessageResponse, ApiError> {
    answer(
        pins::pin(api, &input.user, input.msg_id).await,
        |()| PinMessageResponse::Ok("ok".into()),
        |refusal| match refusal {
            PinRefusal::NoMessage => PinMessageResponse::NotFound("not found".into()),
            PinRefusal::TooMany(max) => PinMessageResponse::Conflict(format!("too many pins (max {max})")),
        },
    )
}

pub async fn unpin_message(
    api: &Api,
    _ctx: RequestContext,
    input: UnpinMessageInput,
) -> Result<UnpinMessageResponse, ApiError> {
    Ok(if pins::unpin(api, &input.user, input.msg_id).await? {
        UnpinMessageResponse::Ok("ok".into())
    } else {
        UnpinMessageResponse::NotFound("not found".into())
    })
}

pub async fn list_pins(api: &Api, _ctx: RequestContext, input: ListPinsInput) -> Result<ListPinsResponse, ApiError> {
    Ok(ListPinsResponse::Ok(schemas::MessageList(pins::list(api, &input.user, &input.channel).await?)))
}
