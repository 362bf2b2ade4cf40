//! `GET /metrics` for Prometheus, on the operator's own address (`--metrics-bind`), never on the
//! chat's: the metrics tell how busy the server is and how many logins fail, which is nobody
//! else's business. Nothing there is per user.
use warp::http::header::CONTENT_TYPE;
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

/// `GET /metrics`; every other request is a 404.
pub fn routes(
    services: Services,
) -> impl Filter<Extract = (impl warp::Reply,), Error = std::convert::Infallible> + Clone + Send + Sync + 'static {
    let scrape = warp::path!("metrics").and(warp::get()).map(move || {
        let mut response = Response::new(metrics().render(&gauges(&services)));
        response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(CONTENT));
        response.into_response()
    });
    let not_found = warp::any().map(|| StatusCode::NOT_FOUND.into_response());
    scrape.or(not_found).unify()
}
