//! The caller's own settings: name colour and bio (and which avatar is current, read-only here).
use super::{refuse, CurrentUser, Error, Failure, Services};
use crate::contract::schemas;
use crate::domain::profile::{normalize_bio, parse_name_color, InvalidColor};
use crate::store::profiles::{self, SettingsChange};

/// The caller's settings; `None` when their account is gone (deleted by a parallel request).
pub async fn get(services: &Services, user: &CurrentUser) -> Result<Option<schemas::Settings>, Error> {
    let user_id = user.id;
    let profile = services.store.run(move |conn| profiles::profile_of(conn, user_id)).await?;
    Ok(profile.map(|profile| schemas::Settings {
        avatar_file: profile.avatar_file,
        bio: profile.bio,
        name_color: profile.name_color,
    }))
}

/// A change of settings: for each field, `None` keeps it, `Some(None)` clears it.
pub struct SettingsUpdate {
    pub name_color: Option<Option<String>>,
    pub bio: Option<Option<String>>,
}

/// Only the fields present change; `""` and JSON `null` clear (decision Q16). An invalid colour
/// stores nothing at all.
pub async fn update(
    services: &Services,
    user: &CurrentUser,
    update: SettingsUpdate,
) -> Result<(), Failure<InvalidColor>> {
    let name_color = match update.name_color {
        None => None,
        Some(None) => Some(None),
        Some(Some(raw)) => match parse_name_color(&raw) {
            Ok(color) => Some(color),
            Err(invalid) => return refuse(invalid),
        },
    };
    let bio = update.bio.map(|bio| bio.as_deref().and_then(normalize_bio));
    let change = SettingsChange { name_color, bio };
    let user_id = user.id;
    services.store.run(move |conn| profiles::update_settings(conn, user_id, &change)).await?;
    Ok(())
}
