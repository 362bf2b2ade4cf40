//! Password resets, as in the original: an operator creates a single-use link with `minimost admin
//! reset-password`, the user is told in a DM from `system`, and the link's page sets a new password
//! under the sign-up rules. Unlike the original, a completed reset ends the user's sessions and
//! clears a lockout (whoever held the old password is out, and the owner is back in).
use rand::Rng;

use super::sessions::token_hash;
use super::{Error, Services};
use crate::domain::channel::DmId;
use crate::domain::credentials::{self, password_error};
use crate::store::messages::{self as store_messages, NewSend};
use crate::store::private_channels::SYSTEM_SENDER;
use crate::store::{self, channels, password_resets, users, Store};

/// How long a link is valid when the operator does not say.
pub const DEFAULT_MINUTES: u32 = 60;
/// The longest validity an operator may give a link (a week).
pub const MAX_MINUTES: u32 = 7 * 24 * 60;
/// Characters of a token: URL-safe base64's alphabet, 6 bits each; 43 of them are 258 bits.
const TOKEN_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const TOKEN_CHARS: usize = 43;

/// A link just created: the token is shown once (only its hash is stored).
#[derive(Debug, Clone)]
pub struct Issued {
    pub token: String,
    /// The stored spelling of the user's name.
    pub username: String,
}

fn new_token() -> String {
    let mut rng = rand::rng();
    (0..TOKEN_CHARS).map(|_| char::from(TOKEN_ALPHABET[rng.random_range(0..TOKEN_ALPHABET.len())])).collect()
}

/// The notice the user finds in their DM with `system` (the original's wording).
pub fn notice_text(minutes: u32) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!(
        "A password reset has been requested for your account. The reset link will expire in {minutes} {unit}. \
         If you did not request this, please contact your administrators."
    )
}

/// Creates a link for the user named `username` (in any letter case) valid for `minutes`, and posts
/// the notice into their DM with `system`, in one transaction. `None` when there is no such user.
/// Works on the store alone, so the command runs beside live servers; the notice reaches the
/// user's open tabs at their next poll or reload, not through the live stream.
pub async fn issue(store: &Store, username: &str, minutes: u32) -> anyhow::Result<Option<Issued>> {
    anyhow::ensure!((1..=MAX_MINUTES).contains(&minutes), "a link is valid for 1 to {MAX_MINUTES} minutes");
    let key = credentials::username_key(username);
    let token = new_token();
    let hash = token_hash(&token);
    store
        .transaction(move |conn| {
            let Some(user) = users::find_by_key(conn, &key)? else {
                return Ok(None);
            };
            let dm = DmId::from_names([SYSTEM_SENDER, user.username.as_str()])
                .map_err(|err| anyhow::anyhow!("no DM with system for {}: {err}", user.username))?
                .canonical();
            let ts = channels::tick(conn, &dm, channels::KIND_DIRECT)?;
            let now = store::now();
            password_resets::create(conn, &hash, user.id, now, now + f64::from(minutes) * 60.0)?;
            channels::add_dm_participants(conn, &dm, std::slice::from_ref(&user.username))?;
            let ids = store_messages::insert_send(
                conn,
                &NewSend {
                    channel: &dm,
                    sender: SYSTEM_SENDER,
                    sender_id: None,
                    text: Some(&notice_text(minutes)),
                    filenames: &[],
                    reply_to_id: None,
                    mentions: None,
                    ts,
                },
            )?;
            // Unlike the notices of a private channel, this one is news: it counts as unread.
            store_messages::count_as_message(conn, ids[0])?;
            channels::record_message(conn, &dm, ts)?;
            Ok(Some(Issued { token, username: user.username }))
        })
        .await
}

/// The user a link resets, while it is unused and unexpired.
pub async fn holder(services: &Services, token: &str) -> Result<Option<String>, Error> {
    let hash = token_hash(token);
    Ok(services.store.run(move |conn| password_resets::usable(conn, &hash, store::now())).await?)
}

/// What submitting the reset form did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// The link is unknown, used or expired.
    Invalid,
    /// The new password breaks a sign-up rule: the form again, with this message.
    Refused {
        username: String,
        message: String,
    },
    Done {
        username: String,
    },
}

/// Sets the new password, spends the link, ends the user's sessions (and their live streams) and
/// clears a lockout.
pub async fn complete(services: &Services, token: &str, password: &str, confirm: &str) -> Result<Completion, Error> {
    let Some(username) = holder(services, token).await? else {
        return Ok(Completion::Invalid);
    };
    if let Some(message) = password_error(password, confirm) {
        return Ok(Completion::Refused { username, message });
    }
    let password_hash = services.hashing.hash(password.to_owned()).await?;
    let hash = token_hash(token);
    let spent = services
        .store
        .transaction(move |conn| password_resets::spend(conn, &hash, &password_hash, store::now()))
        .await?;
    let Some(user_id) = spent else {
        // Another submission of the same link won the race.
        return Ok(Completion::Invalid);
    };
    services.events.end_user(user_id).await;
    Ok(Completion::Done { username })
}
