//! Handlers of the `avatars` operations. Avatars are stored files like attachments (random names,
//! written completely before they are recorded) in `<data_dir>/avatars`; the users table records
//! which one is current.
use std::time::SystemTime;

use warp::http::{header, HeaderMap};

use super::error::ApiError;
use super::generated::operations::*;
use super::http::body::UploadedFile;
use super::http::context::RequestContext;
use super::http::responses::Binary;
use super::Api;
use crate::domain::messages::{lowercase_extension, ImageKind, UploadError};
use crate::store::profiles;
use crate::uploads::Uploads;

/// What a client must revalidate against: the stored name changes with every upload, so it is a
/// strong validator by itself.
fn etag_of(stored_name: &str) -> String {
    format!("\"{stored_name}\"")
}

/// Whether the client's cached copy (named by `If-None-Match`, or else dated by
/// `If-Modified-Since`) is still current.
fn not_modified(headers: &HeaderMap, etag: &str, modified: SystemTime) -> bool {
    if let Some(candidates) = headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) {
        return candidates
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == etag || tag == "*");
    }
    let since = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v).ok());
    match (since, modified.duration_since(SystemTime::UNIX_EPOCH)) {
        // HTTP dates have whole seconds.
        (Some(since), Ok(modified)) => {
            since.duration_since(SystemTime::UNIX_EPOCH).map(|s| s.as_secs()).unwrap_or(0) >= modified.as_secs()
        }
        _ => false,
    }
}

/// The stored bytes and modification time, or `None` when the file is gone.
async fn read_stored(api: &Api, name: &str) -> Result<Option<(bytes::Bytes, SystemTime)>, ApiError> {
    let Some(path) = api.avatars.path(name) else { return Ok(None) };
    let metadata = match tokio::fs::metadata(&path).await {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(anyhow::Error::from(err).context("stat avatar").into()),
    };
    let data = match tokio::fs::read(&path).await {
        Ok(data) => data,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(anyhow::Error::from(err).context("read avatar").into()),
    };
    Ok(Some((data.into(), metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH))))
}

pub async fn get_avatar(api: &Api, ctx: RequestContext, input: GetAvatarInput) -> Result<GetAvatarResponse, ApiError> {
    let name = input.username;
    let profile = api.store.run(move |conn| profiles::profile_named(conn, &name)).await?;
    let Some(stored) = profile.and_then(|p| p.avatar_file) else {
        return Ok(GetAvatarResponse::NotFound);
    };
    let Some(kind) = lowercase_extension(&stored).as_deref().and_then(ImageKind::from_extension) else {
        return Ok(GetAvatarResponse::NotFound);
    };
    let Some((data, modified)) = read_stored(api, &stored).await? else {
        return Ok(GetAvatarResponse::NotFound);
    };
    let etag = etag_of(&stored);
    if not_modified(&ctx.headers, &etag, modified) {
        return Ok(GetAvatarResponse::NotModified { etag: Some(etag), cache_control: Some("no-cache".into()) });
    }
    Ok(GetAvatarResponse::Ok {
        body: Binary { content_type: kind.content_type().to_string(), data },
        content_disposition: Some(format!("inline; filename={stored}")),
        cache_control: Some("no-cache".into()),
        etag: Some(etag),
        last_modified: Some(httpdate::fmt_http_date(modified)),
        x_content_type_options: Some("nosniff".into()),
    })
}

/// The image format of an avatar upload: content sniffed, and the extension, when the name has
/// one, must agree (so nothing but a real image is ever served from here).
fn avatar_kind(file: &UploadedFile) -> Result<ImageKind, UploadError> {
    match lowercase_extension(&file.file_name) {
        None => ImageKind::sniff(&file.data).ok_or(UploadError::NotAnImage),
        Some(_) => ImageKind::detect(&file.file_name, &file.data),
    }
}

/// Records `new` (or none) as the caller's avatar and removes the file it replaces, only after the
/// new state has committed; on failure the new file goes instead.
async fn swap_avatar(api: &Api, user_id: i64, new: Option<String>) -> Result<(), ApiError> {
    let recorded = new.clone();
    let result = api.store.run(move |conn| profiles::replace_avatar(conn, user_id, recorded.as_deref())).await;
    match result {
        Ok(old) => {
            api.avatars.remove(&old.into_iter().collect::<Vec<_>>()).await;
            Ok(())
        }
        Err(err) => {
            api.avatars.remove(&new.into_iter().collect::<Vec<_>>()).await;
            Err(err.into())
        }
    }
}

pub async fn upload_avatar(
    api: &Api,
    _ctx: RequestContext,
    input: UploadAvatarInput,
) -> Result<UploadAvatarResponse, ApiError> {
    let Some(file) = input.avatar.filter(|file| !file.file_name.is_empty()) else {
        return Ok(UploadAvatarResponse::BadRequest("no file".into()));
    };
    if file.data.len() as u64 > api.settings.max_avatar_bytes() {
        let mb = api.settings.max_avatar_size_mb.floor();
        return Ok(UploadAvatarResponse::PayloadTooLarge(format!("file too large (max {mb} MB)")));
    }
    let Ok(kind) = avatar_kind(&file) else {
        return Ok(UploadAvatarResponse::UnsupportedMediaType("not an image".into()));
    };
    let stored = Uploads::new_name(kind.extension());
    api.avatars.save(&stored, file.data).await?;
    swap_avatar(api, input.user.id, Some(stored)).await?;
    Ok(UploadAvatarResponse::Ok("ok".into()))
}

pub async fn delete_avatar(
    api: &Api,
    _ctx: RequestContext,
    input: DeleteAvatarInput,
) -> Result<DeleteAvatarResponse, ApiError> {
    swap_avatar(api, input.user.id, None).await?;
    Ok(DeleteAvatarResponse::Ok("ok".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(name.clone(), value.parse().unwrap());
        }
        map
    }

    #[test]
    fn validators_decide_not_modified() {
        let modified = SystemTime::UNIX_EPOCH + Duration::from_millis(1_700_000_000_500);
        let etag = etag_of("abc.png");
        assert!(!not_modified(&HeaderMap::new(), &etag, modified));
        assert!(not_modified(&headers(&[(header::IF_NONE_MATCH, "\"x\", \"abc.png\"")]), &etag, modified));
        assert!(not_modified(&headers(&[(header::IF_NONE_MATCH, "*")]), &etag, modified));
        assert!(!not_modified(&headers(&[(header::IF_NONE_MATCH, "\"old.png\"")]), &etag, modified));
        let date = httpdate::fmt_http_date(modified);
        assert!(not_modified(&headers(&[(header::IF_MODIFIED_SINCE, &date)]), &etag, modified));
        let earlier = httpdate::fmt_http_date(modified - Duration::from_secs(5));
        assert!(!not_modified(&headers(&[(header::IF_MODIFIED_SINCE, &earlier)]), &etag, modified));
        // If-None-Match wins over If-Modified-Since.
        let both = headers(&[(header::IF_NONE_MATCH, "\"old.png\""), (header::IF_MODIFIED_SINCE, &date)]);
        assert!(!not_modified(&both, &etag, modified));
        assert!(!not_modified(&headers(&[(header::IF_MODIFIED_SINCE, "yesterday")]), &etag, modified));
    }
}
