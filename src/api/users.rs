//! Handlers of the `users` operations: who is there, what they look like, and account deletion.
use std::collections::BTreeMap;

use diesel::Connection;

use super::access::{self, Conversation};
use super::accounts::{check_password, failure_delay, PasswordCheck};
use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::messages::{changed_send, publish_changes, ChangedSend};
use super::presence;
use super::session::{self, SESSION_COOKIE};
use super::Api;
use crate::contract::schemas;
use crate::domain::accounts::{DeleteKind, INCORRECT_PASSWORD, INVALID_DELETE_TYPE};
use crate::domain::channel::ChannelId;
use crate::events::Audience;
use crate::store::accounts::{self, Deleted};
use crate::store::{channels, profiles, users, DbConnection};

/// Every username but `me`, in byte order (uppercase before lowercase, as the reference lists them).
async fn everyone_but(api: &Api, me: &str) -> Result<Vec<String>, ApiError> {
    let mut names = api.store.run(profiles::usernames).await?;
    names.retain(|name| name != me);
    names.sort();
    Ok(names)
}

pub async fn list_users(api: &Api, _ctx: RequestContext, input: ListUsersInput) -> Result<ListUsersResponse, ApiError> {
    let names = everyone_but(api, &input.user.username).await?;
    Ok(ListUsersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn channel_members(
    api: &Api,
    _ctx: RequestContext,
    input: ChannelMembersInput,
) -> Result<ChannelMembersResponse, ApiError> {
    let user = input.user;
    let conversation = match access::for_reading(api, &user, &input.channel).await? {
        Ok(conversation) => conversation,
        Err(denied) => {
            let (status, text) = denied.status_and_text();
            return Ok(if status == 404 {
                ChannelMembersResponse::NotFound(text.to_string())
            } else {
                ChannelMembersResponse::Forbidden(text.to_string())
            });
        }
    };
    let names = match &conversation.id {
        ChannelId::Public(_) => everyone_but(api, &user.username).await?,
        ChannelId::Direct(dm) => dm.others(&user.username).into_iter().map(str::to_owned).collect(),
        ChannelId::Private(_) => {
            let key = conversation.key.clone();
            let mut names = api.store.run(move |conn| channels::member_names(conn, &key)).await?;
            names.retain(|name| *name != user.username);
            names
        }
    };
    Ok(ChannelMembersResponse::Ok(schemas::UsernameList(names)))
}

pub async fn user_colors(
    api: &Api,
    _ctx: RequestContext,
    _input: UserColorsInput,
) -> Result<UserColorsResponse, ApiError> {
    let colors: BTreeMap<String, String> = api.store.run(profiles::name_colors).await?.into_iter().collect();
    Ok(UserColorsResponse::Ok(schemas::UserColors(colors)))
}

pub async fn user_avatars(
    api: &Api,
    _ctx: RequestContext,
    _input: UserAvatarsInput,
) -> Result<UserAvatarsResponse, ApiError> {
    let mut names = api.store.run(profiles::with_avatar).await?;
    names.sort();
    Ok(UserAvatarsResponse::Ok(schemas::UsernameList(names)))
}

/// As in the reference there is no existence check: an unknown name has an empty profile.
pub async fn get_profile(
    api: &Api,
    _ctx: RequestContext,
    input: GetProfileInput,
) -> Result<GetProfileResponse, ApiError> {
    let name = input.username.clone();
    let profile = api.store.run(move |conn| profiles::profile_named(conn, &name)).await?;
    let (bio, name_color) = profile.map(|p| (p.bio, p.name_color)).unwrap_or_default();
    Ok(GetProfileResponse::Ok(schemas::Profile { bio, name_color, username: input.username }))
}

/// The live events of an account deletion.
enum DeletionEvents {
    /// Each changed send, as pollers will see it, and the private channels whose member list changed.
    Changes { sends: Vec<ChangedSend>, channels: Vec<(String, Vec<i64>)> },
    /// Too many changes to send one by one: every client reloads.
    Resync,
}

/// More changed sends than this and clients are told to reload instead (a hard deletion of a
/// prolific account must not hold the write transaction for long).
const MAX_DELETION_EVENTS: usize = 200;

/// Loads the events inside the deletion's transaction, after the account is gone (so no audience
/// includes it).
fn deletion_events(
    conn: &mut DbConnection,
    public_channels: &[String],
    deleted: &Deleted,
) -> anyhow::Result<DeletionEvents> {
    let total: usize = deleted.changed_sends.values().map(|sends| sends.len()).sum();
    if total > MAX_DELETION_EVENTS {
        return Ok(DeletionEvents::Resync);
    }
    let mut sends = Vec::with_capacity(total);
    for (key, send_ids) in &deleted.changed_sends {
        // A public channel no longer configured has no readers any more.
        let Ok(id) = ChannelId::parse(key, public_channels) else { continue };
        let conversation = Conversation { id, key: key.clone(), visible_from: f64::NEG_INFINITY };
        for &send_id in send_ids {
            sends.push(changed_send(conn, &conversation, send_id)?);
        }
    }
    let mut channels = Vec::with_capacity(deleted.private_channels.len());
    for key in &deleted.private_channels {
        channels.push((key.clone(), channels::member_ids(conn, key)?));
    }
    Ok(DeletionEvents::Changes { sends, channels })
}

impl DeletionEvents {
    fn publish(self, api: &Api) {
        #[derive(serde::Serialize)]
        struct ChannelsEvent {
            channel: String,
        }
        match self {
            DeletionEvents::Resync => api.events.publish(Audience::Everyone, "resync", &serde_json::json!({})),
            DeletionEvents::Changes { sends, channels } => {
                for send in sends {
                    publish_changes(api, send);
                }
                for (channel, members) in channels {
                    api.events.publish(Audience::Users(members), "channels", &ChannelsEvent { channel });
                }
            }
        }
    }
}

fn error_body(text: &str) -> schemas::ErrorBody {
    schemas::ErrorBody { error: text.to_string() }
}

/// Checks the type, then the password (like a login's: counted towards the lockout, refused while
/// the account is locked, each refusal after the failure delay, so a stolen session cannot guess
/// the password faster than the login form), then deletes everything in one transaction and the files after it has committed.
pub async fn delete_account(
    api: &Api,
    _ctx: RequestContext,
    input: DeleteAccountInput,
) -> Result<DeleteAccountResponse, ApiError> {
    let Some(kind) = DeleteKind::parse(input.r#type.as_deref()) else {
        return Ok(DeleteAccountResponse::BadRequest(DeleteAccountBadRequestBody::Json(error_body(
            INVALID_DELETE_TYPE,
        ))));
    };
    let user = input.user;
    let user_id = user.id;
    let stored_hash = api.store.run(move |conn| users::find_by_id(conn, user_id)).await?.map(|u| u.password_hash);
    let check = match (input.password, stored_hash) {
        (Some(password), Some(hash)) => check_password(api, user_id, hash, password).await?,
        _ => PasswordCheck::Wrong,
    };
    let refusal = match check {
        PasswordCheck::Correct => None,
        PasswordCheck::Wrong => Some(INCORRECT_PASSWORD.to_string()),
        PasswordCheck::Locked { message } => Some(message),
    };
    if let Some(refusal) = refusal {
        failure_delay(api).await;
        return Ok(DeleteAccountResponse::Forbidden(DeleteAccountForbiddenBody::Json(error_body(&refusal))));
    }
    let public_channels = api.settings.channels.clone();
    let outcome = api
        .store
        .run(move |conn| {
            conn.transaction(|conn| {
                let Some(deleted) = accounts::delete_account(conn, user_id, kind)? else { return Ok(None) };
                let events = deletion_events(conn, &public_channels, &deleted)?;
                Ok(Some((deleted, events)))
            })
        })
        .await?;
    api.presence.forget_user(user_id).await?;
    // Every open stream of the account closes (the sessions are gone with it).
    api.events.end_user(user_id);
    if let Some((deleted, events)) = outcome {
        api.avatars.remove(&deleted.avatar.into_iter().collect::<Vec<_>>()).await;
        api.uploads.remove(&deleted.uploads).await;
        events.publish(api);
        presence::publish_gone(api, &user.username);
    }
    Ok(DeleteAccountResponse::Ok {
        body: schemas::StatusOk { status: "ok".to_string() },
        set_cookie: vec![session::clear_cookie(SESSION_COOKIE)],
    })
}
