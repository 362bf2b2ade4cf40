//! Server-side sessions: the row a session token names (only its hash is stored), who it signs in,
//! and when it ends. How the token travels (a signed cookie) is the HTTP layer's business.
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{CurrentUser, Error, Services};
use crate::store::{self, sessions};

/// A session is written back at most this often, so polling clients do not turn reads into writes.
const REFRESH_AFTER_SECONDS: f64 = 300.0;

/// A fresh unguessable token (256 bits, hex).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the sessions table stores for a token (never the token itself).
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn idle_limit_seconds(services: &Services) -> f64 {
    services.settings.session_idle_days * 86_400.0
}

/// Starts a session for `user_id`; returns its token.
pub async fn start(services: &Services, user_id: i64) -> Result<String, Error> {
    let token = random_token();
    let hash = token_hash(&token);
    services.store.run(move |conn| sessions::create(conn, &hash, user_id, store::now())).await?;
    Ok(token)
}

/// Ends the caller's session (their other sessions stay), and its open event streams with it.
pub async fn end(services: &Services, user: &CurrentUser) -> Result<(), Error> {
    let hash = user.session_hash.clone();
    services.store.run(move |conn| sessions::delete(conn, &hash)).await?;
    services.events.end_session(user.id, &user.session_hash).await;
    Ok(())
}

/// The user a token signs in, when its session is active and unexpired. Counts as a use of the
/// session (written back at most every few minutes).
pub async fn find(services: &Services, token: &str) -> Result<Option<CurrentUser>, Error> {
    let hash = token_hash(token);
    let idle_limit = idle_limit_seconds(services);
    let user = services
        .store
        .run(move |conn| {
            let now = store::now();
            let Some(found) = sessions::find_active(conn, &hash, now - idle_limit)? else {
                return Ok(None);
            };
            let mut last_used_at = found.last_used_at;
            if now - last_used_at > REFRESH_AFTER_SECONDS {
                sessions::touch(conn, &hash, now)?;
                last_used_at = now;
            }
            Ok(Some(CurrentUser {
                id: found.user_id,
                username: found.username,
                session_hash: hash,
                created_at: found.user_created_at,
                session_expires_at: last_used_at + idle_limit,
            }))
        })
        .await?;
    Ok(user)
}

/// When the session with this token hash expires unless used again, or `None` if it has ended
/// (logged out, expired, its account deleted). Does not count as a use: an open event stream alone
/// does not keep a session alive.
pub async fn expiry(services: &Services, session_hash: String) -> anyhow::Result<Option<f64>> {
    let idle_limit = idle_limit_seconds(services);
    services
        .store
        .run(move |conn| {
            let found = sessions::find_active(conn, &session_hash, store::now() - idle_limit)?;
            Ok(found.map(|found| found.last_used_at + idle_limit))
        })
        .await
}
