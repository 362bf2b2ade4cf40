//! `GET /metrics` for Prometheus, on the operator's own address (`--metrics-bind`), never on the
//! chat's: the metrics tell how busy the server is and how many logins fail, which is nobody
//! else's business. Nothing there is per user. A token (`MINIMOST_METRICS_TOKEN`) adds a bearer
//! check, for a metrics address that more than the scraper can reach.
use subtle::ConstantTimeEq;
use warp::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use warp::http::{HeaderValue, Response, StatusCode};
use warp::{Filter, Reply};

use crate::metrics::{metrics, Gauges};
use crate::service::Services;

/// The exposition format's media type (Prometheus text format 0.0.4).
const CONTENT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The live state the gauges show.
fn gauges(services: &Services) -> Gauges {
    let bus = services.events.bus();
    let (pool_connections, pool_idle_connections) = services.store.pool_state();
    Gauges {
        open_streams: bus.subscribers(),
        replay_history_events: bus.history_len(),
        replay_history_bytes: bus.history_bytes(),
        pool_connections,
        pool_idle_connections,
        password_hashes_in_flight: services.hashing.admitted(),
    }
}

/// Whether `authorization` (the header's value) is `Bearer <token>`, compared in constant time.
fn bearer_matches(authorization: Option<&str>, token: &str) -> bool {
    let given = authorization.and_then(|value| value.strip_prefix("Bearer ")).unwrap_or_default();
    given.len() == token.len() && bool::from(given.as_bytes().ct_eq(token.as_bytes()))
}

/// `GET /metrics`, with `Authorization: Bearer <token>` when the operator set a token (else 401);
/// every other request is a 404.
pub fn routes(
    services: Services,
    token: Option<String>,
) -> impl Filter<Extract = (impl warp::Reply,), Error = std::convert::Infallible> + Clone + Send + Sync + 'static {
    let scrape = warp::path!("metrics").and(warp::get()).and(warp::header::optional::<String>("authorization")).map(
        move |authorization: Option<String>| {
            if let Some(token) = &token {
                if !bearer_matches(authorization.as_deref(), token) {
                    let mut refused = StatusCode::UNAUTHORIZED.into_response();
                    refused.headers_mut().insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                    return refused;
                }
            }
            let mut response = Response::new(metrics().render(&gauges(&services)));
            response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT));
            response.into_response()
        },
    );
    let not_found = warp::any().map(|| StatusCode::NOT_FOUND.into_response());
    scrape.or(not_found).unify()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_bearer_token_passes() {
        assert!(bearer_matches(Some("Bearer s3cret-token"), "s3cret-token"));
        for wrong in [
            None,
            Some(""),
            Some("Bearer"),
            Some("Bearer s3cret-toke"),
            Some("bearer s3cret-token"),
            Some("s3cret-token"),
            Some("Bearer s3cret-token2"),
        ] {
            assert!(!bearer_matches(wrong, "s3cret-token"), "{wrong:?}");
        }
    }
}
