//! Stored files in a directory of the data directory (`<data_dir>/uploads`, `<data_dir>/avatars`):
//! a SQLite deployment, which is one node, keeps them there.
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use anyhow::Context;
use bytes::Bytes;
use futures_util::StreamExt;

use super::names::is_stored_name;
use super::stored::{ByteStream, Content, StoredFile};

/// How much of a file one read takes (and one body chunk carries).
const READ_CHUNK: u64 = 64 * 1024;

#[derive(Debug, Clone)]
pub struct DiskFiles {
    dir: PathBuf,
}

impl DiskFiles {
    pub fn new(dir: PathBuf) -> anyhow::Result<DiskFiles> {
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(DiskFiles { dir })
    }

    fn path(&self, name: &str) -> Option<PathBuf> {
        is_stored_name(name).then(|| self.dir.join(name))
    }

    /// Writes a file completely (to a temporary name, synced, then renamed), so a crash never leaves a
    /// half-written file under a stored name.
    pub async fn save(&self, name: &str, data: Bytes) -> anyhow::Result<()> {
        let path = self.path(name).context("invalid stored file name")?;
        let temp = self.dir.join(format!(".{name}.partial"));
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            use std::io::Write;
            let mut file = std::fs::File::create(&temp).with_context(|| format!("create {}", temp.display()))?;
            file.write_all(&data).context("write upload")?;
            file.sync_all().context("sync upload")?;
            std::fs::rename(&temp, &path).context("store upload")?;
            Ok(())
        })
        .await
        .context("upload task failed")?
    }

    /// Opens a stored file (off the async threads, like every file operation here); `None` when
    /// there is no such file (never stored, or removed since).
    pub async fn open(&self, name: &str) -> anyhow::Result<Option<StoredFile>> {
        let Some(path) = self.path(name) else { return Ok(None) };
        let file = match tokio::fs::File::open(&path).await {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err).with_context(|| format!("open {}", path.display())),
        };
        let metadata = file.metadata().await.with_context(|| format!("stat {}", path.display()))?;
        let modified = metadata.modified().with_context(|| format!("mtime of {}", path.display()))?;
        let size = metadata.len();
        Ok(Some(StoredFile::new(size, modified, OpenFile { file, size })))
    }

    /// Stored names in the directory last modified more than `age` ago.
    pub async fn stored_older_than(&self, age: Duration) -> anyhow::Result<Vec<String>> {
        let entries = self.entries_older_than(age).await?;
        Ok(entries.into_iter().map(|(name, _)| name).filter(|name| is_stored_name(name)).collect())
    }

    /// Removes the temporary files of writes that never finished (a crash during `save`) last
    /// modified more than `age` ago; returns how many.
    pub async fn remove_unfinished(&self, age: Duration) -> anyhow::Result<usize> {
        let entries = self.entries_older_than(age).await?;
        let mut removed = 0;
        for (name, path) in entries {
            if !(name.starts_with('.') && name.ends_with(".partial")) {
                continue;
            }
            match tokio::fs::remove_file(&path).await {
                Ok(()) => removed += 1,
                Err(err) => {
                    tracing::warn!(file = %path.display(), error = %err, "could not remove a half-written upload")
                }
            }
        }
        Ok(removed)
    }

    /// Every entry of the directory last modified more than `age` ago: its name and path.
    async fn entries_older_than(&self, age: Duration) -> anyhow::Result<Vec<(String, PathBuf)>> {
        let dir = self.dir.clone();
        let older_than = SystemTime::now() - age;
        tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<(String, PathBuf)>> {
            let mut old = Vec::new();
            for entry in std::fs::read_dir(&dir).with_context(|| format!("list {}", dir.display()))? {
                let entry = entry.context("read directory entry")?;
                let Ok(modified) = entry.metadata().and_then(|m| m.modified()) else { continue };
                if modified < older_than {
                    old.push((entry.file_name().to_string_lossy().into_owned(), entry.path()));
                }
            }
            Ok(old)
        })
        .await
        .context("directory listing task failed")?
    }

    /// Removes stored files; a failure is logged (the sweep retries what is left).
    pub async fn remove(&self, names: &[String]) {
        for name in names {
            if let Some(path) = self.path(name) {
                if let Err(err) = tokio::fs::remove_file(&path).await {
                    tracing::warn!(file = %path.display(), error = %err, "could not remove upload");
                }
            }
        }
    }
}

/// A file opened for reading, with the size it had when it was opened (a stored file is never
/// rewritten, so that is its size for good).
struct OpenFile {
    file: tokio::fs::File,
    size: u64,
}

impl Content for OpenFile {
    fn stream_from(self: Box<Self>, offset: u64) -> ByteStream {
        let OpenFile { file, size } = *self;
        let start = (offset > 0).then_some(offset);
        futures_util::stream::try_unfold((file, offset, start), move |(mut file, position, start)| async move {
            use tokio::io::{AsyncReadExt, AsyncSeekExt};
            if position >= size {
                return Ok(None);
            }
            if let Some(start) = start {
                file.seek(std::io::SeekFrom::Start(start)).await.context("seek in upload")?;
            }
            let mut chunk = vec![0; READ_CHUNK.min(size - position) as usize];
            file.read_exact(&mut chunk).await.context("read upload")?;
            let next = position + chunk.len() as u64;
            Ok(Some((Bytes::from(chunk), (file, next, None))))
        })
        .boxed()
    }
}
