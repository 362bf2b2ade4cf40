//! Credential checks shared by the auth handlers: logging in (with the failure delay and lockout)
//! and registering. Password hashing runs on the blocking pool, never on the async threads.
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use super::error::ApiError;
use super::Api;
use crate::domain::credentials::{self, MAX_PASSWORD_CHARS};
use crate::domain::lockout::{self, LockoutPolicy, INVALID_CREDENTIALS};
use crate::store;
use crate::store::users::{self, Reservation};

/// Argon2id with the crate defaults, which are OWASP's recommended minimum (19 MiB, 2 passes).
fn hasher() -> Argon2<'static> {
    Argon2::default()
}

/// An argon2id hash of `password` (directly on the blocking pool: for tools such as the benchmark
/// seeding; requests go through [`Api::hashing`] with [`hash_password_bounded`]).
pub async fn hash_password(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || compute_hash(&password))
        .await
        .map_err(|err| ApiError::Internal(err.into()))?
        .map_err(ApiError::Internal)
}

fn compute_hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| anyhow::anyhow!("password hashing failed: {err}"))
}

/// [`hash_password`] within the server's hashing limits.
pub async fn hash_password_bounded(api: &Api, password: String) -> Result<String, ApiError> {
    api.hashing.run(move || compute_hash(&password)).await?.map_err(ApiError::Internal)
}

/// Checks `password` against a stored hash within the server's hashing limits; `None` runs a check
/// against a fixed hash so that an unknown username costs the same time as a wrong password.
pub async fn verify_password(api: &Api, password: String, stored_hash: Option<String>) -> Result<bool, ApiError> {
    api.hashing
        .run(move || {
            let stored = stored_hash.unwrap_or_else(|| DECOY_HASH.clone());
            let parsed = PasswordHash::new(&stored)
                .map_err(|err| anyhow::anyhow!("stored password hash is malformed: {err}"))?;
            Ok(hasher().verify_password(password.as_bytes(), &parsed).is_ok())
        })
        .await?
        .map_err(ApiError::Internal)
}

static DECOY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| compute_hash("decoy password that matches nothing").unwrap_or_default());

pub enum LoginOutcome {
    /// The user id and the stored spelling of the name.
    Accepted { user_id: i64, username: String },
    /// The message to show on the re-rendered page (after the failure delay has passed).
    Refused { message: String },
}

fn policy(api: &Api) -> LockoutPolicy {
    LockoutPolicy {
        max_attempts: api.settings.max_login_attempts,
        duration_minutes: api.settings.lockout_duration_minutes,
    }
}

/// What a password check of a known account found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordCheck {
    Correct,
    Wrong,
    /// Refused without (or despite) the password: the account is locked; the text says for how long.
    Locked {
        message: String,
    },
}

/// Checks the password of account `user_id` under the lockout rules, shared by every route that
/// asks for a password: a locked account is refused without looking at the password, a wrong
/// password counts towards the lock, and parallel checks cannot exceed the limit (each is counted
/// before it runs; a right password is refused if parallel failures locked the account meanwhile).
pub async fn check_password(
    api: &Api,
    user_id: i64,
    stored_hash: String,
    password: String,
) -> Result<PasswordCheck, ApiError> {
    let policy = policy(api);
    if !policy.enabled() {
        let correct = verify_password(api, password, Some(stored_hash)).await?;
        return Ok(if correct { PasswordCheck::Correct } else { PasswordCheck::Wrong });
    }
    let max = policy.max_attempts;
    let locked = |until: f64| {
        let minutes = lockout::active_lock_minutes(&policy, Some(until), store::now()).unwrap_or(1);
        PasswordCheck::Locked { message: lockout::lockout_message(minutes) }
    };
    match api.store.run(move |conn| users::reserve_password_check(conn, user_id, max, store::now())).await? {
        Reservation::Granted => {}
        Reservation::Locked(until) => return Ok(locked(until)),
        // The checks already running will lock the account if they fail; this one is not run.
        Reservation::Exhausted => {
            let minutes = lockout::lock_from(&policy, store::now()).minutes;
            return Ok(PasswordCheck::Locked { message: lockout::lockout_message(minutes) });
        }
    }
    if verify_password(api, password, Some(stored_hash)).await? {
        let accepted = api.store.run(move |conn| users::accept_password(conn, user_id, store::now())).await?;
        if accepted {
            return Ok(PasswordCheck::Correct);
        }
        let until = api.store.run(move |conn| users::find_by_id(conn, user_id)).await?.and_then(|u| u.locked_until);
        return Ok(until.map_or(PasswordCheck::Wrong, locked));
    }
    let until = lockout::lock_from(&policy, store::now()).until;
    let lock = api.store.run(move |conn| users::settle_failure(conn, user_id, max, until, store::now())).await?;
    Ok(lock.map_or(PasswordCheck::Wrong, locked))
}

/// The configured pause before a refused password check answers (asynchronous: no thread waits).
pub async fn failure_delay(api: &Api) {
    tokio::time::sleep(Duration::from_secs_f64(api.settings.login_failure_delay_seconds)).await;
}

/// One login attempt with the reference's rules: over-long passwords and unknown names are refused
/// uncounted; then [`check_password`]; every refusal waits the configured delay.
pub async fn attempt_login(api: &Api, username: &str, password: String) -> Result<LoginOutcome, ApiError> {
    let outcome = check_login(api, username, password).await?;
    if let LoginOutcome::Refused { .. } = outcome {
        failure_delay(api).await;
    }
    Ok(outcome)
}

async fn check_login(api: &Api, username: &str, password: String) -> Result<LoginOutcome, ApiError> {
    let refused = |message: &str| Ok(LoginOutcome::Refused { message: message.to_string() });
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return refused(INVALID_CREDENTIALS);
    }
    let key = credentials::username_key(username);
    let user = api.store.run(move |conn| users::find_by_key(conn, &key)).await?;
    let Some(user) = user else {
        verify_password(api, password, None).await?;
        return refused(INVALID_CREDENTIALS);
    };
    match check_password(api, user.id, user.password_hash, password).await? {
        PasswordCheck::Correct => Ok(LoginOutcome::Accepted { user_id: user.id, username: user.username }),
        PasswordCheck::Wrong => refused(INVALID_CREDENTIALS),
        PasswordCheck::Locked { message } => refused(&message),
    }
}

pub enum SignupOutcome {
    Created { user_id: i64 },
    Refused { message: String },
}

/// Validates and creates an account; `username` is already trimmed.
pub async fn register(
    api: &Api,
    username: &str,
    password: &str,
    confirm_password: &str,
) -> Result<SignupOutcome, ApiError> {
    if let Some(message) = credentials::signup_error(username, password, confirm_password) {
        return Ok(SignupOutcome::Refused { message });
    }
    let key = credentials::username_key(username);
    let lookup_key = key.clone();
    if api.store.run(move |conn| users::find_by_key(conn, &lookup_key)).await?.is_some() {
        return Ok(SignupOutcome::Refused { message: "User already exists".into() });
    }
    let password_hash = hash_password_bounded(api, password.to_string()).await?;
    let username = username.to_string();
    let created = api
        .store
        .run(move |conn| {
            users::create(
                conn,
                &users::NewUser {
                    username: &username,
                    username_key: &key,
                    password_hash: &password_hash,
                    created_at: store::now(),
                },
            )
        })
        .await?;
    Ok(match created {
        Some(user) => SignupOutcome::Created { user_id: user.id },
        // Someone registered the same name while we were hashing.
        None => SignupOutcome::Refused { message: "User already exists".into() },
    })
}
