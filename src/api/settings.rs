//! Handlers of the `settings` operations: the caller's name colour and bio.
use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::service::settings::{self, SettingsUpdate};

pub async fn get_settings(
    api: &Api,
    _ctx: RequestContext,
    input: GetSettingsInput,
) -> Result<GetSettingsResponse, ApiError> {
    let found = settings::get(api, &input.user).await?;
    Ok(GetSettingsResponse::Ok(found.ok_or(ApiError::NotFound)?))
}

pub async fn update_settings(
    api: &Api,
    _ctx: RequestContext,
    input: UpdateSettingsInput,
) -> Result<UpdateSettingsResponse, ApiError> {
    let update = SettingsUpdate { name_color: input.name_color, bio: input.bio };
    answer(
        settings::update(api, &input.user, update).await,
        |()| UpdateSettingsResponse::Ok("ok".to_string()),
        |invalid| UpdateSettingsResponse::BadRequest(invalid.to_string()),
    )
}
