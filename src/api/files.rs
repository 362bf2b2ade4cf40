//! Handlers of the `files` operations: downloads (validators, byte ranges, the headers that keep a
//! file from ever running as a page of ours) and previews of text files.
use warp::http::HeaderMap;

use super::error::{answer, ApiError};
use super::generated::operations::*;
use super::http::context::RequestContext;
use super::http::ranges::requested_range;
use super::http::responses::Binary;
use super::Api;
use crate::contract::schemas;
use crate::domain::conditional::Validators;
use crate::domain::ranges::RangeAnswer;
use crate::service::files::{self, Download, Preview, PreviewRefusal};

/// On every answer that carries a file: a browser opening one directly (an uploaded HTML or SVG
/// file, say) gets a sandboxed, script-less, unique origin, never ours.
const SANDBOX: &str = "sandbox";

fn not_found() -> GetFileResponse {
    GetFileResponse::NotFound("not found".to_owned())
}

/// All values of a request header, joined as one list (`If-None-Match` may be repeated).
fn header_list(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = headers.get_all(name).iter().filter_map(|value| value.to_str().ok()).collect();
    (!values.is_empty()).then(|| values.join(", "))
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

pub async fn get_file(api: &Api, ctx: RequestContext, input: GetFileInput) -> Result<GetFileResponse, ApiError> {
    let Some(Download { served, file }) = files::open(api, &input.user, &input.filename).await? else {
        return Ok(not_found());
    };
    let validators = Validators::of_file(file.size, file.modified);
    let cache_control = Some("no-cache".to_owned());
    let if_none_match = header_list(&ctx.headers, "if-none-match");
    if validators.not_modified(if_none_match.as_deref(), header(&ctx.headers, "if-modified-since")) {
        return Ok(GetFileResponse::NotModified { etag: Some(validators.etag().to_owned()), cache_control });
    }
    let requested = requested_range(&ctx.headers, validators.etag(), &validators.last_modified());
    let size = file.size;
    let range = RangeAnswer::of(requested, size);
    let (etag, last_modified) = (Some(validators.etag().to_owned()), Some(validators.last_modified()));
    let (accept_ranges, nosniff, sandbox) =
        (Some("bytes".to_owned()), Some("nosniff".to_owned()), Some(SANDBOX.to_owned()));
    Ok(match range {
        RangeAnswer::Whole => GetFileResponse::Ok {
            body: Binary::streamed(served.content_type, size, file.stream()),
            content_disposition: Some(served.disposition),
            accept_ranges,
            cache_control,
            etag,
            last_modified,
            x_content_type_options: nosniff,
            content_security_policy: sandbox,
        },
        RangeAnswer::Part { start, end } => GetFileResponse::PartialContent {
            body: Binary::streamed(served.content_type, end - start + 1, file.stream_range(start, end - start + 1)),
            content_range: range.content_range(size),
            content_disposition: Some(served.disposition),
            accept_ranges,
            cache_control,
            etag,
            last_modified,
            x_content_type_options: nosniff,
            content_security_policy: sandbox,
        },
        RangeAnswer::Unsatisfiable => GetFileResponse::RangeNotSatisfiable {
            body: "range not satisfiable".to_owned(),
            content_range: range.content_range(size),
            content_security_policy: sandbox,
        },
    })
}

fn code_preview(name: &str, preview: Preview) -> schemas::FilePreview {
    let code = schemas::CodePreview {
        r#type: "code".to_owned(),
        filename: preview.filename,
        filepath: name.to_owned(),
        language: preview.language,
        first_line_num: 1,
        highlight_start: None,
        highlight_end: None,
        code: preview.lines.code,
        total_lines: i64::try_from(preview.lines.total_lines).unwrap_or(i64::MAX),
        url: format!("/files/{name}"),
    };
    schemas::FilePreview(serde_json::to_value(code).unwrap_or_default())
}

pub async fn get_file_preview(
    api: &Api,
    _ctx: RequestContext,
    input: GetFilePreviewInput,
) -> Result<GetFilePreviewResponse, ApiError> {
    let name = input.filename;
    answer(
        files::preview(api, &input.user, &name).await,
        |preview| match preview {
            Some(preview) => GetFilePreviewResponse::Ok(code_preview(&name, preview)),
            None => GetFilePreviewResponse::Ok(schemas::FilePreview(serde_json::json!({}))),
        },
        |refusal| match refusal {
            PreviewRefusal::NotFound => GetFilePreviewResponse::NotFound("not found".to_owned()),
            PreviewRefusal::TooLarge { max_kb } => {
                GetFilePreviewResponse::PayloadTooLarge(format!("file too large to preview (max {max_kb} KB)"))
            }
            PreviewRefusal::NotText => GetFilePreviewResponse::UnsupportedMediaType("not a text file".to_owned()),
        },
    )
}
