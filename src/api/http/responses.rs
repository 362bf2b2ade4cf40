//! Responses: the body types handlers answer with, the JSON writer, one constructor per body kind,
//! documented headers, and how an operation's typed response (or its error) becomes the HTTP answer.
use std::sync::Mutex;

use bytes::Bytes;
use warp::http::{header, HeaderValue, StatusCode};
use warp::reply::Response;

use crate::api::error::ApiError;
use crate::service::Denied;

/// An HTML page (`text/html; charset=utf-8`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Html(pub String);

/// A binary body with its concrete content type (`image/png`, …), streamed: its length is known
/// before its bytes (`Content-Length`, also answering `HEAD`), which are read chunk by chunk as they
/// are sent, and not at all for `HEAD`. The stream cannot be cloned, so it is taken out exactly
/// once, when the response is sent.
#[derive(Clone)]
pub struct Binary {
    pub content_type: String,
    pub length: u64,
    stream: std::sync::Arc<Mutex<Option<BodyStream>>>,
}

/// A body's bytes, chunk after chunk; an error ends the body early (the client sees a connection
/// closed before `Content-Length` bytes).
pub type BodyStream = futures_util::stream::BoxStream<'static, anyhow::Result<Bytes>>;

impl Binary {
    pub fn streamed(content_type: impl Into<String>, length: u64, stream: BodyStream) -> Binary {
        Binary { content_type: content_type.into(), length, stream: std::sync::Arc::new(Mutex::new(Some(stream))) }
    }
}

impl std::fmt::Debug for Binary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Binary").field("content_type", &self.content_type).field("length", &self.length).finish()
    }
}

/// A stream that warp accepts as a body (which must be `Sync`): polling needs `&mut self` anyway,
/// so the mutex is never locked, only there to make a `Send` stream `Sync`.
struct SyncStream<S>(Mutex<S>);

impl<S: futures_util::Stream + Unpin> futures_util::Stream for SyncStream<S> {
    type Item = S::Item;

    fn poll_next(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let inner = self.get_mut().0.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
        std::pin::Pin::new(inner).poll_next(cx)
    }
}

/// like Python's `json.dumps(ensure_ascii=True)`.
struct AsciiFormatter;

impl serde_json::ser::Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Most text is plain ASCII: one pass over the bytes, then one copy.
        if fragment.bytes().all(|byte| byte < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_ascii() && c != '\x7f' {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..i])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
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
    use futures_util::TryStreamExt;
    let taken = body.stream.lock().ok().and_then(|mut slot| slot.take());
    let Some(stream) = taken else {
        return with_body(500, "text/plain; charset=utf-8", Bytes::from_static(b"body already sent"));
    };
    let stream = stream.inspect_err(|err| tracing::warn!(error = %format!("{err:#}"), "a file body ended early"));
    let mut response = warp::Reply::into_response(warp::reply::stream(SyncStream(Mutex::new(stream))));
    *response.status_mut() = status(code);
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&body.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.length));
    response
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

/// A documented response header's value: one (`String`), maybe one (`Option<String>`) or one line
/// per value (`Vec<String>`, e.g. `Set-Cookie`). A value that is not a valid header value is dropped
/// (and logged).
pub trait HeaderValues {
    fn put(self, response: &mut Response, name: &'static str);
}

impl HeaderValues for String {
    fn put(self, response: &mut Response, name: &'static str) {
        match HeaderValue::try_from(self) {
            Ok(value) => {
                response.headers_mut().insert(name, value);
            }
            Err(_) => tracing::error!(header = name, "dropping an invalid response header value"),
        }
    }
}

impl HeaderValues for Option<String> {
    fn put(self, response: &mut Response, name: &'static str) {
        if let Some(value) = self {
            value.put(response, name);
        }
    }
}

impl HeaderValues for Vec<String> {
    fn put(self, response: &mut Response, name: &'static str) {
        for value in self {
            match HeaderValue::try_from(value) {
                Ok(value) => {
                    response.headers_mut().append(name, value);
                }
                Err(_) => tracing::error!(header = name, "dropping an invalid response header value"),
            }
        }
    }
}

/// Adds documented headers to a response: `html_response(302, body).with("location", location)`.
pub trait WithHeader {
    fn with(self, name: &'static str, value: impl HeaderValues) -> Self;
}

impl WithHeader for Response {
    fn with(mut self, name: &'static str, value: impl HeaderValues) -> Response {
        value.put(&mut self, name);
        self
    }
}

/// An operation's response enum (one variant per documented status).
pub trait OpResponse: Sized {
    /// The HTTP response: status, `Content-Type`, documented headers, body.
    fn into_response(self) -> Response;

    /// The operation's own variant for an access denial, when it documents the denial's status.
    fn from_denied(_denied: &Denied) -> Option<Self> {
        None
    }
}

/// A handler's result as the answer: its response, a denial as the operation's documented variant,
/// any other error as the caller renders it.
pub fn answer<R: OpResponse>(result: Result<R, ApiError>) -> Result<Response, ApiError> {
    match result {
        Ok(response) => Ok(response.into_response()),
        Err(ApiError::Denied(denied)) => match R::from_denied(&denied) {
            Some(response) => Ok(response.into_response()),
            None => Err(ApiError::Denied(denied)),
        },
        Err(err) => Err(err),
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
}
