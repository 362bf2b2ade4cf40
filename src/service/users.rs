//! Who is there and what they look like: user lists, conversation members, colours, profiles.
use std::collections::BTreeMap;

use super::access;
use super::{CurrentUser, Error, Services};
use crate::contract::schemas;
use crate::domain::channel::ChannelId;
use crate::store::{channels, profiles};

/// Every username but `me`, in byte order (uppercase before lowercase, as the reference lists them).
pub async fn everyone_but(services: &Services, me: &str) -> Result<Vec<String>, Error> {
    let mut names = services.store.run(profiles::usernames).await?;
    names.retain(|name| name != me);
    names.sort();
    Ok(names)
}

/// The other members of a conversation the caller can read: everyone for a public channel.
pub async fn members(services: &Services, user: &CurrentUser, channel: &str) -> Result<Vec<String>, Error> {
    let conversation = access::for_reading(services, user, channel).await?;
    Ok(match &conversation.id {
        ChannelId::Public(_) => everyone_but(services, &user.username).await?,
        ChannelId::Direct(dm) => dm.others(&user.username).into_iter().map(str::to_owned).collect(),
        ChannelId::Private(_) => {
            let key = conversation.key.clone();
            let mut names = services.store.run(move |conn| channels::member_names(conn, &key)).await?;
            names.retain(|name| *name != user.username);
            names
        }
    })
}

/// Every user's chosen name colour, by name.
pub async fn colors(services: &Services) -> Result<BTreeMap<String, String>, Error> {
    Ok(services.store.run(profiles::name_colors).await?.into_iter().collect())
}

/// The names of the users who have a profile picture, in byte order.
pub async fn with_avatar(services: &Services) -> Result<Vec<String>, Error> {
    let mut names = services.store.run(profiles::with_avatar).await?;
    names.sort();
    Ok(names)
}

/// As in the reference there is no existence check: an unknown name has an empty profile.
pub async fn profile(services: &Services, username: String) -> Result<schemas::Profile, Error> {
    let name = username.clone();
    let profile = services.store.run(move |conn| profiles::profile_named(conn, &name)).await?;
    let (bio, name_color) = profile.map(|p| (p.bio, p.name_color)).unwrap_or_default();
    Ok(schemas::Profile { bio, name_color, username })
}
