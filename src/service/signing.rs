//! Signing in, up and out: the credential check, the session, and the presence others see, together.
use super::accounts::{self, LoginOutcome, SignupOutcome};
use super::{presence, sessions, CurrentUser, Error, Services};
use crate::domain::presence::PresenceState;

/// How a sign-in or sign-up ended.
pub enum SignedIn {
    /// A new session: its token, for the client to present from now on.
    Session { token: String },
    /// Nothing changed; the message says why (after the failure delay, for a login).
    Refused { message: String },
}

/// One login attempt (see [`accounts::attempt_login`]); on success the user is active.
pub async fn sign_in(services: &Services, username: &str, password: String) -> Result<SignedIn, Error> {
    match accounts::attempt_login(services, username, password).await? {
        LoginOutcome::Accepted { user_id, username } => {
            let token = sessions::start(services, user_id).await?;
            presence::record_state(services, user_id, &username, PresenceState::Active).await?;
            Ok(SignedIn::Session { token })
        }
        LoginOutcome::Refused { message } => Ok(SignedIn::Refused { message }),
    }
}

/// Registers `username` (already trimmed) and signs the new account in; a session the client was
/// signed in with (`previous`) ends, so signing up while signed in replaces the session.
pub async fn sign_up(
    services: &Services,
    username: &str,
    password: &str,
    confirm_password: &str,
    previous_session_token: Option<&str>,
) -> Result<SignedIn, Error> {
    match accounts::register(services, username, password, confirm_password).await? {
        SignupOutcome::Created { user_id } => {
            // The browser's earlier session is looked up only now, so a refused sign-up leaves it
            // exactly as it was (not even its idle timer moves).
            if let Some(token) = previous_session_token {
                if let Some(previous) = sessions::find(services, token).await? {
                    sessions::end(services, &previous).await?;
                }
            }
            let token = sessions::start(services, user_id).await?;
            presence::record_state(services, user_id, username, PresenceState::Active).await?;
            Ok(SignedIn::Session { token })
        }
        SignupOutcome::Refused { message } => Ok(SignedIn::Refused { message }),
    }
}

/// Ends the caller's session (their other sessions stay); others see them offline.
pub async fn sign_out(services: &Services, user: &CurrentUser) -> Result<(), Error> {
    sessions::end(services, user).await?;
    presence::record_state(services, user.id, &user.username, PresenceState::Offline).await
}
