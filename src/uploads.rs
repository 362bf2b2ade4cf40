//! Uploaded files on disk: `<data_dir>/uploads/<32 hex>.<ext>`. Names are random (never the
//! client's), so they cannot collide, be guessed, or escape the directory.
use std::path::{Path, PathBuf};

use anyhow::Context;
use rand::RngCore;

#[derive(Debug, Clone)]
pub struct Uploads {
    dir: PathBuf,
}

impl Uploads {
    pub fn new(data_dir: &Path) -> anyhow::Result<Uploads> {
        Uploads::in_dir(data_dir.join("uploads"))
    }

    /// Stored files in another directory of their own (avatars live in `<data_dir>/avatars`).
    pub fn in_dir(dir: PathBuf) -> anyhow::Result<Uploads> {
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Uploads { dir })
    }

    /// A fresh stored name with the given extension.
    pub fn new_name(extension: &str) -> String {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        format!("{}.{extension}", hex::encode(bytes))
    }

    /// Whether `name` has the shape of a stored name (so a request path can never point elsewhere).
    pub fn is_stored_name(name: &str) -> bool {
        match name.split_once('.') {
            Some((stem, extension)) => {
                stem.len() == 32
                    && stem.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
                    && !extension.is_empty()
                    && extension.bytes().all(|b| b.is_ascii_lowercase())
            }
            None => false,
        }
    }

    pub fn path(&self, name: &str) -> Option<PathBuf> {
        Self::is_stored_name(name).then(|| self.dir.join(name))
    }

    /// Writes a file completely (to a temporary name, synced, then renamed), so a crash never leaves a
    /// half-written file under a stored name.
    pub async fn save(&self, name: &str, data: bytes::Bytes) -> anyhow::Result<()> {
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
        Ok(Some(StoredFile { file, size: metadata.len(), modified }))
    }

    /// Stored names and half-written temporary files in the directory last modified before
    /// `older_than` (the candidates of the sweep of files no row refers to).
    pub async fn files_older_than(&self, older_than: std::time::SystemTime) -> anyhow::Result<OldFiles> {
        let dir = self.dir.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<OldFiles> {
            let mut old = OldFiles::default();
            for entry in std::fs::read_dir(&dir).with_context(|| format!("list {}", dir.display()))? {
                let entry = entry.context("read directory entry")?;
                let Ok(modified) = entry.metadata().and_then(|m| m.modified()) else { continue };
                if modified >= older_than {
                    continue;
                }
                let name = entry.file_name().to_string_lossy().into_owned();
                if Self::is_stored_name(&name) {
                    old.stored.push(name);
                } else if name.starts_with('.') && name.ends_with(".partial") {
                    old.partial.push(entry.path());
                }
            }
            Ok(old)
        })
        .await
        .context("directory listing task failed")?
    }

    /// Removes stored files (used when the message that would carry them is not stored after all).
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

/// What [`Uploads::files_older_than`] found.
#[derive(Debug, Default)]
pub struct OldFiles {
    pub stored: Vec<String>,
    /// Temporary files of writes that never finished.
    pub partial: Vec<PathBuf>,
}

/// An open stored file: its size and modification time are known before its bytes are read, so a
/// conditional request can be answered without reading them.
pub struct StoredFile {
    file: tokio::fs::File,
    pub size: u64,
    pub modified: std::time::SystemTime,
}

impl StoredFile {
    pub async fn bytes(mut self) -> anyhow::Result<bytes::Bytes> {
        use tokio::io::AsyncReadExt;
        let mut data = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        self.file.read_to_end(&mut data).await.context("read upload")?;
        Ok(data.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_generated_names_are_stored_names() {
        let name = Uploads::new_name("png");
        assert!(Uploads::is_stored_name(&name), "{name}");
        for bad in [
            "../secret.key",
            "x.png",
            "",
            ".png",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef.p/g",
            "0123456789ABCDEF0123456789abcdef.png",
        ] {
            assert!(!Uploads::is_stored_name(bad), "{bad}");
        }
    }
}
