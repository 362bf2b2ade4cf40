//! Credentials: logging in (with the failure delay and lockout), registering, and the password
//! check every route that asks for a password shares. Hashing goes through the bounded pool.
use std::time::Duration;

use super::{Error, Services};
use crate::domain::credentials::{self, MAX_PASSWORD_CHARS};
use crate::domain::lockout::{self, LockoutPolicy, INVALID_CREDENTIALS};
use crate::domain::werkzeug_hash;
use crate::metrics::metrics;
use crate::store::users::{self, Reservation};
use crate::store::{self, Store};

pub enum LoginOutcome {
    /// The user id and the stored spelling of the name.
    Accepted { user_id: i64, username: String },
    /// The message to show on the re-rendered page (after the failure delay has passed).
    Refused { message: String },
}

fn policy(services: &Services) -> LockoutPolicy {
    LockoutPolicy {
        max_attempts: services.settings.max_login_attempts,
        duration_minutes: services.settings.lockout_duration_minutes,
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
    services: &Services,
    user_id: i64,
    stored_hash: String,
    password: String,
) -> Result<PasswordCheck, Error> {
    let policy = policy(services);
    // An imported hash is replaced after the check that proves the password (kept for that).
    let upgrade = werkzeug_hash::is_werkzeug_hash(&stored_hash).then(|| (stored_hash.clone(), password.clone()));
    if !policy.enabled() {
        let correct = services.hashing.verify(password, Some(stored_hash)).await?;
        if !correct {
            return Ok(PasswordCheck::Wrong);
        }
        upgrade_imported_hash(services, user_id, upgrade).await;
        return Ok(PasswordCheck::Correct);
    }
    let max = policy.max_attempts;
    let locked = |until: f64| {
        let minutes = lockout::active_lock_minutes(&policy, Some(until), store::now()).unwrap_or(1);
        PasswordCheck::Locked { message: lockout::lockout_message(minutes) }
    };
    match services.store.run(move |conn| users::reserve_password_check(conn, user_id, max, store::now())).await? {
        Reservation::Granted => {}
        Reservation::Locked(until) => return Ok(locked(until)),
        // The checks already running will lock the account if they fail; this one is not run.
        Reservation::Exhausted => {
            let minutes = lockout::lock_from(&policy, store::now()).minutes;
            return Ok(PasswordCheck::Locked { message: lockout::lockout_message(minutes) });
        }
    }
    if services.hashing.verify(password, Some(stored_hash)).await? {
        let accepted = services.store.run(move |conn| users::accept_password(conn, user_id, store::now())).await?;
        if accepted {
            upgrade_imported_hash(services, user_id, upgrade).await;
            return Ok(PasswordCheck::Correct);
        }
        let until =
            services.store.run(move |conn| users::find_by_id(conn, user_id)).await?.and_then(|u| u.locked_until);
        return Ok(until.map_or(PasswordCheck::Wrong, locked));
    }
    let until = lockout::lock_from(&policy, store::now()).until;
    let lock = services.store.run(move |conn| users::settle_failure(conn, user_id, max, until, store::now())).await?;
    if lock.is_some() {
        metrics().lockouts.inc();
    }
    Ok(lock.map_or(PasswordCheck::Wrong, locked))
}

/// Replaces a Werkzeug scrypt hash imported from the original (`minimost import-minimost`) by an
/// argon2id hash of the password that was just proven, so the next login takes the usual path.
/// `upgrade` is the imported hash and the password, or `None` when the hash is already ours. A
/// failure (the hashing pool busy, the database away) does not refuse the login it follows: the
/// imported hash stays valid and the next good login tries again.
async fn upgrade_imported_hash(services: &Services, user_id: i64, upgrade: Option<(String, String)>) {
    let Some((imported, password)) = upgrade else {
        return;
    };
    let upgraded = async {
        let argon2 = services.hashing.hash(password).await?;
        services.store.run(move |conn| users::replace_password_hash(conn, user_id, &imported, &argon2)).await?;
        Ok::<(), Error>(())
    };
    if let Err(err) = upgraded.await {
        tracing::warn!(user_id, error = ?err, "could not replace an imported password hash; the next login retries");
    }
}

/// The configured pause before a refused password check answers (asynchronous: no thread waits).
pub async fn failure_delay(services: &Services) {
    tokio::time::sleep(Duration::from_secs_f64(services.settings.login_failure_delay_seconds)).await;
}

/// One login attempt with the reference's rules: over-long passwords and unknown names are refused
/// uncounted; then [`check_password`]; every refusal waits the configured delay.
pub async fn attempt_login(services: &Services, username: &str, password: String) -> Result<LoginOutcome, Error> {
    let outcome = check_login(services, username, password).await?;
    if let LoginOutcome::Refused { .. } = outcome {
        failure_delay(services).await;
    }
    Ok(outcome)
}

async fn check_login(services: &Services, username: &str, password: String) -> Result<LoginOutcome, Error> {
    let refused = |message: &str| Ok(LoginOutcome::Refused { message: message.to_string() });
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return refused(INVALID_CREDENTIALS);
    }
    let key = credentials::username_key(username);
    let user = services.store.run(move |conn| users::find_by_key(conn, &key)).await?;
    let Some(user) = user else {
        services.hashing.verify(password, None).await?;
        metrics().login_failures.inc();
        return refused(INVALID_CREDENTIALS);
    };
    let check = check_password(services, user.id, user.password_hash, password).await?;
    if check != PasswordCheck::Correct {
        metrics().login_failures.inc();
    }
    match check {
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
    services: &Services,
    username: &str,
    password: &str,
    confirm_password: &str,
) -> Result<SignupOutcome, Error> {
    if let Some(message) = credentials::signup_error(username, password, confirm_password) {
        return Ok(SignupOutcome::Refused { message });
    }
    let key = credentials::username_key(username);
    if services.store.run(move |conn| users::find_by_key(conn, &key)).await?.is_some() {
        return Ok(SignupOutcome::Refused { message: "User already exists".into() });
    }
    let password_hash = services.hashing.hash(password.to_string()).await?;
    let created = insert_account(&services.store, username.to_owned(), password_hash).await?;
    Ok(match created {
        Some(user) => SignupOutcome::Created { user_id: user.id },
        // Someone registered the same name while we were hashing.
        None => SignupOutcome::Refused { message: "User already exists".into() },
    })
}

/// Records a new account (the name already checked, the password already hashed), created now;
/// `None` when the name (ignoring case) is taken.
pub(super) async fn insert_account(
    store: &Store,
    username: String,
    password_hash: String,
) -> anyhow::Result<Option<users::User>> {
    let key = credentials::username_key(&username);
    store
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
        .await
}
