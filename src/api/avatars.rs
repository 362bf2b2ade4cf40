//! Handlers of the `avatars` operations: storing is [`crate::service::avatars`]'s; here are the
//! HTTP validators that let a client keep its cached copy.
use std::time::SystemTime;

use warp::http::{header, HeaderMap};

use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::ranges::requested_range;
use super::http::responses::Binary;
use super::Api;
use crate::domain::ranges::RangeAnswer;
use crate::service::avatars::{self, Upload, UploadRefusal};

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

pub async fn get_avatar(api: &Api, ctx: RequestContext, input: GetAvatarInput) -> Result<GetAvatarResponse, ApiError> {
    let Some(avatar) = avatars::current(api, input.username).await? else {
        return Ok(GetAvatarResponse::NotFound);
    };
    let etag = etag_of(&avatar.stored_name);
    let modified = avatar.file.modified;
    if not_modified(&ctx.headers, &etag, modified) {
        return Ok(GetAvatarResponse::NotModified { etag: Some(etag), cache_control: Some("no-cache".into()) });
    }
    let last_modified = httpdate::fmt_http_date(modified);
    let size = avatar.file.size;
    let range = RangeAnswer::of(requested_range(&ctx.headers, &etag, &last_modified), size);
    let content_disposition = Some(format!("inline; filename={}", avatar.stored_name));
    let (cache_control, accept_ranges, nosniff) =
        (Some("no-cache".to_owned()), Some("bytes".to_owned()), Some("nosniff".to_owned()));
    let content_type = avatar.kind.content_type();
    Ok(match range {
        RangeAnswer::Whole => GetAvatarResponse::Ok {
            body: Binary::streamed(content_type, size, avatar.file.stream()),
            content_disposition,
            cache_control,
            accept_ranges,
            etag: Some(etag),
            last_modified: Some(last_modified),
            x_content_type_options: nosniff,
        },
        RangeAnswer::Part { start, end } => GetAvatarResponse::PartialContent {
            body: Binary::streamed(content_type, end - start + 1, avatar.file.stream_range(start, end - start + 1)),
            content_range: range.content_range(size),
            content_disposition,
            accept_ranges,
            cache_control,
            etag: Some(etag),
            last_modified: Some(last_modified),
            x_content_type_options: nosniff,
        },
        RangeAnswer::Unsatisfiable => GetAvatarResponse::RangeNotSatisfiable {
            body: "range not satisfiable".to_owned(),
            content_range: range.content_range(size),
        },
    })
}

pub async fn upload_avatar(
    api: &Api,
    _ctx: RequestContext,
    input: UploadAvatarInput,
) -> Result<UploadAvatarResponse, ApiError> {
    let upload = input.avatar.map(|file| Upload { file_name: file.file_name, data: file.data });
    answer(
        avatars::upload(api, &input.user, upload).await,
        |()| UploadAvatarResponse::Ok("ok".into()),
        |refusal| match refusal {
            UploadRefusal::NoFile => UploadAvatarResponse::BadRequest("no file".into()),
            UploadRefusal::TooLarge { max_mb } => {
                UploadAvatarResponse::PayloadTooLarge(format!("file too large (max {max_mb} MB)"))
            }
            UploadRefusal::NotAnImage => UploadAvatarResponse::UnsupportedMediaType("not an image".into()),
        },
    )
}

pub async fn delete_avatar(
    api: &Api,
    _ctx: RequestContext,
    input: DeleteAvatarInput,
) -> Result<DeleteAvatarResponse, ApiError> {
    avatars::remove(api, &input.user).await?;
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
