//! Which `Range` header a download honours: the one piece of range handling that reads request
//! headers (what a range means for a file of a known size is [`crate::domain::ranges`]).
use warp::http::HeaderMap;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// The `Range` value that applies to the current version of a file, named by its `ETag` and
/// `Last-Modified`: every `Range` without `If-Range`, or with an `If-Range` naming this version
/// (its strong `ETag`, or exactly its `Last-Modified`). Otherwise the client's part is of another
/// version, so it gets the whole file (RFC 9110 §13.1.5).
pub fn requested_range<'a>(headers: &'a HeaderMap, etag: &str, last_modified: &str) -> Option<&'a str> {
    let applies = match header(headers, "if-range").map(str::trim) {
        None => true,
        Some(tag) if tag.starts_with('"') => tag == etag,
        Some(date) => date == last_modified,
    };
    applies.then(|| header(headers, "range")).flatten()
}
