//! Request bodies: the size classes and limits, and reading a body (JSON, url-encoded or multipart)
//! into the fields the generated adapters decode an operation's input from.
use std::pin::Pin;

use bytes::{Buf, Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use warp::http::{header, HeaderMap};
use warp::reject::Rejection;
use warp::Filter;

use super::context::RequestContext;
use super::request_error::RequestError;

/// A file part of a multipart request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadedFile {
    /// The form field the part was sent under.
    pub field_name: String,
    /// The client's file name (`""` when the part had none).
    pub file_name: String,
    pub content_type: Option<String>,
    pub data: Bytes,
}

/// Non-file form fields longer than this are refused (413).
pub const FIELD_LIMIT: u64 = 500_000;

/// Most non-file parts a multipart body may have (every operation declares a handful of fields).
pub const MAX_FORM_FIELDS: u64 = 32;

/// Which size limit applies to an operation's body (`x-minimost-body-limit` in the spec).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyClass {
    /// Reachable without a session (sign-in, sign-up): `max_anonymous_body_kb`.
    Anonymous,
    /// Signed-in JSON and forms without attachments: `max_request_body_kb`.
    Form,
    /// Messages with attachments: `max_upload_size_mb` (plus room for the other parts).
    Upload,
    /// A profile picture: `max_avatar_size_mb` (plus room for the other parts).
    Avatar,
}

/// What one body may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyLimits {
    /// The whole body, in bytes.
    pub bytes: u64,
    /// File parts.
    pub files: u64,
}

type RawStream = Pin<Box<dyn Stream<Item = Result<Bytes, warp::Error>> + Send>>;

/// The body, not read yet.
pub enum BodyInput {
    /// `multipart/form-data` with a boundary.
    Multipart(warp::multipart::FormData),
    Raw(RawStream),
}

/// The raw body stream (nothing is read until the decoder asks).
pub fn raw_body() -> impl Filter<Extract = (BodyInput,), Error = Rejection> + Clone {
    warp::body::stream().map(|stream| BodyInput::Raw(raw_stream(stream)))
}

fn raw_stream<S, B>(stream: S) -> RawStream
where
    S: Stream<Item = Result<B, warp::Error>> + Send + 'static,
    B: Buf,
{
    Box::pin(stream.map(|chunk| chunk.map(|mut buf| buf.copy_to_bytes(buf.remaining()))))
}

/// Multipart when the request says so (with a boundary), else the raw body.
pub fn multipart_or_raw_body() -> impl Filter<Extract = (BodyInput,), Error = Rejection> + Clone {
    warp::multipart::form().max_length(None).map(BodyInput::Multipart).or(raw_body()).unify()
}

/// A declared `Content-Length` above the limit is refused before anything is read.
pub fn check_length(ctx: &RequestContext, limit: u64) -> Result<(), RequestError> {
    let declared = ctx
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(length) if length > limit => Err(RequestError::PayloadTooLarge { limit_bytes: limit }),
        _ => Ok(()),
    }
}

/// What an operation's request body may be (from the spec).
#[derive(Debug, Clone, Copy)]
pub struct BodySpec {
    pub urlencoded: bool,
    pub multipart: bool,
    pub json: bool,
    /// Multipart fields that are file parts.
    pub files: &'static [&'static str],
    pub class: BodyClass,
}

/// A decoded body: form fields (url-encoded or multipart) or a JSON object.
#[derive(Debug, Default)]
pub struct Body {
    pub(super) fields: Vec<(String, String)>,
    pub(super) files: Vec<UploadedFile>,
    pub(super) json: Option<serde_json::Map<String, serde_json::Value>>,
}

impl Body {
    fn empty_json() -> Body {
        Body { json: Some(serde_json::Map::new()), ..Body::default() }
    }
}

fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    (!essence.is_empty()).then_some(essence)
}

