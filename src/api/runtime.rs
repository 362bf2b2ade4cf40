//! Support code for `generated/`: the request context, the input errors the generated decoders raise,
//! the body types of responses, the JSON writer, and the generic routing and decoding logic the
//! generated filters call (the generated code only lists what is specific to each operation).
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Mutex;

use bytes::{Buf, Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use warp::filters::path::FullPath;
use warp::filters::BoxedFilter;
use warp::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use warp::reject::Rejection;
use warp::reply::Response;
use warp::Filter;

use super::error::ApiError;
use super::generated::handlers::Handlers;
use super::session::CurrentUser;

/// What a handler may need to know about the request beyond its decoded input.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub method: Method,
    /// The raw (still percent-encoded) path.
    pub path: String,
    /// The raw query string, without `?`.
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub remote_addr: Option<SocketAddr>,
}

/// Why a request could not be decoded into an operation's input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("missing field: {0}")]
    MissingField(&'static str),
    #[error("invalid field {field}: {reason}")]
    InvalidField { field: &'static str, reason: String },
    /// Valid JSON of the wrong shape, or a broken multipart body; the text names the problem
    /// (`channel must be a string`).
    #[error("invalid body: {0}")]
    MalformedBody(String),
    #[error("request body too large (max {limit_bytes} bytes)")]
    PayloadTooLarge { limit_bytes: u64 },
    /// More multipart parts than the operation takes (attachments beyond `max_files_per_message`,
    /// or more than [`MAX_FORM_FIELDS`] other fields).
    #[error("too many {what} (max {limit})")]
    TooManyParts { what: &'static str, limit: u64 },
    #[error("unsupported content type: {0}")]
    UnsupportedMediaType(String),
}

/// How an operation authenticates its caller (from the spec's `security`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `security: []`: no session needed.
    Public,
    /// `security: [{session: []}]`: the handler gets a `CurrentUser`; without one the request fails.
    Session,
    /// `security: [{}, {session: []}]`: the handler gets `Option<CurrentUser>`.
    OptionalSession,
}

// ---------------------------------------------------------------------------------------------------
// Response bodies

/// An HTML page (`text/html; charset=utf-8`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Html(pub String);

/// A binary body with its concrete content type (`image/png`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    pub content_type: String,
    pub data: Bytes,
}

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

/// Escapes every non-ASCII character (and DEL) as `\uXXXX`, UTF-16 surrogate pairs above U+FFFF,
/// like Python's `json.dumps(ensure_ascii=True)`.
struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_ascii() && c != '\x7f' {
                continue;
            }
            writer.write_all(fragment[start..i].as_bytes())?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(fragment[start..].as_bytes())
    }
}

/// Our JSON: compact, non-ASCII escaped, a trailing newline. Key order is the serialisation order
/// (the generated structs list fields in ascending name order; maps are `BTreeMap`s).
pub fn to_json_bytes<T: serde::Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(128);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter);
    value.serialize(&mut serializer)?;
    out.push(b'\n');
    Ok(out)
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn with_body(code: u16, content_type: &str, body: impl Into<warp::hyper::body::Bytes>) -> Response {
    let mut response = Response::new(body.into().into());
    *response.status_mut() = status(code);
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

pub fn json_response<T: serde::Serialize + ?Sized>(code: u16, body: &T) -> Response {
    match to_json_bytes(body) {
        Ok(bytes) => with_body(code, "application/json", bytes),
        Err(err) => {
            warp::Reply::into_response(ApiError::Internal(anyhow::anyhow!(err).context("serialising a response")))
        }
    }
}

pub fn text_response(code: u16, body: String) -> Response {
    with_body(code, "text/plain; charset=utf-8", body)
}

pub fn html_response(code: u16, body: Html) -> Response {
    with_body(code, "text/html; charset=utf-8", body.0)
}

pub fn binary_response(code: u16, body: Binary) -> Response {
    with_body(code, &body.content_type, body.data)
}

/// A live Server-Sent Events response, built by the handler (the stream cannot be cloned, so the
/// response is taken out exactly once when it is sent).
#[derive(Clone)]
pub struct EventStream(std::sync::Arc<Mutex<Option<Response>>>);

impl EventStream {
    pub fn new(response: Response) -> EventStream {
        EventStream(std::sync::Arc::new(Mutex::new(Some(response))))
    }
}

impl std::fmt::Debug for EventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventStream")
    }
}

