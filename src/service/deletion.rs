//! Deleting one's own account: the password check of a login, one transaction for everything the
//! account owned, then the files and the live events once it has committed.
use super::access::Conversation;
use super::accounts::{check_password, failure_delay, PasswordCheck};
use super::changes::{changed_send, publish_changes, ChangedSend};
use super::{presence, refuse, CurrentUser, Failure, Services};
use crate::domain::accounts::{DeleteKind, INCORRECT_PASSWORD};
use crate::domain::channel::ChannelId;
use crate::events::Audience;
use crate::store::accounts::{self, Deleted};
use crate::store::{channels, users, DbConnection};

/// Why an account stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteRefusal {
    /// Not a deletion type the server knows ([`crate::domain::accounts::INVALID_DELETE_TYPE`]).
    InvalidType,
    /// A wrong password, or an account locked by too many of them: the text the client is shown.
    Password(String),
}

/// Checks the type, then the password (like a login's: counted towards the lockout, refused while
/// the account is locked, each refusal after the failure delay, so a stolen session cannot guess
/// the password faster than the login form), then deletes everything in one transaction and the
/// files after it has committed. Every open stream of the account closes (its sessions are gone).
pub async fn delete_account(
    services: &Services,
    user: &CurrentUser,
    kind: Option<&str>,
    password: Option<String>,
) -> Result<(), Failure<DeleteRefusal>> {
    let Some(kind) = DeleteKind::parse(kind) else {
        return refuse(DeleteRefusal::InvalidType);
    };
    let user_id = user.id;
    let stored_hash = services.store.run(move |conn| users::find_by_id(conn, user_id)).await?.map(|u| u.password_hash);
    let check = match (password, stored_hash) {
        (Some(password), Some(hash)) => check_password(services, user_id, hash, password).await?,
        _ => PasswordCheck::Wrong,
    };
    let refusal = match check {
        PasswordCheck::Correct => None,
        PasswordCheck::Wrong => Some(INCORRECT_PASSWORD.to_string()),
        PasswordCheck::Locked { message } => Some(message),
    };
    if let Some(refusal) = refusal {
        failure_delay(services).await;
        return refuse(DeleteRefusal::Password(refusal));
    }
    let public_channels = services.settings.channels.clone();
    let outcome = services
        .store
        .transaction(move |conn| {
            let Some(deleted) = accounts::delete_account(conn, user_id, kind)? else { return Ok(None) };
            let events = deletion_events(conn, &public_channels, &deleted)?;
            Ok(Some((deleted, events)))
        })
        .await?;
    services.presence.forget_user(user_id).await?;
    services.events.end_user(user_id).await;
    if let Some((deleted, events)) = outcome {
        services.avatars.remove(&deleted.avatar.into_iter().collect::<Vec<_>>()).await;
        services.uploads.remove(&deleted.uploads).await;
        events.publish(services).await;
        presence::publish_gone(services, &user.username).await;
    }
    Ok(())
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
    async fn publish(self, services: &Services) {
        #[derive(serde::Serialize)]
        struct ChannelsEvent {
            channel: String,
        }
        match self {
            DeletionEvents::Resync => {
                services.events.publish(Audience::Everyone, "resync", &serde_json::json!({})).await;
            }
            DeletionEvents::Changes { sends, channels } => {
                for send in sends {
                    publish_changes(services, send).await;
                }
                for (channel, members) in channels {
                    services.events.publish(Audience::Users(members), "channels", &ChannelsEvent { channel }).await;
                }
            }
        }
    }
}
