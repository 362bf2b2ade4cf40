//! One log line per API request, and the request id that ties every line of a request together:
//! taken from the client's `X-Request-Id` when it is a plain token, generated otherwise, returned in
//! the answer's `X-Request-Id`, and a field of the request's span (so every line logged while the
//! request runs carries it, with the user id once the session is known). Lines carry the operation,
//! status and duration: never a password, a cookie or message text.
use std::time::Duration;

use tracing::Level;
use warp::http::{HeaderMap, HeaderValue};
use warp::reply::Response;

pub const REQUEST_ID_HEADER: &str = "x-request-id";
/// The longest client-given id kept (a longer one is replaced).
const MAX_REQUEST_ID: usize = 64;

/// The client's id when it is a plain token (letters, digits, `-`, `_`, `.`; at most 64), so a
/// header cannot forge or bloat log lines; a fresh one otherwise.
pub fn request_id(headers: &HeaderMap) -> String {
    let given = headers.get(REQUEST_ID_HEADER).and_then(|value| value.to_str().ok());
    match given {
        Some(id) if is_plain_token(id) => id.to_owned(),
        _ => uuid::Uuid::new_v4().simple().to_string(),
    }
}

fn is_plain_token(id: &str) -> bool {
    (1..=MAX_REQUEST_ID).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The span a request runs in; `user_id` is recorded once the session is known.
pub fn span(request_id: &str, operation: &'static str) -> tracing::Span {
    tracing::info_span!("request", request_id, operation, user_id = tracing::field::Empty)
}

/// Logs the answer (inside the request's span) and hands the id back to the client. Failures are
/// logged at `info` (`error` for a 5xx), successes at `debug`, so a busy server's log is not one
/// line per poll unless asked for (`RUST_LOG=minimost=debug`).
pub fn finish(response: &mut Response, request_id: &str, elapsed: Duration) {
    let status = response.status().as_u16();
    let millis = elapsed.as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::event!(Level::ERROR, status, millis, "answered");
    } else if status >= 400 {
        tracing::event!(Level::INFO, status, millis, "answered");
    } else {
        tracing::event!(Level::DEBUG, status, millis, "answered");
    }
    if let Ok(value) = HeaderValue::from_str(request_id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_header(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(REQUEST_ID_HEADER, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn a_plain_client_id_is_kept_and_anything_else_replaced() {
        assert_eq!(request_id(&with_header("abc-123_x.y")), "abc-123_x.y");
        for bad in ["", "two words", "line\tbreak", "quote\"d", &"x".repeat(65)] {
            let id = request_id(&with_header(bad));
            assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{bad:?} → {id}");
        }
        assert_ne!(request_id(&HeaderMap::new()), request_id(&HeaderMap::new()), "fresh ids differ");
    }

    proptest! {
        #[test]
        fn every_request_id_is_a_plain_token(value in "[ -~]{0,80}") {
            let id = request_id(&with_header(&value));
            prop_assert!(is_plain_token(&id), "{:?} → {:?}", value, id);
        }
    }
}
