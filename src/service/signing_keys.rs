//! Which keys sign and verify the session and form-token cookies, so that every node of a
//! deployment accepts the cookies any of them set.
//!
//! - **Operator-passed** ([`crate::config::SecretKeys`]): the key (and the previous keys still
//!   accepted) come from the environment or a file and never touch the database.
//! - **Database-managed** (the default): the first node to start records a key (race-free: insert
//!   if absent, then read back what won); every node reloads the set every
//!   `secret_key_reload_seconds`. A `<data_dir>/secret.key` of an earlier version is imported as
//!   that first key, so its cookies stay valid.
//! - **Rotation** ([`rotate`], the `minimost rotate-secret-key` command): a new key signs from the
//!   next reload on; the old one still verifies until the grace period ends.
//!
//! These functions take the [`Store`] rather than `Services`: they run at start-up, before the
//! services exist, and from the command line.
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use rand::RngCore;

use crate::config::{SecretKeys, MIN_SECRET_KEY_BYTES};
use crate::store::{self, signing_keys, Store};

/// The file in which versions before the shared key kept each node's own key.
pub const LEGACY_KEY_FILE: &str = "secret.key";

/// One key: it signs from `active_from` (Unix seconds) until a newer key does, and verifies until
/// `until` (`None`: no end).
#[derive(Clone, PartialEq)]
pub struct KeyEntry {
    pub secret: Vec<u8>,
    pub active_from: f64,
    pub until: Option<f64>,
}

/// The keys in force, newest first.
#[derive(Clone, PartialEq)]
pub struct KeySet {
    pub keys: Vec<KeyEntry>,
}

impl std::fmt::Debug for KeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeySet {{ {} keys (redacted) }}", self.keys.len())
    }
}

impl KeySet {
    /// The operator's keys: the current one signs, previous ones verify for as long as they are passed.
    pub fn from_operator(keys: &SecretKeys) -> KeySet {
        let entry = |secret: &Vec<u8>| KeyEntry { secret: secret.clone(), active_from: f64::NEG_INFINITY, until: None };
        let previous = keys.previous.iter().map(|secret| KeyEntry { active_from: f64::INFINITY, ..entry(secret) });
        KeySet { keys: std::iter::once(entry(&keys.current)).chain(previous).collect() }
    }

    fn from_stored(stored: Vec<signing_keys::StoredKey>) -> anyhow::Result<KeySet> {
        if stored.is_empty() {
            anyhow::bail!("the database holds no signing key");
        }
        let keys = stored
            .into_iter()
            .map(|key| {
                if key.secret.len() < MIN_SECRET_KEY_BYTES {
                    anyhow::bail!(
                        "signing key generation {} in the database is shorter than {MIN_SECRET_KEY_BYTES} bytes",
                        key.generation
                    );
                }
                Ok(KeyEntry { secret: key.secret, active_from: key.active_from, until: key.retired_until })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(KeySet { keys })
    }

    /// The index of the key that signs at `now`: the newest already active (the oldest if none is).
    pub fn signing_index(&self, now: f64) -> usize {
        self.keys.iter().position(|key| key.active_from <= now).unwrap_or(self.keys.len().saturating_sub(1))
    }

    /// Whether key `index` still verifies at `now`.
    pub fn verifies(&self, index: usize, now: f64) -> bool {
        self.keys.get(index).is_some_and(|key| key.until.is_none_or(|until| until > now))
    }

    fn contains(&self, secret: &[u8]) -> bool {
        self.keys.iter().any(|key| key.secret == secret)
    }
}

fn random_key() -> Vec<u8> {
    let mut bytes = vec![0u8; MIN_SECRET_KEY_BYTES];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

/// The legacy key file's bytes, when there is one.
fn read_legacy_key(data_dir: &Path) -> anyhow::Result<Option<Vec<u8>>> {
    let path = data_dir.join(LEGACY_KEY_FILE);
    match std::fs::read(&path) {
        Ok(bytes) if bytes.len() >= MIN_SECRET_KEY_BYTES => Ok(Some(bytes)),
        Ok(_) => {
            anyhow::bail!("{} is too short to be a signing key (delete it to start with a new key)", path.display())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// At start-up, outside the async runtime: the key set, recording the first key when the database
/// has none (the node's legacy `secret.key` if it has one, else a random key).
pub fn load_at_start(store: &Store, data_dir: &Path) -> anyhow::Result<KeySet> {
    let legacy = read_legacy_key(data_dir)?;
    let first = legacy.clone().unwrap_or_else(random_key);
    let now = store::now();
    let stored = store.run_blocking(|conn| {
        signing_keys::insert_first(conn, &first, now)?;
        signing_keys::accepted(conn, now)
    })?;
    let set = KeySet::from_stored(stored)?;
    if let Some(legacy) = legacy {
        if set.contains(&legacy) {
            tracing::info!(
                "cookie-signing key: {LEGACY_KEY_FILE} of the data directory is in the database, shared by every node \
                 (the file is no longer read)"
            );
        } else {
            tracing::warn!(
                "{LEGACY_KEY_FILE} in the data directory differs from the key in the database, which every node now uses: \
                 sessions signed by this node's old key must sign in again (the file is ignored and may be deleted)"
            );
        }
    }
    Ok(set)
}

/// The key set as the database holds it now (the periodic reload).
pub async fn load(store: &Store) -> anyhow::Result<KeySet> {
    let now = store::now();
    KeySet::from_stored(store.run(move |conn| signing_keys::accepted(conn, now)).await?)
}

/// Records a new random key that signs from `activate_after` on (long enough for every node to
/// have reloaded the key set, so none is shown a cookie signed by a key it does not know yet); the
/// keys before it keep verifying for `grace` after that. Returns the new key's generation.
pub async fn rotate(store: &Store, activate_after: Duration, grace: Duration) -> anyhow::Result<i64> {
    let now = store::now();
    let active_from = now + activate_after.as_secs_f64();
    let until = active_from + grace.as_secs_f64();
    let secret = random_key();
    store.transaction(move |conn| signing_keys::rotate(conn, &secret, now, active_from, until)).await
}
