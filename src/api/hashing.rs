//! Password hashing, bounded: each argon2id hash holds 19 MiB and a core for tens of milliseconds,
//! so at most `max_concurrent_password_hashes` run at once (on the blocking pool), at most
//! `max_queued_password_hashes` requests wait for a slot, and any beyond are refused with 503.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use tokio::sync::Semaphore;

use super::error::ApiError;
use crate::config::Settings;

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

    /// Runs `work` on the blocking pool once a slot is free; `ApiError::Busy` when too many wait.
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
        let limits = &self.0;
        if limits.admitted.fetch_add(1, Ordering::AcqRel) >= limits.max_admitted {
            limits.admitted.fetch_sub(1, Ordering::AcqRel);
            return Err(ApiError::Busy);
        }
        let _admission = Admission(&limits.admitted);
        let _slot = limits.slots.acquire().await.map_err(|err| ApiError::Internal(err.into()))?;
        tokio::task::spawn_blocking(work).await.map_err(|err| ApiError::Internal(err.into()))
    }

    /// Requests holding or waiting for a slot now (what the tests wait on).
    #[cfg(test)]
    fn admitted(&self) -> u64 {
        self.0.admitted.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(matches!(hashing.run(|| 0).await, Err(ApiError::Busy)), "a third request finds no room");
        release.send(()).unwrap();
        assert!(running.await.unwrap().unwrap());
        assert_eq!(queued.await.unwrap().unwrap(), 7, "the queued request runs once the slot is free");
        assert_eq!(hashing.admitted(), 0);
        assert_eq!(hashing.run(|| 1).await.unwrap(), 1, "room again afterwards");
    }
}
