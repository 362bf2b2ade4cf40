//! Stored files in the database: what a PostgreSQL deployment uses, so that every node serves what
//! any node received, with no shared file system or object store to run. A file is one row and its
//! contents fixed-size chunks (`store::blobs`), written in one transaction and read one chunk per
//! query as a download's body is sent.
use std::time::{Duration, UNIX_EPOCH};

use anyhow::Context;
use bytes::Bytes;
use futures_util::StreamExt;

use super::names::is_stored_name;
use super::stored::{ByteStream, Content, StoredFile};
use crate::store::{blobs, Store};

/// The size of a chunk: a download holds about one in memory, a write sends one per statement.
/// Large enough that a file of the default upload limit (25 MiB) is 100 queries, small enough that
/// a thousand downloads at once hold a quarter of a GiB at most.
pub const CHUNK_SIZE: usize = 256 * 1024;

/// Which of a deployment's two sets of files: each has its own names and its own sweep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// Message attachments.
    Uploads,
    Avatars,
}

impl Area {
    fn key(self) -> &'static str {
        match self {
            Area::Uploads => "uploads",
            Area::Avatars => "avatars",
        }
    }
}

#[derive(Clone)]
pub struct DatabaseFiles {
    store: Store,
    area: &'static str,
}

impl DatabaseFiles {
    pub fn new(store: Store, area: Area) -> DatabaseFiles {
        DatabaseFiles { store, area: area.key() }
    }

    /// Writes the file and all its chunks in one transaction: it is stored completely or not at all.
    pub async fn save(&self, name: &str, data: Bytes) -> anyhow::Result<()> {
        anyhow::ensure!(is_stored_name(name), "invalid stored file name");
        let (area, name) = (self.area, name.to_owned());
        let size = i64::try_from(data.len()).context("file size")?;
        self.store
            .transaction(move |conn| {
                let file_id = blobs::insert_file(conn, area, &name, size)?;
                for (seq, chunk) in (0..).zip(data.chunks(CHUNK_SIZE)) {
                    blobs::insert_chunk(conn, file_id, seq, chunk)?;
                }
                Ok(())
            })
            .await
    }

    /// Looks the file up (one query); its chunks are read only as its stream is polled.
    pub async fn open(&self, name: &str) -> anyhow::Result<Option<StoredFile>> {
        if !is_stored_name(name) {
            return Ok(None);
        }
        let (area, lookup) = (self.area, name.to_owned());
        let Some(blob) = self.store.run(move |conn| blobs::find(conn, area, &lookup)).await? else {
            return Ok(None);
        };
        let size = u64::try_from(blob.size).context("stored file size")?;
        let modified = Duration::try_from_secs_f64(blob.created_at).map_or(UNIX_EPOCH, |since| UNIX_EPOCH + since);
        let content = Chunks { store: self.store.clone(), file_id: blob.id, size };
        Ok(Some(StoredFile::new(size, modified, content)))
    }

    /// The names of the files written more than `age` ago (by the database's clock, which every
    /// node shares).
    pub async fn stored_older_than(&self, age: Duration) -> anyhow::Result<Vec<String>> {
        let area = self.area;
        self.store.run(move |conn| blobs::names_older_than(conn, area, age.as_secs_f64())).await
    }

    /// Removes stored files with their chunks; a failure is logged (the sweep retries what is left).
    pub async fn remove(&self, names: &[String]) {
        if names.is_empty() {
            return;
        }
        let (area, names) = (self.area, names.to_vec());
        if let Err(err) = self.store.run(move |conn| blobs::delete(conn, area, &names)).await {
            tracing::warn!(area, error = %format!("{err:#}"), "could not remove stored files");
        }
    }
}

/// The chunks of one stored file.
struct Chunks {
    store: Store,
    file_id: i64,
    size: u64,
}

impl Content for Chunks {
    fn stream_from(self: Box<Self>, offset: u64) -> ByteStream {
        let Chunks { store, file_id, size } = *self;
        let chunk_size = CHUNK_SIZE as u64;
        futures_util::stream::try_unfold(offset, move |position| {
            let store = store.clone();
            async move {
                if position >= size {
                    return Ok(None);
                }
                let seq = i64::try_from(position / chunk_size).context("chunk number")?;
                let data = store
                    .run(move |conn| blobs::chunk(conn, file_id, seq))
                    .await?
                    .context("the file was removed while it was read")?;
                // Only the first chunk of a read from an offset starts inside the chunk.
                let skip = (position % chunk_size) as usize;
                let wanted = (size - position).min(chunk_size) as usize;
                anyhow::ensure!(data.len() > skip, "chunk {seq} of stored file {file_id} is short");
                let mut bytes = Bytes::from(data).slice(skip..);
                bytes.truncate(wanted);
                let next = position + bytes.len() as u64;
                Ok(Some((bytes, next)))
            }
        })
        .boxed()
    }
}
