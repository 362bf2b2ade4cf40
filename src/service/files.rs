//! Attachments: who may download a stored file.
use super::access;
use super::{CurrentUser, Error, Services};
use crate::domain::messages::{lowercase_extension, ImageKind};
use crate::store::messages as store_messages;
use crate::uploads::{StoredFile, Uploads};

/// A stored attachment opened for the caller; its bytes are read (streamed) only if they are sent.
pub struct Download {
    pub kind: ImageKind,
    pub file: StoredFile,
}

/// The attachment `name`, if the caller can see an undeleted message carrying it (decisions Q10,
/// Q23) and the file is there.
pub async fn open(services: &Services, user: &CurrentUser, name: &str) -> Result<Option<Download>, Error> {
    // Only names the server itself hands out are looked up: nothing else (`..`, slashes, other
    // extensions) can ever reach the file store.
    if !Uploads::is_stored_name(name) {
        return Ok(None);
    }
    let Some(kind) = lowercase_extension(name).as_deref().and_then(ImageKind::from_extension) else {
        return Ok(None);
    };
    if !may_download(services, user, name).await? {
        return Ok(None);
    }
    Ok(services.uploads.open(name).await?.map(|file| Download { kind, file }))
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
