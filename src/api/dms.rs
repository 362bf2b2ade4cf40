//! Handlers of the `dms` operations: the caller's direct conversations, closing one, and the total
//! unread count.
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::service::dms::{self, CloseRefusal};

pub async fn list_dms(api: &Api, _ctx: RequestContext, input: ListDmsInput) -> Result<ListDmsResponse, ApiError> {
    Ok(ListDmsResponse::Ok(schemas::DmList(dms::listed(api, &input.user).await?)))
}

pub async fn close_dm(api: &Api, _ctx: RequestContext, input: CloseDmInput) -> Result<CloseDmResponse, ApiError> {
    answer(
        dms::close(api, &input.user, input.channel.as_deref()).await,
        |()| CloseDmResponse::Ok("ok".into()),
        |CloseRefusal::NotADm| CloseDmResponse::BadRequest("invalid channel".into()),
    )
}

pub async fn unread_count(
    api: &Api,
    _ctx: RequestContext,
    input: UnreadCountInput,
) -> Result<UnreadCountResponse, ApiError> {
    let count = dms::unread_count(api, &input.user).await?;
    Ok(UnreadCountResponse::Ok(schemas::UnreadCount { count }))
}
