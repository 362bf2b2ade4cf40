//! The one place that turns failures into HTTP responses.
use warp::http::{header, StatusCode};
use warp::reply::Response;

use super::http::request_error::RequestError;
use crate::service::{self, Denied, Failure};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Not logged in: a login redirect for browsers, 401 JSON for JSON clients.
    #[error("unauthenticated")]
    Unauthenticated { wants_json: bool },
    #[error(transparent)]
    Request(#[from] RequestError),
    #[error("not found")]
    NotFound,
    /// A conversation out of the caller's reach. An operation that documents the matching status
    /// answers with its own variant; otherwise this renders the reference's text answer.
    #[error("denied: {0:?}")]
    Denied(Denied),
    /// A bounded resource (password hashing slots) is exhausted: 503 with `Retry-After`.
    #[error("server busy")]
    Busy,
    /// Over a rate limit; the client may retry after this many seconds.
    #[error("too many requests")]
    TooManyRequests { retry_after_seconds: u64 },
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

/// The body of every redirect to the sign-in page (not signed in, signed out).
pub const LOGIN_REDIRECT_BODY: &str =
    "<!doctype html>\n<title>Redirecting</title>\n<p>Redirecting to <a href=\"/login\">/login</a>.</p>\n";

fn text(status: StatusCode, body: impl Into<String>) -> Response {
    let mut response = Response::new(body.into().into());
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

impl From<Denied> for ApiError {
    fn from(denied: Denied) -> Self {
        ApiError::Denied(denied)
    }
}

impl From<service::Error> for ApiError {
    fn from(error: service::Error) -> Self {
        match error {
            service::Error::Denied(denied) => ApiError::Denied(denied),
            service::Error::Busy => ApiError::Busy,
            service::Error::Internal(err) => ApiError::Internal(err),
        }
    }
}

/// A handler's answer to a service outcome: success and the operation's own refusals become
/// response variants; a shared failure becomes the [`ApiError`] that renders it.
pub fn answer<T, R, Response>(
    outcome: Result<T, Failure<R>>,
    ok: impl FnOnce(T) -> Response,
    refused: impl FnOnce(R) -> Response,
) -> Result<Response, ApiError> {
    match outcome {
        Ok(value) => Ok(ok(value)),
        Err(Failure::Refused(reason)) => Ok(refused(reason)),
        Err(Failure::Error(error)) => Err(error.into()),
    }
}

impl warp::Reply for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Unauthenticated { wants_json: true } => {
                let mut response = text(StatusCode::UNAUTHORIZED, "{\"error\":\"unauthenticated\"}\n");
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/json"));
                response
            }
            ApiError::Unauthenticated { wants_json: false } => {
                // A browser-facing redirect: a small HTML page with the link, as the contract's
                // LoginRedirect says (the page headers of HTML answers are added by the caller).
                let mut response = text(StatusCode::FOUND, LOGIN_REDIRECT_BODY);
                let headers = response.headers_mut();
                headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/html; charset=utf-8"));
                headers.insert(header::LOCATION, header::HeaderValue::from_static("/login"));
                response
            }
            ApiError::Request(RequestError::PayloadTooLarge { limit_bytes }) => {
                let limit = if limit_bytes >= 1024 * 1024 {
                    format!("{} MB", limit_bytes / (1024 * 1024))
                } else {
                    format!("{limit_bytes} bytes")
                };
                text(StatusCode::PAYLOAD_TOO_LARGE, format!("request too large (max {limit})"))
            }
            ApiError::Request(err @ RequestError::TooManyParts { .. }) => {
                text(StatusCode::PAYLOAD_TOO_LARGE, err.to_string())
            }
            ApiError::Request(RequestError::UnsupportedMediaType(kind)) => {
                text(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("unsupported content type: {kind}"))
            }
            ApiError::Request(err) => text(StatusCode::BAD_REQUEST, err.to_string()),
            ApiError::NotFound => text(StatusCode::NOT_FOUND, "not found"),
            ApiError::Denied(denied) => {
                let (code, body) = denied.status_and_text();
                text(StatusCode::from_u16(code).unwrap_or(StatusCode::FORBIDDEN), body)
            }
            ApiError::Busy => {
                let mut response = text(StatusCode::SERVICE_UNAVAILABLE, "server busy, try again");
                response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
                response
            }
            ApiError::TooManyRequests { retry_after_seconds } => {
                let mut response = text(StatusCode::TOO_MANY_REQUESTS, "too many requests");
                response.headers_mut().insert(header::RETRY_AFTER, header::HeaderValue::from(retry_after_seconds));
                response
            }
            ApiError::Internal(err) => {
                tracing::error!(error = %format!("{err:#}"), "internal error");
                text(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(error: ApiError) -> u16 {
        warp::Reply::into_response(error).status().as_u16()
    }

    #[test]
    fn a_service_failure_becomes_the_error_of_its_kind() {
        let denied = ApiError::from(service::Error::Denied(Denied::UnknownUser));
        assert!(matches!(denied, ApiError::Denied(Denied::UnknownUser)));
        assert_eq!(status(denied), 404);
        assert!(matches!(ApiError::from(service::Error::Busy), ApiError::Busy));
        assert!(matches!(ApiError::from(service::Error::Internal(anyhow::anyhow!("x"))), ApiError::Internal(_)));
    }

    #[test]
    fn answer_keeps_refusals_as_responses_and_shared_failures_as_errors() {
        let refused: Result<(), Failure<&str>> = Err(Failure::Refused("empty"));
        assert_eq!(answer(refused, |()| "ok".to_string(), |why| format!("refused: {why}")).unwrap(), "refused: empty");
        let ok: Result<u8, Failure<&str>> = Ok(7);
        assert_eq!(answer(ok, |n| n.to_string(), |why| why.to_string()).unwrap(), "7");
        let failed: Result<(), Failure<&str>> = Err(Failure::Error(service::Error::Denied(Denied::Forbidden)));
        let error = answer(failed, |()| String::new(), |why| why.to_string()).unwrap_err();
        assert_eq!(status(error), 403);
    }
}
