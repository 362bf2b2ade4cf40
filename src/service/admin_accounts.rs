//! The operator's account chores (`minimost admin create-user | list-users | unlock | delete-user`).
//! They work on the database alone, so they run beside live servers on either backend; what the
//! servers must act on at once (a deleted account's open streams) reaches them as a request
//! ([`crate::relay::commands`]).
use anyhow::{bail, Context};
use rand::Rng;

use super::accounts::insert_account;
use super::hashing::hash_password;
use crate::domain::accounts::DeleteKind;
use crate::domain::credentials;
use crate::relay::commands::{self, ServerRequest};
use crate::store::{self, accounts, users, Store};
use crate::uploads::Uploads;

/// One line of `list-users`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AccountSummary {
    pub username: String,
    /// Unix seconds.
    pub created_at: f64,
    /// The last use of a session still kept (sessions are written back at most every five minutes,
    /// and removed after `session_idle_days` idle): `None` when there is none.
    pub last_seen: Option<f64>,
    /// Until when the account is locked, if it is now.
    pub locked_until: Option<f64>,
    /// Failed logins counted towards the next lockout.
    pub failed_logins: i64,
}

/// Characters of a generated password: no look-alikes (0/O, 1/l/I), so it can be read out, and
/// specials that need no quoting in a shell.
const GENERATED_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.+=@";
/// 20 of them are about 118 bits.
const GENERATED_LENGTH: usize = 20;

/// A password for an account the operator creates without giving one: long, random, and within
/// the sign-up rules (they ask for a digit, an upper-case letter and a special: about one draw in
/// three misses one, and is drawn again).
pub fn generated_password() -> String {
    let mut rng = rand::rng();
    loop {
        let password: String = (0..GENERATED_LENGTH)
            .map(|_| char::from(GENERATED_ALPHABET[rng.random_range(0..GENERATED_ALPHABET.len())]))
            .collect();
        if credentials::password_error(&password, &password).is_none() {
            return password;
        }
    }
}

/// Creates an account under the sign-up rules; the stored spelling of its name.
pub async fn create(store: &Store, username: &str, password: &str) -> anyhow::Result<String> {
    let username = username.trim().to_owned();
    if let Some(message) = credentials::signup_error(&username, password, password) {
        bail!("{message}");
    }
    let password_hash = hash_password(password.to_owned()).await?;
    let created = insert_account(store, username, password_hash).await?;
    match created {
        Some(user) => Ok(user.username),
        None => bail!("User already exists"),
    }
}

/// Every account, by name.
pub async fn list(store: &Store) -> anyhow::Result<Vec<AccountSummary>> {
    let now = store::now();
    let accounts = store.run(users::list_with_last_seen).await?;
    Ok(accounts
        .into_iter()
        .map(|(user, last_seen)| AccountSummary {
            username: user.username,
            created_at: user.created_at,
            last_seen,
            locked_until: user.locked_until.filter(|until| *until > now),
            failed_logins: user.failed_logins,
        })
        .collect())
}

/// What `unlock` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlocked {
    pub username: String,
    /// Whether a lockout was in force (the failure count is cleared either way).
    pub was_locked: bool,
}

/// Clears the lockout of the user named `username` (any letter case).
pub async fn unlock(store: &Store, username: &str) -> anyhow::Result<Unlocked> {
    let key = credentials::username_key(username);
    let name = username.to_owned();
    store
        .transaction(move |conn| {
            let Some(user) = users::find_by_key(conn, &key)? else { bail!("no user named {name:?}") };
            let was_locked = users::unlock(conn, user.id, store::now())?;
            Ok(Unlocked { username: user.username, was_locked })
        })
        .await
}

/// What `delete-user` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedAccount {
    pub username: String,
    /// Messages that changed: tombstones (a hard deletion) and messages that lost a reaction.
    pub changed_messages: usize,
    /// The conversations they are in.
    pub changed_conversations: usize,
    /// Attachments removed with the tombstones.
    pub removed_files: usize,
}

/// Deletes the account named `username` as its owner's own deletion would (one transaction), then
/// its files, and ends its open streams on every server. Open tabs of others reload when the
/// deletion changed what they show (a reaction gone, tombstones, a private channel's members).
pub async fn delete(
    store: &Store,
    files: (&Uploads, &Uploads),
    username: &str,
    kind: DeleteKind,
) -> anyhow::Result<DeletedAccount> {
    let key = credentials::username_key(username);
    let name = username.to_owned();
    let (user_id, stored_name, deleted) = store
        .transaction(move |conn| {
            let Some(user) = users::find_by_key(conn, &key)? else { bail!("no user named {name:?}") };
            let deleted = accounts::delete_account(conn, user.id, kind)?.context("the account went meanwhile")?;
            Ok((user.id, user.username, deleted))
        })
        .await?;
    let (uploads, avatars) = files;
    avatars.remove(&deleted.avatar.iter().cloned().collect::<Vec<_>>()).await;
    uploads.remove(&deleted.uploads).await;
    let changed = !deleted.changed_sends.is_empty() || !deleted.private_channels.is_empty();
    store
        .run(move |conn| {
            commands::send(conn, ServerRequest::EndUser { user_id })?;
            if changed {
                commands::send(conn, ServerRequest::Resync)?;
            }
            Ok(())
        })
        .await
        .context("the account is deleted, but the running servers could not be told")?;
    Ok(DeletedAccount {
        username: stored_name,
        changed_messages: deleted.changed_sends.values().map(|sends| sends.len()).sum(),
        changed_conversations: deleted.changed_sends.len(),
        removed_files: deleted.uploads.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_follow_the_sign_up_rules_and_differ() {
        let passwords: std::collections::BTreeSet<String> = (0..200).map(|_| generated_password()).collect();
        assert_eq!(passwords.len(), 200);
        for password in &passwords {
            assert_eq!(password.len(), GENERATED_LENGTH);
            assert_eq!(credentials::password_error(password, password), None, "{password}");
        }
    }
}
