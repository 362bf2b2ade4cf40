//! Request guards that apply to every route: cross-site protection and error rendering.
use warp::http::{header, HeaderMap, Method, StatusCode};
use warp::reply::Response;
use warp::{Filter, Rejection};

use super::error::ApiError;
use super::generated::routes::ROUTES;
use super::http::path::match_path;

#[derive(Debug)]
struct CrossSite;
impl warp::reject::Reject for CrossSite {}

/// Refuses state-changing requests that a browser sent from another site: `Sec-Fetch-Site:
/// cross-site`, or an `Origin` that is not this server's. Requests without either header (curl,
/// scripts, old browsers on same-origin forms) pass; SameSite=Lax cookies cover the rest.
pub fn same_site_only() -> impl Filter<Extract = (), Error = Rejection> + Clone {
    warp::method()
        .and(warp::header::headers_cloned())
        .and_then(|method: Method, headers: HeaderMap| async move {
            if is_cross_site(&method, &headers) {
                Err(warp::reject::custom(CrossSite))
            } else {
                Ok(())
            }
        })
        .untuple_one()
}

fn is_cross_site(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE) {
        return false;
    }
    let header_text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if header_text("sec-fetch-site").is_some_and(|site| site.eq_ignore_ascii_case("cross-site")) {
        return true;
    }
    match header_text("origin") {
        None => false,
        // Sandboxed frames and privacy modes send a literal "null" origin: never our own page.
        Some("null") => true,
        Some(origin) => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
            let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
            !origin_host.eq_ignore_ascii_case(host)
        }
    }
}

fn text(status: StatusCode, body: &'static str) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    response
}

/// Turns the rejections left after routing into clear text answers; never a 500 for bad input.
pub async fn recover(rejection: Rejection) -> Result<Response, std::convert::Infallible> {
    let response = if rejection.find::<CrossSite>().is_some() {
        text(StatusCode::FORBIDDEN, "forbidden")
    } else if rejection.is_not_found() {
        text(StatusCode::NOT_FOUND, "not found")
    } else if rejection.find::<warp::reject::MethodNotAllowed>().is_some() {
        text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed")
    } else if rejection.find::<warp::reject::PayloadTooLarge>().is_some() {
        text(StatusCode::PAYLOAD_TOO_LARGE, "request body too large")
    } else if rejection.find::<warp::reject::LengthRequired>().is_some() {
        text(StatusCode::LENGTH_REQUIRED, "length required")
    } else if rejection.find::<warp::reject::UnsupportedMediaType>().is_some() {
        text(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported media type")
    } else if rejection.find::<warp::reject::InvalidQuery>().is_some()
        || rejection.find::<warp::reject::InvalidHeader>().is_some()
        || rejection.find::<warp::reject::MissingHeader>().is_some()
        || rejection.find::<warp::reject::MissingCookie>().is_some()
    {
        text(StatusCode::BAD_REQUEST, "bad request")
    } else {
        tracing::error!(?rejection, "unhandled rejection");
        return Ok(warp::Reply::into_response(ApiError::Internal(anyhow::anyhow!(
            "unhandled rejection: {rejection:?}"
        ))));
    };
    Ok(response)
}

/// The methods `path` answers, for the `Allow` header of a 405: every operation of the contract
/// whose path pattern matches (`GET` brings `HEAD`), and `GET, HEAD` for the documentation and the
/// static assets, which are not operations of the contract.
pub fn allowed_methods(path: &str) -> Vec<&'static str> {
    const ORDER: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
    let mut methods: Vec<&'static str> = Vec::new();
    for route in ROUTES.iter().filter(|route| match_path(route.pattern, path).is_some()) {
        methods.push(route.method);
        if route.method == "GET" {
            methods.push("HEAD");
        }
    }
    let read_only = path == "/api/openapi.json"
        || path == "/api/docs"
        || path.starts_with("/api/docs/")
        || path.starts_with("/static/");
    if methods.is_empty() && read_only {
        methods.extend(["GET", "HEAD"]);
    }
    methods.sort_by_key(|method| ORDER.iter().position(|known| known == method).unwrap_or(ORDER.len()));
    methods.dedup();
    methods
}

/// What every answer gets on its way out, whoever made it: `X-Content-Type-Options: nosniff`, and
/// on a 405 the `Allow` header naming the methods of the path (RFC 9110 requires it).
pub fn finish(path: &str, mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.entry(header::X_CONTENT_TYPE_OPTIONS).or_insert(header::HeaderValue::from_static("nosniff"));
    if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        let allow = allowed_methods(path).join(", ");
        if let Ok(value) = header::HeaderValue::from_str(&allow) {
            response.headers_mut().insert(header::ALLOW, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn cross_site_posts_are_refused_and_same_origin_ones_pass() {
        let post = Method::POST;
        assert!(is_cross_site(&post, &headers(&[("host", "chat.example"), ("origin", "https://evil.example")])));
        assert!(is_cross_site(&post, &headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&post, &headers(&[("origin", "null")])));
        assert!(!is_cross_site(&post, &headers(&[("host", "chat.example"), ("origin", "https://chat.example")])));
        assert!(!is_cross_site(&post, &headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&post, &headers(&[])));
        assert!(!is_cross_site(&Method::GET, &headers(&[("sec-fetch-site", "cross-site")])));
    }

    #[test]
    fn allow_lists_the_methods_of_the_path() {
        assert_eq!(allowed_methods("/login"), ["GET", "HEAD", "POST"]);
        assert_eq!(allowed_methods("/delete/7"), ["POST"]);
        assert_eq!(allowed_methods("/typing/general"), ["GET", "HEAD", "POST"]);
        assert_eq!(allowed_methods("/avatar"), ["POST", "DELETE"]);
        assert_eq!(allowed_methods("/"), ["GET", "HEAD"]);
        assert_eq!(allowed_methods("/api/docs/"), ["GET", "HEAD"]);
        assert_eq!(allowed_methods("/static/app.css"), ["GET", "HEAD"]);
        assert!(allowed_methods("/delete/-1").is_empty());
        assert!(allowed_methods("/nowhere").is_empty());
    }
}
