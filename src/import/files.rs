//! The original's files: the attachments its messages refer to (`uploads/`) and the avatars
//! (`avatars/`), checked before anything is written and copied through [`Uploads`] (the data
//! directory on SQLite, the database on PostgreSQL). Copies are undone when the import fails.
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use bytes::Bytes;

use super::plan::Plan;
use crate::domain::attachments::sanitise;
use crate::domain::messages::{lowercase_extension, ImageKind};
use crate::uploads::Uploads;

/// One file to copy: where it is in the original, and its stored name in the target.
#[derive(Debug, Clone)]
pub struct FileCopy {
    pub source: PathBuf,
    pub name: String,
    pub bytes: u64,
}

/// What the files phase copies.
#[derive(Debug, Default)]
pub struct FilePlan {
    /// Original stored name → the copy (the same name when it is one of ours too).
    pub attachments: BTreeMap<String, FileCopy>,
    /// User id → the avatar's copy, renamed after its real format.
    pub avatars: BTreeMap<i64, FileCopy>,
    /// Avatars left out (`(username, reason)`): ours must be real images.
    pub avatars_skipped: Vec<(String, String)>,
    /// Files in `uploads/` that no message refers to (not copied).
    pub unreferenced: usize,
}

impl FilePlan {
    pub fn total_bytes(&self) -> u64 {
        self.attachments.values().chain(self.avatars.values()).map(|f| f.bytes).sum()
    }

    pub fn count(&self) -> usize {
        self.attachments.len() + self.avatars.len()
    }
}

/// Checks that every attachment a message refers to is in `uploads/` (a deleted message's file may
/// be gone: it is never served again) and that every avatar is there; names the copies. Attachments
/// keep their names (they are ours too) unless `fresh_names` (a `--force` import, whose target may
/// still hold the files of an earlier import under those names).
pub fn plan_files(dir: &Path, plan: &mut Plan, fresh_names: bool) -> anyhow::Result<FilePlan> {
    let mut files = FilePlan::default();
    let live: std::collections::BTreeSet<&str> =
        plan.messages.iter().filter(|m| m.deleted_ts.is_none()).filter_map(|m| m.filename.as_deref()).collect();
    for original in &plan.attachments {
        let source = dir.join("uploads").join(original);
        let meta = match std::fs::metadata(&source) {
            Ok(meta) if meta.is_file() => meta,
            _ if !live.contains(original.as_str()) => continue,
            _ => bail!(
                "uploads/{original} is missing: a message refers to it (restore the file, or the whole uploads/ \
                 directory, and run the import again); nothing was imported"
            ),
        };
        let name =
            if Uploads::is_stored_name(original) && !fresh_names { original.clone() } else { our_name(original) };
        files.attachments.insert(original.clone(), FileCopy { source, name, bytes: meta.len() });
    }
    // Rows of a deleted message whose file is gone keep no file name.
    for message in &mut plan.messages {
        if let Some(name) = &message.filename {
            match files.attachments.get(name) {
                Some(copy) => message.filename = Some(copy.name.clone()),
                None => message.filename = None,
            }
        }
    }
    for user in &plan.users {
        let Some(avatar) = &user.avatar_file else { continue };
        let source = dir.join("avatars").join(avatar);
        let data = std::fs::read(&source)
            .with_context(|| format!("avatars/{avatar} (the avatar of {:?}) cannot be read", user.username))?;
        // The original names every avatar `.jpg` whatever it is; ours are named after their content.
        let Some(kind) = ImageKind::sniff(&data) else {
            files.avatars_skipped.push((user.username.clone(), format!("avatars/{avatar} is not an image")));
            continue;
        };
        let name = Uploads::new_name(kind.extension());
        files.avatars.insert(user.id, FileCopy { source, name, bytes: data.len() as u64 });
    }
    files.unreferenced = std::fs::read_dir(dir.join("uploads"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| !plan.attachments.contains(entry.file_name().to_string_lossy().as_ref()))
                .count()
        })
        .unwrap_or(0);
    Ok(files)
}

/// A stored name of ours for an original name that is not one (an older sanitiser's output).
fn our_name(original: &str) -> String {
    let tail = original.get(33..).unwrap_or(original);
    match lowercase_extension(original) {
        Some(extension) if original.get(32..33) == Some(".") && ImageKind::from_extension(&extension).is_some() => {
            Uploads::new_name(&extension)
        }
        _ => Uploads::new_download_name(&sanitise(tail)),
    }
}

/// Copies the files, telling `progress` the bytes copied so far. On failure, removes what it
/// copied and returns the error; on success returns the names stored (to remove should the
/// database part fail).
pub async fn copy(
    files: &FilePlan,
    uploads: &Uploads,
    avatars: &Uploads,
    mut progress: impl FnMut(u64),
) -> anyhow::Result<Copied> {
    let mut copied = Copied::default();
    let mut done = 0;
    let jobs = files
        .attachments
        .values()
        .map(|f| (f, uploads, false))
        .chain(files.avatars.values().map(|f| (f, avatars, true)));
    for (file, target, is_avatar) in jobs {
        let result = async {
            if target.open(&file.name).await?.is_some() {
                bail!("the target already holds a file named {}", file.name);
            }
            let data = tokio::fs::read(&file.source)
                .await
                .with_context(|| format!("cannot read {}", file.source.display()))?;
            target.save(&file.name, Bytes::from(data)).await
        }
        .await;
        if let Err(err) = result {
            copied.undo(uploads, avatars).await;
            return Err(err.context(format!("copying {}", file.source.display())));
        }
        if is_avatar {
            copied.avatars.push(file.name.clone());
        } else {
            copied.uploads.push(file.name.clone());
        }
        done += file.bytes;
        progress(done);
    }
    Ok(copied)
}

/// The names of the files copied into the target.
#[derive(Debug, Default)]
pub struct Copied {
    uploads: Vec<String>,
    avatars: Vec<String>,
}

impl Copied {
    /// Removes the copies (the import failed after them).
    pub async fn undo(&self, uploads: &Uploads, avatars: &Uploads) {
        uploads.remove(&self.uploads).await;
        avatars.remove(&self.avatars).await;
    }
}

/// The stored avatar name of each user with one.
pub fn avatar_names(files: &FilePlan) -> HashMap<i64, String> {
    files.avatars.iter().map(|(id, copy)| (*id, copy.name.clone())).collect()
}
