//! Attachments: who may download a stored file, how it is served, and previews of text files.
use bytes::BytesMut;
use futures_util::TryStreamExt;

use super::access;
use super::{refuse, CurrentUser, Error, Failure, Services};
use crate::domain::attachments::{download_name, served_as, Served};
use crate::domain::previews::{code_lines, language_of, CodeLines};
use crate::store::messages as store_messages;
use crate::uploads::{StoredFile, Uploads};

/// A stored attachment opened for the caller; its bytes are read (streamed) only if they are sent.
pub struct Download {
    pub served: Served,
    pub file: StoredFile,
}

/// The attachment `name`, if the caller can see an undeleted message carrying it (decisions Q10,
/// Q23) and the file is there.
pub async fn open(services: &Services, user: &CurrentUser, name: &str) -> Result<Option<Download>, Error> {
    // Only names the server itself hands out are looked up: nothing else (`..`, slashes, spaces)
    // can ever reach the file store.
    if !Uploads::is_stored_name(name) || !may_download(services, user, name).await? {
        return Ok(None);
    }
    Ok(services.uploads.open(name).await?.map(|file| Download { served: served_as(name), file }))
}

async fn may_download(services: &Services, user: &CurrentUser, name: &str) -> Result<bool, Error> {
    let lookup = name.to_owned();
    let rows = services.store.run(move |conn| store_messages::carrying_file(conn, &lookup)).await?;
    for row in &rows {
        if access::conversation_of(services, user, row).await?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The first lines of a text or code attachment.
pub struct Preview {
    /// The download name.
    pub filename: String,
    pub language: String,
    pub lines: CodeLines,
}

/// Why a file the caller may see has no preview.
#[derive(Debug, Clone, PartialEq)]
pub enum PreviewRefusal {
    /// No such file, or not one the caller may see.
    NotFound,
    /// Larger than `max_file_preview_kb`: not read at all.
    TooLarge { max_kb: u64 },
    /// Named as text, but its bytes are not.
    NotText,
}

/// The preview of attachment `name` (§C10): `None` when it is not a text or code file. The file
/// is read only when it is within `max_file_preview_kb`, so a preview never holds more than that.
pub async fn preview(
    services: &Services,
    user: &CurrentUser,
    name: &str,
) -> Result<Option<Preview>, Failure<PreviewRefusal>> {
    let Some(Download { file, .. }) = open(services, user, name).await? else {
        return refuse(PreviewRefusal::NotFound);
    };
    let filename = download_name(name).to_owned();
    let Some(language) = language_of(&filename) else {
        return Ok(None);
    };
    let max_kb = services.settings.max_file_preview_kb;
    if file.size > max_kb.saturating_mul(1024) {
        return refuse(PreviewRefusal::TooLarge { max_kb });
    }
    let capacity = usize::try_from(file.size).unwrap_or(0);
    let bytes = file
        .stream()
        .try_fold(BytesMut::with_capacity(capacity), |mut read, chunk| async move {
            read.extend_from_slice(&chunk);
            Ok(read)
        })
        .await?;
    match code_lines(&bytes) {
        Ok(lines) => Ok(Some(Preview { filename, language, lines })),
        Err(_) => refuse(PreviewRefusal::NotText),
    }
}
