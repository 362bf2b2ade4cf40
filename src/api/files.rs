//! Handlers of the `files` operations.
use warp::http::HeaderMap;

use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::Binary;
use super::messages::conversation_of;
use super::session::CurrentUser;
use super::Api;
use crate::domain::conditional::Validators;
use crate::domain::messages::{lowercase_extension, ImageKind};
use crate::store::messages as store_messages;
use crate::uploads::Uploads;

fn not_found() -> GetFileResponse {
    GetFileResponse::NotFound("not found".to_owned())
}

/// Whether the caller can see an undeleted message carrying the file (decisions Q10, Q23).
async fn may_download(api: &Api, user: &CurrentUser, name: &str) -> Result<bool, ApiError> {
    let lookup = name.to_owned();
    let rows = api.store.run(move |conn| store_messages::carrying_file(conn, &lookup)).await?;
    for row in &rows {
        if conversation_of(api, user, row).await?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// All values of a request header, joined as one list (`If-None-Match` may be repeated).
fn header_list(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = headers.get_all(name).iter().filter_map(|value| value.to_str().ok()).collect();
    (!values.is_empty()).then(|| values.join(", "))
}

pub async fn get_file(api: &Api, ctx: RequestContext, input: GetFileInput) -> Result<GetFileResponse, ApiError> {
    let name = input.filename;
    // Only names the server itself hands out are looked up: nothing else (`..`, slashes, other
    // extensions) can ever reach the file system.
    if !Uploads::is_stored_name(&name) {
        return Ok(not_found());
    }
    let Some(kind) = lowercase_extension(&name).as_deref().and_then(ImageKind::from_extension) else {
        return Ok(not_found());
    };
    if !may_download(api, &input.user, &name).await? {
        return Ok(not_found());
    }
    let Some(file) = api.uploads.open(&name).await? else {
        return Ok(not_found());
    };
    let validators = Validators::of_file(file.size, file.modified);
    let cache_control = Some("no-cache".to_owned());
    let if_none_match = header_list(&ctx.headers, "if-none-match");
    let if_modified_since = ctx.headers.get("if-modified-since").and_then(|value| value.to_str().ok());
    if validators.not_modified(if_none_match.as_deref(), if_modified_since) {
        return Ok(GetFileResponse::NotModified { etag: Some(validators.etag().to_owned()), cache_control });
    }
    let data = file.bytes().await?;
    Ok(GetFileResponse::Ok {
        body: Binary { content_type: kind.content_type().to_owned(), data },
        content_disposition: Some(format!("inline; filename={name}")),
        cache_control,
        etag: Some(validators.etag().to_owned()),
        last_modified: Some(validators.last_modified()),
        x_content_type_options: Some("nosniff".to_owned()),
    })
}
