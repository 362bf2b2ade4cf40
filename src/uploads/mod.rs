//! Stored files (message attachments and avatars) under random names, in one of two stores: the
//! data directory (SQLite deployments: one node) or the database (PostgreSQL deployments, where
//! several nodes share the files). `app.rs` picks the store by backend; the service layer sees only
//! [`Uploads`].
mod database;
mod disk;
mod names;
mod stored;

use std::path::PathBuf;
use std::time::Duration;

use bytes::Bytes;

pub use database::{Area, CHUNK_SIZE};
pub use stored::{ByteStream, StoredFile};

use crate::metrics::metrics;
use crate::store::Store;

/// One set of stored files (attachments or avatars), in whichever store the deployment uses.
#[derive(Clone)]
pub struct Uploads {
    store: FileStore,
}

#[derive(Clone)]
enum FileStore {
    Disk(disk::DiskFiles),
    Database(database::DatabaseFiles),
}

impl Uploads {
    /// Files in a directory of their own (`<data_dir>/uploads`, `<data_dir>/avatars`), created if
    /// missing.
    pub fn on_disk(dir: PathBuf) -> anyhow::Result<Uploads> {
        Ok(Uploads { store: FileStore::Disk(disk::DiskFiles::new(dir)?) })
    }

    /// Files in the database's `stored_files` and `file_chunks` tables.
    pub fn in_database(store: Store, area: Area) -> Uploads {
        Uploads { store: FileStore::Database(database::DatabaseFiles::new(store, area)) }
    }

    /// A fresh stored name with the given extension.
    pub fn new_name(extension: &str) -> String {
        names::new_name(extension)
    }

    /// A fresh stored name for a file downloaded as `sanitised` (a name `sanitise` returned).
    pub fn new_download_name(sanitised: &str) -> String {
        names::new_download_name(sanitised)
    }

    /// Whether `name` has the shape of a stored name (so a request path can never point elsewhere).
    pub fn is_stored_name(name: &str) -> bool {
        names::is_stored_name(name)
    }

    /// Stores a file completely under `name` (a fresh stored name): a crash never leaves part of
    /// one under a stored name.
    pub async fn save(&self, name: &str, data: Bytes) -> anyhow::Result<()> {
        let size = data.len() as u64;
        match &self.store {
            FileStore::Disk(files) => files.save(name, data).await?,
            FileStore::Database(files) => files.save(name, data).await?,
        }
        metrics().uploads_stored.inc();
        metrics().upload_bytes_stored.inc_by(size);
        Ok(())
    }

    /// Opens a stored file; `None` when there is no such file (never stored, or removed since).
    pub async fn open(&self, name: &str) -> anyhow::Result<Option<StoredFile>> {
        match &self.store {
            FileStore::Disk(files) => files.open(name).await,
            FileStore::Database(files) => files.open(name).await,
        }
    }

    /// Removes stored files (a failure is logged: the sweep removes what is left).
    pub async fn remove(&self, names: &[String]) {
        match &self.store {
            FileStore::Disk(files) => files.remove(names).await,
            FileStore::Database(files) => files.remove(names).await,
        }
    }

    /// The stored names written more than `age` ago (the candidates of the sweep of files no row
    /// refers to).
    pub async fn stored_older_than(&self, age: Duration) -> anyhow::Result<Vec<String>> {
        match &self.store {
            FileStore::Disk(files) => files.stored_older_than(age).await,
            FileStore::Database(files) => files.stored_older_than(age).await,
        }
    }

    /// Removes what writes that never finished left behind more than `age` ago; returns how many.
    /// Only the data directory can have such leftovers: a database write is one transaction.
    pub async fn remove_unfinished(&self, age: Duration) -> anyhow::Result<usize> {
        match &self.store {
            FileStore::Disk(files) => files.remove_unfinished(age).await,
            FileStore::Database(_) => Ok(0),
        }
    }
}
