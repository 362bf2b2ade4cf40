//! Handlers of the `files` operations.
use warp::http::HeaderMap;

use super::error::ApiError;
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::responses::Binary;
use super::Api;
use crate::domain::conditional::Validators;
use crate::service::files::{self, Download};

fn not_found() -> GetFileResponse {
    GetFileResponse::NotFound("not found".to_owned())
}

/// All values of a request header, joined as one list (`If-None-Match` may be repeated).
fn header_list(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = headers.get_all(name).iter().filter_map(|value| value.to_str().ok()).collect();
    (!values.is_empty()).then(|| values.join(", "))
}

pub async fn get_file(api: &Api, ctx: RequestContext, input: GetFileInput) -> Result<GetFileResponse, ApiError> {
    let name = input.filename;
    let Some(Download { kind, file }) = files::open(api, &input.user, &name).await? else {
        return Ok(not_found());
    };
    let validators = Validators::of_file(file.size, file.modified);
    let cache_control = Some("no-cache".to_owned());
    let if_none_match = header_list(&ctx.headers, "if-none-match");
    let if_modified_since = ctx.headers.get("if-modified-since").and_then(|value| value.to_str().ok());
    if validators.not_modified(if_none_match.as_deref(), if_modified_since) {
        return Ok(GetFileResponse::NotModified { etag: Some(validators.etag().to_owned()), cache_control });
    }
    Ok(GetFileResponse::Ok {
        body: Binary::streamed(kind.content_type(), file.size, file.stream()),
        content_disposition: Some(format!("inline; filename={name}")),
        cache_control,
        etag: Some(validators.etag().to_owned()),
        last_modified: Some(validators.last_modified()),
        x_content_type_options: Some("nosniff".to_owned()),
    })
}