fn is_json_media(essence: &str) -> bool {
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Reads and decodes the body as the operation's encodings allow; the `Content-Type` picks the decoder.
/// A form operation without (or with another) `Content-Type` sees an empty form; a JSON operation
/// sees `{}` for anything that is not JSON.
pub async fn read_body(
    input: BodyInput,
    spec: &BodySpec,
    limits: BodyLimits,
    headers: &HeaderMap,
) -> Result<Body, RequestError> {
    let limit = limits.bytes;
    let media = media_type(headers);
    let media = media.as_deref().unwrap_or("");
    match input {
        BodyInput::Multipart(form) if spec.multipart && media == "multipart/form-data" => {
            read_multipart(form, spec, limits).await
        }
        BodyInput::Raw(stream) if spec.json && is_json_media(media) => {
            let bytes = read_limited(stream, limit).await?;
            match serde_json::from_slice::<serde_json::Value>(&bytes) {
                Ok(serde_json::Value::Object(map)) => Ok(Body { json: Some(map), ..Body::default() }),
                Ok(_) => Err(RequestError::MalformedBody("expected a JSON object".to_owned())),
                Err(_) => Ok(Body::empty_json()),
            }
        }
        BodyInput::Raw(stream) if spec.urlencoded && media == "application/x-www-form-urlencoded" => {
            let bytes = read_limited(stream, limit).await?;
            let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
                .map_err(|err| RequestError::MalformedBody(format!("form: {err}")))?;
            if fields.iter().any(|(_, v)| v.len() as u64 > FIELD_LIMIT) {
                return Err(RequestError::PayloadTooLarge { limit_bytes: FIELD_LIMIT });
            }
            Ok(Body { fields, ..Body::default() })
        }
        BodyInput::Raw(_) if spec.multipart && media == "multipart/form-data" => {
            Err(RequestError::MalformedBody("multipart body without a boundary".to_owned()))
        }
        _ if spec.urlencoded || spec.multipart => Ok(Body::default()),
        _ => Ok(Body::empty_json()),
    }
}

async fn read_limited(mut stream: RawStream, limit: u64) -> Result<Bytes, RequestError> {
    let mut buf = BytesMut::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|err| RequestError::MalformedBody(format!("reading the body: {err}")))?;
        if (buf.len() + chunk.len()) as u64 > limit {
            return Err(RequestError::PayloadTooLarge { limit_bytes: limit });
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(buf.freeze())
}

async fn read_multipart(
    mut form: warp::multipart::FormData,
    spec: &BodySpec,
    limits: BodyLimits,
) -> Result<Body, RequestError> {
    let limit = limits.bytes;
    let mut body = Body::default();
    let mut total: u64 = 0;
    let (mut file_parts, mut field_parts) = (0u64, 0u64);
    while let Some(part) = form.next().await {
        let part = part.map_err(|err| RequestError::MalformedBody(format!("multipart: {err}")))?;
        let field_name = part.name().to_owned();
        let file_name = part.filename().map(str::to_owned);
        let content_type = part.content_type().map(str::to_owned);
        let is_file = spec.files.contains(&field_name.as_str());
        // Counted before the part is read: thousands of tiny parts are refused at the first one
        // too many, not stored.
        if is_file {
            file_parts += 1;
            if file_parts > limits.files {
                return Err(RequestError::TooManyParts { what: "files", limit: limits.files });
            }
        } else {
            field_parts += 1;
            if field_parts > MAX_FORM_FIELDS {
                return Err(RequestError::TooManyParts { what: "form fields", limit: MAX_FORM_FIELDS });
            }
        }
        let mut data = BytesMut::new();
        let mut stream = Box::pin(part.stream());
        while let Some(chunk) = stream.next().await {
            let mut chunk = chunk.map_err(|err| RequestError::MalformedBody(format!("multipart: {err}")))?;
            let len = chunk.remaining() as u64;
            total += len;
            if total > limit {
                return Err(RequestError::PayloadTooLarge { limit_bytes: limit });
            }
            if !is_file && data.len() as u64 + len > FIELD_LIMIT {
                return Err(RequestError::PayloadTooLarge { limit_bytes: FIELD_LIMIT });
            }
            data.extend_from_slice(&chunk.copy_to_bytes(chunk.remaining()));
        }
        if is_file {
            // An empty file input of a browser form: no file.
            if file_name.as_deref().unwrap_or("").is_empty() && data.is_empty() {
                continue;
            }
            body.files.push(UploadedFile {
                field_name,
                file_name: file_name.unwrap_or_default(),
                content_type,
                data: data.freeze(),
            });
        } else {
            body.fields.push((field_name, String::from_utf8_lossy(&data).into_owned()));
        }
    }
    Ok(body)
}