pub fn event_stream_response(code: u16, body: EventStream) -> Response {
    let taken = body.0.lock().ok().and_then(|mut slot| slot.take());
    let mut response = taken
        .unwrap_or_else(|| with_body(code, "text/plain; charset=utf-8", Bytes::from_static(b"stream already sent")));
    *response.status_mut() = status(code);
    response
}

pub fn empty_response(code: u16) -> Response {
    let mut response = Response::new(Default::default());
    *response.status_mut() = status(code);
    response
}

/// Sets a header; a value that is not a valid header value is dropped (and logged).
pub fn set_header(response: &mut Response, name: &'static str, value: String) {
    match HeaderValue::try_from(value) {
        Ok(value) => {
            response.headers_mut().insert(name, value);
        }
        Err(_) => tracing::error!(header = name, "dropping an invalid response header value"),
    }
}

pub fn set_optional_header(response: &mut Response, name: &'static str, value: Option<String>) {
    if let Some(value) = value {
        set_header(response, name, value);
    }
}

/// Appends one header line per value (`Set-Cookie`).
pub fn append_headers(response: &mut Response, name: &'static str, values: Vec<String>) {
    for value in values {
        match HeaderValue::try_from(value) {
            Ok(value) => {
                response.headers_mut().append(name, value);
            }
            Err(_) => tracing::error!(header = name, "dropping an invalid response header value"),
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Routing

/// One segment of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg {
    Lit(&'static str),
    /// `{name}` with `type: string`: percent-decoded, non-empty, no `/`.
    Str,
    /// `{name}` with `type: integer`: ASCII digits only, fits an `i64`.
    Int,
}

#[derive(Debug, Clone)]
enum PathValue {
    Str(String),
    Int(i64),
}

/// The path parameters of a matched route, in path order.
#[derive(Debug, Clone)]
pub struct PathParams(Vec<PathValue>);

impl PathParams {
    pub fn string(&self, index: usize) -> String {
        match self.0.get(index) {
            Some(PathValue::Str(s)) => s.clone(),
            Some(PathValue::Int(i)) => i.to_string(),
            None => String::new(),
        }
    }

    pub fn int(&self, index: usize) -> i64 {
        match self.0.get(index) {
            Some(PathValue::Int(i)) => *i,
            Some(PathValue::Str(s)) => s.parse().unwrap_or_default(),
            None => 0,
        }
    }
}

/// Matches a raw request path against a template; `None` means "not this route".
pub fn match_path(pattern: &[Seg], path: &str) -> Option<PathParams> {
    let mut segments = path.strip_prefix('/')?.split('/');
    let mut params = Vec::new();
    for seg in pattern {
        let raw = segments.next()?;
        match seg {
            Seg::Lit(lit) => {
                if raw != *lit {
                    return None;
                }
            }
            Seg::Str => {
                let decoded = percent_encoding::percent_decode_str(raw).decode_utf8().ok()?;
                if decoded.is_empty() || decoded.contains(['/', '\0']) {
                    return None;
                }
                params.push(PathValue::Str(decoded.into_owned()));
            }
            Seg::Int => {
                if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                params.push(PathValue::Int(raw.parse().ok()?));
            }
        }
    }
    if segments.next().is_some() {
        return None;
    }
    Some(PathParams(params))
}

fn method_filter(method: Method) -> BoxedFilter<()> {
    match method {
        Method::GET => warp::get().or(warp::head()).unify().boxed(),
        Method::POST => warp::post().boxed(),
        Method::PUT => warp::put().boxed(),
        Method::DELETE => warp::delete().boxed(),
        Method::PATCH => warp::patch().boxed(),
        Method::HEAD => warp::head().boxed(),
        Method::OPTIONS => warp::options().boxed(),
        other => warp::method()
            .and_then(move |m: Method| {
                let ok = m == other;
                async move {
                    if ok {
                        Ok(())
                    } else {
                        Err(warp::reject::not_found())
                    }
                }
            })
            .untuple_one()
            .boxed(),
    }
}

/// Path first (no match → 404 rejection), then method (→ 405 rejection). `GET` also answers `HEAD`.
pub fn route(
    method: Method,
    pattern: &'static [Seg],
) -> impl Filter<Extract = (PathParams,), Error = Rejection> + Clone {
    warp::path::full()
        .and_then(move |path: FullPath| async move {
            match_path(pattern, path.as_str()).ok_or_else(warp::reject::not_found)
        })
        .and(method_filter(method))
}

fn raw_query() -> impl Filter<Extract = (Option<String>,), Error = Infallible> + Clone {
    warp::query::raw().map(Some).or(warp::any().map(|| None)).unify()
}

/// The request context: method, raw path and query, headers, remote address.
pub fn context() -> impl Filter<Extract = (RequestContext,), Error = Infallible> + Clone {
    warp::method()
        .and(warp::path::full())
        .and(raw_query())
        .and(warp::header::headers_cloned())
        .and(warp::ext::optional::<crate::server::PeerAddr>())
        .map(
            |method: Method,
             path: FullPath,
             query: Option<String>,
             headers: HeaderMap,
             peer: Option<crate::server::PeerAddr>| {
                let remote_addr = peer.map(|crate::server::PeerAddr(addr)| addr);
                RequestContext { method, path: path.as_str().to_owned(), query, headers, remote_addr }
            },
        )
}

/// An `ApiError` raised before the body is read (session, `Content-Length`), carried as a rejection
/// to the operation's own `recover_deferred`, which turns it into the reply.
#[derive(Debug)]
pub struct Deferred(Mutex<Option<ApiError>>);

impl warp::reject::Reject for Deferred {}

fn deferred(err: impl Into<ApiError>) -> Rejection {
    warp::reject::custom(Deferred(Mutex::new(Some(err.into()))))
}

/// Replies a `Deferred` error; every other rejection goes on (404/405 for the caller's `recover`).
pub async fn recover_deferred(rejection: Rejection) -> Result<Response, Rejection> {
    if let Some(Deferred(slot)) = rejection.find::<Deferred>() {
        let taken = slot.lock().ok().and_then(|mut slot| slot.take());
        if let Some(err) = taken {
            return Ok(warp::Reply::into_response(err));
        }
    }
    Err(rejection)
}

/// A declared `Content-Length` above the limit is refused before anything is read.
fn check_length<H: Handlers>(ctx: &RequestContext, handlers: &H, body: Option<BodyClass>) -> Result<(), Rejection> {
    let Some(class) = body else {
        return Ok(());
    };
    let limit = handlers.body_limits(class).bytes;
    let declared = ctx
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    match declared {
        Some(length) if length > limit => Err(deferred(RequestError::PayloadTooLarge { limit_bytes: limit })),
        _ => Ok(()),
    }
}

/// Context of a public operation.
pub fn public<H: Handlers>(
    handlers: H,
    body: Option<BodyClass>,
) -> impl Filter<Extract = (RequestContext,), Error = Rejection> + Clone {
    context().and_then(move |ctx: RequestContext| {
        let admitted = handlers.admit(&ctx, None);
        let checked = check_length(&ctx, &handlers, body);
        async move {
            admitted.map_err(deferred)?;
            checked?;
            Ok::<_, Rejection>(ctx)
        }
    })
}

/// Context and caller of a session operation; without a session the handler's error is the reply.
pub fn session<H: Handlers>(
    handlers: H,
    body: Option<BodyClass>,
) -> impl Filter<Extract = (RequestContext, CurrentUser), Error = Rejection> + Clone {
    context()
        .and_then(move |ctx: RequestContext| {
            let handlers = handlers.clone();
            async move {
                let user = match handlers.require_session(&ctx).await {
                    Ok(user) => user,
                    Err(err) => {
                        // Writes without a valid session count against the client address.
                        handlers.admit(&ctx, None).map_err(deferred)?;
                        return Err(deferred(err));
                    }
                };
                handlers.admit(&ctx, Some(&user)).map_err(deferred)?;
                check_length(&ctx, &handlers, body)?;
                Ok::<_, Rejection>((ctx, user))
            }
        })
        .untuple_one()
}

/// Context and (maybe) caller of an optional-session operation.
pub fn optional_session<H: Handlers>(
    handlers: H,
    body: Option<BodyClass>,
) -> impl Filter<Extract = (RequestContext, Option<CurrentUser>), Error = Rejection> + Clone {
    context()
        .and_then(move |ctx: RequestContext| {
            let handlers = handlers.clone();
            async move {
                let user = handlers.authenticate(&ctx).await.map_err(deferred)?;
                handlers.admit(&ctx, user.as_ref()).map_err(deferred)?;
                check_length(&ctx, &handlers, body)?;
                Ok::<_, Rejection>((ctx, user))
            }
        })
        .untuple_one()
}

/// A handler's result as a response (`ApiError` replies through its `warp::Reply` impl).
pub fn respond(result: Result<Response, ApiError>) -> Response {
    match result {
        Ok(response) => response,
        Err(err) => warp::Reply::into_response(err),
    }
}

/// All operation filters as one (tried in order; rejections combine as warp does: 405 beats 404).
pub fn one_of(filters: Vec<BoxedFilter<(Response,)>>) -> BoxedFilter<(Response,)> {
    let mut filters = filters.into_iter();
    let Some(first) = filters.next() else {
        return warp::any().and_then(|| async { Err::<Response, _>(warp::reject::not_found()) }).boxed();
    };
    filters.fold(first, |all, next| all.or(next).unify().boxed())
}

// ---------------------------------------------------------------------------------------------------
// Request bodies

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
    fields: Vec<(String, String)>,
    files: Vec<UploadedFile>,
    json: Option<serde_json::Map<String, serde_json::Value>>,
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

/// A decimal integer (optional sign), clamped to the range of `i64`; `None` when it is not one.
fn saturating_int(text: &str) -> Option<i64> {
    use std::num::IntErrorKind;
    match text.parse::<i64>() {
        Ok(value) => Some(value),
        Err(err) => match err.kind() {
            IntErrorKind::PosOverflow => Some(i64::MAX),
            IntErrorKind::NegOverflow => Some(i64::MIN),
            _ => None,
        },
    }
}

fn wrong_type(name: &str, expected: &str) -> RequestError {
    RequestError::MalformedBody(format!("{name} must be {expected}"))
}

/// Text input is never stored or searched with a NUL character: PostgreSQL cannot hold one in a
/// text column, and no name or message needs one.
fn text_value(name: &'static str, value: &str) -> Result<String, RequestError> {
    if value.contains('\0') {
        return Err(RequestError::InvalidField { field: name, reason: "must not contain NUL characters".to_owned() });
    }
    Ok(value.to_owned())
}

impl Body {
    fn empty_json() -> Body {
        Body { json: Some(serde_json::Map::new()), ..Body::default() }
    }

    fn form_value(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// A JSON field as sent. `null` is a value like any other: of the wrong type for every field
    /// that the contract does not mark nullable (those are read by [`Body::nullable_string`]).
    fn json_value(&self, name: &str) -> Option<&serde_json::Value> {
        self.json.as_ref()?.get(name)
    }

    /// A string field; JSON `null` is of the wrong type (400).
    pub fn string(&self, name: &'static str) -> Result<Option<String>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(None),
                Some(serde_json::Value::String(s)) => text_value(name, s).map(Some),
                Some(_) => Err(wrong_type(name, "a string")),
            };
        }
        self.form_value(name).map(|v| text_value(name, v)).transpose()
    }

    /// A nullable string field (`type: [string, "null"]`): `None` absent, `Some(None)` JSON `null`.
    pub fn nullable_string(&self, name: &'static str) -> Result<Option<Option<String>>, RequestError> {
        if let Some(json) = &self.json {
            return match json.get(name) {
                None => Ok(None),
                Some(serde_json::Value::Null) => Ok(Some(None)),
                Some(serde_json::Value::String(s)) => text_value(name, s).map(|s| Some(Some(s))),
                Some(_) => Err(wrong_type(name, "a string or null")),
            };
        }
        self.form_value(name).map(|v| text_value(name, v).map(Some)).transpose()
    }

    /// An integer field; a form value that does not parse is `InvalidField`.
    pub fn int(&self, name: &'static str) -> Result<Option<i64>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(None),
                Some(v) => v.as_i64().map(Some).ok_or_else(|| wrong_type(name, "an integer")),
            };
        }
        match self.form_value(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| RequestError::InvalidField { field: name, reason: "expected an integer".to_owned() }),
        }
    }

    /// An optional integer field: a form value that is empty or does not parse counts as absent
    /// (e.g. `reply_to_id`); JSON of the wrong type is still an error. An integer beyond the range
    /// of `int64` is still an integer (the reference reads it with Python's unbounded `int`): it is
    /// kept at the nearest end of the range, which names nothing, instead of counting as absent.
    pub fn lenient_int(&self, name: &'static str) -> Result<Option<i64>, RequestError> {
        if self.json.is_some() {
            return self.int(name);
        }
        Ok(self.form_value(name).and_then(|v| saturating_int(v.trim())))
    }

    pub fn number(&self, name: &'static str) -> Result<Option<f64>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(None),
                Some(v) => v.as_f64().map(Some).ok_or_else(|| wrong_type(name, "a number")),
            };
        }
        match self.form_value(name) {
            None => Ok(None),
            Some(v) => v
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| RequestError::InvalidField { field: name, reason: "expected a number".to_owned() }),
        }
    }

    pub fn boolean(&self, name: &'static str) -> Result<Option<bool>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(None),
                Some(v) => v.as_bool().map(Some).ok_or_else(|| wrong_type(name, "a boolean")),
            };
        }
        match self.form_value(name).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(None),
            Some(v) => match v.as_str() {
                "true" | "1" | "on" | "yes" => Ok(Some(true)),
                "false" | "0" | "off" | "no" | "" => Ok(Some(false)),
                _ => Err(RequestError::InvalidField { field: name, reason: "expected a boolean".to_owned() }),
            },
        }
    }

    /// A list of strings: every value of a repeated form field, or a JSON array of strings.
    pub fn strings(&self, name: &'static str) -> Result<Vec<String>, RequestError> {
        if self.json.is_some() {
            return match self.json_value(name) {
                None => Ok(Vec::new()),
                Some(serde_json::Value::Array(items)) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .ok_or_else(|| wrong_type(name, "a list of strings"))
                            .and_then(|s| text_value(name, s))
                    })
                    .collect(),
                Some(_) => Err(wrong_type(name, "a list of strings")),
            };
        }
        self.fields.iter().filter(|(k, _)| k == name).map(|(_, v)| text_value(name, v)).collect()
    }

    /// The first file part of a field.
    pub fn file(&mut self, name: &'static str) -> Option<UploadedFile> {
        let index = self.files.iter().position(|f| f.field_name == name)?;
        Some(self.files.remove(index))
    }

    /// Every file part of a (repeated) field, in request order.
    pub fn files(&mut self, name: &'static str) -> Vec<UploadedFile> {
        let (taken, kept) = std::mem::take(&mut self.files).into_iter().partition(|f| f.field_name == name);
        self.files = kept;
        taken
    }
}

