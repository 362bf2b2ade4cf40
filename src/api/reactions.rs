//! Handlers of the `reactions` operations.
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::service::reactions::{self, ToggleRefusal};

pub async fn toggle_reaction(
    api: &Api,
    _ctx: RequestContext,
    input: ToggleReactionInput,
) -> Result<ToggleReactionResponse, ApiError> {
    answer(
        reactions::toggle(api, &input.user, input.msg_id, input.reaction.as_deref()).await,
        ToggleReactionResponse::Ok,
        |refusal| match refusal {
            ToggleRefusal::InvalidReaction => ToggleReactionResponse::BadRequest("invalid reaction".into()),
            ToggleRefusal::NoMessage => ToggleReactionResponse::NotFound("not found".into()),
        },
    )
}
