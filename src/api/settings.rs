//! Handlers of the `settings` operations: the caller's name colour and bio.
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::Api;
use crate::contract::schemas;
use crate::domain::profile::{normalize_bio, parse_name_color};
use crate::store::profiles::{self, SettingsChange};

pub async fn get_settings(
    api: &Api,
    _ctx: RequestContext,
    input: GetSettingsInput,
) -> Result<GetSettingsResponse, ApiError> {
    let user_id = input.user.id;
    let profile = api.store.run(move |conn| profiles::profile_of(conn, user_id)).await?;
    let profile = profile.ok_or(ApiError::NotFound)?;
    Ok(GetSettingsResponse::Ok(schemas::Settings {
        avatar_file: profile.avatar_file,
        bio: profile.bio,
        name_color: profile.name_color,
    }))
}

/// Only the keys present change; `""` and JSON `null` clear (decision Q16). An invalid colour
/// stores nothing at all.
pub async fn update_settings(
    api: &Api,
    _ctx: RequestContext,
    input: UpdateSettingsInput,
) -> Result<UpdateSettingsResponse, ApiError> {
    let name_color = match input.name_color {
        None => None,
        Some(None) => Some(None),
        Some(Some(raw)) => match parse_name_color(&raw) {
            Ok(color) => Some(color),
            Err(invalid) => return Ok(UpdateSettingsResponse::BadRequest(invalid.to_string())),
        },
    };
    let bio = input.bio.map(|bio| bio.as_deref().and_then(normalize_bio));
    let change = SettingsChange { name_color, bio };
    let user_id = input.user.id;
    api.store.run(move |conn| profiles::update_settings(conn, user_id, &change)).await?;
    Ok(UpdateSettingsResponse::Ok("ok".to_string()))
}
