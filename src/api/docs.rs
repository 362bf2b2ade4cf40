//! `/api/openapi.json` (the document generated from the spec, served through utoipa) and the
//! interactive docs at `/api/docs`, whose assets are embedded so the page works offline.
use std::sync::Arc;

use warp::http::{header, HeaderValue, StatusCode};
use warp::reply::Response;
use warp::Filter;

use super::generated::openapi::openapi;

/// The policy of the docs pages: Swagger UI's scripts and styles come from `/api/docs/` only, its
/// icons are `data:` images, and "Try it out" talks to this server alone. Swagger UI sets inline
/// styles, the one thing the app's own policy (`web::CONTENT_SECURITY_POLICY`) does not allow.
pub const DOCS_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/// The headers of every `/api/docs` answer: no framing, no sniffing, the docs policy.
fn with_docs_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CONTENT_SECURITY_POLICY));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    response
}

pub fn routes() -> warp::filters::BoxedFilter<(Response,)> {
    let document: Arc<Vec<u8>> =
        Arc::new(serde_json::to_vec(&openapi()).expect("the generated OpenAPI document serialises"));
    let spec = warp::path!("api" / "openapi.json").and(warp::get().or(warp::head()).unify()).map(move || {
        let mut response = Response::new(document.as_ref().clone().into());
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        response
    });

    let config = Arc::new(
        utoipa_swagger_ui::Config::new(["/api/openapi.json"])
            // The validator badge would send the document to an outside service.
            .validator_url("none")
            .try_it_out_enabled(true),
    );
    let ui = warp::path("api")
        .and(warp::path("docs"))
        .and(warp::path::full())
        .and(warp::path::tail())
        .and(warp::get().or(warp::head()).unify())
        .and_then(move |full: warp::path::FullPath, tail: warp::path::Tail| {
            let config = config.clone();
            async move {
                // Relative asset links in the page only resolve below `/api/docs/`.
                if full.as_str() == "/api/docs" {
                    let mut response = Response::new("".into());
                    *response.status_mut() = StatusCode::MOVED_PERMANENTLY;
                    response.headers_mut().insert(header::LOCATION, HeaderValue::from_static("/api/docs/"));
                    return Ok(response);
                }
                let file = utoipa_swagger_ui::serve(tail.as_str(), config)
                    .map_err(|_| warp::reject::not_found())?
                    .ok_or_else(warp::reject::not_found)?;
                let mut response = Response::new(file.bytes.into_owned().into());
                if let Ok(value) = HeaderValue::from_str(&file.content_type) {
                    response.headers_mut().insert(header::CONTENT_TYPE, value);
                }
                Ok::<_, warp::Rejection>(response)
            }
        })
        .map(with_docs_headers);
    spec.or(ui).unify().boxed()
}
