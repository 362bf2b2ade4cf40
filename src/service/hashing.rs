//! Password hashing, bounded: each argon2id hash holds 19 MiB and a core for tens of milliseconds,
//! so at most `max_concurrent_password_hashes` run at once (on the blocking pool), at most
//! `max_queued_password_hashes` requests wait for a slot, and any beyond are refused as busy.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use tokio::sync::Semaphore;

use super::error::Error;
use crate::config::Settings;
use crate::domain::werkzeug_hash::{self, WerkzeugScrypt};
use crate::metrics::metrics;

#[derive(Clone)]
pub struct PasswordHashing(Arc<Limits>);

struct Limits {
    slots: Semaphore,
    /// Requests holding or waiting for a slot.
    admitted: AtomicU64,
    max_admitted: u64,
}

/// Decrements the admitted count however the request ends (also when its client goes away).
struct Admission<'a>(&'a AtomicU64);

impl Drop for Admission<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl PasswordHashing {
    pub fn new(settings: &Settings) -> PasswordHashing {
        let slots =
            usize::try_from(settings.max_concurrent_password_hashes).unwrap_or(usize::MAX).min(Semaphore::MAX_PERMITS);
        PasswordHashing(Arc::new(Limits {
            slots: Semaphore::new(slots),
            admitted: AtomicU64::new(0),
            max_admitted: settings.max_concurrent_password_hashes.saturating_add(settings.max_queued_password_hashes),
        }))
    }

    /// Runs `work` on the blocking pool once a slot is free; [`Error::Busy`] when too many wait.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
        let limits = &self.0;
        if limits.admitted.fetch_add(1, Ordering::AcqRel) >= limits.max_admitted {
            limits.admitted.fetch_sub(1, Ordering::AcqRel);
            metrics().password_hashes_refused_busy.inc();
            return Err(Error::Busy);
        }
        let _admission = Admission(&limits.admitted);
        let _slot = limits.slots.acquire().await.map_err(anyhow::Error::from)?;
        let queued = metrics().blocking_task();
        let work = move || {
            drop(queued);
            work()
        };
        Ok(tokio::task::spawn_blocking(work).await.map_err(anyhow::Error::from)?)
    }

    /// An argon2id hash of `password`, within the limits.
    pub async fn hash(&self, password: String) -> Result<String, Error> {
        Ok(self.run(move || compute_hash(&password)).await??)
    }

    /// Checks `password` against a stored hash within the limits (an argon2id hash, or a Werkzeug
    /// scrypt hash imported from the original, which takes 32 MiB and about as long: the same slots
    /// bound both); `None` runs a check against a
    /// fixed hash so that an unknown username costs the same time as a wrong password.
    pub async fn verify(&self, password: String, stored_hash: Option<String>) -> Result<bool, Error> {
        let verified = self
            .run(move || {
                let stored = stored_hash.unwrap_or_else(|| DECOY_HASH.clone());
                if werkzeug_hash::is_werkzeug_hash(&stored) {
                    let legacy = WerkzeugScrypt::parse(&stored)
                        .map_err(|err| anyhow::anyhow!("imported password hash is malformed: {err}"))?;
                    return anyhow::Ok(legacy.verify(&password));
                }
                let parsed = PasswordHash::new(&stored)
                    .map_err(|err| anyhow::anyhow!("stored password hash is malformed: {err}"))?;
                anyhow::Ok(hasher().verify_password(password.as_bytes(), &parsed).is_ok())
            })
            .await??;
        Ok(verified)
    }

    /// Requests holding or waiting for a slot now (the metrics' hashes in flight).
    pub fn admitted(&self) -> u64 {
        self.0.admitted.load(Ordering::Acquire)
    }
}

/// Argon2id with the crate defaults, which are OWASP's recommended minimum (19 MiB, 2 passes).
fn hasher() -> Argon2<'static> {
    Argon2::default()
}

/// An argon2id hash of `password`, directly on the blocking pool: for tools such as the benchmark
/// seeding, which hash outside any request; requests go through [`PasswordHashing::hash`].
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || compute_hash(&password)).await?
}

fn compute_hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|err| anyhow::anyhow!("password hashing failed: {err}"))
}

static DECOY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| compute_hash("decoy password that matches nothing").unwrap_or_default());

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_imported_werkzeug_hash_is_checked_in_the_pool() {
        let hashing = PasswordHashing::new(&Settings::default());
        let params = scrypt::Params::new(10, 8, 1).unwrap();
        let mut digest = [0u8; 64];
        scrypt::scrypt(b"Wonderland#1", b"salt", &params, &mut digest).unwrap();
        let stored = format!("scrypt:1024:8:1$salt${}", hex::encode(digest));
        assert!(hashing.verify("Wonderland#1".into(), Some(stored.clone())).await.unwrap());
        assert!(!hashing.verify("wonderland#1".into(), Some(stored)).await.unwrap());
        let bad = hashing.verify("x".into(), Some("scrypt:1048576:8:1$s$00".into())).await;
        assert!(bad.is_err(), "a malformed imported hash is an error, not a refusal");
        assert_eq!(hashing.admitted(), 0);
    }

    #[tokio::test]
    async fn requests_beyond_the_slots_and_the_queue_are_refused_busy() {
        let settings =
            Settings { max_concurrent_password_hashes: 1, max_queued_password_hashes: 1, ..Settings::default() };
        let hashing = PasswordHashing::new(&settings);
        let (release, wait) = std::sync::mpsc::channel::<()>();
        let running = tokio::spawn({
            let hashing = hashing.clone();
            async move { hashing.run(move || wait.recv().is_ok()).await }
        });
        while hashing.admitted() < 1 {
            tokio::task::yield_now().await;
        }
        let queued = tokio::spawn({
            let hashing = hashing.clone();
            async move { hashing.run(|| 7).await }
        });
        while hashing.admitted() < 2 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(hashing.run(|| 0).await, Err(Error::Busy)), "a third request finds no room");
        release.send(()).unwrap();
        assert!(running.await.unwrap().unwrap());
        assert_eq!(queued.await.unwrap().unwrap(), 7, "the queued request runs once the slot is free");
        assert_eq!(hashing.admitted(), 0);
        assert_eq!(hashing.run(|| 1).await.unwrap(), 1, "room again afterwards");
    }
}