/// A required input: absent → `MissingField`.
pub fn require<T>(name: &'static str, value: Option<T>) -> Result<T, RequestError> {
    value.ok_or(RequestError::MissingField(name))
}

/// Query parameters (`serde_urlencoded`; unknown keys are ignored; the first value of a key wins).
#[derive(Debug, Default)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        Query(raw.and_then(|q| serde_urlencoded::from_str(q).ok()).unwrap_or_default())
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Query values are never stored, so a NUL in one is just a character (a search for it finds
    /// nothing).
    pub fn string(&self, name: &'static str) -> Result<Option<String>, RequestError> {
        Ok(self.value(name).map(str::to_owned))
    }

    pub fn int(&self, name: &'static str) -> Result<Option<i64>, RequestError> {
        self.value(name)
            .map(|v| {
                v.trim()
                    .parse()
                    .map_err(|_| RequestError::InvalidField { field: name, reason: "expected an integer".to_owned() })
            })
            .transpose()
    }

    pub fn number(&self, name: &'static str) -> Result<Option<f64>, RequestError> {
        self.value(name)
            .map(|v| {
                v.trim()
                    .parse()
                    .map_err(|_| RequestError::InvalidField { field: name, reason: "expected a number".to_owned() })
            })
            .transpose()
    }

    pub fn boolean(&self, name: &'static str) -> Result<Option<bool>, RequestError> {
        self.value(name)
            .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "on" | "yes" => Ok(true),
                "false" | "0" | "off" | "no" | "" => Ok(false),
                _ => Err(RequestError::InvalidField { field: name, reason: "expected a boolean".to_owned() }),
            })
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_compact_ascii_with_newline() {
        let value = serde_json::json!({"a": "é😀\u{7f}", "b": [1, 2.5]});
        let bytes = to_json_bytes(&value).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), "{\"a\":\"\\u00e9\\ud83d\\ude00\\u007f\",\"b\":[1,2.5]}\n");
    }

    #[test]
    fn paths_match_exactly() {
        const P: &[Seg] = &[Seg::Lit("message"), Seg::Int];
        assert_eq!(match_path(P, "/message/42").unwrap().int(0), 42);
        assert!(match_path(P, "/message/-1").is_none());
        assert!(match_path(P, "/message/+1").is_none());
        assert!(match_path(P, "/message/4x").is_none());
        assert!(match_path(P, "/message/99999999999999999999").is_none());
        assert!(match_path(P, "/message/42/").is_none());
        assert!(match_path(P, "/message").is_none());
        const S: &[Seg] = &[Seg::Lit("messages"), Seg::Str];
        assert_eq!(match_path(S, "/messages/dm%3Aa%3Ab").unwrap().string(0), "dm:a:b");
        assert!(match_path(S, "/messages/a%2Fb").is_none());
        assert!(match_path(S, "/messages/").is_none());
    }

    #[test]
    fn text_with_a_nul_character_is_refused_wherever_it_comes_from() {
        fn refused<T>(result: Result<T, RequestError>) -> bool {
            matches!(result, Err(RequestError::InvalidField { field: "t", .. }))
        }
        let form = Body { fields: vec![("t".into(), "a\0b".into())], ..Body::default() };
        assert!(refused(form.string("t")));
        assert!(refused(form.nullable_string("t")));
        assert!(refused(form.strings("t")));
        let json = Body {
            json: Some(serde_json::json!({"t": ["ok", "a\u{0}"]}).as_object().unwrap().clone()),
            ..Body::default()
        };
        assert!(refused(json.strings("t")));
        let json =
            Body { json: Some(serde_json::json!({"t": "\u{0}"}).as_object().unwrap().clone()), ..Body::default() };
        assert!(refused(json.string("t")));
        assert!(refused(json.nullable_string("t")));
        const S: &[Seg] = &[Seg::Lit("profile"), Seg::Str];
        assert!(match_path(S, "/profile/a%00b").is_none(), "no name holds a NUL: not found");
    }

    #[test]
    fn form_and_json_accessors() {
        let form = Body { fields: vec![("n".into(), " 7 ".into()), ("bad".into(), "x".into())], ..Body::default() };
        assert_eq!(form.int("n").unwrap(), Some(7));
        assert!(matches!(form.int("bad"), Err(RequestError::InvalidField { field: "bad", .. })));
        assert_eq!(form.lenient_int("bad").unwrap(), None);
        let huge = Body {
            fields: vec![
                ("up".into(), " 99999999999999999999 ".into()),
                ("down".into(), "-9223372036854775809".into()),
            ],
            ..Body::default()
        };
        assert_eq!(huge.lenient_int("up").unwrap(), Some(i64::MAX));
        assert_eq!(huge.lenient_int("down").unwrap(), Some(i64::MIN));
        let json = Body {
            json: Some(serde_json::json!({"s": 1, "l": ["a"], "z": null}).as_object().unwrap().clone()),
            ..Body::default()
        };
        assert_eq!(json.string("s").unwrap_err().to_string(), "invalid body: s must be a string");
        assert_eq!(json.strings("l").unwrap(), vec!["a".to_owned()]);
        assert_eq!(json.string("z").unwrap_err().to_string(), "invalid body: z must be a string");
        assert_eq!(json.string("missing").unwrap(), None);
        assert_eq!(json.nullable_string("z").unwrap(), Some(None));
        assert_eq!(json.nullable_string("missing").unwrap(), None);
        assert_eq!(require("x", None::<String>).unwrap_err(), RequestError::MissingField("x"));
    }

    #[test]
    fn query_ignores_unknown_keys() {
        let q = Query::parse(Some("after=NaN&x=1&after=2"));
        assert_eq!(q.string("after").unwrap().as_deref(), Some("NaN"));
        assert_eq!(q.string("nope").unwrap(), None);
    }
}
