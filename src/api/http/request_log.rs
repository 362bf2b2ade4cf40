//! One log line per API request, and the request id that ties every line of a request together:
//! taken from the client's `X-Request-Id` when it is a plain token, generated otherwise, returned in
//! the answer's `X-Request-Id`, and a field of the request's span (so every line logged while the
//! request runs carries it); the answer's line adds the operation, the user id when known, the
//! status and the duration. Never a password, a cookie or message text.
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
        _ => fresh_id(),
    }
}

/// This process's 64 random bits, then a count of the requests it has numbered: 32 hex digits,
/// unique across processes and restarts without drawing random numbers per request.
fn fresh_id() -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    static PROCESS: std::sync::LazyLock<u64> = std::sync::LazyLock::new(rand::random);
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut id = String::with_capacity(32);
    for value in [*PROCESS, count] {
        for nibble in (0..16).rev() {
            id.push(char::from(DIGITS[((value >> (nibble * 4)) & 15) as usize]));
        }
    }
    id
}

fn is_plain_token(id: &str) -> bool {
    (1..=MAX_REQUEST_ID).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The span a request runs in. Each span field costs every request its formatting, so it holds
/// only the id; the operation and the user are in the answer's line.
pub fn span(request_id: &str) -> tracing::Span {
    // Display (`%`), not Debug: the id is a plain token, and Debug's escaping of every character
    // was most of the span's cost.
    tracing::info_span!("request", request_id = %request_id)
}

/// What the answer's line tells besides the status.
#[derive(Debug, Clone, Copy)]
pub struct Answered {
    pub operation: &'static str,
    /// The signed-in caller, when the request had a valid session.
    pub user_id: Option<i64>,
    pub elapsed: Duration,
}

/// Logs the answer (inside the request's span) and hands the id back to the client. Failures are
/// logged at `info` (`error` for a 5xx), successes at `debug`, so a busy server's log is not one
/// line per poll unless asked for (`RUST_LOG=minimost=debug`).
pub fn finish(response: &mut Response, answered: Answered, request_id: &str) {
    let Answered { operation, user_id, elapsed } = answered;
    let status = response.status().as_u16();
    let millis = elapsed.as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::event!(Level::ERROR, operation, user_id, status, millis, "answered");
    } else if status >= 400 {
        tracing::event!(Level::INFO, operation, user_id, status, millis, "answered");
    } else {
        tracing::event!(Level::DEBUG, operation, user_id, status, millis, "answered");
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
