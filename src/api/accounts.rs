//! Credential checks shared by the auth handlers: logging in (with the failure delay and lockout)
//! and registering. Password hashing runs on the blocking pool, never on the async threads.
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use super::error::ApiError;
use super::Api;
use crate::domain::credentials::{self, MAX_PASSWORD_CHARS};
use crate::domain::lockout::{self, FailureOutcome, LockoutPolicy, INVALID_CREDENTIALS};
use crate::store::{self, users};

/// Argon2id with the crate defaults, which are OWASP's recommended minimum (19 MiB, 2 passes).
fn hasher() -> Argon2<'static> {
    Argon2::default()
}

/// Hashes computed at once: one per core. Each takes 19 MiB and a core for tens of milliseconds,
/// so more at once only queue for the CPU while holding memory (a burst of logins could otherwise
/// hold hundreds of MiB, and leave it with the allocator), and they would crowd the blocking pool
/// that database work shares.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
});

async fn hashing_slot() -> Result<tokio::sync::SemaphorePermit<'static>, ApiError> {
    HASHING.acquire().await.map_err(|err| ApiError::Internal(err.into()))
}

pub async fn hash_password(password: String) -> Result<String, ApiError> {
    let _slot = hashing_slot().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| anyhow::anyhow!("password hashing failed: {err}"))
    })
    .await
    .map_err(|err| ApiError::Internal(err.into()))?
    .map_err(ApiError::Internal)
}

/// Checks `password` against a stored hash; `None` runs a check against a fixed hash so that an
/// unknown username costs the same time as a wrong password.
pub async fn verify_password(password: String, stored_hash: Option<String>) -> Result<bool, ApiError> {
    let _slot = hashing_slot().await?;
    tokio::task::spawn_blocking(move || {
        let stored = stored_hash.unwrap_or_else(|| DECOY_HASH.clone());
        let parsed = PasswordHash::new(&stored)
            .map_err(|err| anyhow::anyhow!("stored password hash is malformed: {err}"))?;
        Ok(hasher().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|err| ApiError::Internal(err.into()))?
    .map_err(ApiError::Internal)
}

static DECOY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    hasher()
        .hash_password(b"decoy password that matches nothing", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

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

/// One login attempt with the reference's rules: over-long passwords and unknown names are refused
/// uncounted; a locked account is refused without looking at the password; a wrong password counts
/// towards the lock; every refusal waits the configured delay (asynchronously).
pub async fn attempt_login(api: &Api, username: &str, password: String) -> Result<LoginOutcome, ApiError> {
    let outcome = check_login(api, username, password).await?;
    if let LoginOutcome::Refused { .. } = outcome {
        let delay = api.settings.login_failure_delay_seconds;
        tokio::time::sleep(Duration::from_secs_f64(delay)).await;
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
        verify_password(password, None).await?;
        return refused(INVALID_CREDENTIALS);
    };
    let policy = policy(api);
    if let Some(minutes) = lockout::active_lock_minutes(&policy, user.locked_until, store::now()) {
        return refused(&lockout::lockout_message(minutes));
    }
    let user_id = user.id;
    if verify_password(password, Some(user.password_hash)).await? {
        api.store.run(move |conn| users::clear_failed_logins(conn, user_id)).await?;
        return Ok(LoginOutcome::Accepted { user_id, username: user.username });
    }
    if !policy.enabled() {
        return refused(INVALID_CREDENTIALS);
    }
    let message = api
        .store
        .run(move |conn| {
            let failures = users::count_failed_login(conn, user_id)?;
            Ok(match lockout::after_failure(&policy, failures, store::now()) {
                FailureOutcome::Invalid => INVALID_CREDENTIALS.to_string(),
                FailureOutcome::Lock { until, minutes } => {
                    users::lock(conn, user_id, until)?;
                    lockout::lockout_message(minutes)
                }
            })
        })
        .await?;
    refused(&message)
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
    let password_hash = hash_password(password.to_string()).await?;
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
