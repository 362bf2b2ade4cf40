//! The request context every handler receives, and the warp filter that builds it.
use std::convert::Infallible;
use std::net::SocketAddr;

use warp::filters::path::FullPath;
use warp::http::{HeaderMap, Method};
use warp::Filter;

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
